// One evidence source of the project. No record when the project does not exist; a null
// source when the project has no such source.
MATCH (p:Project {id: $projectId})
OPTIONAL MATCH (p)-[:HAS_SOURCE]->(s:Source {id: $sourceId})
RETURN s AS source
