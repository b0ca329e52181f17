package journeys

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"time"
)

// Perspective says whose effect a goal is about.
type Perspective string

// Perspectives.
const (
	PerspectivePerson       Perspective = "person"
	PerspectiveOrganisation Perspective = "organisation"
)

// Perspectives lists every valid Perspective.
var Perspectives = []Perspective{PerspectivePerson, PerspectiveOrganisation}

// Direction says which way a measure should move for its goal to be met.
type Direction string

// Directions.
const (
	DirectionIncrease Direction = "increase"
	DirectionDecrease Direction = "decrease"
)

// Directions lists every valid Direction.
var Directions = []Direction{DirectionIncrease, DirectionDecrease}

// Limits on goals and measures, so that no write or read of one grows without bound.
const (
	// MaxObservations bounds the observations one measure holds.
	MaxObservations = 1000
	// MaxScopeItems bounds each list of a measure's scope.
	MaxScopeItems = 100
	// maxGoalDepth bounds how far a goal's parents are followed.
	maxGoalDepth = 1000
)

// ObservationSourceComputed is the source of an observation that recorded a computed
// metric's value, so that a timeline tells measured numbers from counted ones.
const ObservationSourceComputed = "computed"

// Goal is an effect goal: what a project wants to change, for the person or for the
// organisation. Goals nest through Parent, so that a broad goal can be broken down.
type Goal struct {
	ID          string      `json:"id" example:"fewer-lost"`
	Title       string      `json:"title" validate:"required" example:"Ingen tappas bort mellan vårdgivare"`
	Perspective Perspective `json:"perspective" validate:"required"`
	Description string      `json:"description,omitempty"`
	// Parent is the id of the goal this one breaks down, or null for a top goal.
	Parent *string `json:"parent" extensions:"x-nullable" example:"better-continuity"`
	// Server fields: set by the store, ignored on input.
	Version   int64      `json:"version,omitempty" readonly:"true"`
	UpdatedAt *time.Time `json:"updatedAt,omitempty" readonly:"true"`
}

// Validate returns every violation in g that g alone shows; that its parent exists and
// forms no cycle is CheckGoalParent's, which needs the project's goals.
func (g *Goal) Validate() []Violation {
	var v violations
	v.id("/id", g.ID)
	v.required("/title", strings.TrimSpace(g.Title))
	v.maxLen("/title", g.Title, maxNameLen)
	checkEnum(&v, "/perspective", g.Perspective, Perspectives, true)
	v.maxLen("/description", g.Description, maxTextLen)
	if g.Parent != nil {
		v.id("/parent", *g.Parent)
		if *g.Parent == g.ID {
			v.add("/parent", "A goal cannot be its own parent.")
		}
	}
	sortViolations(v)
	return v
}

// SameContent reports whether g and o differ only in server fields.
func (g Goal) SameContent(o Goal) bool {
	return g.ID == o.ID && g.Title == o.Title && g.Perspective == o.Perspective &&
		g.Description == o.Description && ptrEqual(g.Parent, o.Parent)
}

func (g *Goal) serverFields() (*int64, **time.Time) { return &g.Version, &g.UpdatedAt }

func ptrEqual[T comparable](a, b *T) bool {
	return a == nil && b == nil || a != nil && b != nil && *a == *b
}

// CheckGoalParent returns INVALID when g's parent is not a goal of the project or when
// making it g's parent would close a cycle. get returns a stored goal, or nil when there
// is none; stores call this inside their write transaction.
func CheckGoalParent(g *Goal, get func(id string) (*Goal, error)) error {
	if g.Parent == nil {
		return nil
	}
	id := *g.Parent
	for depth := 0; depth < maxGoalDepth; depth++ {
		p, err := get(id)
		if err != nil {
			return err
		}
		if p == nil {
			if depth == 0 {
				return InvalidError("The goal is not valid; nothing was stored.", []Violation{{Pointer: "/parent", Detail: fmt.Sprintf("The project has no goal %q.", id)}})
			}
			return nil
		}
		if p.Parent == nil {
			return nil
		}
		if *p.Parent == g.ID {
			return InvalidError("The goal is not valid; nothing was stored.", []Violation{{Pointer: "/parent", Detail: fmt.Sprintf("Goal %q lies under goal %q already; goals must not form a cycle.", *g.Parent, g.ID)}})
		}
		id = *p.Parent
	}
	return Errorf(Internal, "goal %q: parents nest deeper than %d", g.ID, maxGoalDepth)
}

