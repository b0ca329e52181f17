// Deletes one source of the project. Insights and evidence that name it keep its id in
// their source property; only the FROM_SOURCE relationships go. No record when there was
// none.
MATCH (p:Project {id: $projectId})-[:HAS_SOURCE]->(s:Source {id: $sourceId})
WITH s, s.id AS sourceId
DETACH DELETE s
RETURN sourceId
