// Glapp's schema, applied at start-up one statement at a time; IF NOT EXISTS makes every
// start after the first a no-op.
//
// Every key is scoped by project, so that two projects may use the same ids. The
// uniqueness constraints are what make a concurrent MERGE of the same actor create one
// node, and each is backed by an index, which is what makes the project-scoped lookups
// cheap. (Composite property uniqueness constraints are available in Community Edition;
// node key constraints are not, so none is used.)
CREATE CONSTRAINT project_id IF NOT EXISTS
FOR (p:Project) REQUIRE p.id IS UNIQUE;

CREATE CONSTRAINT actor_key IF NOT EXISTS
FOR (a:Actor) REQUIRE (a.projectId, a.id) IS UNIQUE;

CREATE CONSTRAINT source_key IF NOT EXISTS
FOR (s:Source) REQUIRE (s.projectId, s.id) IS UNIQUE;

CREATE CONSTRAINT triage_key IF NOT EXISTS
FOR (t:Triage) REQUIRE (t.projectId, t.fingerprint) IS UNIQUE;

CREATE CONSTRAINT journey_key IF NOT EXISTS
FOR (j:Journey) REQUIRE (j.projectId, j.id) IS UNIQUE;

CREATE CONSTRAINT stage_key IF NOT EXISTS
FOR (st:Stage) REQUIRE (st.projectId, st.journeyId, st.id) IS UNIQUE;

CREATE CONSTRAINT step_key IF NOT EXISTS
FOR (s:Step) REQUIRE (s.projectId, s.journeyId, s.id) IS UNIQUE;

CREATE CONSTRAINT handover_key IF NOT EXISTS
FOR (h:Handover) REQUIRE (h.projectId, h.journeyId, h.id) IS UNIQUE;

CREATE CONSTRAINT insight_key IF NOT EXISTS
FOR (i:Insight) REQUIRE (i.projectId, i.journeyId, i.id) IS UNIQUE;

// Lets PutSource link a newly registered source to the insights that already name it.
CREATE INDEX insight_source IF NOT EXISTS
FOR (i:Insight) ON (i.projectId, i.source);
