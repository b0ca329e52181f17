package compare_test

import (
	"fmt"
	"testing"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/compare"
)

// benchPlan is a planned journey of n steps in a chain, and benchLived lived journeys
// that follow it imperfectly: every seventh misses a step, every fifth waits over plan,
// every third has an ad hoc step, every eleventh swaps two steps.
func benchPlan(n int) *journeys.Journey {
	j := &journeys.Journey{ID: "plan", Title: "Plan", Kind: journeys.KindToBe, Actors: actors}
	for i := range n {
		s := step(fmt.Sprintf("p%d", i), actors[i%len(actors)].ID, ptr(7), nil)
		s.Entry = i == 0
		j.Steps = append(j.Steps, s)
		if i > 0 {
			j.Handovers = append(j.Handovers, handover(fmt.Sprintf("ph%d", i), j.Steps[i-1].ID, s.ID, s.Actor))
		}
	}
	return j
}

func benchLived(plan *journeys.Journey, count int) []*journeys.Journey {
	out := make([]*journeys.Journey, 0, count)
	for k := range count {
		j := &journeys.Journey{ID: fmt.Sprintf("l%05d", k), Title: "Levd", Kind: journeys.KindLived, BasedOn: plan.ID, Actors: actors}
		for i, ps := range plan.Steps {
			if k%7 == 0 && i == 3 {
				continue
			}
			s := step(fmt.Sprintf("s%d", i), ps.Actor, nil, ptr(5+k%5*3))
			s.Planned = ps.ID
			j.Steps = append(j.Steps, s)
			if k%3 == 0 && i == 10 {
				j.Steps = append(j.Steps, step("adhoc", "vc", nil, ptr(0)))
			}
		}
		if k%11 == 0 {
			j.Steps[5].Planned, j.Steps[6].Planned = j.Steps[6].Planned, j.Steps[5].Planned
		}
		for i := 1; i < len(j.Steps); i++ {
			j.Handovers = append(j.Handovers, handover(fmt.Sprintf("h%d", i), j.Steps[i-1].ID, j.Steps[i].ID, j.Steps[i].Actor))
		}
		out = append(out, j)
	}
	return out
}

// BenchmarkDeviations compares 1,000 lived journeys of 30 steps, one by one, with their
// plan: what GET .../compare does 1,000 times.
func BenchmarkDeviations(b *testing.B) {
	plan := benchPlan(30)
	lived := benchLived(plan, 1000)
	b.ReportAllocs()
	for b.Loop() {
		for _, l := range lived {
			compare.Deviations(plan, l)
		}
	}
}

// BenchmarkConformance is the conformance report over 1,000 lived journeys of 30 steps.
func BenchmarkConformance(b *testing.B) {
	plan := benchPlan(30)
	lived := benchLived(plan, 1000)
	b.ReportAllocs()
	for b.Loop() {
		c := compare.NewConformer(plan)
		for _, l := range lived {
			c.Add(l)
		}
		c.Report()
	}
}
