// Creates a project. A concurrent create of the same id fails on the project_id
// constraint (ConstraintValidationFailed), which the store reports as CONFLICT.
CREATE (p:Project {id: $projectId})
SET p.name = $name,
    p.description = $description,
    p.version = 1,
    p.createdAt = $now,
    p.updatedAt = $now
RETURN p AS project
