package gaps

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/glapp/glapp/journeys"
)

// Filter narrows a project gap report. Empty fields match everything. Callers that take a
// filter from users should check MinSeverity with ParseSeverity and Rule with Rule.Info:
// an unknown minimum lets everything through and an unknown rule matches nothing.
type Filter struct {
	Rule        Rule                 `json:"rule,omitempty"`
	Category    Category             `json:"category,omitempty"`
	MinSeverity Severity             `json:"minSeverity,omitempty"`
	JourneyKind journeys.JourneyKind `json:"journeyKind,omitempty"`
	// TargetGroup matches a journey's target group without regard to case, as journey
	// lists do.
	TargetGroup string `json:"targetGroup,omitempty"`
	// Actor matches findings that involve the actor with this id: as either side of a
	// hand-over, as the actor of a step, or in the subject.
	Actor string `json:"actor,omitempty"`
}

// IsZero reports whether f lets everything through.
func (f Filter) IsZero() bool { return f == Filter{} }

func (f Filter) matchJourney(j JourneyInfo) bool {
	return (f.JourneyKind == "" || j.Kind == f.JourneyKind) &&
		(f.TargetGroup == "" || strings.EqualFold(j.TargetGroup, f.TargetGroup))
}

func (f Filter) matchFinding(x *Finding) bool {
	return (f.Rule == "" || x.Rule == f.Rule) &&
		(f.Category == "" || x.Category == f.Category) &&
		x.Severity.Rank() >= f.MinSeverity.Rank() &&
		(f.Actor == "" || x.Involves(f.Actor))
}

// Involves reports whether the finding is about the actor with the given id: as either side
// of a hand-over, as the actor of a step, or in the subject. Filters and the agenda use it.
func (x *Finding) Involves(actor string) bool {
	return x.Actors != nil && (x.Actors.From.ID == actor || x.Actors.To.ID == actor) ||
		x.Actor != nil && x.Actor.ID == actor ||
		slices.Contains(x.Subject, actor)
}

// ProjectReport is the project gap report: the findings of every journey of a project
// that passes the filter, ranked, with counts by rule, actor pair, stage and target group
// so that a project lead sees where the gaps cluster.
type ProjectReport struct {
	Filter Filter `json:"filter"`
	// Journeys lists the journeys the report covers, in the order given.
	Journeys []JourneyInfo `json:"journeys"`
	Summary  Summary       `json:"summary"`
	// Findings are ranked by severity, then evidence, then journey and fingerprint.
	Findings      []Finding   `json:"findings"`
	ByRule        []Aggregate `json:"byRule"`
	ByActorPair   []Aggregate `json:"byActorPair"`
	ByStage       []Aggregate `json:"byStage"`
	ByTargetGroup []Aggregate `json:"byTargetGroup"`
	// Unknowns holds the unknowns of each journey the report covers that has any, in
	// the order of Journeys, for the Markdown report's interview agenda and the CSV
	// report's part=unknowns. The JSON project report leaves them out; each journey's
	// JSON report carries its own.
	Unknowns []JourneyUnknowns `json:"-"`
	// Resolved lists, in a report read with ?since=, the baseline's findings that are
	// found no longer, in the baseline report's order.
	Resolved []Finding `json:"resolved,omitempty"`
}

// JourneyUnknowns is the unknowns of one journey, named by the journey.
type JourneyUnknowns struct {
	Journey  JourneyInfo
	Unknowns []Unknown
}

// Aggregate counts the findings that share a rule, an actor pair, a stage name or a
// target group.
type Aggregate struct {
	// Key is the rule, the actor pair as "from→to" ids, the stage name, or the target group
	// in lower case (target groups are free text, matched without regard to case).
	Key string `json:"key"`
	// Label is Key for people: actor names for a pair ("Vårdcentral → Socialtjänst"), a
	// target group as first written.
	Label string `json:"label"`
	// From and To name the actors of an actor-pair aggregate.
	From       *ActorRef        `json:"from,omitempty"`
	To         *ActorRef        `json:"to,omitempty"`
	Count      int              `json:"count"`
	BySeverity map[Severity]int `json:"bySeverity"`
	// Evidence is the number of insights tied to the findings counted.
	Evidence int `json:"evidence"`
}

