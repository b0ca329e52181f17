// Check: lists the database's indexes by name with their state, so that "glapp check"
// can tell which of cypher/schema.cypher's indexes are missing and which are not ONLINE
// (a FAILED index answers nothing). Constraints' own indexes are listed too. Returns one
// row per index: name, state.
SHOW INDEXES YIELD name, state
RETURN name, state
ORDER BY name
