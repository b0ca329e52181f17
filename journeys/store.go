package journeys

import (
	"context"
	"fmt"
	"io"
	"time"
)

// Precondition makes a write conditional. IfVersion, when non-zero, is the version the
// client last read; a write against any other version fails with PRECONDITION_FAILED and
// changes nothing. Required says the client must name a version when the resource
// exists: a write without one fails with PRECONDITION_REQUIRED (creating is still free).
type Precondition struct {
	IfVersion int64
	Required  bool
}

// Store keeps projects and everything inside them. Every method is scoped by project: no
// call reads or writes another project's data. Implementations return *Error values with
// NOT_FOUND for a missing project or entity, CONFLICT for a write that clashes with what is
// stored, INVALID with violations for a journey that would not be valid, and UNAVAILABLE
// when the database cannot be reached.
//
// A cancelled or expired context makes a call return UNAVAILABLE, with the context's error
// underneath for errors.Is.
//
// Every call that changes stored data appends an AuditEntry (NewAuditEntry) to the
// project's audit log inside the same transaction, so a committed write always has its
// entry and a rolled-back one never has; a call that changes nothing records nothing. The
// actions are "<noun>.<verb>": project.create, project.update, project.delete, actor.put,
// actor.delete, journey.put, journey.update, journey.delete, source.put, source.delete,
// settings.put, project.secret, triage.put, triage.delete, and those of ProposalStore and GoalStore; the
// AccessStore's token.create and token.delete go to the log of SystemAuditProject. The audit log of a deleted project is
// kept.
//
// A write's rules (versions, preconditions, created flags, validation) are planned by the
// pure functions of write.go (PlanPutJourney, PlanUpdateJourney, PlanDeleteJourney,
// PlanUpsert) from what the store loads inside its write transaction; the store persists
// the plan in that transaction, so that it commits all of it, including the actors a
// journey document upserts, or nothing.
type Store interface {
	// CreateProject stores a new project; CONFLICT if its id is taken.
	CreateProject(ctx context.Context, p *Project) (*Project, error)
	// GetProject returns one project.
	GetProject(ctx context.Context, id string) (*Project, error)
	// ListProjects returns projects ordered by id.
	ListProjects(ctx context.Context, page Page) (*List[Project], error)
	// UpdateProject applies fn to the stored project and stores the result.
	UpdateProject(ctx context.Context, id string, fn func(*Project) error) (*Project, error)
	// DeleteProject removes a project and everything in it.
	DeleteProject(ctx context.Context, id string) error
	// Stamp returns the project's Stamp, which every write moves in its own transaction
	// as StampChangeOf says; NOT_FOUND when there is no such project. It reads one small
	// record, so that a conditional read costs little.
	Stamp(ctx context.Context, projectID string) (Stamp, error)

	// PutActor creates or replaces an actor (PlanUpsert); created reports which.
	PutActor(ctx context.Context, projectID string, a *Actor) (stored *Actor, created bool, err error)
	// GetActor returns one actor.
	GetActor(ctx context.Context, projectID, id string) (*Actor, error)
	// ListActors returns actors ordered by id.
	ListActors(ctx context.Context, projectID string, page Page) (*List[Actor], error)
	// DeleteActor removes an actor; CONFLICT while a journey references it.
	DeleteActor(ctx context.Context, projectID, id string) error

	// PutJourney creates or replaces a whole journey document and upserts its carried
	// actors, atomically, as PlanPutJourney plans it.
	PutJourney(ctx context.Context, projectID string, j *Journey, cond Precondition) (stored *Journey, created bool, err error)
	// PutJourneys writes several whole journeys in one transaction, each as PutJourney
	// with no precondition would, all or none, and returns how many it created. It takes
	// at most MaxJourneysPerWrite (more is INTERNAL: a bug in the caller), so that a
	// transaction stays bounded; an event-log import writes its journeys this way.
	PutJourneys(ctx context.Context, projectID string, js []*Journey) (created int, err error)
	// GetJourney returns a journey document with its actors.
	GetJourney(ctx context.Context, projectID, id string) (*Journey, error)
	// UpdateJourney applies fn to the stored journey and stores the result if it is valid,
	// in one transaction, as PlanUpdateJourney plans it. fn may run more than once.
	UpdateJourney(ctx context.Context, projectID, id string, cond Precondition, fn func(*Journey) error) (*Journey, error)
	// DeleteJourney removes a journey and the insights it holds (PlanDeleteJourney).
	DeleteJourney(ctx context.Context, projectID, id string, cond Precondition) error
	// ListJourneys returns summaries of the journeys that pass the filter, ordered by id.
	ListJourneys(ctx context.Context, projectID string, f JourneyFilter, page Page) (*List[JourneySummary], error)
	// EachJourney calls fn with every journey of the project in id order, one at a time, so
	// that project-wide reports need not hold every journey in memory. It stops at the
	// first error fn returns and returns it. fn must not call the store: it may run inside
	// a read transaction.
	EachJourney(ctx context.Context, projectID string, fn func(*Journey) error) error

	// PutSource creates or replaces an evidence source (PlanUpsert); created reports
	// which.
	PutSource(ctx context.Context, projectID string, s *Source) (stored *Source, created bool, err error)
	// GetSource returns one source.
	GetSource(ctx context.Context, projectID, id string) (*Source, error)
	// ListSources returns sources ordered by id.
	ListSources(ctx context.Context, projectID string, page Page) (*List[Source], error)
	// DeleteSource removes a source. Insights that name it keep the id.
	DeleteSource(ctx context.Context, projectID, id string) error

	// GetSettings returns the project's gap-rule settings: DefaultSettings until set.
	GetSettings(ctx context.Context, projectID string) (*Settings, error)
	// PutSettings validates and replaces the project's gap-rule settings.
	PutSettings(ctx context.Context, projectID string, s *Settings) (*Settings, error)
	// ProjectSecret returns the project's pseudonymisation secret (CasePseudonym). When
	// the project has none yet and create is not nil, it stores create (ProjectSecretBytes
	// long, drawn at random by the caller) as the secret, with a project.secret audit
	// entry, and returns it; when it has one, create is ignored, so two first uses racing
	// agree on one secret. With create nil it returns nil for a project without one. No
	// answer of the API and no report holds the secret; a copy of the project ("glapp
	// migrate", a backup) keeps it, so that a restored project pseudonymises as before.
	ProjectSecret(ctx context.Context, projectID string, create []byte) ([]byte, error)

	// PutTriage records the project's decision about a finding, keyed by the finding's
	// fingerprint; created reports whether it is the first decision about it.
	PutTriage(ctx context.Context, projectID string, t *Triage) (stored *Triage, created bool, err error)
	// GetTriage returns the decision about one finding.
	GetTriage(ctx context.Context, projectID, fingerprint string) (*Triage, error)
	// ListTriage returns decisions ordered by fingerprint.
	ListTriage(ctx context.Context, projectID string, page Page) (*List[Triage], error)
	// DeleteTriage forgets a decision, so the finding shows as untriaged again.
	DeleteTriage(ctx context.Context, projectID, fingerprint string) error

	// Ping reports whether the database can be reached and has shown no damage: a store
	// that found its data damaged (a corrupt page met while reading, a failed Check)
	// answers an INTERNAL error from then on, so that a readiness probe takes the
	// instance out of service.
	Ping(ctx context.Context) error
	// Check verifies the stored data and reports what it counted and every problem it
	// found; a result without problems means the store is sound. It returns an error only
	// when it could not look (UNAVAILABLE). Its cost grows with the data: it is for
	// "glapp check", never for a request.
	Check(ctx context.Context) (*CheckResult, error)
	// Backup writes a consistent copy of the whole store, as one snapshot taken while
	// writes go on, in a form the same kind of store opens ("glapp backup"). It calls
	// begin with the copy's size in bytes before writing any, so that a cut stream can be
	// told from a whole one (the HTTP layer sends it as Content-Length), and writes every
	// byte to the writer begin returns. A store whose database has backup tools of its own
	// refuses with UNSUPPORTED, saying which, before calling begin. Its cost grows with the
	// data, and it holds one read transaction open while it writes.
	Backup(ctx context.Context, begin func(size int64) io.Writer) error
	// Close releases the store's resources.
	Close() error
}

