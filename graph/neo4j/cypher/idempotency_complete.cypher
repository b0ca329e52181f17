// Stores the response to replay for an idempotency key, done at $now. The record keeps the
// claim's claimedAt, and its requestHash when $requestHash is null; a key no record holds
// any more (released, or purged after a very long request) gets one, claimed now, since
// the request ran and its retries should replay it. Headers are JSON ($header), the body
// bytes ($body); either is null when there is none.
MERGE (k:IdempotencyKey {key: $key})
  ON CREATE SET k.claimedAt = $now
SET k.requestHash = coalesce($requestHash, k.requestHash),
    k.done = true,
    k.status = $status,
    k.header = $header,
    k.body = $body,
    k.completedAt = $now
RETURN k.key AS key
