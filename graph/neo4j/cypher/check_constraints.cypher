// Check: lists the database's constraints by name, so that "glapp check" can tell which
// of cypher/schema.cypher's constraints are missing. Returns one row per constraint:
// name.
SHOW CONSTRAINTS YIELD name
RETURN name
ORDER BY name
