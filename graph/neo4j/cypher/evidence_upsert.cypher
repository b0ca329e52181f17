// Creates or replaces the evidence in $rows, which the store has already found to be new
// or changed, in one batch. MERGE on the evidence_key constraint makes concurrent creates
// of one record yield one node; each row carries the version and updatedAt
// journeys.PlanUpsert planned, stored as given.
// The about property is the truth that reads return; the relationships are rebuilt from
// it: the old ABOUT and FROM_SOURCE relationships go, the source is linked here when the
// project has registered it, and evidence_about links what each record is about. journeys
// lists the journeys the record points into, for filtering. Returns how many rows were
// written.
MATCH (p:Project {id: $projectId})
UNWIND $rows AS row
MERGE (e:Evidence {projectId: $projectId, id: row.id})
MERGE (p)-[:HAS_EVIDENCE]->(e)
SET e.origin = row.origin,
    e.text = row.text,
    e.kind = row.kind,
    e.status = row.status,
    e.sentiment = row.sentiment,
    e.source = row.source,
    e.tags = row.tags,
    e.date = row.date,
    e.about = row.about,
    e.journeys = row.journeys,
    e.version = row.version,
    e.updatedAt = row.updatedAt
WITH p, e, row
OPTIONAL MATCH (e)-[old:ABOUT|FROM_SOURCE]->()
DELETE old
WITH DISTINCT p, e, row
OPTIONAL MATCH (p)-[:HAS_SOURCE]->(src:Source {id: row.source})
FOREACH (source IN CASE WHEN src IS NULL THEN [] ELSE [src] END |
  MERGE (e)-[:FROM_SOURCE]->(source))
RETURN count(e) AS written