// Backend is the whole contract of a store: projects and their journeys (Store), who may
// call and what they did (AccessStore), and imported evidence (EvidenceStore). Every
// store implements all of it, so that store selection returns a Backend and no caller
// asks which parts a store has. The parts are named apart only to say what each is about.
type Backend interface {
	Store
	AccessStore
	EvidenceStore
	ProposalStore
	GoalStore
	NeedStore
	HistoryStore
}

// AccessStore keeps what access control needs beside the projects: tokens, the audit log
// and idempotency keys. It is the part of Backend about who calls, not about journeys.
type AccessStore interface {
	// CreateToken stores a new token with its Hash and CreatedAt; CONFLICT if the id is
	// taken.
	CreateToken(ctx context.Context, t *Token) (*Token, error)
	// TokenByHash returns the token whose secret has the given hash, or NOT_FOUND.
	TokenByHash(ctx context.Context, hash string) (*Token, error)
	// ListTokens returns tokens ordered by id, without their hashes.
	ListTokens(ctx context.Context, page Page) (*List[Token], error)
	// DeleteToken revokes a token.
	DeleteToken(ctx context.Context, id string) error
	// EachToken calls fn with every token in id order, with its Hash, for copying a store
	// ("glapp migrate"); nothing the API answers lists hashes. It stops at the first error
	// fn returns and returns it. fn must not call the store.
	EachToken(ctx context.Context, fn func(*Token) error) error
	// RestoreToken stores t as another store held it: id, Hash and CreatedAt kept, so that
	// its secret still works, and expired or not. It records no audit entry: the log is
	// copied on its own (RestoreAudit). A token stored under t's id with t's hash is left
	// as it is (created false), so that copying again changes nothing; CONFLICT when the id
	// or the hash belongs to another token.
	RestoreToken(ctx context.Context, t *Token) (created bool, err error)

	// ListAudit returns the project's audit entries that pass the filter, newest first.
	// It works for a deleted project's id and for SystemAuditProject.
	ListAudit(ctx context.Context, projectID string, f AuditFilter, page Page) (*List[AuditEntry], error)
	// RecordAudit appends an entry on its own, for a write the service refused.
	RecordAudit(ctx context.Context, e *AuditEntry) error
	// EachAuditEntry calls fn with every entry of every log (deleted projects' and
	// SystemAuditProject's included), ordered by project id and then by entry id, which
	// is oldest first, for copying a store. It stops at the first error fn returns and
	// returns it. fn must not call the store.
	EachAuditEntry(ctx context.Context, fn func(*AuditEntry) error) error
	// RestoreAudit appends entries as another store held them, ids, times, tokens and
	// outcomes kept (within the bounds of AuditEntry.Bounded), skipping any whose id its
	// log already holds, so that copying again adds nothing. It returns how many it added.
	// It takes at most PruneBatch entries in one transaction; an entry without an id, a
	// time, a project or an action is refused as INTERNAL (a bug in the caller).
	RestoreAudit(ctx context.Context, entries []AuditEntry) (added int, err error)
	// PruneAudit deletes the entries stamped before before from every log, a deleted
	// project's and SystemAuditProject's included, and returns how many it deleted. It
	// works in transactions of at most PruneBatch entries, so no transaction grows with the
	// log; a cancelled ctx stops it between two, keeping what it deleted. Pruning is not
	// itself audited.
	PruneAudit(ctx context.Context, before time.Time) (removed int, err error)

	// ClaimIdempotencyKey claims key for a request whose body hashes to requestHash, as
	// claim: a value the caller draws at random for this one request and passes again to
	// CompleteIdempotencyKey or ReleaseIdempotencyKey, so that those finish this claim and
	// no other. It returns nil when the caller now holds the key and must run the request,
	// or the stored record otherwise: done (replay it, or refuse a different body) or still
	// pending. A pending claim older than IdempotencyPendingTimeout, and any record older
	// than IdempotencyTTL, is treated as absent and claimed anew.
	ClaimIdempotencyKey(ctx context.Context, key, requestHash, claim string) (*IdempotentResponse, error)
	// CompleteIdempotencyKey stores the response to replay for key, when key's record is
	// still claim's or there is none (it was released or purged: the request ran, so its
	// retries should replay it). When another claim has taken the key over (this one
	// outlived IdempotencyPendingTimeout) it changes nothing and returns nil: the record
	// is the other request's, and its retries must see that one.
	CompleteIdempotencyKey(ctx context.Context, key, claim string, resp *IdempotentResponse) error
	// ReleaseIdempotencyKey forgets claim, whose request did not succeed (a 4xx, which
	// changed nothing, or a 5xx, which a retry may not meet), so that a retry runs the
	// request again. When key's record is not claim's (none, or another claim took the key
	// over) it changes nothing and returns nil.
	ReleaseIdempotencyKey(ctx context.Context, key, claim string) error
	// PruneIdempotencyKeys deletes the records claimed before before, done or pending,
	// and returns how many it deleted, in transactions of at most PruneBatch records as
	// PruneAudit does.
	PruneIdempotencyKeys(ctx context.Context, before time.Time) (removed int, err error)
}

