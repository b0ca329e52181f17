// Creates or replaces the needs in $rows (see actor_upsert for MERGE, the created flag,
// and the version and updatedAt journeys.PlanUpsert planned, stored as given).
MATCH (p:Project {id: $projectId})
UNWIND $rows AS row
MERGE (n:Need {projectId: $projectId, id: row.id})
  ON CREATE SET n.isNew = true
MERGE (p)-[:HAS_NEED]->(n)
SET n.title = row.title,
    n.targetGroup = row.targetGroup,
    n.ageGroup = row.ageGroup,
    n.level = row.level,
    n.version = row.version,
    n.updatedAt = row.updatedAt
WITH n, coalesce(n.isNew, false) AS created
REMOVE n.isNew
RETURN n AS need, created
