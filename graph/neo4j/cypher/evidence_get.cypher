// One piece of the project's evidence. No record when the project does not exist; a null
// evidence when the project has no such evidence.
MATCH (p:Project {id: $projectId})
OPTIONAL MATCH (p)-[:HAS_EVIDENCE]->(e:Evidence {projectId: $projectId, id: $evidenceId})
RETURN e AS evidence
