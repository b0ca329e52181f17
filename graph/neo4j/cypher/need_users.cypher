// The journeys whose insights point at need $needId in their about list, each once, at
// most 20 (enough to name in a message). None when no insight does.
MATCH (p:Project {id: $projectId})-[:HAS_JOURNEY]->(j:Journey)-[:HAS_INSIGHT]->(i:Insight)
WHERE $needId IN i.about
WITH DISTINCT j.id AS journeyId
RETURN journeyId
ORDER BY journeyId
LIMIT 20
