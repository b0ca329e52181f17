// One page of the project's proposals in id order, after the cursor's key, at stage
// $stage when it is not null. No record when the project does not exist; one null
// document when the page is empty.
MATCH (p:Project {id: $projectId})
OPTIONAL MATCH (p)-[:HAS_PROPOSAL]->(n:Proposal)
WHERE n.id > $after AND ($stage IS NULL OR n.stage = $stage)
RETURN n.document AS document
ORDER BY n.id
LIMIT $limit
