// Creates or replaces a journey node: the document and its server fields, and the
// descriptive fields and counts that lists and analysts read without parsing the document,
// and basedOn, the journey it improves on or follows, so that queries can join the two.
// Its elements are written by journey_clear and the element statements that follow in the
// same transaction.
MATCH (p:Project {id: $projectId})
MERGE (j:Journey {projectId: $projectId, id: $journeyId})
MERGE (p)-[:HAS_JOURNEY]->(j)
SET j.title = $title,
    j.kind = $kind,
    j.targetGroup = $targetGroup,
    j.targetGroupKey = $targetGroupKey,
    j.ageGroup = $ageGroup,
    j.persona = $persona,
    j.description = $description,
    j.basedOn = $basedOn,
    j.stepCount = $stepCount,
    j.handoverCount = $handoverCount,
    j.insightCount = $insightCount,
    j.document = $document,
    j.carried = $carried,
    j.version = $version,
    j.updatedAt = $now
RETURN j.id AS journeyId
