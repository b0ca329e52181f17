package metrics

import (
	"context"
	"io"
	"time"

	"github.com/glapp/glapp/journeys"
)

// ObserveStore returns b with every call timed into m's store series under the given store
// name ("embedded" or "neo4j"). The methods are written out by hand, one per
// journeys.Backend method, so that the compiler refuses a Backend method left unwrapped;
// the operation label is the method's name (TestObserveStoreTimesEveryMethod holds them
// to it). Calls that take a callback (EachJourney, ImportEvidence, ...) are timed with
// the callback's work, as the transaction that runs it lasts.
func ObserveStore(b journeys.Backend, store string, m *Metrics) journeys.Backend {
	return &observed{b: b, store: store, m: m}
}

// observed is a journeys.Backend that times every call of the one it wraps.
type observed struct {
	b     journeys.Backend
	store string
	m     *Metrics
}

// time starts timing operation; calling what it returns records the duration, so that
// "defer o.time(op)()" records even a call that panics.
func (o *observed) time(operation string) func() {
	start := time.Now()
	return func() { o.m.StoreOperation(o.store, operation, time.Since(start)) }
}

// Store

func (o *observed) CreateProject(ctx context.Context, p *journeys.Project) (*journeys.Project, error) {
	defer o.time("CreateProject")()
	return o.b.CreateProject(ctx, p)
}

func (o *observed) Stamp(ctx context.Context, projectID string) (journeys.Stamp, error) {
	defer o.time("Stamp")()
	return o.b.Stamp(ctx, projectID)
}

func (o *observed) GetProject(ctx context.Context, id string) (*journeys.Project, error) {
	defer o.time("GetProject")()
	return o.b.GetProject(ctx, id)
}

func (o *observed) ListProjects(ctx context.Context, page journeys.Page) (*journeys.List[journeys.Project], error) {
	defer o.time("ListProjects")()
	return o.b.ListProjects(ctx, page)
}

func (o *observed) UpdateProject(ctx context.Context, id string, fn func(*journeys.Project) error) (*journeys.Project, error) {
	defer o.time("UpdateProject")()
	return o.b.UpdateProject(ctx, id, fn)
}

func (o *observed) DeleteProject(ctx context.Context, id string) error {
	defer o.time("DeleteProject")()
	return o.b.DeleteProject(ctx, id)
}

func (o *observed) PutActor(ctx context.Context, projectID string, a *journeys.Actor) (*journeys.Actor, bool, error) {
	defer o.time("PutActor")()
	return o.b.PutActor(ctx, projectID, a)
}

func (o *observed) GetActor(ctx context.Context, projectID string, id string) (*journeys.Actor, error) {
	defer o.time("GetActor")()
	return o.b.GetActor(ctx, projectID, id)
}

func (o *observed) ListActors(ctx context.Context, projectID string, page journeys.Page) (*journeys.List[journeys.Actor], error) {
	defer o.time("ListActors")()
	return o.b.ListActors(ctx, projectID, page)
}

func (o *observed) DeleteActor(ctx context.Context, projectID string, id string) error {
	defer o.time("DeleteActor")()
	return o.b.DeleteActor(ctx, projectID, id)
}

func (o *observed) PutJourneys(ctx context.Context, projectID string, js []*journeys.Journey) (int, error) {
	defer o.time("PutJourneys")()
	return o.b.PutJourneys(ctx, projectID, js)
}

func (o *observed) PutJourney(ctx context.Context, projectID string, j *journeys.Journey, cond journeys.Precondition) (*journeys.Journey, bool, error) {
	defer o.time("PutJourney")()
	return o.b.PutJourney(ctx, projectID, j, cond)
}

func (o *observed) GetJourney(ctx context.Context, projectID string, id string) (*journeys.Journey, error) {
	defer o.time("GetJourney")()
	return o.b.GetJourney(ctx, projectID, id)
}

