// Deletes one goal of the project. No record when there was none.
MATCH (p:Project {id: $projectId})-[:HAS_GOAL]->(x:Goal {id: $goalId})
WITH x, x.id AS goalId
DETACH DELETE x
RETURN goalId