// CombineReports combines journey gap reports into a project gap report. It is pure: the
// caller analyses each journey (one at a time, if it streams them from a store) and
// passes the reports in; the project report's findings share their slices with them. Findings
// without a stage or actor pair are left out of those aggregates; a journey without a
// target group counts under "". When ctx is done it stops and returns ctx's error.
func CombineReports(ctx context.Context, reports []JourneyReport, f Filter) (ProjectReport, error) {
	ps := ProjectReport{Filter: f, Journeys: []JourneyInfo{}}
	var kept []*Finding
	seen := 0
	byRule, byPair, byStage, byTarget := newTally(), newTally(), newTally(), newTally()
	for i := range reports {
		r := &reports[i]
		if !f.matchJourney(r.Journey) {
			continue
		}
		ps.Journeys = append(ps.Journeys, r.Journey)
		if len(r.Unknowns) > 0 {
			ps.Unknowns = append(ps.Unknowns, JourneyUnknowns{Journey: r.Journey, Unknowns: r.Unknowns})
		}
		for k := range r.Findings {
			if err := stopped(ctx, seen); err != nil {
				return ProjectReport{}, err
			}
			seen++
			x := &r.Findings[k]
			if !f.matchFinding(x) {
				continue
			}
			kept = append(kept, x)
			byRule.count(string(x.Rule), string(x.Rule), x)
			if x.Actors != nil {
				from, to := x.Actors.From, x.Actors.To
				agg := byPair.count(from.ID+"→"+to.ID, from.Name+" → "+to.Name, x)
				agg.From, agg.To = &from, &to
			}
			if x.Stage != "" {
				byStage.count(x.Stage, x.Stage, x)
			}
			byTarget.count(strings.ToLower(r.Journey.TargetGroup), r.Journey.TargetGroup, x)
		}
	}
	ps.Findings = rankAcrossJourneys(kept)
	ps.Summary = Summarize(ps.Findings)
	ps.ByRule, ps.ByActorPair, ps.ByStage, ps.ByTargetGroup = byRule.ranked(), byPair.ranked(), byStage.ranked(), byTarget.ranked()
	return ps, nil
}

// tally builds aggregates by key.
type tally struct {
	at   map[string]int
	aggs []Aggregate
}

func newTally() *tally { return &tally{at: map[string]int{}} }

// count adds x to the aggregate for key and returns it.
func (t *tally) count(key, label string, x *Finding) *Aggregate {
	i, ok := t.at[key]
	if !ok {
		i = len(t.aggs)
		t.at[key] = i
		t.aggs = append(t.aggs, Aggregate{Key: key, Label: label, BySeverity: map[Severity]int{}})
	}
	agg := &t.aggs[i]
	agg.Count++
	agg.BySeverity[x.Severity]++
	agg.Evidence += x.EvidenceCount
	return agg
}

// ranked returns the aggregates worst first: by their number of critical findings, then
// high, medium and low, then by evidence, then by key. Counting from the top down means
// one critical gap outranks any number of low ones, as it should for a project lead.
func (t *tally) ranked() []Aggregate {
	out := t.aggs
	if out == nil {
		out = []Aggregate{}
	}
	slices.SortFunc(out, func(a, b Aggregate) int {
		for _, sev := range worstFirst {
			if c := cmp.Compare(b.BySeverity[sev], a.BySeverity[sev]); c != 0 {
				return c
			}
		}
		return cmp.Or(cmp.Compare(b.Evidence, a.Evidence), cmp.Compare(a.Key, b.Key))
	})
	return out
}

// rankAcrossJourneys returns copies of the findings, ordered as SortFindings orders
// them, then by journey. It sorts pointers and copies each finding once: over 1,000
// journeys a report holds some hundred thousand findings of a few hundred bytes each, and
// moving those while sorting took a third of the report's time. Fingerprints include the
// journey, so the order is total and the unstable sort is deterministic.
func rankAcrossJourneys(kept []*Finding) []Finding {
	slices.SortFunc(kept, func(x, y *Finding) int {
		return cmp.Or(compareFindingPtrs(x, y), cmp.Compare(x.Journey, y.Journey))
	})
	out := make([]Finding, len(kept))
	for i, x := range kept {
		out[i] = *x
	}
	return out
}
