// Package offering reads a project's offering: the supports its actors offer, the needs
// people have, and the journeys that show how people find their way between them. It
// finds needs no support meets, supports no journey reaches, supports people reach only
// by finding the door themselves, entry points that send people on instead of helping,
// and each journey's navigation burden. Pure functions over what the caller loaded: no
// I/O, no language (package reports words the items).
package offering

import (
	"cmp"
	"container/heap"
	"slices"
	"strings"

	"github.com/glapp/glapp/journeys"
)

// Kind is what an item of the report says.
type Kind string

// Kinds of items, in the order the report lists them.
const (
	// UncoveredNeed: no offer of the project covers the need (journeys.Offer.Covers).
	UncoveredNeed Kind = "uncovered_need"
	// UnreachedSupport: no journey reaches the offer (Reaches).
	UnreachedSupport Kind = "unreached_support"
	// SelfFoundSupport: journeys reach the offer, but in every one the person found the
	// door alone (FoundAlone).
	SelfFoundSupport Kind = "self_found_support"
	// SendingEntry: an entry step that only sends the person on (SendsOn).
	SendingEntry Kind = "sending_entry"
)

// Kinds lists every Kind in report order.
var Kinds = []Kind{UncoveredNeed, UnreachedSupport, SelfFoundSupport, SendingEntry}

// MaxEvidence bounds the insights shown behind one item, so that a report stays readable
// and its size bounded; Item.MoreEvidence counts the rest.
const MaxEvidence = 10

// Input is what the report reads: the project's actors (with their offers), needs,
// journeys and measures, and the filter.
type Input struct {
	Actors   []journeys.Actor
	Needs    []journeys.Need
	Journeys []*journeys.Journey
	Measures []journeys.Measure
	Filter   Filter
}

// Filter narrows the report to one age group and/or one target group: needs, offers and
// journeys for it (or for anyone).
type Filter struct {
	AgeGroup    journeys.AgeGroup `json:"ageGroup,omitempty"`
	TargetGroup string            `json:"targetGroup,omitempty"`
}

// Report is the offering report.
type Report struct {
	Filter Filter `json:"filter"`
	// Levels are the levels of support, lowest first: the matrix's columns.
	Levels []journeys.Level `json:"levels"`
	// TargetGroups are the target groups the needs and offers name, sorted: the matrix's
	// rows. Offers that name no target group (for anyone) have a row of their own.
	TargetGroups []string       `json:"targetGroups"`
	Supports     []Support      `json:"supports"`
	Needs        []NeedCoverage `json:"needs"`
	Items        []Item         `json:"items"`
	Burden       []Burden       `json:"burden"`
	Counts       map[Kind]int   `json:"counts"`
}

// Support is one offer with the actor that gives it, the journeys that reach it, and
// its usage.
type Support struct {
	journeys.Offer
	Actor     string          `json:"actor"`
	ActorName string          `json:"actorName"`
	Sector    journeys.Sector `json:"sector"`
	Journeys  []string        `json:"journeys"`
	Usage     []Usage         `json:"usage"`
}

// Usage is a manual measure scoped to an offer or its actor, with its latest
// observation: how much the support is used.
type Usage struct {
	Measure string                `json:"measure"`
	Name    string                `json:"name"`
	Unit    string                `json:"unit,omitempty"`
	Latest  *journeys.Observation `json:"latest,omitempty"`
	Target  *journeys.Target      `json:"target,omitempty"`
}

// NeedCoverage is one need with the offers that cover it.
type NeedCoverage struct {
	journeys.Need
	CoveredBy []string `json:"coveredBy"`
}

// StepRef names one step of one journey.
type StepRef struct {
	Journey string `json:"journey"`
	Step    string `json:"step"`
	Title   string `json:"title"`
}

// Evidence is an insight of a journey about an item's element.
type Evidence struct {
	Journey string               `json:"journey"`
	Insight string               `json:"insight"`
	Kind    journeys.InsightKind `json:"kind"`
	Text    string               `json:"text"`
}

