// Stores a new baseline as one JSON document (journeys.ProjectBaseline), with what lists
// and the guards of pruning and purging read beside it: its title, when it was taken, the
// ids of the journeys it holds and its pins (journeys.PinKey of each version it holds).
// A baseline is never replaced: the store refuses a taken id before it runs this. Returns
// the id.
MATCH (p:Project {id: $projectId})
CREATE (b:Baseline {projectId: $projectId, id: $baselineId})
CREATE (p)-[:HAS_BASELINE]->(b)
SET b.title = $title,
    b.createdAt = $now,
    b.journeyIds = $journeyIds,
    b.pins = $pins,
    b.document = $document
RETURN b.id AS baselineId
