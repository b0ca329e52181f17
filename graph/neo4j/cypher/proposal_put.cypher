// Creates or replaces one proposal's record. The document is the source of truth for
// reads; stage, addresses, goals, measures (journeys.ProposalRecord.Measures), owners and
// toBe are kept beside it as properties so that graph queries (goal_users, measure_users)
// can follow a proposal to the findings, goals, measures and journeys it names.
MATCH (p:Project {id: $projectId})
MERGE (n:Proposal {projectId: $projectId, id: $proposalId})
MERGE (p)-[:HAS_PROPOSAL]->(n)
SET n.title = $title,
    n.stage = $stage,
    n.addresses = $addresses,
    n.goals = $goals,
    n.measures = $measures,
    n.owners = $owners,
    n.toBe = $toBe,
    n.document = $document
RETURN n.id AS proposalId