// Item is one thing the report found, with what shows it.
type Item struct {
	Kind Kind `json:"kind"`
	// Need, Offer and Actor name the element the item is about; Step is set for a
	// sending entry (with Journey).
	Need  string `json:"need,omitempty"`
	Offer string `json:"offer,omitempty"`
	Actor string `json:"actor,omitempty"`
	// Title is the need's title, the offer's name or the step's title.
	Title       string            `json:"title"`
	TargetGroup string            `json:"targetGroup,omitempty"`
	AgeGroup    journeys.AgeGroup `json:"ageGroup,omitempty"`
	Level       journeys.Level    `json:"level,omitempty"`
	// Journeys are the journeys behind the item: for a need, those of its target group;
	// for a support, those that reach it; for an entry, its own.
	Journeys []string  `json:"journeys"`
	Steps    []StepRef `json:"steps,omitempty"`
	// Sends lists, for a sending entry, the actors it sends the person on to.
	Sends        []string   `json:"sends,omitempty"`
	Evidence     []Evidence `json:"evidence"`
	MoreEvidence int        `json:"moreEvidence,omitempty"`
	// Explanation says in a sentence what the item means, in the language asked for;
	// package reports writes it.
	Explanation string `json:"explanation,omitempty"`
}

// Burden is one journey's navigation burden.
type Burden struct {
	Journey     string               `json:"journey"`
	Title       string               `json:"title"`
	Kind        journeys.JourneyKind `json:"kind"`
	TargetGroup string               `json:"targetGroup,omitempty"`
	// DoorsFoundAlone counts the steps the person reached on their own (FoundAlone).
	DoorsFoundAlone int       `json:"doorsFoundAlone"`
	Doors           []StepRef `json:"doors"`
	// Need and NeededLevel: the need of the journey's target group and age with the
	// highest level (NeededLevel), or empty when no need matches.
	Need        string         `json:"need,omitempty"`
	NeededLevel journeys.Level `json:"neededLevel,omitempty"`
	// DaysToHelp is the fewest days, waits summed along hand-overs from an entry, until a
	// step that reaches an offer at the needed level or above; null when there is no
	// needed level or no such step. HelpStep and HelpOffer name that step and offer.
	DaysToHelp *int   `json:"daysToHelp"`
	HelpStep   string `json:"helpStep,omitempty"`
	HelpOffer  string `json:"helpOffer,omitempty"`
}

// Counts journeys as reality: as-is and lived journeys show how people find help today;
// a to-be journey is a plan, and reaches nothing yet.
func counts(j *journeys.Journey) bool { return j.Kind != journeys.KindToBe }

// Reaches reports whether step s of journey j reaches offer o of actor actorID: the step
// is at that actor, through a channel the offer uses, and the journey's person is of an
// age and target group the offer is for.
func Reaches(j *journeys.Journey, s *journeys.Step, actorID string, o *journeys.Offer) bool {
	return s.Actor == actorID && o.ByChannel(s.Channel) && o.ForAge(j.AgeGroup) && o.ForTargetGroup(j.TargetGroup)
}

// selfWays are the hand-over types that leave finding the next door to the person.
var selfWays = []journeys.HandoverType{journeys.HandoverAdviceToContact, journeys.HandoverSelfReferral}

// FoundAlone reports whether the person found step s of j on their own: it is an entry
// step no hand-over leads into, or every hand-over into it is advice to contact or a
// self-referral.
func FoundAlone(j *journeys.Journey, s *journeys.Step) bool {
	in := 0
	for _, h := range j.Handovers {
		if h.To != s.ID {
			continue
		}
		in++
		if !slices.Contains(selfWays, h.Type) {
			return false
		}
	}
	return in > 0 || s.Entry
}

// SendsOn reports whether entry step s of j sends the person on instead of helping: s is
// an entry and not terminal, at least one hand-over leaves it, every one leads to a step
// at another actor, and the person meets s's actor at no other step of j. It returns the
// actors it sends to.
func SendsOn(j *journeys.Journey, s *journeys.Step) ([]string, bool) {
	if !s.Entry || s.Terminal {
		return nil, false
	}
	var to []string
	for _, h := range j.Handovers {
		if h.From != s.ID {
			continue
		}
		next := j.StepByID(h.To)
		if next == nil || next.Actor == s.Actor {
			return nil, false
		}
		if !slices.Contains(to, next.Actor) {
			to = append(to, next.Actor)
		}
	}
	if len(to) == 0 {
		return nil, false
	}
	for i := range j.Steps {
		if j.Steps[i].ID != s.ID && j.Steps[i].Actor == s.Actor {
			return nil, false
		}
	}
	return to, true
}

