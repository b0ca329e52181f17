package compare_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/compare"
)

// thePlan is a to-be of four steps: a referral (p1), joint planning (p2), treatment (p3)
// and follow-up (p4), with hand-overs that carry everything and expected waits only.
func thePlan() *journeys.Journey {
	j := &journeys.Journey{ID: "plan", Title: "Plan", Kind: journeys.KindToBe, BasedOn: "nu", Actors: actors,
		Steps: []journeys.Step{step("p1", "vc", ptr(0), nil), step("p2", "soc", ptr(14), nil),
			step("p3", "psy", ptr(30), nil), step("p4", "vc", ptr(7), nil)},
		Handovers: []journeys.Handover{handover("ph1", "p1", "p2", "vc"), handover("ph2", "p2", "p3", "soc"), handover("ph3", "p3", "p4", "psy")}}
	j.Steps[1].Title = "Samordnad individuell plan"
	j.Steps[0].Entry, j.Steps[3].Terminal = true, true
	return j
}

// livedAs builds a lived journey that realises the planned steps named, in that order
// ("" for a step outside the plan), joined by hand-overs as good as the plan's, with the
// waits the plan expects.
func livedAs(id string, planned ...string) *journeys.Journey {
	j := &journeys.Journey{ID: id, Title: "Levd " + id, Kind: journeys.KindLived, BasedOn: "plan", Actors: actors}
	plan := thePlan()
	for i, p := range planned {
		s := step("l"+string(rune('1'+i)), "vc", nil, nil)
		s.Planned = p
		if ps := plan.StepByID(p); ps != nil {
			s.Actor, s.Title = ps.Actor, ps.Title
			s.WaitDays = &journeys.WaitDays{Observed: ps.WaitDays.Expected}
		} else {
			s.Title = "Akutbesök"
		}
		j.Steps = append(j.Steps, s)
		if i > 0 {
			j.Handovers = append(j.Handovers, handover("lh"+string(rune('1'+i)), j.Steps[i-1].ID, s.ID, "vc"))
		}
	}
	return j
}

func kinds(ds []compare.Deviation) []compare.DeviationKind {
	var out []compare.DeviationKind
	for _, d := range ds {
		out = append(out, d.Kind)
	}
	return out
}

func TestDeviations_EachKind(t *testing.T) {
	for _, tc := range []struct {
		name           string
		lived          *journeys.Journey
		want           compare.DeviationKind
		planned, ids   []string
		sv, en         string
		fields         []string
		plannedD, days int
	}{
		{name: "missing joint planning", lived: livedAs("a", "p1", "p3", "p4"), want: compare.DeviationMissing,
			planned: []string{"p2"}, ids: []string{}, sv: "”Samordnad individuell plan” hos Socialtjänst blev aldrig av", en: "never happened"},
		{name: "ad hoc emergency visit", lived: livedAs("b", "p1", "p2", "", "p3", "p4"), want: compare.DeviationAdHoc,
			planned: []string{}, ids: []string{"l3"}, sv: "”Akutbesök” hos Vårdcentral fanns inte i planen", en: "was not in the plan"},
		{name: "treatment before planning", lived: livedAs("c", "p1", "p3", "p2", "p4"), want: compare.DeviationIrregularOrder,
			planned: []string{"p2", "p3"}, ids: []string{"l3", "l2"}, sv: "kom efter", en: "the plan puts it first"},
		{name: "hand-over without acknowledgement", lived: func() *journeys.Journey {
			j := livedAs("d", "p1", "p2", "p3", "p4")
			j.Handovers[0].Information, j.Handovers[0].Acknowledged = journeys.InformationPartial, ptr(false)
			j.Handovers[1].FollowUp = nil // not known is no deviation
			return j
		}(), want: compare.DeviationFailedHandover, planned: []string{"ph1"}, ids: []string{"lh2"},
			fields: []string{"information", "acknowledged"}, sv: "delvis i stället för helt, mottagaren bekräftade inte", en: "information followed in part instead of in full"},
		{name: "sixty days for planning", lived: func() *journeys.Journey {
			j := livedAs("e", "p1", "p2", "p3", "p4")
			j.Steps[1].WaitDays = &journeys.WaitDays{Observed: ptr(60)}
			return j
		}(), want: compare.DeviationWaitOverPlan, planned: []string{"p2"}, ids: []string{"l2"}, plannedD: 14, days: 60,
			sv: "var 60 dagar; planen räknar med 14", en: "was 60 days; the plan expects 14"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ds := compare.Deviations(thePlan(), tc.lived)
			if len(ds) != 1 || ds[0].Kind != tc.want {
				t.Fatalf("Deviations = %v; want one %s", kinds(ds), tc.want)
			}
			d := ds[0]
			if !slices.Equal(d.Planned, tc.planned) || !slices.Equal(d.Lived, tc.ids) {
				t.Errorf("planned, lived = %v, %v; want %v, %v", d.Planned, d.Lived, tc.planned, tc.ids)
			}
			if !strings.Contains(d.Explanation.SV, tc.sv) || !strings.Contains(d.Explanation.EN, tc.en) {
				t.Errorf("explanation = %+v; want %q and %q in it", d.Explanation, tc.sv, tc.en)
			}
			if !slices.Equal(d.Fields, tc.fields) {
				t.Errorf("fields = %v; want %v", d.Fields, tc.fields)
			}
			if tc.days > 0 && (*d.PlannedDays != tc.plannedD || *d.LivedDays != tc.days) {
				t.Errorf("days = %d against %d; want %d against %d", *d.LivedDays, *d.PlannedDays, tc.days, tc.plannedD)
			}
		})
	}
}

