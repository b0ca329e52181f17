// Creates or replaces the goals in $rows (see actor_upsert for MERGE and the created flag,
// and for the version and updatedAt that journeys.PlanUpsert planned, stored as given).
// The parent is the parent goal's id, or null for a top goal; the store has checked that
// it exists and closes no cycle.
MATCH (p:Project {id: $projectId})
UNWIND $rows AS row
MERGE (g:Goal {projectId: $projectId, id: row.id})
  ON CREATE SET g.isNew = true
MERGE (p)-[:HAS_GOAL]->(g)
SET g.title = row.title,
    g.perspective = row.perspective,
    g.description = row.description,
    g.parent = row.parent,
    g.version = row.version,
    g.updatedAt = row.updatedAt
WITH g, coalesce(g.isNew, false) AS created
REMOVE g.isNew
RETURN g AS goal, created
