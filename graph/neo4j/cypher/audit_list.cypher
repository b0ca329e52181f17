// One page of a project's audit log, newest first: the entries with ids from $fromId
// (inclusive) up to $beforeId (exclusive), which the store derives from the cursor and the
// filter's times, since ids sort by time; and with the token, action and outcome asked
// for, a null value matching everything. The range is a seek in the index behind the
// audit_entry_key constraint, read backwards. Works for any project id, existing, deleted
// or never used: no record when the log holds nothing that matches.
MATCH (e:AuditEntry {projectId: $projectId})
WHERE e.id >= $fromId AND e.id < $beforeId
  AND ($token IS NULL OR e.token = $token)
  AND ($action IS NULL OR e.action = $action)
  AND ($outcome IS NULL OR e.outcome = $outcome)
RETURN e AS entry
ORDER BY e.id DESC
LIMIT $limit
