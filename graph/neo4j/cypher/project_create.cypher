// Creates a project. A concurrent create of the same id fails on the project_id
// constraint (ConstraintValidationFailed), which the store reports as CONFLICT. Its stamp
// counters (journeys.Stamp) start at the store's clock in nanoseconds, so that a project
// created again under the same id does not repeat its predecessor's stamps.
CREATE (p:Project {id: $projectId})
SET p.name = $name,
    p.description = $description,
    p.version = 1,
    p.createdAt = $now,
    p.updatedAt = $now,
    p.revision = $stamp,
    p.inputs = $stamp
RETURN p AS project