// NeededLevel returns the need of j's target group and age with the highest level, or
// nil when none matches: a need matches when it names j's target group (without regard
// to case) and its age group fits j's. The highest, because a journey map follows a
// person whose need is met only once they reach that level; lower needs of the group
// are met on the way.
func NeededLevel(j *journeys.Journey, needs []journeys.Need) *journeys.Need {
	var best *journeys.Need
	for i := range needs {
		n := &needs[i]
		if strings.TrimSpace(n.TargetGroup) == "" || !strings.EqualFold(strings.TrimSpace(n.TargetGroup), strings.TrimSpace(j.TargetGroup)) || !ageFits(n.AgeGroup, j.AgeGroup) {
			continue
		}
		if best == nil || levelRank(n.Level) > levelRank(best.Level) {
			best = n
		}
	}
	return best
}

func levelRank(l journeys.Level) int { return slices.Index(journeys.Levels, l) }

// ageFits reports whether two age groups can be the same people: equal, or either empty
// or "any".
func ageFits(a, b journeys.AgeGroup) bool {
	return a == "" || b == "" || a == journeys.AgeAny || b == journeys.AgeAny || a == b
}

func (f Filter) journey(j *journeys.Journey) bool {
	return ageFits(f.AgeGroup, j.AgeGroup) && (f.TargetGroup == "" || strings.EqualFold(strings.TrimSpace(j.TargetGroup), strings.TrimSpace(f.TargetGroup)))
}

func (f Filter) offer(o *journeys.Offer) bool {
	return o.ForAge(f.AgeGroup) && o.ForTargetGroup(f.TargetGroup)
}

func (f Filter) need(n *journeys.Need) bool {
	return journeys.NeedFilter{AgeGroup: f.AgeGroup, TargetGroup: f.TargetGroup}.Match(n)
}

// located is an offer with its actor.
type located struct {
	offer *journeys.Offer
	actor *journeys.Actor
}

