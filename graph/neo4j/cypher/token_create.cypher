// Creates a token: its id, the hash of its secret (never the secret), its role, the
// projects it holds and when it expires. An id or a hash that another token has, even one
// created at the same moment, fails on the token_id or token_hash constraint
// (ConstraintValidationFailed), which the store reports as CONFLICT.
CREATE (t:Token {id: $tokenId})
SET t.hash = $hash,
    t.name = $name,
    t.role = $role,
    t.projects = $projects,
    t.expiresAt = $expiresAt,
    t.createdAt = $now
RETURN t AS token
