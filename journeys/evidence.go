package journeys

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Evidence is an insight that came in from outside, through an import or a webhook,
// rather than with a journey document. It lives in the project, keyed by where it came
// from (Origin), so that importing the same export twice changes nothing, and it points at
// journey elements by reference: "step:<journey>/<step>", "handover:<journey>/<handover>",
// "actor:<actor>" or "journey:<journey>". Evidence that points at nothing is kept as
// unlinked, for an analyst to link later.
type Evidence struct {
	ID string `json:"id" example:"ev_3f5e0c1d2b4a6978"`
	// Origin is the system and the record's own id there, e.g. "refi-qda:<guid>" or
	// "csv:sha256:<hash>" for a record without one.
	Origin    string        `json:"origin" example:"dovetail:hl_123"`
	Text      string        `json:"text"`
	Kind      InsightKind   `json:"kind"`
	Status    InsightStatus `json:"status,omitempty"`
	Sentiment *int          `json:"sentiment,omitempty" minimum:"-2" maximum:"2"`
	Source    string        `json:"source,omitempty"`
	// Tags are the codes or tags the record carried in its tool.
	Tags []string `json:"tags,omitempty"`
	Date string   `json:"date,omitempty" format:"date"`
	// About holds element references; empty for unlinked evidence.
	About []string `json:"about"`
	// Server fields.
	Version   int64      `json:"version,omitempty" readonly:"true"`
	UpdatedAt *time.Time `json:"updatedAt,omitempty" readonly:"true"`
}

// EvidenceID derives an evidence id from its origin, so that the same record always gets
// the same id.
func EvidenceID(origin string) string { return evidenceIDPrefix + shortHash(origin) }

// SourceIDFor derives a source id from an imported source's origin.
func SourceIDFor(origin string) string { return sourceIDPrefix + shortHash(origin) }

func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:8])
}

// Linked reports whether the evidence points at anything.
func (e *Evidence) Linked() bool { return len(e.About) > 0 }

// SameContent reports whether e and o differ only in server fields. No references and
// an empty list of them are the same: a store may keep either, and reads return an
// empty list.
func (e Evidence) SameContent(o Evidence) bool {
	e.Version, e.UpdatedAt, o.Version, o.UpdatedAt = 0, nil, 0, nil
	if len(e.About) == 0 {
		e.About = nil
	}
	if len(o.About) == 0 {
		o.About = nil
	}
	return canonicalJSON(e) == canonicalJSON(o)
}

// Validate returns every violation in e's client-supplied fields.
func (e *Evidence) Validate() []Violation {
	var v violations
	v.required("/origin", e.Origin)
	v.maxLen("/origin", e.Origin, maxNameLen)
	v.required("/text", e.Text)
	v.maxLen("/text", e.Text, maxTextLen)
	checkEnum(&v, "/kind", e.Kind, InsightKinds, true)
	checkEnum(&v, "/status", e.Status, InsightStatuses, false)
	v.between("/sentiment", e.Sentiment, -2, 2)
	if e.Source != "" && !ValidID(e.Source) {
		v.add("/source", "Not a valid source id.")
	}
	v.date("/date", e.Date)
	for i, ref := range e.About {
		if _, _, _, ok := ParseRef(ref); !ok {
			v.add("/about/"+strconv.Itoa(i), "%q is not an element reference such as step:<journey>/<step>, handover:<journey>/<handover>, actor:<actor> or journey:<journey>.", ref)
		}
	}
	sortViolations(v)
	return v
}

// ParseRef splits an element reference. Steps and hand-overs are named with their
// journey ("step:j1/s1"); a step or hand-over named without one ("step:s1") parses with
// an empty journey, for the importer to resolve. Anything else gives empty values and
// false.
func ParseRef(ref string) (kind, journey, id string, ok bool) {
	kind, rest, found := strings.Cut(ref, ":")
	if !found {
		return "", "", "", false
	}
	switch kind {
	case "step", "handover":
		if j, e, qualified := strings.Cut(rest, "/"); qualified {
			journey, rest = j, e
			if !ValidID(journey) {
				return "", "", "", false
			}
		}
	case "actor", "journey":
	default:
		return "", "", "", false
	}
	if !ValidID(rest) {
		return "", "", "", false
	}
	return kind, journey, rest, true
}

// EvidenceFilter narrows an evidence listing.
type EvidenceFilter struct {
	// Unlinked keeps only evidence that points at nothing.
	Unlinked bool
	// Journey keeps only evidence about this journey or its elements.
	Journey string
}

