package compare

import (
	"fmt"
	"slices"
	"strings"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
)

// DeviationKind is how a lived journey departed from its plan. The values are part of
// the public API.
type DeviationKind string

// Deviation kinds.
const (
	// DeviationMissing: a planned step that no lived step realises. A planned crisis
	// step is the plan's answer to a crisis that may never come; it is never missing.
	DeviationMissing DeviationKind = "missing"
	// DeviationAdHoc: a lived step that realises no step of the plan.
	DeviationAdHoc DeviationKind = "ad_hoc"
	// DeviationIrregularOrder: a planned step realised after one the plan puts later.
	DeviationIrregularOrder DeviationKind = "irregular_order"
	// DeviationFailedHandover: a planned hand-over whose lived counterpart carried less
	// information, or was not acknowledged or followed up, where the plan said it would be.
	DeviationFailedHandover DeviationKind = "failed_handover"
	// DeviationWaitOverPlan: a lived step or hand-over whose observed wait is longer than
	// the plan's expected one.
	DeviationWaitOverPlan DeviationKind = "wait_over_plan"
)

// DeviationKinds lists every DeviationKind in the order reports show them.
var DeviationKinds = []DeviationKind{DeviationMissing, DeviationAdHoc, DeviationIrregularOrder, DeviationFailedHandover, DeviationWaitOverPlan}

// Label names the deviation kind in both languages.
func (k DeviationKind) Label() gaps.Text { return deviationLabels[k] }

var deviationLabels = map[DeviationKind]gaps.Text{
	DeviationMissing:        {SV: "Planerat steg saknas", EN: "Planned step missing"},
	DeviationAdHoc:          {SV: "Steg utanför planen", EN: "Step outside the plan"},
	DeviationIrregularOrder: {SV: "Annan ordning än planerat", EN: "Order other than planned"},
	DeviationFailedHandover: {SV: "Överlämning sämre än planerat", EN: "Hand-over worse than planned"},
	DeviationWaitOverPlan:   {SV: "Längre väntan än planerat", EN: "Wait longer than planned"},
}

// Deviation is one way a lived journey departed from its plan, with the ids of the plan's
// elements (Planned) and the lived journey's (Lived) it concerns, and a sentence that
// explains it.
type Deviation struct {
	Kind    DeviationKind `json:"kind"`
	Planned []string      `json:"planned"`
	Lived   []string      `json:"lived"`
	// Fields names what failed in a failed_handover: information, acknowledged, followUp.
	Fields []string `json:"fields,omitempty"`
	// PlannedDays and LivedDays are the expected and the observed wait of a
	// wait_over_plan.
	PlannedDays *int      `json:"plannedDays,omitempty"`
	LivedDays   *int      `json:"livedDays,omitempty"`
	Explanation gaps.Text `json:"explanation"`
}