func (o *observed) UpdateJourney(ctx context.Context, projectID string, id string, cond journeys.Precondition, fn func(*journeys.Journey) error) (*journeys.Journey, error) {
	defer o.time("UpdateJourney")()
	return o.b.UpdateJourney(ctx, projectID, id, cond, fn)
}

func (o *observed) DeleteJourney(ctx context.Context, projectID string, id string, cond journeys.Precondition) error {
	defer o.time("DeleteJourney")()
	return o.b.DeleteJourney(ctx, projectID, id, cond)
}

func (o *observed) ListJourneys(ctx context.Context, projectID string, f journeys.JourneyFilter, page journeys.Page) (*journeys.List[journeys.JourneySummary], error) {
	defer o.time("ListJourneys")()
	return o.b.ListJourneys(ctx, projectID, f, page)
}

func (o *observed) EachJourney(ctx context.Context, projectID string, fn func(*journeys.Journey) error) error {
	defer o.time("EachJourney")()
	return o.b.EachJourney(ctx, projectID, fn)
}

func (o *observed) PutSource(ctx context.Context, projectID string, s *journeys.Source) (*journeys.Source, bool, error) {
	defer o.time("PutSource")()
	return o.b.PutSource(ctx, projectID, s)
}

func (o *observed) GetSource(ctx context.Context, projectID string, id string) (*journeys.Source, error) {
	defer o.time("GetSource")()
	return o.b.GetSource(ctx, projectID, id)
}

func (o *observed) ListSources(ctx context.Context, projectID string, page journeys.Page) (*journeys.List[journeys.Source], error) {
	defer o.time("ListSources")()
	return o.b.ListSources(ctx, projectID, page)
}

func (o *observed) DeleteSource(ctx context.Context, projectID string, id string) error {
	defer o.time("DeleteSource")()
	return o.b.DeleteSource(ctx, projectID, id)
}

func (o *observed) GetSettings(ctx context.Context, projectID string) (*journeys.Settings, error) {
	defer o.time("GetSettings")()
	return o.b.GetSettings(ctx, projectID)
}

func (o *observed) ProjectSecret(ctx context.Context, projectID string, create []byte) ([]byte, error) {
	defer o.time("ProjectSecret")()
	return o.b.ProjectSecret(ctx, projectID, create)
}

func (o *observed) PutSettings(ctx context.Context, projectID string, s *journeys.Settings) (*journeys.Settings, error) {
	defer o.time("PutSettings")()
	return o.b.PutSettings(ctx, projectID, s)
}

func (o *observed) PutTriage(ctx context.Context, projectID string, t *journeys.Triage) (*journeys.Triage, bool, error) {
	defer o.time("PutTriage")()
	return o.b.PutTriage(ctx, projectID, t)
}

func (o *observed) GetTriage(ctx context.Context, projectID string, fingerprint string) (*journeys.Triage, error) {
	defer o.time("GetTriage")()
	return o.b.GetTriage(ctx, projectID, fingerprint)
}

func (o *observed) ListTriage(ctx context.Context, projectID string, page journeys.Page) (*journeys.List[journeys.Triage], error) {
	defer o.time("ListTriage")()
	return o.b.ListTriage(ctx, projectID, page)
}

func (o *observed) DeleteTriage(ctx context.Context, projectID string, fingerprint string) error {
	defer o.time("DeleteTriage")()
	return o.b.DeleteTriage(ctx, projectID, fingerprint)
}

func (o *observed) Ping(ctx context.Context) error {
	defer o.time("Ping")()
	return o.b.Ping(ctx)
}

func (o *observed) Check(ctx context.Context) (*journeys.CheckResult, error) {
	defer o.time("Check")()
	return o.b.Check(ctx)
}

func (o *observed) Backup(ctx context.Context, begin func(size int64) io.Writer) error {
	defer o.time("Backup")()
	return o.b.Backup(ctx, begin)
}

