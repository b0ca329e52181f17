// Records that a webhook message was imported, in the import's own transaction, and says
// whether it is new. MERGE on the delivery_key uniqueness constraint makes concurrent
// imports of one message yield one node: one transaction creates it (created true), every
// other waits on the constraint's index entry until that one commits and then matches it
// (created false), and the store refuses its import with CONFLICT, which rolls the
// transaction back. No record when the project does not exist.
MATCH (p:Project {id: $projectId})
MERGE (d:Delivery {projectId: $projectId, key: $deliveryKey})
  ON CREATE SET d.isNew = true,
                d.receivedAt = $now
MERGE (p)-[:HAS_DELIVERY]->(d)
WITH d, coalesce(d.isNew, false) AS created
REMOVE d.isNew
RETURN created
