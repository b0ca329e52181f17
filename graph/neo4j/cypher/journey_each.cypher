// A batch of the project's journeys in id order, after $after, with the same columns as
// journey_get. EachJourney reads a project batch by batch, so that it never holds every
// document at once and never calls back into the caller inside a transaction. No record
// when the project does not exist; one record of nulls when no journey follows.
MATCH (p:Project {id: $projectId})
OPTIONAL MATCH (p)-[:HAS_JOURNEY]->(j:Journey)
WHERE j.id > $after
WITH j
ORDER BY j.id
LIMIT $limit
RETURN j.id AS journeyId,
       j.document AS document,
       j.carried AS carried,
       j.version AS version,
       j.updatedAt AS updatedAt
