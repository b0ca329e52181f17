// One page of every audit log, for copying a store (glapp migrate): the entries after the
// cursor ($afterProject, $afterId), ordered by project id and then by id, which is oldest
// first within a log. No record when the page is empty.
MATCH (e:AuditEntry)
WHERE e.projectId > $afterProject
   OR (e.projectId = $afterProject AND e.id > $afterId)
RETURN e AS entry
ORDER BY e.projectId, e.id
LIMIT $limit
