// Deletes one baseline of the project; the versions it held stay until retention ends. No
// record when there was none.
MATCH (p:Project {id: $projectId})-[:HAS_BASELINE]->(b:Baseline {id: $baselineId})
WITH b, b.id AS baselineId
DETACH DELETE b
RETURN baselineId