// GoalInUse returns the CONFLICT that refuses deleting goal id while child goals,
// measures or proposals point to it, naming them, or nil when nothing does.
func GoalInUse(id string, children, measures, proposals []string) error {
	var parts []string
	if len(children) > 0 {
		parts = append(parts, "goals "+quoteAll(children))
	}
	if len(measures) > 0 {
		parts = append(parts, "measures "+quoteAll(measures))
	}
	if len(proposals) > 0 {
		parts = append(parts, "proposals "+quoteAll(proposals))
	}
	if len(parts) == 0 {
		return nil
	}
	return Errorf(Conflict, "Goal %q is pointed to by %s; change or delete those before deleting it.", id, strings.Join(parts, " and "))
}

func quoteAll(ids []string) string {
	q := make([]string, len(ids))
	for i, id := range ids {
		q[i] = fmt.Sprintf("%q", id)
	}
	return strings.Join(q, ", ")
}

// Baseline is where a measure started: its value and the date it was taken.
type Baseline struct {
	Value float64 `json:"value" example:"0.4"`
	At    string  `json:"at,omitempty" example:"2026-01-15" format:"date"`
}

// Target is where a measure should be, and by when.
type Target struct {
	Value float64 `json:"value" example:"0.9"`
	By    string  `json:"by,omitempty" example:"2027-06-30" format:"date"`
}

// MeasureScope narrows the journeys a computed metric is evaluated on. Empty lists do not
// narrow: by default a metric counts the project's as_is journeys, all of their steps and
// hand-overs.
type MeasureScope struct {
	// Journeys, when set, names the journeys counted, of any kind, instead of the as_is
	// ones.
	Journeys []string `json:"journeys,omitempty"`
	// Actors, when set, counts only the steps these actors perform and the hand-overs
	// from or to such a step.
	Actors []string `json:"actors,omitempty"`
	// TargetGroups, when set, counts only journeys for one of these target groups.
	TargetGroups []string `json:"targetGroups,omitempty"`
	// Offers, when set, names the offers (Offer ids) a manual measure counts the use of,
	// for example programmes started; the offering report shows it beside them.
	Offers []string `json:"offers,omitempty"`
}

// Observation is one value of a measure at a date, measured by hand or recorded from a
// computed metric.
type Observation struct {
	At    string  `json:"at" example:"2026-09-01" format:"date"`
	Value float64 `json:"value" example:"0.55"`
	Note  string  `json:"note,omitempty"`
	// Source says where the value comes from: a survey, a register, or "computed".
	Source string `json:"source,omitempty" example:"computed"`
}

// Measure is a measurement point of a goal: a number that shows whether the goal is being
// met, entered by hand (Metric null) or computed from the map itself.
type Measure struct {
	ID        string        `json:"id" example:"responsible-share"`
	Goal      string        `json:"goal" validate:"required" example:"fewer-lost"`
	Name      string        `json:"name" validate:"required" example:"Överlämningar med ansvarig"`
	Unit      string        `json:"unit,omitempty" example:"share"`
	Direction Direction     `json:"direction" validate:"required"`
	Baseline  *Baseline     `json:"baseline,omitempty"`
	Target    *Target       `json:"target,omitempty"`
	Scope     *MeasureScope `json:"scope,omitempty"`
	// Metric is the computed metric, or null for a measure entered by hand.
	Metric *Metric `json:"metric" extensions:"x-nullable"`
	// MetricRule narrows open_findings to the findings of one gap rule (see GET /rules).
	MetricRule string `json:"metricRule,omitempty" example:"unowned_handover"`
	// MetricMinSeverity narrows open_findings to findings of at least this severity.
	MetricMinSeverity string `json:"metricMinSeverity,omitempty" example:"high"`
	// Observations are the values recorded over time, oldest first. A PUT that leaves
	// them out keeps those stored; one that sends them replaces them.
	Observations []Observation `json:"observations,omitempty"`
	// Server fields: set by the store, ignored on input.
	Version   int64      `json:"version,omitempty" readonly:"true"`
	UpdatedAt *time.Time `json:"updatedAt,omitempty" readonly:"true"`
}

