// Contract suite only: how many nodes the database holds, and whether this suite marked it
// as its own. The suite empties the database before every subtest, so it refuses to start
// on a database that holds nodes it did not create.
MATCH (n)
RETURN count(n) AS nodes, count(CASE WHEN n:GlappContractSuite THEN 1 END) AS markers
