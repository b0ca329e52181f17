// Writes a journey's hand-overs in one batch. A hand-over is a node, so that evidence can
// point at it, joined FROM its sending step TO its receiving step; a NEXT relationship
// between the two steps is the shortcut that path queries follow.
MATCH (p:Project {id: $projectId})-[:HAS_JOURNEY]->(j:Journey {id: $journeyId})
UNWIND $rows AS row
MATCH (j)-[:HAS_STEP]->(sender:Step {id: row.from})
MATCH (j)-[:HAS_STEP]->(receiver:Step {id: row.to})
CREATE (j)-[:HAS_HANDOVER]->(h:Handover {projectId: $projectId, journeyId: $journeyId, id: row.id})
SET h.from = row.from,
    h.to = row.to,
    h.type = row.type,
    h.responsible = row.responsible,
    h.information = row.information,
    h.acknowledged = row.acknowledged,
    h.followUp = row.followUp,
    h.waitExpected = row.waitExpected,
    h.waitObserved = row.waitObserved,
    h.position = row.position
CREATE (h)-[:FROM]->(sender),
       (h)-[:TO]->(receiver),
       (sender)-[:NEXT {handover: row.id, type: row.type}]->(receiver)
WITH p, h, row
OPTIONAL MATCH (p)-[:HAS_ACTOR]->(r:Actor {id: row.responsible})
FOREACH (responsible IN CASE WHEN r IS NULL THEN [] ELSE [r] END |
  CREATE (h)-[:RESPONSIBLE]->(responsible))
RETURN count(h) AS written
