// Deletes a project and everything in it: the elements of its journeys and the offers of
// its actors, then its journeys, actors, sources, triage decisions, proposals, goals,
// measures, needs, evidence, webhooks, recorded deliveries, kept journey versions and
// baselines, then the project. No record when it does not exist.
MATCH (p:Project {id: $projectId})
OPTIONAL MATCH (p)-[:HAS_JOURNEY]->(:Journey)-[:HAS_STAGE|HAS_STEP|HAS_HANDOVER|HAS_INSIGHT]->(element)
DETACH DELETE element
WITH DISTINCT p
OPTIONAL MATCH (p)-[:HAS_ACTOR]->(:Actor)-[:OFFERS]->(offer:Offer)
DETACH DELETE offer
WITH DISTINCT p
OPTIONAL MATCH (p)-[:HAS_JOURNEY|HAS_ACTOR|HAS_SOURCE|HAS_TRIAGE|HAS_PROPOSAL|HAS_GOAL|HAS_MEASURE|HAS_NEED|HAS_EVIDENCE|HAS_WEBHOOK|HAS_DELIVERY|HAS_JOURNEY_VERSION|HAS_BASELINE]->(child)
DETACH DELETE child
WITH DISTINCT p, p.id AS projectId
DETACH DELETE p
RETURN projectId
