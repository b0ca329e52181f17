// One page of journey summaries in id order, after the cursor's key, that pass the filter;
// a null filter value matches everything. targetGroupKey is the target group case-folded
// by the store, so that the filter matches exactly as the embedded store's does. No record
// when the project does not exist; one null journey when the page is empty.
MATCH (p:Project {id: $projectId})
OPTIONAL MATCH (p)-[:HAS_JOURNEY]->(j:Journey)
WHERE j.id > $after
  AND ($kind IS NULL OR j.kind = $kind)
  AND ($targetGroupKey IS NULL OR j.targetGroupKey = $targetGroupKey)
  AND ($ageGroup IS NULL OR j.ageGroup = $ageGroup)
WITH j
ORDER BY j.id
LIMIT $limit
RETURN j {.id, .title, .kind, .targetGroup, .ageGroup, .stepCount, .handoverCount,
          .insightCount, .version, .updatedAt} AS journey
