// One page of tokens in id order, after the cursor's key, without their hashes: the
// projection leaves the hash in the database. No record when the page is empty.
MATCH (t:Token)
WHERE t.id > $after
RETURN t {.id, .name, .role, .projects, .expiresAt, .createdAt} AS token
ORDER BY t.id
LIMIT $limit
