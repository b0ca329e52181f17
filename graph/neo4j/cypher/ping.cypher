// Ping: proves that the configured database answers a query, which connectivity to the
// server alone does not (the database may be missing or offline).
RETURN 1 AS ok
