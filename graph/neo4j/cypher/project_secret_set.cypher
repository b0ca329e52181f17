// Stores the project's pseudonymisation secret unless it holds one already, and returns
// the one it holds: the first secret stays for good.
MATCH (p:Project {id: $projectId})
SET p.pseudonymSecret = coalesce(p.pseudonymSecret, $secret)
RETURN p.pseudonymSecret AS secret