// Validate returns every violation in m that m alone shows; that its goal exists is the
// store's to check, inside its write transaction.
func (m *Measure) Validate() []Violation {
	var v violations
	v.id("/id", m.ID)
	v.id("/goal", m.Goal)
	v.required("/name", strings.TrimSpace(m.Name))
	v.maxLen("/name", m.Name, maxNameLen)
	v.maxLen("/unit", m.Unit, maxNameLen)
	checkEnum(&v, "/direction", m.Direction, Directions, true)
	if m.Metric != nil {
		checkEnum(&v, "/metric", *m.Metric, Metrics, true)
	}
	// Which rules and severities exist is the gap engine's to say (gaps.CheckMeasure);
	// that only open_findings takes them is said here.
	if m.Metric == nil || *m.Metric != MetricOpenFindings {
		if m.MetricRule != "" {
			v.add("/metricRule", "Only the open_findings metric takes a rule.")
		}
		if m.MetricMinSeverity != "" {
			v.add("/metricMinSeverity", "Only the open_findings metric takes a least severity.")
		}
	}
	v.maxLen("/metricRule", m.MetricRule, maxNameLen)
	v.maxLen("/metricMinSeverity", m.MetricMinSeverity, maxNameLen)
	if m.Baseline != nil {
		v.finite("/baseline/value", m.Baseline.Value)
		v.date("/baseline/at", m.Baseline.At)
	}
	if m.Target != nil {
		v.finite("/target/value", m.Target.Value)
		v.date("/target/by", m.Target.By)
	}
	if m.Baseline != nil && m.Target != nil {
		b, t := m.Baseline.Value, m.Target.Value
		switch {
		case m.Direction == DirectionIncrease && t <= b:
			v.add("/target/value", "A measure that should increase needs a target above its baseline.")
		case m.Direction == DirectionDecrease && t >= b:
			v.add("/target/value", "A measure that should decrease needs a target below its baseline.")
		}
	}
	if s := m.Scope; s != nil {
		v.ids("/scope/journeys", s.Journeys)
		v.ids("/scope/actors", s.Actors)
		v.ids("/scope/offers", s.Offers)
		if len(s.TargetGroups) > MaxScopeItems {
			v.add("/scope/targetGroups", "Must hold at most %d entries.", MaxScopeItems)
		}
		for i, g := range s.TargetGroups {
			v.maxLen(fmt.Sprintf("/scope/targetGroups/%d", i), g, maxNameLen)
		}
	}
	if len(m.Observations) > MaxObservations {
		v.add("/observations", "Must hold at most %d observations.", MaxObservations)
	} else {
		for i, o := range m.Observations {
			o.check(&v, fmt.Sprintf("/observations/%d", i))
		}
	}
	sortViolations(v)
	return v
}

// Validate returns every violation in o.
func (o *Observation) Validate() []Violation {
	var v violations
	o.check(&v, "")
	sortViolations(v)
	return v
}

func (o *Observation) check(v *violations, prefix string) {
	v.required(prefix+"/at", o.At)
	v.date(prefix+"/at", o.At)
	v.finite(prefix+"/value", o.Value)
	v.maxLen(prefix+"/note", o.Note, maxTextLen)
	v.maxLen(prefix+"/source", o.Source, maxNameLen)
}

func (v *violations) finite(pointer string, x float64) {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		v.add(pointer, "Must be a finite number.")
	}
}

func (v *violations) ids(pointer string, ids []string) {
	if len(ids) > MaxScopeItems {
		v.add(pointer, "Must hold at most %d entries.", MaxScopeItems)
		return
	}
	for i, id := range ids {
		v.id(fmt.Sprintf("%s/%d", pointer, i), id)
	}
}

// SameContent reports whether m and o differ only in server fields. Both are compared as
// JSON, so that an empty list and a missing one are the same content, as they are once
// stored.
func (m Measure) SameContent(o Measure) bool {
	m.Version, m.UpdatedAt, o.Version, o.UpdatedAt = 0, nil, 0, nil
	a, errA := json.Marshal(m)
	b, errB := json.Marshal(o)
	return errA == nil && errB == nil && string(a) == string(b)
}