func (o *observed) Close() error {
	defer o.time("Close")()
	return o.b.Close()
}

// AccessStore

func (o *observed) CreateToken(ctx context.Context, t *journeys.Token) (*journeys.Token, error) {
	defer o.time("CreateToken")()
	return o.b.CreateToken(ctx, t)
}

func (o *observed) TokenByHash(ctx context.Context, hash string) (*journeys.Token, error) {
	defer o.time("TokenByHash")()
	return o.b.TokenByHash(ctx, hash)
}

func (o *observed) ListTokens(ctx context.Context, page journeys.Page) (*journeys.List[journeys.Token], error) {
	defer o.time("ListTokens")()
	return o.b.ListTokens(ctx, page)
}

func (o *observed) DeleteToken(ctx context.Context, id string) error {
	defer o.time("DeleteToken")()
	return o.b.DeleteToken(ctx, id)
}

func (o *observed) EachToken(ctx context.Context, fn func(*journeys.Token) error) error {
	defer o.time("EachToken")()
	return o.b.EachToken(ctx, fn)
}

func (o *observed) RestoreToken(ctx context.Context, t *journeys.Token) (bool, error) {
	defer o.time("RestoreToken")()
	return o.b.RestoreToken(ctx, t)
}

func (o *observed) ListAudit(ctx context.Context, projectID string, f journeys.AuditFilter, page journeys.Page) (*journeys.List[journeys.AuditEntry], error) {
	defer o.time("ListAudit")()
	return o.b.ListAudit(ctx, projectID, f, page)
}

func (o *observed) RecordAudit(ctx context.Context, e *journeys.AuditEntry) error {
	defer o.time("RecordAudit")()
	return o.b.RecordAudit(ctx, e)
}

func (o *observed) EachAuditEntry(ctx context.Context, fn func(*journeys.AuditEntry) error) error {
	defer o.time("EachAuditEntry")()
	return o.b.EachAuditEntry(ctx, fn)
}

func (o *observed) RestoreAudit(ctx context.Context, entries []journeys.AuditEntry) (int, error) {
	defer o.time("RestoreAudit")()
	return o.b.RestoreAudit(ctx, entries)
}

func (o *observed) PruneAudit(ctx context.Context, before time.Time) (int, error) {
	defer o.time("PruneAudit")()
	return o.b.PruneAudit(ctx, before)
}

func (o *observed) ClaimIdempotencyKey(ctx context.Context, key, requestHash, claim string) (*journeys.IdempotentResponse, error) {
	defer o.time("ClaimIdempotencyKey")()
	return o.b.ClaimIdempotencyKey(ctx, key, requestHash, claim)
}

func (o *observed) CompleteIdempotencyKey(ctx context.Context, key, claim string, resp *journeys.IdempotentResponse) error {
	defer o.time("CompleteIdempotencyKey")()
	return o.b.CompleteIdempotencyKey(ctx, key, claim, resp)
}

func (o *observed) ReleaseIdempotencyKey(ctx context.Context, key, claim string) error {
	defer o.time("ReleaseIdempotencyKey")()
	return o.b.ReleaseIdempotencyKey(ctx, key, claim)
}

func (o *observed) PruneIdempotencyKeys(ctx context.Context, before time.Time) (int, error) {
	defer o.time("PruneIdempotencyKeys")()
	return o.b.PruneIdempotencyKeys(ctx, before)
}

// EvidenceStore

func (o *observed) ImportEvidence(ctx context.Context, projectID string, deliveryKey string, produce journeys.EvidenceProducer) (*journeys.ImportCounts, error) {
	defer o.time("ImportEvidence")()
	return o.b.ImportEvidence(ctx, projectID, deliveryKey, produce)
}

func (o *observed) GetEvidence(ctx context.Context, projectID string, id string) (*journeys.Evidence, error) {
	defer o.time("GetEvidence")()
	return o.b.GetEvidence(ctx, projectID, id)
}

