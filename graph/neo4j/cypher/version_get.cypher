// One kept version of a journey. No record when the project does not exist; a null
// document when it keeps no such version.
MATCH (p:Project {id: $projectId})
OPTIONAL MATCH (p)-[:HAS_JOURNEY_VERSION]->(v:JourneyVersion {journeyId: $journeyId, version: $version})
RETURN v.document AS document
