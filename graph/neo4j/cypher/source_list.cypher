// One page of the project's sources in id order, after the cursor's key. No record when
// the project does not exist; one null source when the page is empty.
MATCH (p:Project {id: $projectId})
OPTIONAL MATCH (p)-[:HAS_SOURCE]->(s:Source)
WHERE s.id > $after
RETURN s AS source
ORDER BY s.id
LIMIT $limit
