// Replaces the project's gap-rule settings, kept as one JSON property: they are read and
// written whole, never queried piecemeal.
MATCH (p:Project {id: $projectId})
SET p.settings = $settings
RETURN p.id AS projectId
