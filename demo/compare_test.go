package demo

import (
	"slices"
	"testing"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/compare"
)

// TestEveryAsIsHasAnHonestToBe checks that each current-state journey has a desired
// state that names it (basedOn), and that no desired state claims an observed wait: it
// has not been lived.
func TestEveryAsIsHasAnHonestToBe(t *testing.T) {
	js := mustJourneys(t)
	toBe := map[string]string{}
	for _, j := range js {
		if j.Kind != journeys.KindToBe {
			continue
		}
		toBe[j.BasedOn] = j.ID
		for _, s := range j.Steps {
			if s.WaitDays != nil && s.WaitDays.Observed != nil {
				t.Errorf("%s: step %s has an observed wait; a desired state has only expected ones", j.ID, s.ID)
			}
		}
		for _, h := range j.Handovers {
			if h.WaitDays != nil && h.WaitDays.Observed != nil {
				t.Errorf("%s: hand-over %s has an observed wait; a desired state has only expected ones", j.ID, h.ID)
			}
		}
	}
	for _, j := range js {
		if j.Kind == journeys.KindAsIs && toBe[j.ID] == "" {
			t.Errorf("as-is %s has no to-be whose basedOn names it", j.ID)
		}
	}
}

// TestLivedJourneysDeviateAsRulesMDSays compares each lived journey with the plan it
// follows and checks the deviation kinds demo/RULES.md promises, so that the demo shows
// each kind, and that the plan's conformance report sees them all.
func TestLivedJourneysDeviateAsRulesMDSays(t *testing.T) {
	js := mustJourneys(t)
	byID := map[string]*journeys.Journey{}
	for i := range js {
		byID[js[i].ID] = &js[i]
	}
	want := map[string][]compare.DeviationKind{
		"vuxen-levd-01": {compare.DeviationMissing, compare.DeviationAdHoc},
		"vuxen-levd-02": {compare.DeviationWaitOverPlan},
		"vuxen-levd-03": {compare.DeviationAdHoc},
		"vuxen-levd-04": {compare.DeviationIrregularOrder, compare.DeviationFailedHandover},
		"vuxen-levd-05": nil,
	}
	plan := byID["vuxen-onskat-lage"]
	conf := compare.NewConformer(plan)
	lived := 0
	for _, j := range js {
		if j.Kind != journeys.KindLived {
			continue
		}
		lived++
		if j.BasedOn != plan.ID {
			t.Errorf("%s follows %q; want %s", j.ID, j.BasedOn, plan.ID)
			continue
		}
		for _, s := range j.Steps {
			if s.Planned != "" && plan.StepByID(s.Planned) == nil {
				t.Errorf("%s: step %s names planned step %q, which %s does not have", j.ID, s.ID, s.Planned, plan.ID)
			}
		}
		w, ok := want[j.ID]
		if !ok {
			t.Errorf("lived journey %s is not in this test; add what it should show", j.ID)
		}
		var got []compare.DeviationKind
		for _, d := range compare.Deviations(plan, &j) {
			if !slices.Contains(got, d.Kind) {
				got = append(got, d.Kind)
			}
		}
		if !slices.Equal(got, w) {
			t.Errorf("%s deviates by %v; want %v", j.ID, got, w)
		}
		conf.Add(&j)
	}
	if lived != len(want) {
		t.Errorf("%d lived journeys; want %d", lived, len(want))
	}
	r := conf.Report()
	for _, f := range r.Deviations {
		if f.Journeys == 0 {
			t.Errorf("no lived journey shows %s", f.Kind)
		}
	}
	sip := r.Steps[slices.IndexFunc(r.Steps, func(s compare.StepConformance) bool { return s.ID == "vo-s05" })]
	if sip.Missed != 1 || sip.OverPlan != 1 {
		t.Errorf("the SIP meeting: missed %d, over plan %d; want 1 and 1", sip.Missed, sip.OverPlan)
	}
}