var (
	explainMissing = gaps.Text{
		SV: "Det planerade steget %[1]s blev aldrig av.",
		EN: "The planned step %[1]s never happened."}
	explainAdHoc = gaps.Text{
		SV: "Steget %[1]s fanns inte i planen.",
		EN: "The step %[1]s was not in the plan."}
	explainUnknownPlanned = gaps.Text{
		SV: "Steget %[1]s anger det planerade steget %[2]s, som planen inte har.",
		EN: "The step %[1]s names the planned step %[2]s, which the plan does not have."}
	explainOrder = gaps.Text{
		SV: "Steget %[1]s kom efter %[2]s, men i planen kommer det före.",
		EN: "The step %[1]s came after %[2]s, but the plan puts it first."}
	explainHandover = gaps.Text{
		SV: "Överlämningen från %[1]s till %[2]s blev sämre än planerat: %[3]s.",
		EN: "The hand-over from %[1]s to %[2]s went worse than planned: %[3]s."}
	explainWaitStep = gaps.Text{
		SV: "Väntan på steget %[1]s var %[2]d dagar; planen räknar med %[3]d.",
		EN: "The wait for the step %[1]s was %[2]d days; the plan expects %[3]d."}
	explainWaitHandover = gaps.Text{
		SV: "Väntan i överlämningen från %[1]s till %[2]s var %[3]d dagar; planen räknar med %[4]d.",
		EN: "The wait in the hand-over from %[1]s to %[2]s was %[3]d days; the plan expects %[4]d."}
	phraseStep = gaps.Text{SV: "”%[1]s” hos %[2]s", EN: "“%[1]s” at %[2]s"}

	failedInformation = gaps.Text{SV: "informationen följde med %[1]s i stället för %[2]s", EN: "information followed %[1]s instead of %[2]s"}
	failedAck         = gaps.Text{SV: "mottagaren bekräftade inte", EN: "the receiver did not acknowledge"}
	failedFollowUp    = gaps.Text{SV: "avsändaren följde inte upp", EN: "the sender did not follow up"}
	informationWords  = map[journeys.Information]gaps.Text{
		journeys.InformationFull:    {SV: "helt", EN: "in full"},
		journeys.InformationPartial: {SV: "delvis", EN: "in part"},
		journeys.InformationNone:    {SV: "inte alls", EN: "not at all"},
	}
)

// say fills t's verbs in both languages.
func say(t gaps.Text, args ...any) gaps.Text {
	return gaps.Text{SV: t.Sayf("sv", args...), EN: t.Sayf("en", args...)}
}

// names holds what sentences name a journey's steps by.
type names struct {
	// mute leaves explanations empty: conformance counts deviations and shows none.
	mute   bool
	j      *journeys.Journey
	actors map[string]string
	steps  map[string]*journeys.Step
}

func namesOf(j *journeys.Journey) names {
	n := names{j: j, actors: make(map[string]string, len(j.Actors)), steps: make(map[string]*journeys.Step, len(j.Steps))}
	for _, a := range j.Actors {
		n.actors[a.ID] = a.Name
	}
	for i := range j.Steps {
		n.steps[j.Steps[i].ID] = &j.Steps[i]
	}
	return n
}

func (n names) step(id string) gaps.Text {
	if n.mute {
		return gaps.Text{}
	}
	s := n.steps[id]
	if s == nil {
		return gaps.Text{SV: id, EN: id}
	}
	actor := n.actors[s.Actor]
	if actor == "" {
		actor = s.Actor
	}
	return say(phraseStep, s.Title, actor)
}

// plan is a planned journey indexed for comparisons with the lived journeys that follow
// it, so that Conformance indexes it once for all of them.
type plan struct {
	j     *journeys.Journey
	names names
	// rank orders the plan's steps: the fewest hand-overs from an entry step, then the
	// document's order for steps no entry reaches.
	rank map[string]int
	// handovers finds a planned hand-over by its from and to step.
	handovers map[[2]string]*journeys.Handover
}

func newPlan(j *journeys.Journey) *plan {
	p := &plan{j: j, names: namesOf(j), rank: make(map[string]int, len(j.Steps)),
		handovers: make(map[[2]string]*journeys.Handover, len(j.Handovers))}
	next := map[string][]string{}
	for i := range j.Handovers {
		h := &j.Handovers[i]
		next[h.From] = append(next[h.From], h.To)
		if _, ok := p.handovers[[2]string{h.From, h.To}]; !ok {
			p.handovers[[2]string{h.From, h.To}] = h
		}
	}
	var queue []string
	for _, s := range j.Steps {
		if s.Entry {
			p.rank[s.ID] = 0
			queue = append(queue, s.ID)
		}
	}
	for len(queue) > 0 {
		id := queue[0]
		queue = queue[1:]
		for _, to := range next[id] {
			if _, ok := p.rank[to]; !ok {
				p.rank[to] = p.rank[id] + 1
				queue = append(queue, to)
			}
		}
	}
	for i, s := range j.Steps {
		if _, ok := p.rank[s.ID]; !ok {
			p.rank[s.ID] = len(j.Steps) + i
		}
	}
	return p
}

