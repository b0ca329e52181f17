// Forgets an idempotency key's record, so that a retry runs the request again. Returns how
// many records went: 0 when none held the key, which is no error.
MATCH (k:IdempotencyKey {key: $key})
DELETE k
RETURN count(k) AS released
