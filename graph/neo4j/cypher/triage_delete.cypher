// Forgets the project's decision about one finding. No record when there was none.
MATCH (p:Project {id: $projectId})-[:HAS_TRIAGE]->(t:Triage {fingerprint: $fingerprint})
WITH t, t.fingerprint AS fingerprint
DETACH DELETE t
RETURN fingerprint
