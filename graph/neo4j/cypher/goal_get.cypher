// One goal of the project. No record when the project does not exist; a null goal
// when the project has no such goal.
MATCH (p:Project {id: $projectId})
OPTIONAL MATCH (p)-[:HAS_GOAL]->(x:Goal {id: $goalId})
RETURN x AS goal
