// Glapp's schema, applied at start-up one statement at a time; IF NOT EXISTS makes every
// start after the first a no-op.
//
// Every key of a project's data is scoped by project, so that two projects may use the
// same ids; tokens and idempotency keys, which belong to no project, come last. The
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

CREATE CONSTRAINT need_key IF NOT EXISTS
FOR (n:Need) REQUIRE (n.projectId, n.id) IS UNIQUE;

CREATE CONSTRAINT triage_key IF NOT EXISTS
FOR (t:Triage) REQUIRE (t.projectId, t.fingerprint) IS UNIQUE;

CREATE CONSTRAINT proposal_key IF NOT EXISTS
FOR (n:Proposal) REQUIRE (n.projectId, n.id) IS UNIQUE;

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

// Imported evidence, keyed by an id that derives from its origin; an import seeks each
// batch's ids in this constraint's index.
CREATE CONSTRAINT evidence_key IF NOT EXISTS
FOR (e:Evidence) REQUIRE (e.projectId, e.id) IS UNIQUE;

// Lets PutSource link a newly registered source to the evidence that already names it.
CREATE INDEX evidence_source IF NOT EXISTS
FOR (e:Evidence) ON (e.projectId, e.source);

// Kept journey versions, by journey and version; the constraint's index serves reads of
// one version and of a journey's list.
CREATE CONSTRAINT journey_version_key IF NOT EXISTS
FOR (v:JourneyVersion) REQUIRE (v.projectId, v.journeyId, v.version) IS UNIQUE;

// Lets pruning find the versions replaced before the retention's cut-off.
CREATE INDEX journey_version_replaced IF NOT EXISTS
FOR (v:JourneyVersion) ON (v.replacedAt);

CREATE CONSTRAINT baseline_key IF NOT EXISTS
FOR (b:Baseline) REQUIRE (b.projectId, b.id) IS UNIQUE;

CREATE CONSTRAINT webhook_key IF NOT EXISTS
FOR (w:Webhook) REQUIRE (w.projectId, w.id) IS UNIQUE;

// Webhook message ids already imported: the constraint is what makes two concurrent
// imports of one message MERGE into one node, so that exactly one of them goes through.
CREATE CONSTRAINT delivery_key IF NOT EXISTS
FOR (d:Delivery) REQUIRE (d.projectId, d.key) IS UNIQUE;

// The audit log: one node per entry, linked to nothing, so that it outlives its project.
// The constraint keeps two writers from storing one id twice, and its index on (projectId,
// id) is what ListAudit seeks and reads in id order, newest first.
CREATE CONSTRAINT audit_entry_key IF NOT EXISTS
FOR (e:AuditEntry) REQUIRE (e.projectId, e.id) IS UNIQUE;

// The index on time lets pruning find the entries past retention in every log at once,
// the oldest first, without reading the rest.
CREATE INDEX audit_entry_time IF NOT EXISTS
FOR (e:AuditEntry) ON (e.time);

// Tokens: an id and the hash of a secret each belong to one token. TokenByHash, which every
// request makes, is a lookup in the hash constraint's index.
CREATE CONSTRAINT token_id IF NOT EXISTS
FOR (t:Token) REQUIRE t.id IS UNIQUE;

CREATE CONSTRAINT token_hash IF NOT EXISTS
FOR (t:Token) REQUIRE t.hash IS UNIQUE;

// Idempotency keys: the constraint is what makes concurrent claims of one key MERGE into
// one node; the index on claimedAt lets each claim find the oldest expired records to purge.
CREATE CONSTRAINT idempotency_key IF NOT EXISTS
FOR (k:IdempotencyKey) REQUIRE k.key IS UNIQUE;

CREATE INDEX idempotency_claimed_at IF NOT EXISTS
FOR (k:IdempotencyKey) ON (k.claimedAt);
