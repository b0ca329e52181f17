// Claims an idempotency key, or returns the record that holds it, in one statement that is
// safe against any number of concurrent claims of the key. MERGE on the idempotency_key
// uniqueness constraint makes concurrent first claims yield one node: one transaction
// creates it (isNew), the others wait on the constraint's index entry until it commits and
// then match it. A matching claim first takes the node's write lock (SET writeLock) and
// only then reads the record, so that it reads what the last claim committed and no other
// claim can change it before this one commits: of two claims of a stale record, exactly
// one takes it over. A record is stale, and free to claim, when it was claimed before
// $expiredBefore (it is older than the TTL), or is still pending and was claimed before
// $pendingBefore. A claim overwrites the whole record, $claim (the claimant's own random
// value, which completing and releasing compare) included. Returns one record: claimed,
// true when this call now holds the key, and the record node.
MERGE (k:IdempotencyKey {key: $key})
  ON CREATE SET k.isNew = true
  ON MATCH SET k.writeLock = true
WITH k, coalesce(k.isNew, false)
        OR k.claimedAt < $expiredBefore
        OR (NOT k.done AND k.claimedAt < $pendingBefore) AS claimed
REMOVE k.isNew, k.writeLock
FOREACH (record IN CASE WHEN claimed THEN [k] ELSE [] END |
  SET record.requestHash = $requestHash,
      record.claim = $claim,
      record.done = false,
      record.claimedAt = $now,
      record.status = null,
      record.header = null,
      record.body = null,
      record.completedAt = null)
RETURN claimed, k AS record
