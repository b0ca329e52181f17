// Deletes one measure of the project. No record when there was none.
MATCH (p:Project {id: $projectId})-[:HAS_MEASURE]->(x:Measure {id: $measureId})
WITH x, x.id AS measureId
DETACH DELETE x
RETURN measureId
