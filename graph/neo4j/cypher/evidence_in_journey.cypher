// The project's evidence that points into journey $journeyId, with its references, in id
// order. Writing a journey replaces its elements, and their ABOUT relationships with
// them, so the store links this evidence again (evidence_about) in the same transaction.
// No record when there is none.
MATCH (p:Project {id: $projectId})-[:HAS_EVIDENCE]->(e:Evidence)
WHERE $journeyId IN e.journeys
RETURN e.id AS evidenceId, e.about AS about
ORDER BY evidenceId
