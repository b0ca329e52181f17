// The stamp of one project (journeys.Stamp): two counters of one node, so that a
// conditional read costs one small round trip. No record when the project does not
// exist; a project made by an older version reads 0 until its first write.
MATCH (p:Project {id: $projectId})
RETURN coalesce(p.revision, 0) AS revision, coalesce(p.inputs, 0) AS inputs
