// One page of projects in id order, starting after the cursor's key. The store asks for one
// more than the page holds, to know whether another page follows.
MATCH (p:Project)
WHERE p.id > $after
RETURN p AS project
ORDER BY p.id
LIMIT $limit
