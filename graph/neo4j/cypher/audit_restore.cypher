// Appends audit entries as another store held them, one row each: id, time, token,
// action, objects, outcome and request id (null for none) as given. An entry whose (projectId, id) is already stored
// is skipped, so that copying again adds nothing. Returns how many it added (0 when it
// added none: count over no rows is one record).
UNWIND $rows AS row
OPTIONAL MATCH (old:AuditEntry {projectId: row.projectId, id: row.id})
WITH row, old
WHERE old IS NULL
CREATE (e:AuditEntry {projectId: row.projectId, id: row.id})
SET e.time = row.time,
    e.token = row.token,
    e.action = row.action,
    e.objects = row.objects,
    e.outcome = row.outcome,
    e.requestId = row.requestId
RETURN count(e) AS added
