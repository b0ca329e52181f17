// Deletes every kept version of a journey, on an explicit request (PurgeJourney). Returns
// how many it deleted.
MATCH (p:Project {id: $projectId})
OPTIONAL MATCH (p)-[:HAS_JOURNEY_VERSION]->(v:JourneyVersion {journeyId: $journeyId})
DETACH DELETE v
RETURN count(v) AS deleted
