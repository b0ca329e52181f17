// The journeys of the project that reference an actor: a step it performs or holds the
// contact person of, a hand-over it is responsible for, or an insight about it. An actor
// that a journey only carried is not held by it.
MATCH (p:Project {id: $projectId})-[:HAS_ACTOR]->(a:Actor {id: $actorId})
MATCH (p)-[:HAS_JOURNEY]->(j:Journey)-[:HAS_STEP|HAS_HANDOVER|HAS_INSIGHT]->()-[:PERFORMED_BY|CONTACT_PERSON|RESPONSIBLE|ABOUT]->(a)
RETURN DISTINCT j.id AS journeyId
ORDER BY journeyId