func (o *observed) ListEvidence(ctx context.Context, projectID string, f journeys.EvidenceFilter, page journeys.Page) (*journeys.List[journeys.Evidence], error) {
	defer o.time("ListEvidence")()
	return o.b.ListEvidence(ctx, projectID, f, page)
}

func (o *observed) UpdateEvidence(ctx context.Context, projectID string, id string, fn func(*journeys.Evidence) error) (*journeys.Evidence, error) {
	defer o.time("UpdateEvidence")()
	return o.b.UpdateEvidence(ctx, projectID, id, fn)
}

func (o *observed) DeleteEvidence(ctx context.Context, projectID string, id string) error {
	defer o.time("DeleteEvidence")()
	return o.b.DeleteEvidence(ctx, projectID, id)
}

func (o *observed) EachEvidence(ctx context.Context, projectID string, fn func(*journeys.Evidence) error) error {
	defer o.time("EachEvidence")()
	return o.b.EachEvidence(ctx, projectID, fn)
}

func (o *observed) PutWebhook(ctx context.Context, projectID string, w *journeys.Webhook) (*journeys.Webhook, bool, error) {
	defer o.time("PutWebhook")()
	return o.b.PutWebhook(ctx, projectID, w)
}

func (o *observed) GetWebhook(ctx context.Context, projectID string, id string) (*journeys.Webhook, error) {
	defer o.time("GetWebhook")()
	return o.b.GetWebhook(ctx, projectID, id)
}

func (o *observed) ListWebhooks(ctx context.Context, projectID string, page journeys.Page) (*journeys.List[journeys.Webhook], error) {
	defer o.time("ListWebhooks")()
	return o.b.ListWebhooks(ctx, projectID, page)
}

func (o *observed) DeleteWebhook(ctx context.Context, projectID string, id string) error {
	defer o.time("DeleteWebhook")()
	return o.b.DeleteWebhook(ctx, projectID, id)
}

func (o *observed) PutGoal(ctx context.Context, projectID string, g *journeys.Goal) (*journeys.Goal, bool, error) {
	defer o.time("PutGoal")()
	return o.b.PutGoal(ctx, projectID, g)
}

func (o *observed) GetGoal(ctx context.Context, projectID, id string) (*journeys.Goal, error) {
	defer o.time("GetGoal")()
	return o.b.GetGoal(ctx, projectID, id)
}

func (o *observed) ListGoals(ctx context.Context, projectID string, page journeys.Page) (*journeys.List[journeys.Goal], error) {
	defer o.time("ListGoals")()
	return o.b.ListGoals(ctx, projectID, page)
}

func (o *observed) DeleteGoal(ctx context.Context, projectID, id string) error {
	defer o.time("DeleteGoal")()
	return o.b.DeleteGoal(ctx, projectID, id)
}

func (o *observed) PutMeasure(ctx context.Context, projectID string, m *journeys.Measure) (*journeys.Measure, bool, error) {
	defer o.time("PutMeasure")()
	return o.b.PutMeasure(ctx, projectID, m)
}

func (o *observed) GetMeasure(ctx context.Context, projectID, id string) (*journeys.Measure, error) {
	defer o.time("GetMeasure")()
	return o.b.GetMeasure(ctx, projectID, id)
}

func (o *observed) ListMeasures(ctx context.Context, projectID string, page journeys.Page) (*journeys.List[journeys.Measure], error) {
	defer o.time("ListMeasures")()
	return o.b.ListMeasures(ctx, projectID, page)
}

func (o *observed) DeleteMeasure(ctx context.Context, projectID, id string) error {
	defer o.time("DeleteMeasure")()
	return o.b.DeleteMeasure(ctx, projectID, id)
}

