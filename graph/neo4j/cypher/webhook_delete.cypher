// Deletes one webhook endpoint of the project. The deliveries it brought stay recorded, so
// that a message replayed to a re-created endpoint is still refused. No record when there
// was none.
MATCH (p:Project {id: $projectId})-[:HAS_WEBHOOK]->(w:Webhook {id: $webhookId})
WITH w, w.id AS webhookId
DETACH DELETE w
RETURN webhookId
