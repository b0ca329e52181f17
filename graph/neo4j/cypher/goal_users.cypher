// What points to a goal of the project: the goals whose parent it is and the measures
// of it, as kind ("goal" or "measure") and id, ordered by kind and id. No record when
// nothing does.
MATCH (p:Project {id: $projectId})-[:HAS_GOAL|HAS_MEASURE]->(x)
WHERE (x:Goal AND x.parent = $goalId) OR (x:Measure AND x.goal = $goalId)
RETURN CASE WHEN x:Goal THEN 'goal' ELSE 'measure' END AS kind, x.id AS id
ORDER BY kind, id
