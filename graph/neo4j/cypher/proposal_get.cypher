// One proposal of the project as stored: its record (the proposal with its tests and
// decisions) as JSON. No record when the project does not exist; a null document when the
// project has no such proposal.
MATCH (p:Project {id: $projectId})
OPTIONAL MATCH (p)-[:HAS_PROPOSAL]->(n:Proposal {id: $proposalId})
RETURN n.document AS document
