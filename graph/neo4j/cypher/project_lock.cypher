// Takes the project's write lock: setting a property makes Neo4j hold an exclusive lock on
// the node until the transaction ends, so writes to one project are serialised (the
// documented way to avoid lost updates under read committed). A journey is therefore
// validated against the actors that are there when it commits. No record when the
// project does not exist.
MATCH (p:Project {id: $projectId})
SET p.writeLock = true
RETURN p.id AS projectId