// Match reports whether e passes the filter.
func (f EvidenceFilter) Match(e *Evidence) bool {
	if f.Unlinked && e.Linked() {
		return false
	}
	if f.Journey != "" {
		for _, ref := range e.About {
			kind, journey, id, _ := ParseRef(ref)
			if journey == f.Journey || kind == "journey" && id == f.Journey {
				return true
			}
		}
		return false
	}
	return true
}

// Journeys returns the ids of the journeys e points into, each once.
func (e *Evidence) Journeys() []string {
	var out []string
	for _, ref := range e.About {
		kind, journey, id, _ := ParseRef(ref)
		if kind == "journey" {
			journey = id
		}
		if journey != "" && !slices.Contains(out, journey) {
			out = append(out, journey)
		}
	}
	return out
}

// AsInsight returns e as an insight of journey j, with the references that point into j
// turned into the element ids an insight's "about" holds, and whether any did. Reports
// add imported evidence to a journey's own insights this way.
func (e *Evidence) AsInsight(j *Journey) (Insight, bool) {
	var about []string
	for _, ref := range e.About {
		kind, journey, id, _ := ParseRef(ref)
		switch {
		case (kind == "step" || kind == "handover") && journey == j.ID:
			about = append(about, id)
		case kind == "journey" && id == j.ID:
			about = append(about, j.ID)
		}
	}
	if about == nil {
		return Insight{}, false
	}
	return Insight{ID: e.ID, Text: e.Text, Kind: e.Kind, Status: e.Status, Sentiment: e.Sentiment, Source: e.Source, Tags: e.Tags, About: about}, true
}

