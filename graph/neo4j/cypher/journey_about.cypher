// Writes what each insight is about in one batch: one row per insight (id) and id it is
// about (about). That id names a step or a hand-over of the journey, an actor, a need or
// an offer of the project, or the journey itself; validation has made sure that it is one
// of these, and that only an actor may share the journey's id, in which case the insight
// is about the actor, as the journeys package reads it. An offer is no node: its row
// names the actor that holds it (offerOf), which the insight is linked to. The store
// checks that every row found its target.
MATCH (p:Project {id: $projectId})-[:HAS_JOURNEY]->(j:Journey {id: $journeyId})
UNWIND $rows AS row
MATCH (j)-[:HAS_INSIGHT]->(i:Insight {id: row.id})
OPTIONAL MATCH (j)-[:HAS_STEP]->(step:Step {id: row.about})
OPTIONAL MATCH (j)-[:HAS_HANDOVER]->(handover:Handover {id: row.about})
OPTIONAL MATCH (p)-[:HAS_ACTOR]->(actor:Actor {id: row.about})
OPTIONAL MATCH (p)-[:HAS_NEED]->(need:Need {id: row.about})
OPTIONAL MATCH (p)-[:HAS_ACTOR]->(holder:Actor {id: row.offerOf})
WITH j, i, coalesce(step, handover, actor, CASE WHEN row.about = j.id THEN j END, need, holder) AS target
WHERE target IS NOT NULL
CREATE (i)-[:ABOUT]->(target)
RETURN count(*) AS written
