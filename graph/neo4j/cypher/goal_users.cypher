// What points to a goal of the project: the goals whose parent it is, the measures of it
// and the proposals that serve it, as kind ("goal", "measure" or "proposal") and id,
// ordered by kind and id. No record when nothing does.
MATCH (p:Project {id: $projectId})-[:HAS_GOAL|HAS_MEASURE|HAS_PROPOSAL]->(x)
WHERE (x:Goal AND x.parent = $goalId) OR (x:Measure AND x.goal = $goalId)
   OR (x:Proposal AND $goalId IN x.goals)
RETURN CASE WHEN x:Goal THEN 'goal' WHEN x:Measure THEN 'measure' ELSE 'proposal' END AS kind, x.id AS id
ORDER BY kind, id