// ImportCounts is what an import did, record by record.
type ImportCounts struct {
	Created   int `json:"created"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
	// Unlinked counts the stored records that point at nothing.
	Unlinked       int `json:"unlinked"`
	SourcesCreated int `json:"sourcesCreated"`
}

// Webhook is an endpoint a note tool pushes evidence to, verified as Standard Webhooks
// 1.0 specifies. Secrets holds the current "whsec_" secrets (two while one is being
// rotated); they are needed to check signatures, so they are stored.
type Webhook struct {
	ID string `json:"id" example:"dovetail"`
	// Format is what the note tool posts: one of WebhookFormats.
	Format string `json:"format" extensions:"x-enum=webhook-formats" example:"dovetail"`
	// Mapping maps code or tag names to element references, as an import's mapping does.
	Mapping map[string][]string `json:"mapping,omitempty"`
	// Secrets are stored with the webhook; the API never shows them after setting them.
	Secrets   []string   `json:"secrets,omitempty"`
	Version   int64      `json:"version,omitempty" readonly:"true"`
	UpdatedAt *time.Time `json:"updatedAt,omitempty" readonly:"true"`
}

// SameContent reports whether w and o differ only in server fields.
func (w Webhook) SameContent(o Webhook) bool {
	w.Version, w.UpdatedAt, o.Version, o.UpdatedAt = 0, nil, 0, nil
	return canonicalJSON(w) == canonicalJSON(o) && slices.Equal(w.Secrets, o.Secrets)
}

// Validate returns every violation in w's client-supplied fields.
func (w *Webhook) Validate() []Violation {
	var v violations
	v.id("/id", w.ID)
	checkEnum(&v, "/format", ImportFormat(w.Format), WebhookFormats(), true)
	for code, refs := range w.Mapping {
		for i, ref := range refs {
			if _, _, _, ok := ParseRef(ref); !ok {
				v.add("/mapping/"+escapePointer(code)+"/"+strconv.Itoa(i), "%q is not an element reference.", ref)
			}
		}
	}
	sortViolations(v)
	return v
}

// EvidenceProducer streams an import's records into a store's transaction: it calls
// source for each source and evidence for each record, and the store writes them as they
// come, so that an import does not have to hold a large export in memory. It may run more
// than once (stores may retry a transaction), so it must read its input afresh each time.
type EvidenceProducer func(source func(*Source) error, evidence func(*Evidence) error) error

// ErrDelivered is the cause of the CONFLICT an import with a delivery key recorded before
// is refused with (see Delivered). errors.Is tells it from every other CONFLICT, such as
// an abandoned import, which is not done and must not be answered as if it were.
var ErrDelivered = errors.New("delivery key recorded before")

// Delivered is the error for an import whose delivery key (a webhook message) was
// imported before: CONFLICT, caused by ErrDelivered. The message is done; a sender that
// retries it should be told so, not asked to retry again.
func Delivered(key string) *Error {
	return &Error{Code: Conflict, Message: "Message " + strconv.Quote(key) + " was delivered before; it is not imported again.", Err: ErrDelivered}
}

// ImportRetryAfter is how long a request refused with ImportRunning is told to wait: a
// typical import takes seconds.
const ImportRetryAfter = 5 * time.Second

// ImportRunning is the error for an import, or an edit of evidence, in a project that an
// import is writing to: CONFLICT with a retry hint (409 with Retry-After), since the store
// is up and the request will succeed once the import is done.
func ImportRunning(projectID string) *Error {
	return Busy(ImportRetryAfter, "An import into project %q is running; retry when it is done.", projectID)
}

// EvidenceStore keeps imported evidence and the webhooks that push it: the part of
// Backend the imports and reports read.
type EvidenceStore interface {
	// ImportEvidence runs produce and stores what it yields, all or nothing: sources
	// (upserted by id) and evidence (upserted by id, which derives from its origin), so
	// that importing the same export twice changes nothing. If produce or any write fails,
	// or the process dies, readers never see part of the import. Stores write large
	// imports in batches so that memory does not grow with the import; while one runs,
	// other imports and edits of the project's evidence may be refused with
	// ImportRunning.
	// A non-empty deliveryKey (a webhook message id) is recorded when the import becomes
	// visible; a second import with the same key is refused with CONFLICT and stores
	// nothing. It records "evidence.import" in the audit log.
	ImportEvidence(ctx context.Context, projectID, deliveryKey string, produce EvidenceProducer) (*ImportCounts, error)
	// GetEvidence returns one piece of evidence.
	GetEvidence(ctx context.Context, projectID, id string) (*Evidence, error)
	// ListEvidence returns the evidence that passes the filter, ordered by id.
	ListEvidence(ctx context.Context, projectID string, f EvidenceFilter, page Page) (*List[Evidence], error)
	// UpdateEvidence applies fn (which must not change the id or origin) and stores a
	// valid result; analysts link evidence this way.
	UpdateEvidence(ctx context.Context, projectID, id string, fn func(*Evidence) error) (*Evidence, error)
	// DeleteEvidence removes one piece of evidence.
	DeleteEvidence(ctx context.Context, projectID, id string) error
	// EachEvidence calls fn with every piece of the project's evidence, for reports.
	EachEvidence(ctx context.Context, projectID string, fn func(*Evidence) error) error

	// PutWebhook creates or replaces a webhook endpoint, secrets included.
	PutWebhook(ctx context.Context, projectID string, w *Webhook) (*Webhook, bool, error)
	// GetWebhook returns one webhook endpoint, secrets included, for verifying deliveries.
	GetWebhook(ctx context.Context, projectID, id string) (*Webhook, error)
	// ListWebhooks returns the project's webhook endpoints ordered by id.
	ListWebhooks(ctx context.Context, projectID string, page Page) (*List[Webhook], error)
	// DeleteWebhook removes a webhook endpoint.
	DeleteWebhook(ctx context.Context, projectID, id string) error
}

// RefIndex resolves element references against a project's journeys and actors: a step
// or hand-over named without its journey ("step:s1") becomes a reference to it in every
// journey that has it, and references to elements that do not exist are dropped.
type RefIndex struct {
	steps, handovers map[string][]string // element id → journey ids
	journeys, actors map[string]bool
}

// NewRefIndex returns an empty index; Add each journey and actor to it.
func NewRefIndex() *RefIndex {
	return &RefIndex{steps: map[string][]string{}, handovers: map[string][]string{}, journeys: map[string]bool{}, actors: map[string]bool{}}
}

// AddJourney indexes j's steps and hand-overs.
func (x *RefIndex) AddJourney(j *Journey) {
	x.journeys[j.ID] = true
	for _, s := range j.Steps {
		x.steps[s.ID] = append(x.steps[s.ID], j.ID)
	}
	for _, h := range j.Handovers {
		x.handovers[h.ID] = append(x.handovers[h.ID], j.ID)
	}
}

// AddActor indexes an actor id.
func (x *RefIndex) AddActor(id string) { x.actors[id] = true }

// Resolve returns the qualified references ref stands for; none when it names nothing.
func (x *RefIndex) Resolve(ref string) []string {
	kind, journey, id, ok := ParseRef(ref)
	if !ok {
		return nil
	}
	var in map[string][]string
	switch kind {
	case "actor":
		if x.actors[id] {
			return []string{ref}
		}
		return nil
	case "journey":
		if x.journeys[id] {
			return []string{ref}
		}
		return nil
	case "step":
		in = x.steps
	default:
		in = x.handovers
	}
	var out []string
	for _, j := range in[id] {
		if journey == "" || journey == j {
			out = append(out, kind+":"+j+"/"+id)
		}
	}
	return out
}
