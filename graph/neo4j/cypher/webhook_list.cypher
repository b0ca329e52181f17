// One page of the project's webhook endpoints in id order, after the cursor's key. No
// record when the project does not exist; one null webhook when the page is empty.
MATCH (p:Project {id: $projectId})
OPTIONAL MATCH (p)-[:HAS_WEBHOOK]->(w:Webhook)
WHERE w.id > $after
RETURN w AS webhook
ORDER BY w.id
LIMIT $limit
