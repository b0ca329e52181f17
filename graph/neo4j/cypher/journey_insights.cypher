// Writes a journey's insights in one batch, each linked to its source when the project has
// registered it (source_upsert links the others later). What each insight is about is
// written by journey_about.
MATCH (p:Project {id: $projectId})-[:HAS_JOURNEY]->(j:Journey {id: $journeyId})
UNWIND $rows AS row
CREATE (j)-[:HAS_INSIGHT]->(i:Insight {projectId: $projectId, journeyId: $journeyId, id: row.id})
SET i.text = row.text,
    i.kind = row.kind,
    i.status = row.status,
    i.sentiment = row.sentiment,
    i.source = row.source,
    i.tags = row.tags,
    i.about = row.about,
    i.position = row.position
WITH p, i, row
OPTIONAL MATCH (p)-[:HAS_SOURCE]->(src:Source {id: row.source})
FOREACH (source IN CASE WHEN src IS NULL THEN [] ELSE [src] END |
  CREATE (i)-[:FROM_SOURCE]->(source))
RETURN count(i) AS written
