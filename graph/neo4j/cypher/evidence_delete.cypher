// Deletes one piece of the project's evidence with its relationships. No record when there
// was none.
MATCH (p:Project {id: $projectId})-[:HAS_EVIDENCE]->(e:Evidence {projectId: $projectId, id: $evidenceId})
WITH e, e.id AS evidenceId
DETACH DELETE e
RETURN evidenceId
