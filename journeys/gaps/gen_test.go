package gaps_test

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/glapp/glapp/journeys"
)

// genActors orders the test actors so that generated journeys can avoid every gap by
// construction: region before municipality before the rest.
var genActors = []string{"bup", "vc", "psy", "ber", "skola", "soc", "ngo", "anh"}

// generator builds random journeys with branches and loops. With dirt 0 every field is
// known and good, so no rule may fire; with dirt > 0 steps move between actors in runs
// and that share of elements is spoilt at random, for benchmarks and invariants that
// should see journeys like real current-state maps.
//
// A clean journey avoids the gaps like this. Steps take actors in genActors order along
// the step sequence, so every forward hand-over goes to the same or a later actor, and
// every hand-over back to an earlier step (a loop) is internal within one actor or
// joint_planning between two: a person handed away from an actor can thus never come
// back to it without a joint planning (no ping_pong). Hand-overs from a child to an adult
// actor and between region and municipality are joint_planning (no age_transition; and
// the first municipality step is reached from a region step, so a SIP lies between the
// sectors). Step i > 0 is reached from an earlier step, so all are reachable from step 0;
// steps with no way on are terminal; crisis steps have a contact person; waits are within
// every threshold; negative insights about one element come from one source only.
type generator struct {
	r    *rand.Rand
	dirt float64
	j    *journeys.Journey
	// actorOf holds each step's position in genActors.
	actorOf []int
}

// generate returns a journey of n steps from the given seed.
func generate(seed uint64, n int, dirt float64) *journeys.Journey {
	g := &generator{r: rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15)), dirt: dirt}
	g.j = &journeys.Journey{
		ID: fmt.Sprintf("gen-%d", seed), Title: "Genererad resa", Kind: journeys.KindAsIs,
		TargetGroup: []string{"beroende", "barn", "adhd"}[seed%3], AgeGroup: journeys.AgeAdult,
		Stages: []journeys.Stage{{ID: "a", Name: "Söka", Order: 1}, {ID: "b", Name: "Utredas", Order: 2}, {ID: "c", Name: "Behandlas", Order: 3}},
	}
	g.steps(n)
	g.handovers()
	g.finish()
	g.insights()
	return g.j
}

func (g *generator) chance(p float64) bool { return g.r.Float64() < p }

func (g *generator) steps(n int) {
	g.actorOf = make([]int, n)
	if g.dirt == 0 {
		// Non-decreasing actor positions: sorted random draws over a random span.
		lo := g.r.IntN(len(genActors))
		hi := lo + g.r.IntN(len(genActors)-lo)
		for i := range g.actorOf {
			g.actorOf[i] = lo + g.r.IntN(hi-lo+1)
		}
		slices.Sort(g.actorOf)
	} else {
		// Runs of steps at one actor, then another, as current-state maps bounce around.
		a := g.r.IntN(len(genActors))
		for i := range g.actorOf {
			if g.chance(0.15) {
				a = g.r.IntN(len(genActors))
			}
			g.actorOf[i] = a
		}
	}
	for i := range n {
		s := journeys.Step{
			ID: fmt.Sprintf("s%d", i), Title: fmt.Sprintf("Steg %d", i), Stage: []string{"a", "b", "c"}[3*i/n],
			Actor: genActors[g.actorOf[i]], Channel: journeys.Channels[g.r.IntN(len(journeys.Channels))],
			Entry: i == 0 || g.chance(0.02), Emotion: ptr(g.r.IntN(7) - 3),
		}
		limit := 30
		if s.Entry {
			limit = 3
		}
		s.WaitDays = &journeys.WaitDays{Expected: ptr(g.r.IntN(limit + 1)), Observed: ptr(g.r.IntN(limit + 1))}
		if g.chance(0.05) {
			s.Crisis, s.ContactPerson = true, ptr(genActors[g.actorOf[i]])
		}
		g.j.Steps = append(g.j.Steps, s)
	}
}

func (g *generator) handovers() {
	n := len(g.j.Steps)
	for i := 1; i < n; i++ {
		from := i - 1 // mostly a chain, sometimes a branch from a recent step
		if g.chance(0.3) {
			from = max(0, i-1-g.r.IntN(8))
		}
		g.link(from, i)
		if g.chance(0.15) { // another way in: branches that join
			g.link(g.r.IntN(i), i)
		}
		if g.chance(0.1) { // a loop back, mostly to a recent step
			back := max(0, i-1-g.r.IntN(20))
			if g.chance(0.2) {
				back = g.r.IntN(i)
			}
			g.link(i, back)
		}
	}
}

