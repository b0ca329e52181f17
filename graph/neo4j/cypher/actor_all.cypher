// Every actor of the project, in id order: what a journey may reference. No record when the
// project does not exist; one null actor when it has none.
MATCH (p:Project {id: $projectId})
OPTIONAL MATCH (p)-[:HAS_ACTOR]->(a:Actor)
RETURN a AS actor
ORDER BY a.id