func TestDeviations_FollowedPlanHasNone(t *testing.T) {
	if ds := compare.Deviations(thePlan(), livedAs("ok", "p1", "p2", "p3", "p4")); len(ds) != 0 {
		t.Errorf("Deviations = %+v; want none", ds)
	}
}

func TestDeviations_UnknownPlannedStepIsAdHoc(t *testing.T) {
	ds := compare.Deviations(thePlan(), livedAs("x", "p1", "p2", "p3", "p4", "p9"))
	if len(ds) != 1 || ds[0].Kind != compare.DeviationAdHoc || !strings.Contains(ds[0].Explanation.EN, "p9") {
		t.Errorf("Deviations = %+v; want one ad_hoc naming p9", ds)
	}
}

func TestConformance(t *testing.T) {
	c := compare.NewConformer(thePlan())
	c.Add(livedAs("a", "p1", "p3", "p4")) // misses p2
	c.Add(livedAs("b", "p1", "p3", "p4")) // misses p2
	e := livedAs("e", "p1", "p2", "p3", "p4")
	e.Steps[1].WaitDays.Observed = ptr(60)
	c.Add(e)
	c.Add(livedAs("f", "p1", "p2", "", "p3", "p4"))
	r := c.Report()
	if r.Lived != 4 || r.Capped || r.Plan.ID != "plan" {
		t.Fatalf("lived, capped, plan = %d, %v, %q; want 4, false, plan", r.Lived, r.Capped, r.Plan.ID)
	}
	if !slices.Equal(kindOrder(r.Deviations), compare.DeviationKinds) {
		t.Errorf("deviation kinds %v; want every kind in order", kindOrder(r.Deviations))
	}
	byKind := map[compare.DeviationKind]compare.KindFrequency{}
	for _, f := range r.Deviations {
		byKind[f.Kind] = f
	}
	if f := byKind[compare.DeviationMissing]; f.Journeys != 2 || *f.Share != 0.5 {
		t.Errorf("missing = %+v; want 2 journeys, share 0.5", f)
	}
	if f := byKind[compare.DeviationAdHoc]; f.Journeys != 1 || f.Occurrences != 1 {
		t.Errorf("ad_hoc = %+v; want 1", f)
	}
	p2 := r.Steps[slices.IndexFunc(r.Steps, func(s compare.StepConformance) bool { return s.ID == "p2" })]
	if p2.Missed != 2 || *p2.MissedShare != 0.5 || *p2.PlannedWait != 14 || p2.Waits != 2 || *p2.MedianWait != 37 || p2.OverPlan != 1 {
		t.Errorf("p2 = %+v; want missed 2 (0.5), planned 14, median of 14 and 60 = 37, one over plan", p2)
	}
	if r.Steps[0].ID != "p1" || r.Steps[3].ID != "p4" {
		t.Errorf("steps in order %v; want the plan's", r.Steps)
	}
}

func TestConformance_Capped(t *testing.T) {
	c := compare.NewConformer(thePlan())
	lived := livedAs("a", "p1", "p2", "p3", "p4")
	for range compare.MaxConformanceJourneys + 1 {
		c.Add(lived)
	}
	if r := c.Report(); r.Lived != compare.MaxConformanceJourneys || !r.Capped {
		t.Errorf("lived, capped = %d, %v; want %d, true", r.Lived, r.Capped, compare.MaxConformanceJourneys)
	}
}

func TestConformance_NoLivedJourneys(t *testing.T) {
	r := compare.NewConformer(thePlan()).Report()
	if r.Lived != 0 || r.Steps[0].MissedShare != nil || r.Deviations[0].Share != nil {
		t.Errorf("report = %+v; want nothing counted and null shares", r)
	}
}

func kindOrder(fs []compare.KindFrequency) []compare.DeviationKind {
	var out []compare.DeviationKind
	for _, f := range fs {
		out = append(out, f.Kind)
	}
	return out
}

// A planned crisis step is offered, not required: a lived journey without a crisis
// misses nothing.
func TestDeviations_CrisisStepIsNeverMissing(t *testing.T) {
	plan := thePlan()
	plan.Steps[1].Crisis = true
	if ds := compare.Deviations(plan, livedAs("a", "p1", "p3", "p4")); len(ds) != 0 {
		t.Errorf("Deviations = %v; want none for an unrealised crisis step", kinds(ds))
	}
}
