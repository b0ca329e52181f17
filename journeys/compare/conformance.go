package compare

import (
	"slices"

	"github.com/glapp/glapp/journeys"
)

// MaxConformanceJourneys is the most lived journeys one conformance report reads, so
// that its cost is bounded however many are imported; the report says when it stopped
// there (Capped).
const MaxConformanceJourneys = 5_000

// Conformance is how the lived journeys that follow one planned journey went against it.
type Conformance struct {
	Plan Side `json:"plan"`
	// Lived is how many lived journeys the report stands on.
	Lived int `json:"lived"`
	// Capped says the project has more lived journeys that follow the plan than the
	// report reads (Limit); the figures stand on the first Limit by id.
	Capped bool `json:"capped"`
	Limit  int  `json:"limit"`
	// Deviations counts each deviation kind, in the order of DeviationKinds.
	Deviations []KindFrequency `json:"deviations"`
	// Steps says, for each planned step in the plan's order, how often it was missed and
	// how long people waited for it against the plan.
	Steps []StepConformance `json:"steps"`
}

// KindFrequency is how often one deviation kind occurred.
type KindFrequency struct {
	Kind DeviationKind `json:"kind"`
	// Journeys is how many lived journeys have it at least once, and Share that number
	// over all lived journeys (null without any).
	Journeys int      `json:"journeys"`
	Share    *float64 `json:"share" extensions:"x-nullable"`
	// Occurrences counts every deviation of the kind.
	Occurrences int `json:"occurrences"`
}

// StepConformance is one planned step across the lived journeys.
type StepConformance struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Missed is how many lived journeys never realised the step, and MissedShare that
	// number over all lived journeys (null without any).
	Missed      int      `json:"missed"`
	MissedShare *float64 `json:"missedShare" extensions:"x-nullable"`
	// PlannedWait is the plan's expected wait for the step, if it has one.
	PlannedWait *int `json:"plannedWait,omitempty"`
	// MedianWait is the median observed wait of the lived steps that realise it, over
	// Waits of them (null when none was observed).
	MedianWait *float64 `json:"medianWait" extensions:"x-nullable"`
	Waits      int      `json:"waits"`
	// OverPlan is how many of those waits were longer than PlannedWait.
	OverPlan int `json:"overPlan"`
}

// Conformer adds up lived journeys against one plan: NewConformer, Add for each lived
// journey, then Report. It holds the plan's index, counts, and the observed waits of
// each planned step (for the medians), never the lived journeys themselves.
type Conformer struct {
	plan   *plan
	lived  int
	capped bool
	kinds  map[DeviationKind]*KindFrequency
	missed map[string]int
	waits  map[string][]float64
	over   map[string]int
}

// NewConformer starts a conformance report of the lived journeys that follow planned.
func NewConformer(planned *journeys.Journey) *Conformer {
	c := &Conformer{plan: newPlan(planned), kinds: map[DeviationKind]*KindFrequency{},
		missed: map[string]int{}, waits: map[string][]float64{}, over: map[string]int{}}
	for _, k := range DeviationKinds {
		c.kinds[k] = &KindFrequency{Kind: k}
	}
	return c
}

// Full reports whether the report has read MaxConformanceJourneys lived journeys: Add
// ignores any more, and marks the report capped.
func (c *Conformer) Full() bool { return c.lived >= MaxConformanceJourneys }

// Add counts one lived journey that follows the plan.
func (c *Conformer) Add(lived *journeys.Journey) {
	if c.Full() {
		c.capped = true
		return
	}
	c.lived++
	seen := map[DeviationKind]bool{}
	for _, d := range c.plan.deviations(lived, false) {
		k := c.kinds[d.Kind]
		k.Occurrences++
		if !seen[d.Kind] {
			seen[d.Kind] = true
			k.Journeys++
		}
		if d.Kind == DeviationMissing {
			c.missed[d.Planned[0]]++
		}
	}
	for _, s := range lived.Steps {
		ps := c.plan.names.steps[s.Planned]
		if ps == nil || s.WaitDays == nil || s.WaitDays.Observed == nil {
			continue
		}
		c.waits[ps.ID] = append(c.waits[ps.ID], float64(*s.WaitDays.Observed))
		if _, _, over := overPlan(ps.WaitDays, s.WaitDays); over {
			c.over[ps.ID]++
		}
	}
}

// Capped marks the report as standing on only part of the lived journeys, for a caller
// that stops reading at Full without offering the rest to Add.
func (c *Conformer) Capped() { c.capped = true }

// Report returns the conformance report of the lived journeys added so far.
func (c *Conformer) Report() *Conformance {
	r := &Conformance{Plan: sideOf(c.plan.j), Lived: c.lived, Capped: c.capped, Limit: MaxConformanceJourneys,
		Deviations: make([]KindFrequency, 0, len(DeviationKinds)), Steps: make([]StepConformance, 0, len(c.plan.j.Steps))}
	share := func(n int) *float64 {
		if c.lived == 0 {
			return nil
		}
		v := float64(n) / float64(c.lived)
		return &v
	}
	for _, k := range DeviationKinds {
		f := *c.kinds[k]
		f.Share = share(f.Journeys)
		r.Deviations = append(r.Deviations, f)
	}
	steps := slices.Clone(c.plan.j.Steps)
	slices.SortStableFunc(steps, func(a, b journeys.Step) int { return c.plan.rank[a.ID] - c.plan.rank[b.ID] })
	for _, s := range steps {
		sc := StepConformance{ID: s.ID, Title: s.Title, Missed: c.missed[s.ID], MissedShare: share(c.missed[s.ID]),
			Waits: len(c.waits[s.ID]), OverPlan: c.over[s.ID]}
		if s.WaitDays != nil && s.WaitDays.Expected != nil {
			sc.PlannedWait = s.WaitDays.Expected
		}
		if ws := c.waits[s.ID]; len(ws) > 0 {
			m := median(ws)
			sc.MedianWait = &m
		}
		r.Steps = append(r.Steps, sc)
	}
	return r
}

func median(xs []float64) float64 {
	xs = slices.Clone(xs)
	slices.Sort(xs)
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}
