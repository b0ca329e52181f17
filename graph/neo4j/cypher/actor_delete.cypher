// Deletes one actor of the project, with its :Offer nodes. No record when there was none.
MATCH (p:Project {id: $projectId})-[:HAS_ACTOR]->(a:Actor {id: $actorId})
OPTIONAL MATCH (a)-[:OFFERS]->(o:Offer)
DETACH DELETE o
WITH DISTINCT a, a.id AS actorId
DETACH DELETE a
RETURN actorId
