// One page of the project's baselines in id order, after the cursor's key, as lists show
// them: no document. No record when the project does not exist; one row of nulls when the
// page is empty.
MATCH (p:Project {id: $projectId})
OPTIONAL MATCH (p)-[:HAS_BASELINE]->(b:Baseline)
WHERE b.id > $after
RETURN b.id AS baselineId, b.title AS title, b.createdAt AS createdAt, size(b.journeyIds) AS journeys
ORDER BY b.id
LIMIT $limit
