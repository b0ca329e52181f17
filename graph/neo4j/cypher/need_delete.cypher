// Deletes one need of the project. No record when there was none. The store refuses
// first while an insight points at it (need_users), so no ABOUT relationship is lost.
MATCH (p:Project {id: $projectId})-[:HAS_NEED]->(n:Need {id: $needId})
WITH n, n.id AS needId
DETACH DELETE n
RETURN needId
