// One batch of the project's kept versions, by journey id and version, after
// ($afterId, $afterVersion), for copying a store. No record when the project does not
// exist; one null document when the batch is empty.
MATCH (p:Project {id: $projectId})
OPTIONAL MATCH (p)-[:HAS_JOURNEY_VERSION]->(v:JourneyVersion)
WHERE v.journeyId > $afterId OR v.journeyId = $afterId AND v.version > $afterVersion
RETURN v.document AS document
ORDER BY v.journeyId, v.version
LIMIT $limit