// Check validates j for a write against the project's actors and the store's limits and
// returns a LIMIT_EXCEEDED error when j is too large, else an INVALID error listing every
// violation, or nil. Stores call it inside their write transaction, for whole journeys
// and for element edits alike.
func (j *Journey) Check(refs Refs) error {
	if err := refs.Limits.check(j); err != nil {
		return err
	}
	if v := j.Validate(refs); len(v) > 0 {
		return InvalidError("The journey document is not valid; nothing was stored.", v)
	}
	return nil
}

// Optional returns cond without Required: for checking a stale version before it is known
// whether a write changes anything. Writing a journey exactly as it is stored changes
// nothing and overwrites nobody's work, so it needs no If-Match; that keeps a retried
// create safe.
func (cond Precondition) Optional() Precondition {
	cond.Required = false
	return cond
}

// CheckVersion returns PRECONDITION_FAILED when cond names a version other than current,
// and PRECONDITION_REQUIRED when it names none but one is required. current is the
// version of an existing resource.
func (cond Precondition) CheckVersion(current int64) error {
	if cond.IfVersion == 0 && cond.Required {
		return Errorf(PreconditionRequired, "Send If-Match with the ETag of the version you read (it is now at version %d), so that no one else's change is overwritten.", current)
	}
	if cond.IfVersion != 0 && cond.IfVersion != current {
		return Errorf(PreconditionFailed, "The resource has changed since version %d (it is now at version %d); read it again and retry.", cond.IfVersion, current)
	}
	return nil
}