// link adds a clean hand-over between steps from and to.
func (g *generator) link(from, to int) {
	a, b := g.actorOf[from], g.actorOf[to]
	fa, ta := testActors[genActors[a]], testActors[genActors[b]]
	var t journeys.HandoverType
	switch {
	case a == b:
		t = []journeys.HandoverType{journeys.HandoverInternal, journeys.HandoverReferral, journeys.HandoverAdviceToContact, journeys.HandoverSelfReferral}[g.r.IntN(4)]
		if to < from {
			t = journeys.HandoverInternal
		}
	case to < from,
		fa.AgeGroup == journeys.AgeChild && ta.AgeGroup == journeys.AgeAdult,
		fa.Sector != ta.Sector && fa.Sector != journeys.SectorCivilSociety && fa.Sector != journeys.SectorFamily &&
			ta.Sector != journeys.SectorCivilSociety && ta.Sector != journeys.SectorFamily:
		t = journeys.HandoverJointPlanning
	default:
		t = []journeys.HandoverType{journeys.HandoverReferral, journeys.HandoverConsultation, journeys.HandoverDischarge, journeys.HandoverJointPlanning}[g.r.IntN(4)]
	}
	limit := journeys.DefaultSettings().LongWait.ForHandover(t)
	if ta.Kind == "BUP" {
		limit = min(limit, 30)
	}
	resp := []string{fa.ID, ta.ID, genActors[g.actorOf[g.r.IntN(len(g.actorOf))]]}[g.r.IntN(3)]
	h := journeys.Handover{
		ID: fmt.Sprintf("h%d", len(g.j.Handovers)), From: g.j.Steps[from].ID, To: g.j.Steps[to].ID, Type: t,
		Responsible: ptr(resp), Information: journeys.InformationFull, Acknowledged: ptr(true), FollowUp: ptr(true),
		WaitDays: &journeys.WaitDays{Expected: ptr(g.r.IntN(limit + 1)), Observed: ptr(g.r.IntN(limit + 1))},
	}
	if g.chance(g.dirt) {
		g.spoil(&h, a != b)
	}
	g.j.Handovers = append(g.j.Handovers, h)
}

// spoil gives a hand-over one gap or unknown.
func (g *generator) spoil(h *journeys.Handover, cross bool) {
	switch g.r.IntN(8) {
	case 0:
		h.Responsible = nil
	case 1:
		h.Information = []journeys.Information{journeys.InformationNone, journeys.InformationPartial, journeys.InformationUnknown}[g.r.IntN(3)]
	case 2:
		h.Acknowledged = []*bool{ptr(false), nil}[g.r.IntN(2)]
	case 3:
		h.FollowUp = []*bool{ptr(false), nil}[g.r.IntN(2)]
	case 4:
		h.WaitDays.Observed = ptr(100 + g.r.IntN(300))
	case 5:
		if cross {
			h.Type = []journeys.HandoverType{journeys.HandoverAdviceToContact, journeys.HandoverSelfReferral}[g.r.IntN(2)]
		}
	case 6:
		h.Type = journeys.HandoverReferral // may make a ping-pong of a loop, or an age transition
	default:
		h.WaitDays = nil
	}
}

// finish makes steps with no way on terminal, and spoils steps when dirty.
func (g *generator) finish() {
	hasOut := make(map[string]bool, len(g.j.Handovers))
	for _, h := range g.j.Handovers {
		hasOut[h.From] = true
	}
	for i := range g.j.Steps {
		s := &g.j.Steps[i]
		s.Terminal = !hasOut[s.ID] || g.chance(0.05)
		if !g.chance(g.dirt) {
			continue
		}
		switch g.r.IntN(4) {
		case 0:
			s.Terminal = false
		case 1:
			s.Crisis, s.ContactPerson = true, nil
		case 2:
			s.WaitDays = &journeys.WaitDays{Observed: ptr(95 + g.r.IntN(100))}
		default:
			s.Emotion = nil
		}
	}
}

// insights ties a few insights to random elements: positive ones from anywhere, negative
// ones from one source per element (two sources when dirty).
func (g *generator) insights() {
	n := len(g.j.Steps) + len(g.j.Handovers)
	for k := range n / 3 {
		about := g.j.Steps[g.r.IntN(len(g.j.Steps))].ID
		if g.chance(0.5) && len(g.j.Handovers) > 0 {
			about = g.j.Handovers[g.r.IntN(len(g.j.Handovers))].ID
		}
		sentiment, source := g.r.IntN(3), fmt.Sprintf("int-%d", g.r.IntN(10))
		if g.chance(0.3) {
			sentiment, source = -1-g.r.IntN(2), "neg-"+about
			if g.chance(g.dirt) {
				source = fmt.Sprintf("int-%d", g.r.IntN(10))
			}
		}
		status := journeys.InsightStatuses[g.r.IntN(len(journeys.InsightStatuses))]
		g.j.Insights = append(g.j.Insights, journeys.Insight{
			ID: fmt.Sprintf("i%d", k), Text: "Genererad insikt", Kind: journeys.InsightQuote,
			Status: status, Sentiment: ptr(sentiment), Source: source, About: []string{about},
		})
	}
}
