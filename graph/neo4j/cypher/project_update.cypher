// Stores a project's changed name and description with its next version.
MATCH (p:Project {id: $projectId})
SET p.name = $name,
    p.description = $description,
    p.version = $version,
    p.updatedAt = $now
RETURN p AS project