// Build reads in and returns the report.
func Build(in Input) Report {
	r := Report{Filter: in.Filter, Levels: journeys.Levels, TargetGroups: []string{}, Supports: []Support{}, Needs: []NeedCoverage{},
		Items: []Item{}, Burden: []Burden{}, Counts: map[Kind]int{}}
	js := make([]*journeys.Journey, 0, len(in.Journeys))
	for _, j := range in.Journeys {
		if counts(j) && in.Filter.journey(j) {
			js = append(js, j)
		}
	}
	slices.SortFunc(js, func(a, b *journeys.Journey) int { return cmp.Compare(a.ID, b.ID) })
	ev := newEvidence(js)

	var offers []located
	for i := range in.Actors {
		a := &in.Actors[i]
		for k := range a.Offers {
			if in.Filter.offer(&a.Offers[k]) {
				offers = append(offers, located{&a.Offers[k], a})
			}
		}
	}
	slices.SortFunc(offers, func(a, b located) int { return cmp.Compare(a.offer.ID, b.offer.ID) })
	groups := map[string]string{}
	addGroup := func(g string) {
		if k := strings.ToLower(strings.TrimSpace(g)); k != "" && groups[k] == "" {
			groups[k] = strings.TrimSpace(g)
		}
	}

	// Needs and whether an offer covers them.
	for i := range in.Needs {
		n := in.Needs[i]
		if !in.Filter.need(&n) {
			continue
		}
		addGroup(n.TargetGroup)
		nc := NeedCoverage{Need: n, CoveredBy: []string{}}
		for _, o := range offers {
			if o.offer.Covers(&n) {
				nc.CoveredBy = append(nc.CoveredBy, o.offer.ID)
			}
		}
		r.Needs = append(r.Needs, nc)
		if len(nc.CoveredBy) > 0 {
			continue
		}
		it := Item{Kind: UncoveredNeed, Need: n.ID, Title: n.Title, TargetGroup: n.TargetGroup, AgeGroup: n.AgeGroup, Level: n.Level, Journeys: []string{}}
		for _, j := range js {
			if n.TargetGroup != "" && strings.EqualFold(strings.TrimSpace(j.TargetGroup), strings.TrimSpace(n.TargetGroup)) && ageFits(n.AgeGroup, j.AgeGroup) {
				it.Journeys = append(it.Journeys, j.ID)
			}
		}
		ev.attach(&it, func(string) []string { return []string{n.ID} })
		r.Items = append(r.Items, it)
	}
	slices.SortFunc(r.Needs, func(a, b NeedCoverage) int { return cmp.Compare(a.ID, b.ID) })

	// Supports: who reaches them, and how.
	for _, o := range offers {
		for _, g := range o.offer.TargetGroups {
			addGroup(g)
		}
		s := Support{Offer: *o.offer, Actor: o.actor.ID, ActorName: o.actor.Name, Sector: o.actor.Sector, Journeys: []string{}, Usage: usage(o, in.Measures)}
		var steps []StepRef
		alone := true
		for _, j := range js {
			reached := false
			for k := range j.Steps {
				st := &j.Steps[k]
				if Reaches(j, st, o.actor.ID, o.offer) {
					reached = true
					steps = append(steps, StepRef{Journey: j.ID, Step: st.ID, Title: st.Title})
					alone = alone && FoundAlone(j, st)
				}
			}
			if reached {
				s.Journeys = append(s.Journeys, j.ID)
			}
		}
		r.Supports = append(r.Supports, s)
		it := Item{Offer: o.offer.ID, Actor: o.actor.ID, Title: o.offer.Name, Level: o.offer.Level, Journeys: s.Journeys}
		switch {
		case len(steps) == 0:
			it.Kind = UnreachedSupport
		case alone:
			it.Kind, it.Steps = SelfFoundSupport, steps
		default:
			continue
		}
		ev.attach(&it, func(journey string) []string {
			ids := []string{o.offer.ID}
			for _, st := range steps {
				if st.Journey == journey {
					ids = append(ids, st.Step)
				}
			}
			return ids
		})
		r.Items = append(r.Items, it)
	}

	// Entries that send people on, and each journey's burden.
	for _, j := range js {
		for k := range j.Steps {
			st := &j.Steps[k]
			to, ok := SendsOn(j, st)
			if !ok {
				continue
			}
			it := Item{Kind: SendingEntry, Actor: st.Actor, Title: st.Title, Journeys: []string{j.ID},
				Steps: []StepRef{{Journey: j.ID, Step: st.ID, Title: st.Title}}, Sends: to}
			ev.attach(&it, func(journey string) []string {
				if journey != j.ID {
					return nil
				}
				ids := []string{st.ID}
				for _, h := range j.Handovers {
					if h.From == st.ID {
						ids = append(ids, h.ID)
					}
				}
				return ids
			})
			r.Items = append(r.Items, it)
		}
		r.Burden = append(r.Burden, burden(j, in.Needs, offers))
	}

	slices.SortStableFunc(r.Items, func(a, b Item) int { return cmp.Compare(slices.Index(Kinds, a.Kind), slices.Index(Kinds, b.Kind)) })
	for _, it := range r.Items {
		r.Counts[it.Kind]++
	}
	for _, g := range groups {
		r.TargetGroups = append(r.TargetGroups, g)
	}
	slices.Sort(r.TargetGroups)
	return r
}

// usage returns the manual measures scoped to o or its actor, with their latest
// observation. A measure that names offers counts for those offers only.
func usage(o located, measures []journeys.Measure) []Usage {
	out := []Usage{}
	for _, m := range measures {
		if m.Metric != nil || m.Scope == nil {
			continue
		}
		hit := slices.Contains(m.Scope.Offers, o.offer.ID) || len(m.Scope.Offers) == 0 && slices.Contains(m.Scope.Actors, o.actor.ID)
		if !hit {
			continue
		}
		u := Usage{Measure: m.ID, Name: m.Name, Unit: m.Unit, Target: m.Target}
		for i := range m.Observations {
			if u.Latest == nil || m.Observations[i].At >= u.Latest.At {
				u.Latest = &m.Observations[i]
			}
		}
		out = append(out, u)
	}
	return out
}

