package journeys

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// BaselineRequest is what a client sends to take a baseline.
type BaselineRequest struct {
	ID    string `json:"id" binding:"required"`
	Title string `json:"title" binding:"required"`
}

// Validate returns every violation of r.
func (r *BaselineRequest) Validate() []Violation {
	var v violations
	v.id("/id", r.ID)
	v.required("/title", strings.TrimSpace(r.Title))
	v.maxLen("/title", r.Title, maxNameLen)
	sortViolations(v)
	return v
}

// ProjectBaseline is a baseline, the project frozen at one moment: the version of every
// journey it held, and the actors, settings and triage decisions its gap report was
// judged with then, so that the report as it stood can be made again however the project
// changes since. The journeys themselves are the versions their history keeps; a baseline
// holds them for as long as it exists. Imported evidence is not frozen: a baseline's
// report reads it as it is now. (Measure.Baseline, a measure's starting value, is another
// thing; hence the longer name.)
type ProjectBaseline struct {
	ID        string            `json:"id"`
	Title     string            `json:"title"`
	CreatedAt *time.Time        `json:"createdAt,omitempty"`
	Journeys  []BaselineJourney `json:"journeys"`
	Actors    []Actor           `json:"actors"`
	Settings  Settings          `json:"settings"`
	Triage    []Triage          `json:"triage"`
}

// BaselineJourney is one journey a baseline holds, at the version it held.
type BaselineJourney struct {
	ID      string `json:"id"`
	Version int64  `json:"version"`
	Title   string `json:"title"`
}

// BaselineSummary is a baseline as the list of baselines shows it.
type BaselineSummary struct {
	ID        string     `json:"id"`
	Title     string     `json:"title"`
	CreatedAt *time.Time `json:"createdAt,omitempty"`
	Journeys  int        `json:"journeys"`
}

// Summary returns b as lists show it.
func (b *ProjectBaseline) Summary() BaselineSummary {
	return BaselineSummary{ID: b.ID, Title: b.Title, CreatedAt: b.CreatedAt, Journeys: len(b.Journeys)}
}

// MaxBaselines is the most baselines one project keeps, and MaxBaselineJourneys the most
// journeys one baseline holds, so that what a baseline costs to take and to read is
// bounded.
const (
	MaxBaselines        = 100
	MaxBaselineJourneys = 10_000
)

// Holds reports whether b holds version of journey id.
func (b *ProjectBaseline) Holds(id string, version int64) bool {
	return slices.ContainsFunc(b.Journeys, func(j BaselineJourney) bool { return j.ID == id && j.Version == version })
}

// HoldsJourney reports whether b holds any version of journey id.
func (b *ProjectBaseline) HoldsJourney(id string) bool {
	return slices.ContainsFunc(b.Journeys, func(j BaselineJourney) bool { return j.ID == id })
}

// Pins returns the versions b holds as PinKey strings, for stores that look them up
// without decoding the baseline.
func (b *ProjectBaseline) Pins() []string {
	out := make([]string, 0, len(b.Journeys))
	for _, j := range b.Journeys {
		out = append(out, PinKey(j.ID, j.Version))
	}
	return out
}

// PinKey names version of journey id as one string.
func PinKey(id string, version int64) string { return id + "@" + strconv.FormatInt(version, 10) }

// BaselineSource is what a store read, inside its write transaction, to take a baseline.
type BaselineSource struct {
	// Taken says the project already has a baseline with the requested id; Count is how
	// many baselines it has.
	Taken bool
	Count int
	// Journeys are the project's journeys as they are now (ids, versions, titles), in id
	// order, at most MaxBaselineJourneys+1 of them.
	Journeys []JourneySummary
	Actors   []Actor
	Settings Settings
	Triage   []Triage
}

// PlanBaseline plans CreateBaseline: in is validated, the id must be free and the project
// under MaxBaselines, and the project must hold at most MaxBaselineJourneys journeys. The
// baseline is stamped with now; the store writes it with a baseline.create.
func PlanBaseline(in BaselineRequest, src BaselineSource, now time.Time) (*ProjectBaseline, error) {
	if v := in.Validate(); len(v) > 0 {
		return nil, InvalidError("The baseline is not valid; nothing was stored.", v)
	}
	if src.Taken {
		return nil, Errorf(Conflict, "A baseline with id %q already exists; a baseline cannot be replaced, only deleted.", in.ID)
	}
	if src.Count >= MaxBaselines {
		return nil, Errorf(Conflict, "The project already has %d baselines, the most it may keep; delete one first.", src.Count)
	}
	if len(src.Journeys) > MaxBaselineJourneys {
		return nil, Errorf(LimitExceeded, "The project has more than %d journeys, the most a baseline holds.", MaxBaselineJourneys)
	}
	b := &ProjectBaseline{ID: in.ID, Title: in.Title, CreatedAt: &now, Journeys: make([]BaselineJourney, 0, len(src.Journeys)),
		Actors: slices.Clone(src.Actors), Settings: src.Settings, Triage: slices.Clone(src.Triage)}
	for _, j := range src.Journeys {
		b.Journeys = append(b.Journeys, BaselineJourney{ID: j.ID, Version: j.Version, Title: j.Title})
	}
	if b.Actors == nil {
		b.Actors = []Actor{}
	}
	if b.Triage == nil {
		b.Triage = []Triage{}
	}
	return b, nil
}

// BaselineNotFound is the NOT_FOUND of a baseline the project does not hold.
func BaselineNotFound(projectID, id string) error {
	return Errorf(NotFound, "Project %q has no baseline %q.", projectID, id)
}

// ActorMap returns b's actors by id, as the gap engine reads them.
func (b *ProjectBaseline) ActorMap() map[string]Actor {
	m := make(map[string]Actor, len(b.Actors))
	for _, a := range b.Actors {
		m[a.ID] = a
	}
	return m
}

// MeasureAtBaseline is a computed measure's value at a baseline beside its value now.
type MeasureAtBaseline struct {
	Measure string `json:"measure" example:"responsible-share"`
	Name    string `json:"name" example:"Överlämningar med ansvarig"`
	Metric  Metric `json:"metric"`
	// AtBaseline is the metric computed on the journeys the baseline holds, at their
	// versions (open_findings on the baseline's report).
	AtBaseline MetricValue `json:"atBaseline"`
	// Now is the metric on the project's journeys as they are now, as GET of the measure
	// answers it.
	Now MetricValue `json:"now"`
}
