// One page of a journey's kept versions, oldest first, after version $afterVersion. No
// record when the project does not exist; one null document when the page is empty.
MATCH (p:Project {id: $projectId})
OPTIONAL MATCH (p)-[:HAS_JOURNEY_VERSION]->(v:JourneyVersion {journeyId: $journeyId})
WHERE v.version > $afterVersion
RETURN v.document AS document
ORDER BY v.version
LIMIT $limit
