// One journey of the project as stored: the document the client wrote (the source of truth
// for reads, so that the round trip is exact), the actors it carried, and its server
// fields, with every actor of the project in id order (what the journey may reference and
// a read assembles it with), so that reading a journey is one round trip. No record when
// the project does not exist; null journey columns when the project has no such journey.
MATCH (p:Project {id: $projectId})
OPTIONAL MATCH (p)-[:HAS_JOURNEY]->(j:Journey {id: $journeyId})
RETURN j.id AS journeyId,
       j.document AS document,
       j.carried AS carried,
       j.version AS version,
       j.updatedAt AS updatedAt,
       COLLECT { MATCH (p)-[:HAS_ACTOR]->(a:Actor) RETURN a ORDER BY a.id } AS actors
