// One page of the project's triage decisions in fingerprint order, after the cursor's key.
// No record when the project does not exist; one null triage when the page is empty.
MATCH (p:Project {id: $projectId})
OPTIONAL MATCH (p)-[:HAS_TRIAGE]->(t:Triage)
WHERE t.fingerprint > $after
RETURN t AS triage
ORDER BY t.fingerprint
LIMIT $limit
