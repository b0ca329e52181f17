// One baseline of the project, whole. No record when the project does not exist; a null
// document when it has no such baseline.
MATCH (p:Project {id: $projectId})
OPTIONAL MATCH (p)-[:HAS_BASELINE]->(b:Baseline {id: $baselineId})
RETURN b.document AS document