func (m *Measure) serverFields() (*int64, **time.Time) { return &m.Version, &m.UpdatedAt }

// KeepObservations gives m the observations of old, the stored measure, when m leaves
// them out: observations accumulate through AddObservation, and a client editing the
// measure's name should not have to send them all back.
func (m *Measure) KeepObservations(old *Measure) {
	if m.Observations == nil && old != nil {
		m.Observations = old.Observations
	}
}

// ObservationRequest is what a client sends to record an observation: a value measured
// by hand, or Computed to record the measure's computed value now.
type ObservationRequest struct {
	// At is the date of the observation; today (UTC) when left out.
	At string `json:"at,omitempty" format:"date" example:"2026-09-01"`
	// Value is required unless computed is true, and refused with it.
	Value *float64 `json:"value,omitempty" example:"0.55"`
	Note  string   `json:"note,omitempty"`
	// Source says where a value measured by hand comes from.
	Source string `json:"source,omitempty" example:"enkät"`
	// Computed records the computed metric's value now, with source "computed".
	Computed bool `json:"computed,omitempty"`
}

// Observation returns the observation r asks to record on m, given m's computed value now
// (nil for a manual measure): the value sent, or with Computed the value now, sourced
// ObservationSourceComputed; dated today (UTC) when At is empty. It refuses, each with its
// pointer, a computed value for a manual measure, a value sent beside Computed, a computed
// value when nothing in scope can be counted, and a missing value.
func (r ObservationRequest) Observation(m *Measure, now *MetricValue, today time.Time) (Observation, error) {
	o := Observation{At: r.At, Note: r.Note, Source: r.Source}
	if o.At == "" {
		o.At = today.UTC().Format(time.DateOnly)
	}
	var bad []Violation
	switch {
	case r.Computed && m.Metric == nil:
		bad = append(bad, Violation{Pointer: "/computed", Detail: "Only a measure with a metric has a computed value; send the value measured."})
	case r.Computed && r.Value != nil:
		bad = append(bad, Violation{Pointer: "/value", Detail: "Leave the value out: it is computed."})
	case r.Computed && (now == nil || now.Value == nil):
		bad = append(bad, Violation{Pointer: "/computed", Detail: "Nothing in the measure's scope can be counted yet, so there is no value to record."})
	case r.Computed:
		o.Value, o.Source = *now.Value, ObservationSourceComputed
	case r.Value == nil:
		bad = append(bad, Violation{Pointer: "/value", Detail: "This field is required."})
	default:
		o.Value = *r.Value
	}
	if len(bad) > 0 {
		return o, InvalidError("The observation is not valid; nothing was stored.", bad)
	}
	return o, nil
}

// PlanObservation returns m with o appended, or INVALID when o is not valid, or
// LIMIT_EXCEEDED when m holds MaxObservations already.
func PlanObservation(m Measure, o Observation) (Measure, error) {
	if v := o.Validate(); len(v) > 0 {
		return m, InvalidError("The observation is not valid; nothing was stored.", v)
	}
	if len(m.Observations) >= MaxObservations {
		return m, Errorf(LimitExceeded, "Measure %q holds %d observations, the most it may; nothing was stored.", m.ID, MaxObservations)
	}
	m.Observations = append(append([]Observation(nil), m.Observations...), o)
	return m, nil
}

// MeasureInUse returns the CONFLICT that refuses deleting measure id while proposals
// expect a value of it or their tests observed it, naming them, or nil when none does.
func MeasureInUse(id string, proposals []string) error {
	if len(proposals) == 0 {
		return nil
	}
	return Errorf(Conflict, "Measure %q is named by proposals %s, in their expected values or their tests' observations; change those before deleting it.", id, quoteAll(proposals))
}

// MeasureMissingGoal returns the INVALID error of a measure whose goal is not a goal of
// the project.
func MeasureMissingGoal(m *Measure) error {
	return InvalidError("The measure is not valid; nothing was stored.", []Violation{{Pointer: "/goal", Detail: fmt.Sprintf("The project has no goal %q.", m.Goal)}})
}

