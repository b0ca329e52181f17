// One page of the project's goals in id order, after the cursor's key. No record when
// the project does not exist; one null goal when the page is empty.
MATCH (p:Project {id: $projectId})
OPTIONAL MATCH (p)-[:HAS_GOAL]->(x:Goal)
WHERE x.id > $after
RETURN x AS goal
ORDER BY x.id
LIMIT $limit
