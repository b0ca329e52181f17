// Deletes at most $limit audit entries stamped before $before, in any project's log, the
// oldest first, found through the index on time (audit_entry_time). The store runs it in
// a loop of transactions until one deletes fewer than $limit, so that no transaction
// grows with the log. Returns how many it deleted.
MATCH (e:AuditEntry)
WHERE e.time < $before
WITH e
ORDER BY e.time
LIMIT $limit
DELETE e
RETURN count(e) AS pruned
