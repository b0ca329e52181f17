// The project's pseudonymisation secret (bytes), null until its first event-log import.
// No record when the project does not exist.
MATCH (p:Project {id: $projectId})
RETURN p.pseudonymSecret AS secret
