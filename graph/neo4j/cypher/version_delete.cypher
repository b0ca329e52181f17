// Deletes the kept versions in $rows, each named by project, journey and version: those
// journeys.Expired let go. Returns how many it deleted.
UNWIND $rows AS row
MATCH (v:JourneyVersion {projectId: row.projectId, journeyId: row.journeyId, version: row.version})
DETACH DELETE v
RETURN count(v) AS deleted
