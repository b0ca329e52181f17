// Deletes a journey's stages, steps, hand-overs and insights, with every relationship they
// have (NEXT, PERFORMED_BY, ABOUT, ...), before they are written again: replacing the
// subgraph whole is simpler and safer than diffing it, and it is one transaction either way.
MATCH (p:Project {id: $projectId})-[:HAS_JOURNEY]->(j:Journey {id: $journeyId})
OPTIONAL MATCH (j)-[:HAS_STAGE|HAS_STEP|HAS_HANDOVER|HAS_INSIGHT]->(element)
DETACH DELETE element
RETURN count(element) AS deleted
