// One project; no record when it does not exist.
MATCH (p:Project {id: $projectId})
RETURN p AS project
