// Contract suite only: empties the database but for the suite's marker, so that every
// subtest starts from an empty store.
MATCH (n)
WHERE NOT n:GlappContractSuite
DETACH DELETE n
RETURN count(*) AS deleted
