package gaps_test

import (
	"testing"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// projectReports analyses three small journeys of a project:
//
//	adult (as_is, "beroende"): vc → soc by advice, nobody responsible: unowned, self_navigation,
//	  missing_coordinated_plan; soc step is a dead end.
//	child (as_is, "barn"): bup → psy by referral: age_transition.
//	plan (to_be, "beroende"): vc → soc by joint planning: clean.
func projectReports(t *testing.T) []gaps.JourneyReport {
	t.Helper()
	adult := pair("vc", "soc", advice, responsible(nil))
	adult.ID, adult.TargetGroup = "adult", "Beroende"
	adult.Steps[1].Terminal = false
	adult.Insights = []journeys.Insight{insight("i1", -2, journeys.StatusValidated, "int-1", "h1")}
	child := pair("bup", "psy", ref)
	child.ID, child.TargetGroup, child.AgeGroup = "child", "barn", journeys.AgeChild
	child.Stages[0].Name = "Övergång"
	plan := pair("vc", "soc", jp)
	plan.ID, plan.Kind, plan.TargetGroup = "plan", journeys.KindToBe, "beroende"
	return []gaps.JourneyReport{analyze(t, adult), analyze(t, child), analyze(t, plan)}
}

func keyed(fs []gaps.Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Journey + ":" + string(f.Rule)
	}
	return out
}

