// The highest version kept of a journey, or null when none is: a journey created again
// after a delete continues after it. No record when the project does not exist.
MATCH (p:Project {id: $projectId})
OPTIONAL MATCH (p)-[:HAS_JOURNEY_VERSION]->(v:JourneyVersion {journeyId: $journeyId})
RETURN max(v.version) AS latest
