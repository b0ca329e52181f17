// The pieces of the project's evidence whose ids are in $ids, for an import to compare a
// batch with what is stored before it writes: each id is a seek in the evidence_key
// constraint's index. One record per id found; none for ids that are not stored.
UNWIND $ids AS evidenceId
MATCH (p:Project {id: $projectId})-[:HAS_EVIDENCE]->(e:Evidence {projectId: $projectId, id: evidenceId})
RETURN e AS evidence