// Deviations returns every way lived departs from planned, the journey it follows: in
// the order of DeviationKinds, and within a kind in the order of the journey the ids
// come from. It takes time linear in the two journeys' sizes.
func Deviations(planned, lived *journeys.Journey) []Deviation {
	return newPlan(planned).deviations(lived, true)
}

// deviations returns lived's deviations, with their explanations when explain is set.
func (p *plan) deviations(lived *journeys.Journey, explain bool) []Deviation {
	out := []Deviation{}
	ln := namesOf(lived)
	ln.mute = !explain
	pn := p.names
	pn.mute = !explain
	say := say
	if !explain {
		say = func(gaps.Text, ...any) gaps.Text { return gaps.Text{} }
	}
	realised := make(map[string]bool, len(lived.Steps))
	for _, s := range lived.Steps {
		if _, ok := p.names.steps[s.Planned]; ok {
			realised[s.Planned] = true
		}
	}
	for _, s := range p.j.Steps {
		// A crisis step is what the plan offers if a crisis comes, not a step every
		// person must take: not realising it is no deviation.
		if !realised[s.ID] && !s.Crisis {
			out = append(out, Deviation{Kind: DeviationMissing, Planned: []string{s.ID}, Lived: []string{},
				Explanation: say(explainMissing, pn.step(s.ID))})
		}
	}
	for _, s := range lived.Steps {
		switch _, ok := p.names.steps[s.Planned]; {
		case s.Planned == "":
			out = append(out, Deviation{Kind: DeviationAdHoc, Planned: []string{}, Lived: []string{s.ID},
				Explanation: say(explainAdHoc, ln.step(s.ID))})
		case !ok:
			out = append(out, Deviation{Kind: DeviationAdHoc, Planned: []string{}, Lived: []string{s.ID},
				Explanation: say(explainUnknownPlanned, ln.step(s.ID), s.Planned)})
		}
	}
	// Order: each realised step against the latest-ranked one realised before it.
	var latest *journeys.Step
	for i := range lived.Steps {
		s := &lived.Steps[i]
		r, ok := p.rank[s.Planned]
		if !ok || s.Planned == "" {
			continue
		}
		if latest != nil && r < p.rank[latest.Planned] {
			out = append(out, Deviation{Kind: DeviationIrregularOrder, Planned: []string{s.Planned, latest.Planned},
				Lived: []string{s.ID, latest.ID}, Explanation: say(explainOrder, ln.step(s.ID), ln.step(latest.ID))})
			continue
		}
		if latest == nil || r > p.rank[latest.Planned] {
			latest = s
		}
	}
	out = append(out, p.handoverDeviations(lived, ln, explain)...)
	for _, s := range lived.Steps {
		ps := p.names.steps[s.Planned]
		if ps == nil || s.Planned == "" {
			continue
		}
		if exp, obs, over := overPlan(ps.WaitDays, s.WaitDays); over {
			out = append(out, Deviation{Kind: DeviationWaitOverPlan, Planned: []string{ps.ID}, Lived: []string{s.ID},
				PlannedDays: &exp, LivedDays: &obs, Explanation: say(explainWaitStep, ln.step(s.ID), obs, exp)})
		}
	}
	for _, h := range lived.Handovers {
		if ph := p.plannedHandover(lived, ln, &h); ph != nil {
			if exp, obs, over := overPlan(ph.WaitDays, h.WaitDays); over {
				out = append(out, Deviation{Kind: DeviationWaitOverPlan, Planned: []string{ph.ID}, Lived: []string{h.ID},
					PlannedDays: &exp, LivedDays: &obs,
					Explanation: say(explainWaitHandover, ln.step(h.From), ln.step(h.To), obs, exp)})
			}
		}
	}
	sortByKind(out)
	return out
}

