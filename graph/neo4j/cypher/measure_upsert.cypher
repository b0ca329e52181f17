// Creates or replaces the measures in $rows (see actor_upsert for MERGE and the created
// flag, and for the version and updatedAt that journeys.PlanUpsert planned, stored as
// given). The measure is one JSON property, read and written whole, observations included;
// goal, its goal's id, is kept beside it for measure_users.
MATCH (p:Project {id: $projectId})
UNWIND $rows AS row
MERGE (m:Measure {projectId: $projectId, id: row.id})
  ON CREATE SET m.isNew = true
MERGE (p)-[:HAS_MEASURE]->(m)
SET m.goal = row.goal,
    m.document = row.document,
    m.version = row.version,
    m.updatedAt = row.updatedAt
WITH m, coalesce(m.isNew, false) AS created
REMOVE m.isNew
RETURN m AS measure, created
