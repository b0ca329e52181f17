// Stores the response to replay for an idempotency key, done at $now, when the key's record
// is still $claim's. The record keeps the claim's claimedAt, and its requestHash when
// $requestHash is null; a key no record holds any more (released, or purged after a very
// long request) gets one, claimed now by $claim, since the request ran and its retries
// should replay it. A record another claim took over (this one outlived the pending
// timeout) is the other request's: the statement takes its write lock (SET writeLock)
// before reading its claim, so that no takeover slips in between, and then returns no
// record and changes nothing. Headers are JSON ($header), the body bytes ($body); either
// is null when there is none.
MERGE (k:IdempotencyKey {key: $key})
  ON CREATE SET k.claim = $claim, k.claimedAt = $now
  ON MATCH SET k.writeLock = true
REMOVE k.writeLock
WITH k
WHERE k.claim = $claim
SET k.requestHash = coalesce($requestHash, k.requestHash),
    k.done = true,
    k.status = $status,
    k.header = $header,
    k.body = $body,
    k.completedAt = $now
RETURN k.key AS key
