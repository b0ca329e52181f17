// Deletes a journey and its elements. The actors it referenced or carried stay: they
// belong to the project. No record when there was no such journey.
MATCH (p:Project {id: $projectId})-[:HAS_JOURNEY]->(j:Journey {id: $journeyId})
OPTIONAL MATCH (j)-[:HAS_STAGE|HAS_STEP|HAS_HANDOVER|HAS_INSIGHT]->(element)
DETACH DELETE element
WITH DISTINCT j, j.id AS journeyId
DETACH DELETE j
RETURN journeyId
