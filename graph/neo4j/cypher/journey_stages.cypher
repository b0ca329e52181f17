// Writes a journey's stages in one batch.
MATCH (p:Project {id: $projectId})-[:HAS_JOURNEY]->(j:Journey {id: $journeyId})
UNWIND $rows AS row
CREATE (j)-[:HAS_STAGE]->(st:Stage {projectId: $projectId, journeyId: $journeyId, id: row.id})
SET st.name = row.name,
    st.order = row.order,
    st.position = row.position
RETURN count(st) AS written
