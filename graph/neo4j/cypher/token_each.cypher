// One page of tokens in id order, after the cursor's key, with their hashes: for copying
// a store (glapp migrate), so that every secret still works in the copy. No record when
// the page is empty.
MATCH (t:Token)
WHERE t.id > $after
RETURN t AS token
ORDER BY t.id
LIMIT $limit
