// Appends the audit entries of one write transaction, one row each, stamped by the store
// with their time and an id that sorts by it (audit.go); the request id is null for work
// no request asked for. An entry is linked to nothing, not even its project, so that
// deleting the project keeps its log. Two entries with the same (projectId, id) fail on
// the audit_entry_key constraint rather than overwrite each other. Returns how many were
// written.
UNWIND $rows AS row
CREATE (e:AuditEntry {projectId: row.projectId, id: row.id})
SET e.time = row.time,
    e.token = row.token,
    e.action = row.action,
    e.objects = row.objects,
    e.outcome = row.outcome,
    e.requestId = row.requestId
RETURN count(e) AS written