func TestProjectReport_RanksFindingsAcrossJourneys(t *testing.T) {
	ps := mustCombine(t, projectReports(t), gaps.Filter{})
	want := []string{
		"adult:unowned_handover",         // high + validated evidence = critical
		"adult:self_navigation",          // medium + validated evidence = high, with evidence
		"adult:missing_coordinated_plan", // high, no evidence
		"adult:dead_end",
		"child:age_transition",
	}
	got := keyed(ps.Findings)
	if diff := cmp.Diff(want[:1], got[:1]); diff != "" {
		t.Errorf("first finding mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, got, cmpopts.SortSlices(func(a, b string) bool { return a < b })); diff != "" {
		t.Errorf("findings mismatch (-want +got):\n%s", diff)
	}
	for i := 1; i < len(ps.Findings); i++ {
		a, b := ps.Findings[i-1], ps.Findings[i]
		if a.Severity.Rank() < b.Severity.Rank() ||
			a.Severity == b.Severity && a.EvidenceCount < b.EvidenceCount {
			t.Errorf("findings %d and %d are out of order: %s/%d before %s/%d", i-1, i, a.Severity, a.EvidenceCount, b.Severity, b.EvidenceCount)
		}
	}
	if ps.Summary.Total != 5 || len(ps.Journeys) != 3 {
		t.Errorf("Summary.Total = %d, journeys %d; want 5 and 3", ps.Summary.Total, len(ps.Journeys))
	}
}

func TestProjectReport_Aggregates(t *testing.T) {
	ps := mustCombine(t, projectReports(t), gaps.Filter{})
	type agg struct {
		Key, Label string
		Count      int
		Evidence   int
	}
	flat := func(as []gaps.Aggregate) []agg {
		var out []agg
		for _, a := range as {
			out = append(out, agg{a.Key, a.Label, a.Count, a.Evidence})
		}
		return out
	}
	wantPairs := []agg{
		{"vc→soc", "Vårdcentral → Socialtjänst", 3, 2}, // unowned (critical), self_navigation, missing plan
		{"bup→psy", "BUP → Vuxenpsykiatri", 1, 0},
	}
	if diff := cmp.Diff(wantPairs, flat(ps.ByActorPair)); diff != "" {
		t.Errorf("ByActorPair mismatch (-want +got):\n%s", diff)
	}
	if p := ps.ByActorPair[0]; p.From == nil || p.From.ID != "vc" || p.To == nil || p.To.Name != "Socialtjänst" {
		t.Errorf("ByActorPair[0] actors = %+v, %+v", p.From, p.To)
	}
	wantStages := []agg{{"Söka hjälp", "Söka hjälp", 3, 2}, {"Övergång", "Övergång", 1, 0}}
	if diff := cmp.Diff(wantStages, flat(ps.ByStage)); diff != "" {
		t.Errorf("ByStage mismatch (-want +got):\n%s", diff)
	}
	wantTargets := []agg{{"beroende", "Beroende", 4, 2}, {"barn", "barn", 1, 0}}
	if diff := cmp.Diff(wantTargets, flat(ps.ByTargetGroup)); diff != "" {
		t.Errorf("ByTargetGroup mismatch (-want +got):\n%s", diff)
	}
	if len(ps.ByRule) != 5 || ps.ByRule[0].Key != string(gaps.RuleUnownedHandover) || ps.ByRule[0].BySeverity[gaps.SeverityCritical] != 1 {
		t.Errorf("ByRule = %+v; want five rules, unowned_handover (critical) first", ps.ByRule)
	}
}

func TestProjectReport_Filters(t *testing.T) {
	reports := projectReports(t)
	tests := []struct {
		name string
		f    gaps.Filter
		want []string
	}{
		{"Rule", gaps.Filter{Rule: gaps.RuleAgeTransition}, []string{"child:age_transition"}},
		{"Category", gaps.Filter{Category: gaps.CategoryNavigation}, []string{"adult:self_navigation"}},
		{"MinSeverity", gaps.Filter{MinSeverity: gaps.SeverityCritical}, []string{"adult:unowned_handover"}},
		{"JourneyKind", gaps.Filter{JourneyKind: journeys.KindToBe}, nil},
		{"TargetGroupIgnoresCase", gaps.Filter{TargetGroup: "BARN"}, []string{"child:age_transition"}},
		{"ActorAsReceiver", gaps.Filter{Actor: "psy"}, []string{"child:age_transition"}},
		{"ActorOfAStep", gaps.Filter{Actor: "soc", Rule: gaps.RuleDeadEnd}, []string{"adult:dead_end"}},
		{"ActorNobody", gaps.Filter{Actor: "ngo"}, nil},
		{"Combined", gaps.Filter{Actor: "vc", MinSeverity: gaps.SeverityHigh, Category: gaps.CategoryCoordination},
			[]string{"adult:missing_coordinated_plan"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := mustCombine(t, reports, tt.f)
			if diff := cmp.Diff(tt.want, keyed(ps.Findings), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("findings mismatch (-want +got):\n%s", diff)
			}
			if ps.Summary.Total != len(tt.want) || ps.Filter != tt.f {
				t.Errorf("Summary.Total = %d, Filter = %+v", ps.Summary.Total, ps.Filter)
			}
		})
	}
	if ps := mustCombine(t, reports, gaps.Filter{JourneyKind: journeys.KindToBe}); len(ps.Journeys) != 1 || ps.Journeys[0].ID != "plan" {
		t.Errorf("journeys covered by a to_be filter = %+v; want plan", ps.Journeys)
	}
}

func TestProjectReport_Empty(t *testing.T) {
	ps := mustCombine(t, nil, gaps.Filter{})
	if ps.Findings == nil || ps.Journeys == nil || ps.ByRule == nil || ps.ByActorPair == nil || ps.ByStage == nil || ps.ByTargetGroup == nil {
		t.Errorf("CombineReports(nil) = %+v; want empty, non-nil lists for JSON", ps)
	}
}

func TestApplyTriage(t *testing.T) {
	r := projectReports(t)[0]
	byRule := map[gaps.Rule]string{}
	for _, f := range r.Findings {
		byRule[f.Rule] = f.Fingerprint
	}
	triage := map[string]journeys.Triage{
		byRule[gaps.RuleDeadEnd]:           {Fingerprint: byRule[gaps.RuleDeadEnd], Status: journeys.TriageDismissed, Reason: "Slutet är avsiktligt."},
		byRule[gaps.RuleSelfNavigation]:    {Fingerprint: byRule[gaps.RuleSelfNavigation], Status: journeys.TriageAddressed, Note: "Varm överlämning."},
		"ffffffffffffffffffffffffffffffff": {Status: journeys.TriageConfirmed},
	}
	shown := gaps.ApplyTriage(r.Findings, triage, false)
	if len(shown) != len(r.Findings)-1 {
		t.Fatalf("ApplyTriage kept %d of %d findings; want the dismissed one left out", len(shown), len(r.Findings))
	}
	for _, f := range shown {
		switch f.Rule {
		case gaps.RuleDeadEnd:
			t.Error("dismissed dead_end is shown")
		case gaps.RuleSelfNavigation:
			if f.Triage == nil || f.Triage.Status != journeys.TriageAddressed || f.Triage.Note != "Varm överlämning." {
				t.Errorf("self_navigation triage = %+v", f.Triage)
			}
		default:
			if f.Triage != nil {
				t.Errorf("%s has triage %+v; want none", f.Rule, f.Triage)
			}
		}
	}
	all := gaps.ApplyTriage(r.Findings, triage, true)
	if len(all) != len(r.Findings) {
		t.Errorf("with includeDismissed, %d of %d findings; want all", len(all), len(r.Findings))
	}
	for _, f := range r.Findings {
		if f.Triage != nil {
			t.Errorf("ApplyTriage changed its input: %s has triage", f.Rule)
		}
	}
	if s := gaps.Summarize(shown); s.Total != len(shown) {
		t.Errorf("Summarize(shown).Total = %d", s.Total)
	}
}
