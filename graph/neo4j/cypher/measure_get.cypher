// One measure of the project. No record when the project does not exist; a null measure
// when the project has no such measure.
MATCH (p:Project {id: $projectId})
OPTIONAL MATCH (p)-[:HAS_MEASURE]->(x:Measure {id: $measureId})
RETURN x AS measure
