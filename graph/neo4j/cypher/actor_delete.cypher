// Deletes one actor of the project. No record when there was none.
MATCH (p:Project {id: $projectId})-[:HAS_ACTOR]->(a:Actor {id: $actorId})
WITH a, a.id AS actorId
DETACH DELETE a
RETURN actorId
