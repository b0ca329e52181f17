// Stores a token as another store held it: its id, the hash of its secret, its role,
// projects, expiry and creation time as given, with no audit entry (the log is copied on
// its own). No record when a token already has the id: the store then compares it with
// what was asked. A hash another token has, or an id created at the same moment, fails on
// the token_hash or token_id constraint, which the store reports as CONFLICT.
OPTIONAL MATCH (old:Token {id: $tokenId})
WITH old
WHERE old IS NULL
CREATE (t:Token {id: $tokenId})
SET t.hash = $hash,
    t.name = $name,
    t.role = $role,
    t.projects = $projects,
    t.expiresAt = $expiresAt,
    t.createdAt = $createdAt
RETURN t AS token
