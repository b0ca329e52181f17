package gaps_test

import (
	"testing"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestSeverityModifiers(t *testing.T) {
	var (
		validated = journeys.StatusValidated
		rejected  = journeys.StatusRejected
		hyp       = journeys.StatusHypothesis
		crisisUp  = gaps.Modifier{Kind: gaps.ModifierCrisisPath, Change: +1}
		evidUp    = gaps.Modifier{Kind: gaps.ModifierValidatedNegativeEvidence, Change: +1}
		evidDown  = gaps.Modifier{Kind: gaps.ModifierRejectedEvidence, Change: -1}
	)
	// unacknowledged is a medium finding on h1 (vc → psy), with room to move both ways.
	unacknowledged := func(stepOpts []func(*journeys.Step), ins ...journeys.Insight) *journeys.Journey {
		return journey(
			steps(step("s1", "vc", entry), step("s2", "psy", append([]func(*journeys.Step){terminal}, stepOpts...)...)),
			handovers(handover("h1", "s1", "s2", ref, acknowledged(ptr(false)))), ins...)
	}
	tests := []struct {
		name     string
		j        *journeys.Journey
		rule     gaps.Rule
		severity gaps.Severity
		mods     []gaps.Modifier
	}{
		{"NoModifier", unacknowledged(nil), gaps.RuleUnacknowledgedHandover, gaps.SeverityMedium, nil},
		{"HypothesisChangesNothing", unacknowledged(nil, insight("i1", -2, hyp, "a", "h1")),
			gaps.RuleUnacknowledgedHandover, gaps.SeverityMedium, nil},
		{"HandoverIntoACrisis", unacknowledged([]func(*journeys.Step){crisis}),
			gaps.RuleUnacknowledgedHandover, gaps.SeverityHigh, []gaps.Modifier{crisisUp}},
		{"ValidatedNegative", unacknowledged(nil, insight("i1", -1, validated, "a", "h1")),
			gaps.RuleUnacknowledgedHandover, gaps.SeverityHigh, []gaps.Modifier{evidUp}},
		{"ValidatedPositiveIsNoConfirmation", unacknowledged(nil, insight("i1", 1, validated, "a", "h1")),
			gaps.RuleUnacknowledgedHandover, gaps.SeverityMedium, nil},
		{"Rejected", unacknowledged(nil, insight("i1", -1, rejected, "a", "h1")),
			gaps.RuleUnacknowledgedHandover, gaps.SeverityLow, []gaps.Modifier{evidDown}},
		{"RejectedButValidatedNegativeToo", unacknowledged(nil, insight("i1", -1, rejected, "a", "h1"), insight("i2", -2, validated, "b", "h1")),
			gaps.RuleUnacknowledgedHandover, gaps.SeverityHigh, []gaps.Modifier{evidUp}},
		{"RejectedAndValidatedPositive", unacknowledged(nil, insight("i1", -1, rejected, "a", "h1"), insight("i2", 2, validated, "b", "h1")),
			gaps.RuleUnacknowledgedHandover, gaps.SeverityLow, []gaps.Modifier{evidDown}},
		{"CrisisAndValidated", unacknowledged([]func(*journeys.Step){crisis}, insight("i1", -1, validated, "a", "h1")),
			gaps.RuleUnacknowledgedHandover, gaps.SeverityCritical, []gaps.Modifier{crisisUp, evidUp}},
		{"EvidenceAboutAnotherElementDoesNotCount", unacknowledged(nil, insight("i1", -1, validated, "a", "s1")),
			gaps.RuleUnacknowledgedHandover, gaps.SeverityMedium, nil},
		{"ClampedAtCritical", journey(
			steps(step("s1", "vc", entry), step("s2", "psy", terminal, crisis)),
			handovers(handover("h1", "s1", "s2", ref, information(journeys.InformationNone))),
			insight("i1", -2, validated, "a", "h1")),
			gaps.RuleInformationLoss, gaps.SeverityCritical, []gaps.Modifier{crisisUp, evidUp}},
		{"ClampedAtLow", journey(
			steps(step("s1", "vc", entry, terminal), step("s2", "psy", terminal)), nil,
			insight("i1", -1, rejected, "a", "s2")),
			gaps.RuleUnreachableStep, gaps.SeverityLow, []gaps.Modifier{evidDown}},
		{"CrisisRuleIsNotRaisedByItsOwnCrisis", journey(
			steps(step("s1", "psy", entry, terminal, func(s *journeys.Step) { s.Crisis, s.ContactPerson = true, nil })), nil),
			gaps.RuleCrisisWithoutContactPerson, gaps.SeverityCritical, nil},
		{"CrisisRuleLoweredByRejectedEvidence", journey(
			steps(step("s1", "psy", entry, terminal, func(s *journeys.Step) { s.Crisis, s.ContactPerson = true, nil })), nil,
			insight("i1", -1, rejected, "a", "s1")),
			gaps.RuleCrisisWithoutContactPerson, gaps.SeverityHigh, []gaps.Modifier{evidDown}},
		{"PathThroughACrisis", journey(
			steps(step("s1", "vc", entry), step("s2", "psy", crisis), step("s3", "psy"), step("s4", "vc", terminal)),
			handovers(handover("h1", "s1", "s2", ref), handover("h2", "s2", "s3", internal), handover("h3", "s3", "s4", ref))),
			gaps.RulePingPong, gaps.SeverityCritical, []gaps.Modifier{crisisUp}},
		{"LoopEvidenceFromAnyOfItsHandovers", journey(
			steps(step("s1", "vc", entry), step("s2", "psy"), step("s3", "vc", terminal)),
			handovers(handover("h1", "s1", "s2", ref), handover("h2", "s2", "s3", ref)),
			insight("i1", -1, validated, "a", "h2")),
			gaps.RulePingPong, gaps.SeverityCritical, []gaps.Modifier{evidUp}},
		{"JourneyLevelEvidence", func() *journeys.Journey {
			j := pair("vc", "soc", ref)
			j.Insights = []journeys.Insight{insight("i1", -2, validated, "a", "j1")}
			return j
		}(), gaps.RuleMissingCoordinatedPlan, gaps.SeverityCritical, []gaps.Modifier{evidUp}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := one(t, analyze(t, tt.j), tt.rule)
			if f.Severity != tt.severity {
				t.Errorf("Severity = %s (base %s); want %s", f.Severity, f.BaseSeverity, tt.severity)
			}
			if diff := cmp.Diff(tt.mods, f.Modifiers, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Modifiers mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestEvidence_IsTheInsightsAboutTheSubject(t *testing.T) {
	j := journey(
		steps(step("s1", "vc", entry), step("s2", "psy"), step("s3", "vc", terminal)),
		handovers(handover("h1", "s1", "s2", ref), handover("h2", "s2", "s3", ref)),
		journeys.Insight{ID: "i1", Text: "Skickades tillbaka.", Kind: journeys.InsightQuote, Sentiment: ptr(-2), Source: "int-1", About: []string{"h2", "h1"}},
		insight("i2", 1, journeys.StatusValidated, "int-2", "s2"),
		insight("i3", -1, journeys.StatusRejected, "int-3", "h1"))
	f := one(t, analyze(t, j), gaps.RulePingPong)
	want := []gaps.Evidence{
		{ID: "i1", Text: "Skickades tillbaka.", Kind: journeys.InsightQuote, Status: journeys.StatusHypothesis, Sentiment: ptr(-2), Source: "int-1"},
		{ID: "i3", Text: "Insikt i3", Kind: journeys.InsightQuote, Status: journeys.StatusRejected, Sentiment: ptr(-1), Source: "int-3"},
	}
	if diff := cmp.Diff(want, f.Evidence); diff != "" {
		t.Errorf("Evidence mismatch (-want +got):\n%s", diff)
	}
	*f.Evidence[0].Sentiment = 2
	if *j.Insights[0].Sentiment != -2 {
		t.Error("changing a finding's evidence changed the journey: evidence must not share memory with it")
	}
}

func TestSortFindings_BySeverityThenEvidenceThenFingerprint(t *testing.T) {
	ev := []gaps.Evidence{{ID: "i1"}}
	fs := []gaps.Finding{
		{Severity: gaps.SeverityLow, Fingerprint: "a"},
		{Severity: gaps.SeverityHigh, Fingerprint: "c"},
		{Severity: gaps.SeverityHigh, Fingerprint: "d", Evidence: ev, EvidenceCount: len(ev)},
		{Severity: gaps.SeverityCritical, Fingerprint: "z"},
		{Severity: gaps.SeverityHigh, Fingerprint: "b"},
	}
	gaps.SortFindings(fs)
	var got []string
	for _, f := range fs {
		got = append(got, f.Fingerprint)
	}
	if diff := cmp.Diff([]string{"z", "d", "b", "c", "a"}, got); diff != "" {
		t.Errorf("order mismatch (-want +got):\n%s", diff)
	}
}

func TestReport_SummaryCountsFindings(t *testing.T) {
	j := journey(
		steps(step("s1", "vc", entry), step("s2", "soc")),
		handovers(handover("h1", "s1", "s2", ref, acknowledged(ptr(false)))))
	r := analyze(t, j)
	// unacknowledged (medium), missing_coordinated_plan (high), dead_end s2 (high).
	if r.Summary.Total != 3 || len(r.Findings) != 3 {
		t.Fatalf("Summary.Total = %d, findings %v; want 3", r.Summary.Total, describe(r))
	}
	wantSeverity := map[gaps.Severity]int{"low": 0, "medium": 1, "high": 2, "critical": 0}
	if diff := cmp.Diff(wantSeverity, r.Summary.BySeverity); diff != "" {
		t.Errorf("BySeverity mismatch (-want +got):\n%s", diff)
	}
	if r.Summary.ByCategory[gaps.CategoryTransition] != 1 || r.Summary.ByCategory[gaps.CategoryContinuity] != 1 ||
		r.Summary.ByCategory[gaps.CategoryCoordination] != 1 || len(r.Summary.ByCategory) != len(gaps.Categories) {
		t.Errorf("ByCategory = %v", r.Summary.ByCategory)
	}
	want := gaps.JourneyInfo{ID: "j1", Title: "Testresa", Kind: journeys.KindAsIs, TargetGroup: "test", AgeGroup: journeys.AgeAdult}
	if r.Journey != want {
		t.Errorf("Journey = %+v; want %+v", r.Journey, want)
	}
	if r.Findings[2].Rule != gaps.RuleUnacknowledgedHandover {
		t.Errorf("last finding is %s; want the medium one", r.Findings[2].Rule)
	}
}

func TestRules_CatalogueCoversEveryRule(t *testing.T) {
	rules := gaps.Rules()
	if len(rules) != 13 {
		t.Fatalf("len(Rules()) = %d; want the spec's 13 gap rules", len(rules))
	}
	for _, r := range rules {
		if r.BaseSeverity.Rank() == 0 || r.Label.SV == "" || r.Label.EN == "" || r.Description.SV == "" || r.Description.EN == "" {
			t.Errorf("rule %s is incompletely described: %+v", r.Rule, r)
		}
		if info, ok := r.Rule.Info(); !ok || info.Category != r.Category {
			t.Errorf("%s.Info() = %+v, %v", r.Rule, info, ok)
		}
	}
	if _, ok := gaps.Rule("nonsense").Info(); ok {
		t.Error(`Rule("nonsense").Info() reports a rule`)
	}
}

func TestParseSeverity(t *testing.T) {
	for _, s := range []string{"low", "medium", "high", "critical"} {
		if got, ok := gaps.ParseSeverity(s); !ok || string(got) != s {
			t.Errorf("ParseSeverity(%q) = %q, %v", s, got, ok)
		}
	}
	if _, ok := gaps.ParseSeverity("urgent"); ok {
		t.Error(`ParseSeverity("urgent") succeeded`)
	}
}
