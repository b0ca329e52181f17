package journeys

import "context"

// Precondition makes a write conditional. IfVersion, when non-zero, is the version the
// client last read; a write against any other version fails with PRECONDITION_FAILED and
// changes nothing.
type Precondition struct {
	IfVersion int64
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
// A journey write (PutJourney, UpdateJourney) is one transaction: it validates the
// resulting document against the project's actors inside that transaction and either
// commits all of it, including the actors the document upserts, or nothing.
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

	// PutActor creates or replaces an actor; created reports which.
	PutActor(ctx context.Context, projectID string, a *Actor) (stored *Actor, created bool, err error)
	// GetActor returns one actor.
	GetActor(ctx context.Context, projectID, id string) (*Actor, error)
	// ListActors returns actors ordered by id.
	ListActors(ctx context.Context, projectID string, page Page) (*List[Actor], error)
	// DeleteActor removes an actor; CONFLICT while a journey references it.
	DeleteActor(ctx context.Context, projectID, id string) error

	// PutJourney creates or replaces a whole journey document and upserts its carried
	// actors, atomically. Writing the same content again changes nothing, not even the
	// version.
	PutJourney(ctx context.Context, projectID string, j *Journey, cond Precondition) (stored *Journey, created bool, err error)
	// GetJourney returns a journey document with its actors.
	GetJourney(ctx context.Context, projectID, id string) (*Journey, error)
	// UpdateJourney applies fn to the stored journey and stores the result if it is valid,
	// in one transaction. fn may run more than once (stores may retry), so it must only
	// change the journey it is given. Changes fn makes to Actors are ignored: the result is
	// checked against the project's stored actors.
	UpdateJourney(ctx context.Context, projectID, id string, cond Precondition, fn func(*Journey) error) (*Journey, error)
	// DeleteJourney removes a journey and the insights it holds.
	DeleteJourney(ctx context.Context, projectID, id string, cond Precondition) error
	// ListJourneys returns summaries of the journeys that pass the filter, ordered by id.
	ListJourneys(ctx context.Context, projectID string, f JourneyFilter, page Page) (*List[JourneySummary], error)
	// EachJourney calls fn with every journey of the project in id order, one at a time, so
	// that project-wide reports need not hold every journey in memory. It stops at the
	// first error fn returns and returns it. fn must not call the store: it may run inside
	// a read transaction.
	EachJourney(ctx context.Context, projectID string, fn func(*Journey) error) error

	// PutSource creates or replaces an evidence source; created reports which.
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

	// PutTriage records the project's decision about a finding, keyed by the finding's
	// fingerprint; created reports whether it is the first decision about it.
	PutTriage(ctx context.Context, projectID string, t *Triage) (stored *Triage, created bool, err error)
	// GetTriage returns the decision about one finding.
	GetTriage(ctx context.Context, projectID, fingerprint string) (*Triage, error)
	// ListTriage returns decisions ordered by fingerprint.
	ListTriage(ctx context.Context, projectID string, page Page) (*List[Triage], error)
	// DeleteTriage forgets a decision, so the finding shows as untriaged again.
	DeleteTriage(ctx context.Context, projectID, fingerprint string) error

	// Ping reports whether the database can be reached.
	Ping(ctx context.Context) error
	// Close releases the store's resources.
	Close() error
}

// Check validates j for a write against the project's actors and returns an INVALID
// error listing every violation, or nil. Stores call it inside their write transaction.
func (j *Journey) Check(refs Refs) error {
	if v := j.Validate(refs); len(v) > 0 {
		return InvalidError("The journey document is not valid; nothing was stored.", v)
	}
	return nil
}

// CheckVersion returns PRECONDITION_FAILED when cond names a version other than current.
func (cond Precondition) CheckVersion(current int64) error {
	if cond.IfVersion != 0 && cond.IfVersion != current {
		return Errorf(PreconditionFailed, "The resource has changed since version %d (it is now at version %d); read it again and retry.", cond.IfVersion, current)
	}
	return nil
}
