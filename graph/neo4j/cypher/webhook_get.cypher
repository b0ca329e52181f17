// One webhook endpoint of the project, secrets included: the store needs them to verify
// deliveries. No record when the project does not exist; a null webhook when the project
// has no such endpoint.
MATCH (p:Project {id: $projectId})
OPTIONAL MATCH (p)-[:HAS_WEBHOOK]->(w:Webhook {id: $webhookId})
RETURN w AS webhook
