// The project's sources whose ids are in $ids, for an import to compare a batch of
// sources with what is stored before it writes. One record per id found; none for ids
// that are not stored.
UNWIND $ids AS sourceId
MATCH (p:Project {id: $projectId})-[:HAS_SOURCE]->(s:Source {projectId: $projectId, id: sourceId})
RETURN s AS source
