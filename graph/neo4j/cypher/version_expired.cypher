// At most $limit kept versions, of any project, replaced before $before, in the order of
// (projectId, journeyId, version) after the cursor ($afterProject, $afterId, $afterVersion):
// the candidates of one pruning transaction. The store asks journeys.Expired about each,
// with the pins of the project's baselines, and deletes those that may go.
MATCH (v:JourneyVersion)
WHERE v.replacedAt < $before
  AND (v.projectId > $afterProject
    OR v.projectId = $afterProject AND (v.journeyId > $afterId
      OR v.journeyId = $afterId AND v.version > $afterVersion))
RETURN v.projectId AS projectId, v.journeyId AS journeyId, v.version AS version, v.replacedAt AS replacedAt
ORDER BY projectId, journeyId, version
LIMIT $limit
