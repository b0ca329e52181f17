// One page of the project's actors in id order, after the cursor's key. No record when the
// project does not exist; one null actor when the page is empty.
MATCH (p:Project {id: $projectId})
OPTIONAL MATCH (p)-[:HAS_ACTOR]->(a:Actor)
WHERE a.id > $after
RETURN a AS actor
ORDER BY a.id
LIMIT $limit