// Progress returns how far current has come from baseline toward target: 0 at the
// baseline, 1 at the target, beyond either when it overshoots or goes backwards. It is
// nil when any of the three is missing. A decreasing measure's target lies below its
// baseline, so the same ratio serves both directions.
func Progress(baseline *Baseline, target *Target, current *float64) *float64 {
	if baseline == nil || target == nil || current == nil || target.Value == baseline.Value {
		return nil
	}
	p := (*current - baseline.Value) / (target.Value - baseline.Value)
	return &p
}

// MeasureView is a measure as GET answers it: with its computed value now, its latest
// observation and its progress.
type MeasureView struct {
	Measure
	// Computed is the metric's value now, for a computed measure.
	Computed *MetricValue `json:"computed,omitempty"`
	// Latest is the most recent observation, by date.
	Latest *Observation `json:"latest,omitempty"`
	// Progress runs from 0 at the baseline to 1 at the target, measured on the latest
	// observation, or on the computed value when there is none; null without a baseline,
	// a target or a current value.
	Progress *float64 `json:"progress" extensions:"x-nullable"`
}

// ViewMeasure assembles the view of m, with computed its metric's value now (nil for a
// manual measure).
func ViewMeasure(m Measure, computed *MetricValue) MeasureView {
	out := MeasureView{Measure: m, Computed: computed}
	for i := range m.Observations {
		if out.Latest == nil || m.Observations[i].At >= out.Latest.At {
			o := m.Observations[i]
			out.Latest = &o
		}
	}
	var current *float64
	switch {
	case out.Latest != nil:
		current = &out.Latest.Value
	case computed != nil:
		current = computed.Value
	}
	out.Progress = Progress(m.Baseline, m.Target, current)
	return out
}

// GoalStore keeps a project's effect goals and their measures. A goal's parent and a
// measure's goal must exist (INVALID otherwise), goals form no cycle, and a goal cannot
// be deleted while a goal or measure points to it (CONFLICT naming them). Writes are
// audited as goal.put, goal.delete, measure.put, measure.delete and measure.observe.
type GoalStore interface {
	// PutGoal creates or replaces a goal (PlanUpsert); created reports which.
	PutGoal(ctx context.Context, projectID string, g *Goal) (stored *Goal, created bool, err error)
	// GetGoal returns one goal.
	GetGoal(ctx context.Context, projectID, id string) (*Goal, error)
	// ListGoals returns goals ordered by id.
	ListGoals(ctx context.Context, projectID string, page Page) (*List[Goal], error)
	// DeleteGoal removes a goal; CONFLICT while a goal or a measure points to it.
	DeleteGoal(ctx context.Context, projectID, id string) error

	// PutMeasure creates or replaces a measure (PlanUpsert), keeping the stored
	// observations when m leaves them out (KeepObservations); created reports which.
	PutMeasure(ctx context.Context, projectID string, m *Measure) (stored *Measure, created bool, err error)
	// GetMeasure returns one measure with its observations.
	GetMeasure(ctx context.Context, projectID, id string) (*Measure, error)
	// ListMeasures returns measures ordered by id.
	ListMeasures(ctx context.Context, projectID string, page Page) (*List[Measure], error)
	// DeleteMeasure removes a measure and its observations.
	DeleteMeasure(ctx context.Context, projectID, id string) error
	// AddObservation appends o to a measure's observations (PlanObservation) and returns
	// the measure as stored.
	AddObservation(ctx context.Context, projectID, measureID string, o Observation) (*Measure, error)
}

// GoalsParentFirst orders goals so that every goal comes after its parent, keeping id
// order otherwise, for copying goals into a store that checks parents ("glapp migrate").
func GoalsParentFirst(goals []Goal) []Goal {
	byID := make(map[string]int, len(goals))
	for i, g := range goals {
		byID[g.ID] = i
	}
	done := make([]bool, len(goals))
	out := make([]Goal, 0, len(goals))
	var visit func(i, depth int)
	visit = func(i, depth int) {
		if done[i] || depth > maxGoalDepth {
			return
		}
		done[i] = true
		if p := goals[i].Parent; p != nil {
			if j, ok := byID[*p]; ok {
				visit(j, depth+1)
			}
		}
		out = append(out, goals[i])
	}
	for i := range goals {
		visit(i, 0)
	}
	return out
}
