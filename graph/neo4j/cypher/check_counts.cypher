// Check: counts the nodes of each label Glapp writes, one label per branch so that every
// count is read from Neo4j's count store instead of a scan. Returns one row per label, in
// this order: label, nodes.
MATCH (n:Project) RETURN 'Project' AS label, count(n) AS nodes
UNION ALL
MATCH (n:Actor) RETURN 'Actor' AS label, count(n) AS nodes
UNION ALL
MATCH (n:Source) RETURN 'Source' AS label, count(n) AS nodes
UNION ALL
MATCH (n:Triage) RETURN 'Triage' AS label, count(n) AS nodes
UNION ALL
MATCH (n:Proposal) RETURN 'Proposal' AS label, count(n) AS nodes
UNION ALL
MATCH (n:Goal) RETURN 'Goal' AS label, count(n) AS nodes
UNION ALL
MATCH (n:Measure) RETURN 'Measure' AS label, count(n) AS nodes
UNION ALL
MATCH (n:Need) RETURN 'Need' AS label, count(n) AS nodes
UNION ALL
MATCH (n:Journey) RETURN 'Journey' AS label, count(n) AS nodes
UNION ALL
MATCH (n:Stage) RETURN 'Stage' AS label, count(n) AS nodes
UNION ALL
MATCH (n:Step) RETURN 'Step' AS label, count(n) AS nodes
UNION ALL
MATCH (n:Handover) RETURN 'Handover' AS label, count(n) AS nodes
UNION ALL
MATCH (n:Insight) RETURN 'Insight' AS label, count(n) AS nodes
UNION ALL
MATCH (n:JourneyVersion) RETURN 'JourneyVersion' AS label, count(n) AS nodes
UNION ALL
MATCH (n:Baseline) RETURN 'Baseline' AS label, count(n) AS nodes
UNION ALL
MATCH (n:Evidence) RETURN 'Evidence' AS label, count(n) AS nodes
UNION ALL
MATCH (n:Webhook) RETURN 'Webhook' AS label, count(n) AS nodes
UNION ALL
MATCH (n:Delivery) RETURN 'Delivery' AS label, count(n) AS nodes
UNION ALL
MATCH (n:AuditEntry) RETURN 'AuditEntry' AS label, count(n) AS nodes
UNION ALL
MATCH (n:Token) RETURN 'Token' AS label, count(n) AS nodes
UNION ALL
MATCH (n:IdempotencyKey) RETURN 'IdempotencyKey' AS label, count(n) AS nodes
