// Contract suite only: marks the database as one this suite may empty.
MERGE (m:GlappContractSuite {id: 'marker'})
RETURN m.id AS marker
