// One page of the project's measures in id order, after the cursor's key. No record when
// the project does not exist; one null measure when the page is empty.
MATCH (p:Project {id: $projectId})
OPTIONAL MATCH (p)-[:HAS_MEASURE]->(x:Measure)
WHERE x.id > $after
RETURN x AS measure
ORDER BY x.id
LIMIT $limit
