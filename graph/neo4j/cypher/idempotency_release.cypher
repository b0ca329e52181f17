// Forgets an idempotency key's record when it is still $claim's, so that a retry runs the
// request again. The statement takes the record's write lock (SET writeLock) before reading
// its claim, so that no takeover slips in between. Returns how many records went: 0 when
// none held the key or another claim took it over, which is no error.
MATCH (k:IdempotencyKey {key: $key})
SET k.writeLock = true
WITH k
WHERE k.claim = $claim
DELETE k
RETURN count(k) AS released
