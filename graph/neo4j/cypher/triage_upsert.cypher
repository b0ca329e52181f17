// Creates or replaces the triage decisions in $rows (see actor_upsert for MERGE and the
// created flag). A reason, proposal or note the new decision leaves out is removed (set to null).
MATCH (p:Project {id: $projectId})
UNWIND $rows AS row
MERGE (t:Triage {projectId: $projectId, fingerprint: row.fingerprint})
  ON CREATE SET t.isNew = true
MERGE (p)-[:HAS_TRIAGE]->(t)
SET t.status = row.status,
    t.reason = row.reason,
    t.proposal = row.proposal,
    t.note = row.note,
    t.version = row.version,
    t.updatedAt = row.updatedAt
WITH t, coalesce(t.isNew, false) AS created
REMOVE t.isNew
RETURN t AS triage, created