// plannedHandover returns the plan's hand-over between the steps that h's ends realise.
func (p *plan) plannedHandover(lived *journeys.Journey, ln names, h *journeys.Handover) *journeys.Handover {
	from, to := ln.steps[h.From], ln.steps[h.To]
	if from == nil || to == nil || from.Planned == "" || to.Planned == "" {
		return nil
	}
	return p.handovers[[2]string{from.Planned, to.Planned}]
}

func (p *plan) handoverDeviations(lived *journeys.Journey, ln names, explain bool) []Deviation {
	var out []Deviation
	for i := range lived.Handovers {
		h := &lived.Handovers[i]
		ph := p.plannedHandover(lived, ln, h)
		if ph == nil {
			continue
		}
		var fields []string
		if lvl, plan := infoLevel(h.Information), infoLevel(ph.Information); lvl >= 0 && plan >= 0 && lvl < plan {
			fields = append(fields, "information")
		}
		if worse(ph.Acknowledged, h.Acknowledged) {
			fields = append(fields, "acknowledged")
		}
		if worse(ph.FollowUp, h.FollowUp) {
			fields = append(fields, "followUp")
		}
		if len(fields) == 0 {
			continue
		}
		d := Deviation{Kind: DeviationFailedHandover, Planned: []string{ph.ID}, Lived: []string{h.ID}, Fields: fields}
		if !explain {
			out = append(out, d)
			continue
		}
		reason := func(lang string) string {
			var parts []string
			for _, f := range fields {
				switch f {
				case "information":
					parts = append(parts, failedInformation.Sayf(lang, informationWords[h.Information], informationWords[ph.Information]))
				case "acknowledged":
					parts = append(parts, failedAck.In(lang))
				case "followUp":
					parts = append(parts, failedFollowUp.In(lang))
				}
			}
			return strings.Join(parts, ", ")
		}
		d.Explanation = gaps.Text{
			SV: explainHandover.Sayf("sv", ln.step(h.From), ln.step(h.To), reason("sv")),
			EN: explainHandover.Sayf("en", ln.step(h.From), ln.step(h.To), reason("en")),
		}
		out = append(out, d)
	}
	return out
}

// infoLevel orders information levels, or -1 when not known.
func infoLevel(i journeys.Information) int {
	switch i {
	case journeys.InformationNone:
		return 0
	case journeys.InformationPartial:
		return 1
	case journeys.InformationFull:
		return 2
	}
	return -1
}

// worse reports whether a lived yes/no is no where the plan said yes. Not known is not
// worse: the deviation would be a guess.
func worse(planned, lived *bool) bool {
	return planned != nil && *planned && lived != nil && !*lived
}

// overPlan compares the lived observed wait with the planned expected one.
func overPlan(planned, lived *journeys.WaitDays) (expected, observed int, over bool) {
	if planned == nil || planned.Expected == nil || lived == nil || lived.Observed == nil {
		return 0, 0, false
	}
	return *planned.Expected, *lived.Observed, *lived.Observed > *planned.Expected
}

func sortByKind(ds []Deviation) {
	order := make(map[DeviationKind]int, len(DeviationKinds))
	for i, k := range DeviationKinds {
		order[k] = i
	}
	// Stable: within a kind the order of the journey stays.
	slices.SortStableFunc(ds, func(a, b Deviation) int { return order[a.Kind] - order[b.Kind] })
}

// text writes a field's value for comparison; pointers are followed, nil is empty.
func text(v any) string {
	switch x := v.(type) {
	case *string:
		if x == nil {
			return ""
		}
		return *x
	case *int:
		if x == nil {
			return ""
		}
		return fmt.Sprint(*x)
	case *bool:
		if x == nil {
			return ""
		}
		return fmt.Sprint(*x)
	}
	return fmt.Sprint(v)
}

func waitText(w *journeys.WaitDays) string {
	if w == nil {
		return ""
	}
	return text(w.Expected) + "/" + text(w.Observed)
}
