// One actor of the project. No record when the project does not exist; a null actor when
// the project has no such actor.
MATCH (p:Project {id: $projectId})
OPTIONAL MATCH (p)-[:HAS_ACTOR]->(a:Actor {id: $actorId})
RETURN a AS actor
