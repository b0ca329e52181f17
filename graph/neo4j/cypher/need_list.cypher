// One page of the project's needs in id order, after the cursor's key. No record when the
// project does not exist; one null need when the page is empty.
MATCH (p:Project {id: $projectId})
OPTIONAL MATCH (p)-[:HAS_NEED]->(n:Need)
WHERE n.id > $after
RETURN n AS need
ORDER BY n.id
LIMIT $limit
