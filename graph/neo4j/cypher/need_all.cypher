// The ids of every need of the project, for checking what an edited journey's insights
// point at. One record per need; none when there is none.
MATCH (p:Project {id: $projectId})-[:HAS_NEED]->(n:Need)
RETURN n.id AS needId
