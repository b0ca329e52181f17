// One journey of the project as stored: the document the client wrote (the source of truth
// for reads, so that the round trip is exact), the actors it carried, and its server
// fields. No record when the project does not exist; null columns when the project has no
// such journey.
MATCH (p:Project {id: $projectId})
OPTIONAL MATCH (p)-[:HAS_JOURNEY]->(j:Journey {id: $journeyId})
RETURN j.id AS journeyId,
       j.document AS document,
       j.carried AS carried,
       j.version AS version,
       j.updatedAt AS updatedAt
