// Creates or replaces the webhook endpoints in $rows (see actor_upsert for MERGE and the
// created flag). The mapping is one JSON property, read and written whole; the secrets are
// a list of strings. A mapping or secrets left out is removed (set to null).
MATCH (p:Project {id: $projectId})
UNWIND $rows AS row
MERGE (w:Webhook {projectId: $projectId, id: row.id})
  ON CREATE SET w.isNew = true
MERGE (p)-[:HAS_WEBHOOK]->(w)
SET w.format = row.format,
    w.mapping = row.mapping,
    w.secrets = row.secrets,
    w.version = row.version,
    w.updatedAt = row.updatedAt
WITH w, coalesce(w.isNew, false) AS created
REMOVE w.isNew
RETURN w AS webhook, created
