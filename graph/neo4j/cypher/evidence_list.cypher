// One page of the project's evidence in id order, after the cursor's key, that passes the
// filter: with $unlinked only evidence that points at nothing (its about is absent, which
// is how an empty list is stored), and with a non-null $journey only evidence that points
// into that journey or at it. The filter runs here, so that every page but the last is
// full. EachEvidence reads the project batch by batch with it too. No record when the
// project does not exist; one null evidence when the page is empty.
MATCH (p:Project {id: $projectId})
OPTIONAL MATCH (p)-[:HAS_EVIDENCE]->(e:Evidence {projectId: $projectId})
WHERE e.id > $after
  AND (NOT $unlinked OR e.about IS NULL)
  AND ($journey IS NULL OR $journey IN e.journeys)
WITH e
ORDER BY e.id
LIMIT $limit
RETURN e AS evidence
