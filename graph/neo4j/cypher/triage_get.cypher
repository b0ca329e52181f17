// The project's decision about one finding, by fingerprint. No record when the project
// does not exist; a null triage when there is no decision.
MATCH (p:Project {id: $projectId})
OPTIONAL MATCH (p)-[:HAS_TRIAGE]->(t:Triage {fingerprint: $fingerprint})
RETURN t AS triage
