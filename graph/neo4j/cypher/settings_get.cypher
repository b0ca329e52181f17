// The project's gap-rule settings as JSON, null until the project sets its own. No record
// when the project does not exist.
MATCH (p:Project {id: $projectId})
RETURN p.settings AS settings
