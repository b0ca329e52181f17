// Writes a journey's steps in one batch, with the actor that performs each step, its stage
// and the actor holding its contact person; planned is the id of the step of the basedOn
// journey it realises, on a lived journey. The store checks that every row was written:
// a step whose actor is missing would drop out of the count.
MATCH (p:Project {id: $projectId})-[:HAS_JOURNEY]->(j:Journey {id: $journeyId})
UNWIND $rows AS row
MATCH (p)-[:HAS_ACTOR]->(actor:Actor {id: row.actor})
CREATE (j)-[:HAS_STEP]->(s:Step {projectId: $projectId, journeyId: $journeyId, id: row.id})
SET s.title = row.title,
    s.stage = row.stage,
    s.actor = row.actor,
    s.channel = row.channel,
    s.entry = row.entry,
    s.terminal = row.terminal,
    s.crisis = row.crisis,
    s.contactPerson = row.contactPerson,
    s.waitExpected = row.waitExpected,
    s.waitObserved = row.waitObserved,
    s.emotion = row.emotion,
    s.planned = row.planned,
    s.position = row.position
CREATE (s)-[:PERFORMED_BY]->(actor)
WITH p, j, s, row
OPTIONAL MATCH (j)-[:HAS_STAGE]->(st:Stage {id: row.stage})
FOREACH (stage IN CASE WHEN st IS NULL THEN [] ELSE [st] END |
  CREATE (s)-[:IN_STAGE]->(stage))
WITH p, s, row
OPTIONAL MATCH (p)-[:HAS_ACTOR]->(c:Actor {id: row.contactPerson})
FOREACH (contact IN CASE WHEN c IS NULL THEN [] ELSE [c] END |
  CREATE (s)-[:CONTACT_PERSON]->(contact))
RETURN count(s) AS written
