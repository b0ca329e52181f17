// Keeps a version of a journey that a write replaced, or the last one of a deleted
// journey, as one JSON document (journeys.PastVersion), with what lists and pruning read
// beside it: the version, when it was replaced, and pin, the key a baseline names it by.
// The store writes it in the transaction of the write that replaced it. Returns the
// version.
MATCH (p:Project {id: $projectId})
MERGE (v:JourneyVersion {projectId: $projectId, journeyId: $journeyId, version: $version})
MERGE (p)-[:HAS_JOURNEY_VERSION]->(v)
SET v.replacedAt = $replacedAt,
    v.pin = $pin,
    v.document = $document
RETURN v.version AS version