// CheckResult is what a store's Check found: how much it holds, by kind, and what is
// wrong with it.
type CheckResult struct {
	// Store names the kind of store checked and where it is, e.g. "embedded store in
	// ./data".
	Store string
	// Counts are the store's own tallies (records per bucket or nodes per label), in the
	// order the store lists them.
	Counts []CheckCount
	// Problems says, one sentence each, what is damaged or missing. At most
	// MaxCheckProblems are kept; Omitted counts the rest.
	Problems []string
	// Omitted is how many problems were found beyond those in Problems.
	Omitted int
}

// CheckCount is one tally of a CheckResult.
type CheckCount struct {
	Name string
	N    int64
}

// MaxCheckProblems bounds the problems a CheckResult keeps, so that a badly damaged
// store gives a readable result instead of one line per broken page.
const MaxCheckProblems = 20

// Problem records one problem, keeping at most MaxCheckProblems.
func (r *CheckResult) Problem(format string, args ...any) {
	if len(r.Problems) >= MaxCheckProblems {
		r.Omitted++
		return
	}
	r.Problems = append(r.Problems, fmt.Sprintf(format, args...))
}

// Count appends a tally.
func (r *CheckResult) Count(name string, n int64) {
	r.Counts = append(r.Counts, CheckCount{Name: name, N: n})
}

// Sound reports whether the check found no problem.
func (r *CheckResult) Sound() bool { return len(r.Problems) == 0 && r.Omitted == 0 }
