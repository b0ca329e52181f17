// One need of the project. No record when the project does not exist; a null need when
// the project has no such need.
MATCH (p:Project {id: $projectId})
OPTIONAL MATCH (p)-[:HAS_NEED]->(n:Need {id: $needId})
RETURN n AS need
