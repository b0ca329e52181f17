// Removes the marker project_lock set, so that a committed write leaves no trace of the
// lock, and moves the project's stamp counters (journeys.Stamp) by $revision and $inputs
// (each 0 or 1), in the write's own transaction. A project made by an older version has
// no counters until then; coalesce starts them at 0. The lock itself is released when
// the transaction ends.
MATCH (p:Project {id: $projectId})
REMOVE p.writeLock
SET p.revision = coalesce(p.revision, 0) + $revision,
    p.inputs = coalesce(p.inputs, 0) + $inputs
RETURN p.id AS projectId