// burden computes journey j's navigation burden.
func burden(j *journeys.Journey, needs []journeys.Need, offers []located) Burden {
	b := Burden{Journey: j.ID, Title: j.Title, Kind: j.Kind, TargetGroup: j.TargetGroup, Doors: []StepRef{}}
	for k := range j.Steps {
		if st := &j.Steps[k]; FoundAlone(j, st) {
			b.DoorsFoundAlone++
			b.Doors = append(b.Doors, StepRef{Journey: j.ID, Step: st.ID, Title: st.Title})
		}
	}
	n := NeededLevel(j, needs)
	if n == nil {
		return b
	}
	b.Need, b.NeededLevel = n.ID, n.Level
	helps := map[string]string{}
	for k := range j.Steps {
		st := &j.Steps[k]
		for _, o := range offers {
			if levelRank(o.offer.Level) >= levelRank(n.Level) && Reaches(j, st, o.actor.ID, o.offer) {
				helps[st.ID] = o.offer.ID
				break
			}
		}
	}
	days := shortestDays(j)
	for _, st := range j.Steps {
		d, ok := days[st.ID]
		if _, help := helps[st.ID]; !help || !ok {
			continue
		}
		if b.DaysToHelp == nil || d < *b.DaysToHelp {
			b.DaysToHelp, b.HelpStep, b.HelpOffer = &d, st.ID, helps[st.ID]
		}
	}
	return b
}

// wait is a waiting time in days: observed when known, else expected, else none.
func wait(w *journeys.WaitDays) int {
	switch {
	case w == nil:
		return 0
	case w.Observed != nil:
		return *w.Observed
	case w.Expected != nil:
		return *w.Expected
	}
	return 0
}

// shortestDays returns, for each step reachable from an entry, the fewest days until it:
// the waits of the steps and hand-overs along the way, the step's own included.
func shortestDays(j *journeys.Journey) map[string]int {
	stepWait := map[string]int{}
	for _, s := range j.Steps {
		stepWait[s.ID] = wait(s.WaitDays)
	}
	out := map[string]int{}
	q := &dayQueue{}
	for _, s := range j.Steps {
		if s.Entry {
			heap.Push(q, dayItem{s.ID, stepWait[s.ID]})
		}
	}
	for q.Len() > 0 {
		it := heap.Pop(q).(dayItem)
		if _, done := out[it.step]; done {
			continue
		}
		out[it.step] = it.days
		for _, h := range j.Handovers {
			if h.From == it.step {
				if _, done := out[h.To]; !done {
					heap.Push(q, dayItem{h.To, it.days + wait(h.WaitDays) + stepWait[h.To]})
				}
			}
		}
	}
	return out
}

type dayItem struct {
	step string
	days int
}

type dayQueue []dayItem

func (q dayQueue) Len() int { return len(q) }
func (q dayQueue) Less(i, k int) bool {
	return q[i].days < q[k].days || q[i].days == q[k].days && q[i].step < q[k].step
}
func (q dayQueue) Swap(i, k int) { q[i], q[k] = q[k], q[i] }
func (q *dayQueue) Push(x any)   { *q = append(*q, x.(dayItem)) }
func (q *dayQueue) Pop() any {
	old := *q
	x := old[len(old)-1]
	*q = old[:len(old)-1]
	return x
}

// evidence finds the insights of the report's journeys about given ids.
type evidence struct{ js []*journeys.Journey }

func newEvidence(js []*journeys.Journey) evidence { return evidence{js} }

// attach adds to it the insights, of any of the report's journeys, about any of the ids
// about(journey) returns for that journey, at most MaxEvidence of them.
func (e evidence) attach(it *Item, about func(journey string) []string) {
	it.Evidence = []Evidence{}
	for _, j := range e.js {
		ids := about(j.ID)
		for _, in := range j.Insights {
			if !slices.ContainsFunc(in.About, func(id string) bool { return slices.Contains(ids, id) }) {
				continue
			}
			if len(it.Evidence) >= MaxEvidence {
				it.MoreEvidence++
				continue
			}
			it.Evidence = append(it.Evidence, Evidence{Journey: j.ID, Insight: in.ID, Kind: in.Kind, Text: in.Text})
		}
	}
}
