// The fingerprints of the findings whose triage names the proposal as addressing them, at
// most 20 in fingerprint order: what keeps the proposal from being deleted.
MATCH (p:Project {id: $projectId})-[:HAS_TRIAGE]->(t:Triage {proposal: $proposalId})
RETURN t.fingerprint AS fingerprint
ORDER BY fingerprint
LIMIT 20
