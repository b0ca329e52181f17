// Deletes at most $limit idempotency records claimed before $expiredBefore (older than the
// TTL), the oldest first, found through the index on claimedAt. Every claim runs it with a
// small limit, so the records stay near one day's worth of keys without any claim paying
// for a long sweep; the daily prune runs it in a loop of transactions until one deletes
// fewer than $limit. A record that a concurrent prune deleted first is no error: Neo4j takes deleting a node
// that another transaction has deleted as done. Returns how many it deleted.
MATCH (k:IdempotencyKey)
WHERE k.claimedAt < $expiredBefore
WITH k
ORDER BY k.claimedAt
LIMIT $limit
DELETE k
RETURN count(k) AS pruned
