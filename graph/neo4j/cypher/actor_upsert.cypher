// Creates or replaces the actors in $rows (offers as one JSON string, and as :Offer nodes), which the store has already found to be new or
// changed. MERGE on the (projectId, id) uniqueness constraint makes concurrent creates of
// one actor yield one node; ON CREATE marks the node so that the store can report which
// rows were created. Each row carries the version and updatedAt journeys.PlanUpsert
// planned, which are stored as given: the rule that sets them lives once, in the domain. A created
// actor is linked to the imported evidence that is already about it (an actor that existed
// was linked when the evidence was written).
MATCH (p:Project {id: $projectId})
UNWIND $rows AS row
MERGE (a:Actor {projectId: $projectId, id: row.id})
  ON CREATE SET a.isNew = true
MERGE (p)-[:HAS_ACTOR]->(a)
SET a.name = row.name,
    a.sector = row.sector,
    a.kind = row.kind,
    a.ageGroup = row.ageGroup,
    a.contact = row.contact,
    a.offers = row.offers,
    a.version = row.version,
    a.updatedAt = row.updatedAt
WITH p, a, row, coalesce(a.isNew, false) AS created
REMOVE a.isNew
// The offers are written again as :Offer nodes, one per offer, for queries; reads use
// the offers property, as the journey's document is read rather than its elements.
WITH p, a, row, created
OPTIONAL MATCH (a)-[:OFFERS]->(old:Offer)
DETACH DELETE old
WITH DISTINCT p, a, row, created
FOREACH (o IN row.offerRows |
  CREATE (a)-[:OFFERS]->(:Offer {projectId: $projectId, actor: a.id, id: o.id, name: o.name, level: o.level,
    targetGroups: o.targetGroups, targetGroupKeys: o.targetGroupKeys, ageGroups: o.ageGroups,
    channels: o.channels, access: o.access}))
WITH p, a, created
OPTIONAL MATCH (p)-[:HAS_EVIDENCE]->(e:Evidence)
WHERE created AND ('actor:' + a.id) IN e.about
FOREACH (evidence IN CASE WHEN e IS NULL THEN [] ELSE [e] END |
  MERGE (evidence)-[:ABOUT]->(a))
WITH DISTINCT a, created
RETURN a AS actor, created
