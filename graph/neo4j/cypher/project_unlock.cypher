// Removes the marker project_lock set, so that a committed write leaves no trace of the
// lock. The lock itself is released when the transaction ends.
MATCH (p:Project {id: $projectId})
REMOVE p.writeLock
RETURN p.id AS projectId
