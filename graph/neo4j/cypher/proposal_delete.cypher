// Deletes one proposal of the project with its record, tests and decisions included. No
// record when there was none.
MATCH (p:Project {id: $projectId})-[:HAS_PROPOSAL]->(n:Proposal {id: $proposalId})
WITH n, n.id AS proposalId
DETACH DELETE n
RETURN proposalId
