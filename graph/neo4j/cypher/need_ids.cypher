// The ids among $ids that name needs of the project, for checking what a journey's
// insights point at. One record per need found; none for the other ids.
UNWIND $ids AS needId
MATCH (p:Project {id: $projectId})-[:HAS_NEED]->(n:Need {projectId: $projectId, id: needId})
RETURN n.id AS needId
