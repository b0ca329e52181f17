// The baselines of the projects in $projectIds with the ids of the journeys each holds and
// its pins, in id order: what keeps versions from being pruned or purged. A project has
// at most journeys.MaxBaselines baselines.
MATCH (b:Baseline)
WHERE b.projectId IN $projectIds
RETURN b.projectId AS projectId, b.id AS baselineId, b.journeyIds AS journeyIds, b.pins AS pins
ORDER BY projectId, baselineId
