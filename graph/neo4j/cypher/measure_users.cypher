// The proposals of the project that name a measure, in their expected values or their
// tests' observations (the measures property proposal_put keeps), at most 20 in id order:
// what keeps the measure from being deleted. No record when none does.
MATCH (p:Project {id: $projectId})-[:HAS_PROPOSAL]->(n:Proposal)
WHERE $measureId IN n.measures
RETURN n.id AS id
ORDER BY id
LIMIT 20
