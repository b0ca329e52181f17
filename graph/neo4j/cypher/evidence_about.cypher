// Links evidence to what it is about, in one batch: one row per piece of evidence (id) and
// reference it holds, which the store has taken apart. kind is step, handover, actor or
// journey; about is the id of the step, hand-over, actor or journey named; journeyId is
// the journey of a step or hand-over, or the journey named (null for an actor). Every
// target is a seek in its key constraint's index. A reference that names nothing in the
// graph (yet) links nothing: the evidence keeps it in its about property, and the link is
// made when the element is written (evidence_in_journey, actor_upsert). MERGE makes
// linking again harmless. Returns how many rows found their target.
UNWIND $rows AS row
MATCH (p:Project {id: $projectId})-[:HAS_EVIDENCE]->(e:Evidence {projectId: $projectId, id: row.id})
OPTIONAL MATCH (p)-[:HAS_JOURNEY]->(j:Journey {projectId: $projectId, id: row.journeyId})
OPTIONAL MATCH (j)-[:HAS_STEP]->(s:Step {projectId: $projectId, journeyId: row.journeyId, id: row.about})
OPTIONAL MATCH (j)-[:HAS_HANDOVER]->(h:Handover {projectId: $projectId, journeyId: row.journeyId, id: row.about})
OPTIONAL MATCH (p)-[:HAS_ACTOR]->(a:Actor {projectId: $projectId, id: row.about})
WITH e, CASE row.kind
          WHEN 'step' THEN s
          WHEN 'handover' THEN h
          WHEN 'actor' THEN a
          WHEN 'journey' THEN j
        END AS target
WHERE target IS NOT NULL
MERGE (e)-[:ABOUT]->(target)
RETURN count(target) AS linked
