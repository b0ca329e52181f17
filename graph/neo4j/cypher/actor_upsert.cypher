// Creates or replaces the actors in $rows, which the store has already found to be new or
// changed. MERGE on the (projectId, id) uniqueness constraint makes concurrent creates of
// one actor yield one node; ON CREATE marks the node so that the store can report which
// rows were created. The version moves by one on every write, starting at 1.
MATCH (p:Project {id: $projectId})
UNWIND $rows AS row
MERGE (a:Actor {projectId: $projectId, id: row.id})
  ON CREATE SET a.isNew = true
MERGE (p)-[:HAS_ACTOR]->(a)
SET a.name = row.name,
    a.sector = row.sector,
    a.kind = row.kind,
    a.ageGroup = row.ageGroup,
    a.version = coalesce(a.version, 0) + 1,
    a.updatedAt = $now
WITH a, coalesce(a.isNew, false) AS created
REMOVE a.isNew
RETURN a AS actor, created
