// Creates or replaces the sources in $rows (see actor_upsert for MERGE and the created
// flag), then links the insights and the imported evidence that already name each source:
// evidence often arrives before its source is described.
MATCH (p:Project {id: $projectId})
UNWIND $rows AS row
MERGE (s:Source {projectId: $projectId, id: row.id})
  ON CREATE SET s.isNew = true
MERGE (p)-[:HAS_SOURCE]->(s)
SET s.kind = row.kind,
    s.date = row.date,
    s.participantRole = row.participantRole,
    s.pseudonym = row.pseudonym,
    s.version = row.version,
    s.updatedAt = row.updatedAt
WITH p, s, coalesce(s.isNew, false) AS created
REMOVE s.isNew
WITH p, s, created
OPTIONAL MATCH (p)-[:HAS_JOURNEY]->(:Journey)-[:HAS_INSIGHT]->(i:Insight {source: s.id})
FOREACH (insight IN CASE WHEN i IS NULL THEN [] ELSE [i] END |
  MERGE (insight)-[:FROM_SOURCE]->(s))
WITH DISTINCT p, s, created
OPTIONAL MATCH (p)-[:HAS_EVIDENCE]->(e:Evidence {projectId: $projectId, source: s.id})
FOREACH (evidence IN CASE WHEN e IS NULL THEN [] ELSE [e] END |
  MERGE (evidence)-[:FROM_SOURCE]->(s))
WITH DISTINCT s, created
RETURN s AS source, created