func (o *observed) AddObservation(ctx context.Context, projectID, measureID string, obs journeys.Observation) (*journeys.Measure, error) {
	defer o.time("AddObservation")()
	return o.b.AddObservation(ctx, projectID, measureID, obs)
}

func (o *observed) PutNeed(ctx context.Context, projectID string, n *journeys.Need) (*journeys.Need, bool, error) {
	defer o.time("PutNeed")()
	return o.b.PutNeed(ctx, projectID, n)
}

func (o *observed) GetNeed(ctx context.Context, projectID, id string) (*journeys.Need, error) {
	defer o.time("GetNeed")()
	return o.b.GetNeed(ctx, projectID, id)
}

func (o *observed) ListNeeds(ctx context.Context, projectID string, page journeys.Page) (*journeys.List[journeys.Need], error) {
	defer o.time("ListNeeds")()
	return o.b.ListNeeds(ctx, projectID, page)
}

func (o *observed) DeleteNeed(ctx context.Context, projectID, id string) error {
	defer o.time("DeleteNeed")()
	return o.b.DeleteNeed(ctx, projectID, id)
}

func (o *observed) ListJourneyVersions(ctx context.Context, projectID, id string, page journeys.Page) (*journeys.List[journeys.JourneyVersion], error) {
	defer o.time("ListJourneyVersions")()
	return o.b.ListJourneyVersions(ctx, projectID, id, page)
}

func (o *observed) GetJourneyVersion(ctx context.Context, projectID, id string, version int64) (*journeys.Journey, error) {
	defer o.time("GetJourneyVersion")()
	return o.b.GetJourneyVersion(ctx, projectID, id, version)
}

func (o *observed) PurgeJourney(ctx context.Context, projectID, id string, cond journeys.Precondition) error {
	defer o.time("PurgeJourney")()
	return o.b.PurgeJourney(ctx, projectID, id, cond)
}

func (o *observed) PruneHistory(ctx context.Context, before time.Time) (int, error) {
	defer o.time("PruneHistory")()
	return o.b.PruneHistory(ctx, before)
}

func (o *observed) CreateBaseline(ctx context.Context, projectID string, in journeys.BaselineRequest) (*journeys.ProjectBaseline, error) {
	defer o.time("CreateBaseline")()
	return o.b.CreateBaseline(ctx, projectID, in)
}

func (o *observed) GetBaseline(ctx context.Context, projectID, id string) (*journeys.ProjectBaseline, error) {
	defer o.time("GetBaseline")()
	return o.b.GetBaseline(ctx, projectID, id)
}

func (o *observed) ListBaselines(ctx context.Context, projectID string, page journeys.Page) (*journeys.List[journeys.BaselineSummary], error) {
	defer o.time("ListBaselines")()
	return o.b.ListBaselines(ctx, projectID, page)
}

func (o *observed) DeleteBaseline(ctx context.Context, projectID, id string) error {
	defer o.time("DeleteBaseline")()
	return o.b.DeleteBaseline(ctx, projectID, id)
}

func (o *observed) EachBaselineJourney(ctx context.Context, projectID, id string, fn func(*journeys.Journey) error) error {
	defer o.time("EachBaselineJourney")()
	return o.b.EachBaselineJourney(ctx, projectID, id, fn)
}

func (o *observed) EachPastVersion(ctx context.Context, projectID string, fn func(*journeys.PastVersion) error) error {
	defer o.time("EachPastVersion")()
	return o.b.EachPastVersion(ctx, projectID, fn)
}

func (o *observed) RestoreVersion(ctx context.Context, projectID string, v *journeys.PastVersion) error {
	defer o.time("RestoreVersion")()
	return o.b.RestoreVersion(ctx, projectID, v)
}

func (o *observed) RestoreBaseline(ctx context.Context, projectID string, b *journeys.ProjectBaseline) (bool, error) {
	defer o.time("RestoreBaseline")()
	return o.b.RestoreBaseline(ctx, projectID, b)
}
