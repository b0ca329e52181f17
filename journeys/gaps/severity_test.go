package gaps_test

import (
	"strings"
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
		crisisUp  = func(ids ...string) gaps.Modifier {
			return gaps.Modifier{Kind: gaps.ModifierCrisisPath, Change: +1, Because: ids}
		}
		evidUp = func(ids ...string) gaps.Modifier {
			return gaps.Modifier{Kind: gaps.ModifierValidatedNegativeEvidence, Change: +1, Because: ids}
		}
		evidDown = func(ids ...string) gaps.Modifier {
			return gaps.Modifier{Kind: gaps.ModifierRejectedEvidence, Change: -1, Because: ids}
		}
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
		reason   string // in English
	}{
		{"NoModifier", unacknowledged(nil), gaps.RuleUnacknowledgedHandover, gaps.SeverityMedium, nil,
			"Medium: the rule's base level medium, no crisis step and no validated negative or rejected evidence changes it."},
		{"HypothesisChangesNothing", unacknowledged(nil, insight("i1", -2, hyp, "a", "h1")),
			gaps.RuleUnacknowledgedHandover, gaps.SeverityMedium, nil, ""},
		{"HandoverIntoACrisis", unacknowledged([]func(*journeys.Step){crisis}),
			gaps.RuleUnacknowledgedHandover, gaps.SeverityHigh, []gaps.Modifier{crisisUp("s2")},
			"High: the rule's base level medium, raised one level because the hand-over leads to or from a crisis step (s2)."},
		{"ValidatedNegative", unacknowledged(nil, insight("i1", -1, validated, "a", "h1")),
			gaps.RuleUnacknowledgedHandover, gaps.SeverityHigh, []gaps.Modifier{evidUp("i1")},
			"High: the rule's base level medium, raised one level by validated negative evidence (i1)."},
		{"ValidatedPositiveIsNoConfirmation", unacknowledged(nil, insight("i1", 1, validated, "a", "h1")),
			gaps.RuleUnacknowledgedHandover, gaps.SeverityMedium, nil, ""},
		{"Rejected", unacknowledged(nil, insight("i1", -1, rejected, "a", "h1")),
			gaps.RuleUnacknowledgedHandover, gaps.SeverityLow, []gaps.Modifier{evidDown("i1")},
			"Low: the rule's base level medium, lowered one level by rejected evidence (i1)."},
		// The spec's modifiers are independent: validated negative evidence raises, a
		// rejected insight lowers, and both together leave the base.
		{"RejectedAndValidatedNegativeBothCount", unacknowledged(nil, insight("i1", -1, rejected, "a", "h1"), insight("i2", -2, validated, "b", "h1")),
			gaps.RuleUnacknowledgedHandover, gaps.SeverityMedium, []gaps.Modifier{evidUp("i2"), evidDown("i1")},
			"Medium: the rule's base level medium, raised one level by validated negative evidence (i2), lowered one level by rejected evidence (i1)."},
		{"RejectedAndValidatedPositive", unacknowledged(nil, insight("i1", -1, rejected, "a", "h1"), insight("i2", 2, validated, "b", "h1")),
			gaps.RuleUnacknowledgedHandover, gaps.SeverityLow, []gaps.Modifier{evidDown("i1")}, ""},
		{"CrisisAndValidated", unacknowledged([]func(*journeys.Step){crisis}, insight("i1", -1, validated, "a", "h1")),
			gaps.RuleUnacknowledgedHandover, gaps.SeverityCritical, []gaps.Modifier{crisisUp("s2"), evidUp("i1")}, ""},
		{"EvidenceAboutAnotherElementDoesNotCount", unacknowledged(nil, insight("i1", -1, validated, "a", "s1")),
			gaps.RuleUnacknowledgedHandover, gaps.SeverityMedium, nil, ""},
		{"ClampedAtCritical", journey(
			steps(step("s1", "vc", entry), step("s2", "psy", terminal, crisis)),
			handovers(handover("h1", "s1", "s2", ref, information(journeys.InformationNone))),
			insight("i1", -2, validated, "a", "h1")),
			gaps.RuleInformationLoss, gaps.SeverityCritical, []gaps.Modifier{crisisUp("s2"), evidUp("i1")},
			"Critical: the rule's base level high when no information follows, raised one level because the hand-over leads to or from a crisis step (s2), raised one level by validated negative evidence (i1), but critical is the highest level."},
		{"ClampedAtLow", journey(
			steps(step("s1", "vc", entry, terminal), step("s2", "psy", terminal)), nil,
			insight("i1", -1, rejected, "a", "s2")),
			gaps.RuleUnreachableStep, gaps.SeverityLow, []gaps.Modifier{evidDown("i1")},
			"Low: the rule's base level low, lowered one level by rejected evidence (i1), but low is the lowest level."},
		// Levels are summed before they are kept within low..critical: a critical wait on
		// a crisis step that rejected evidence lowers stays critical (+1 -1 = 0).
		{"SummedBeforeClamping", journey(
			steps(step("s1", "psy", entry, terminal, crisis, stepWait(nil, ptr(100)))), nil,
			insight("i1", -1, rejected, "a", "s1")),
			gaps.RuleLongWait, gaps.SeverityCritical, []gaps.Modifier{crisisUp("s1"), evidDown("i1")},
			"Critical: the rule's base level critical when the wait is 100 days against a threshold of 3, raised one level because it is about a crisis step (s1), lowered one level by rejected evidence (i1)."},
		{"CrisisRuleIsNotRaisedByItsOwnCrisis", journey(
			steps(step("s1", "psy", entry, terminal, func(s *journeys.Step) { s.Crisis, s.ContactPerson = true, nil })), nil),
			gaps.RuleCrisisWithoutContactPerson, gaps.SeverityCritical, nil, ""},
		{"CrisisRuleLoweredByRejectedEvidence", journey(
			steps(step("s1", "psy", entry, terminal, func(s *journeys.Step) { s.Crisis, s.ContactPerson = true, nil })), nil,
			insight("i1", -1, rejected, "a", "s1")),
			gaps.RuleCrisisWithoutContactPerson, gaps.SeverityHigh, []gaps.Modifier{evidDown("i1")}, ""},
		{"PathThroughACrisis", journey(
			steps(step("s1", "vc", entry), step("s2", "psy", crisis), step("s3", "psy"), step("s4", "vc", terminal)),
			handovers(handover("h1", "s1", "s2", ref), handover("h2", "s2", "s3", internal), handover("h3", "s3", "s4", ref))),
			gaps.RulePingPong, gaps.SeverityCritical, []gaps.Modifier{crisisUp("s2")},
			"Critical: the rule's base level high, raised one level because its path goes through a crisis step (s2)."},
		{"LoopEvidenceFromAnyOfItsHandovers", journey(
			steps(step("s1", "vc", entry), step("s2", "psy"), step("s3", "vc", terminal)),
			handovers(handover("h1", "s1", "s2", ref), handover("h2", "s2", "s3", ref)),
			insight("i1", -1, validated, "a", "h2")),
			gaps.RulePingPong, gaps.SeverityCritical, []gaps.Modifier{evidUp("i1")}, ""},
		{"JourneyLevelEvidence", func() *journeys.Journey {
			j := pair("vc", "soc", ref)
			j.Insights = []journeys.Insight{insight("i1", -2, validated, "a", "j1")}
			return j
		}(), gaps.RuleMissingCoordinatedPlan, gaps.SeverityCritical, []gaps.Modifier{evidUp("i1")}, ""},
		// A crisis elsewhere in the journey, off the finding's subject and path, does not
		// raise it.
		{"CrisisOffThePathDoesNotCount", journey(
			steps(step("s1", "vc", entry), step("s2", "psy", terminal), step("s3", "psy", entry, terminal, crisis)),
			handovers(handover("h1", "s1", "s2", ref, acknowledged(ptr(false))))),
			gaps.RuleUnacknowledgedHandover, gaps.SeverityMedium, nil, ""},
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
			if tt.reason != "" && f.SeverityReason.EN != tt.reason {
				t.Errorf("SeverityReason.EN =\n%s\nwant\n%s", f.SeverityReason.EN, tt.reason)
			}
			if f.SeverityReason.SV == "" || !strings.HasPrefix(f.SeverityReason.SV, f.Severity.Label().SV+":") {
				t.Errorf("SeverityReason.SV = %q; want a sentence starting with %q", f.SeverityReason.SV, f.Severity.Label().SV)
			}
		})
	}
}

// TestSeverityReason_Swedish pins the Swedish sentence of the example.
func TestSeverityReason_Swedish(t *testing.T) {
	j := journey(
		steps(step("s1", "vc", entry), step("s2", "psy", terminal), step("s4", "psy", terminal, crisis)),
		handovers(handover("h1", "s1", "s2", ref, acknowledged(ptr(false))), handover("h2", "s2", "s4", internal)),
		insight("i3", -2, journeys.StatusValidated, "a", "h1"))
	j.Steps[1].Terminal = false
	f := one(t, analyze(t, j), gaps.RuleUnacknowledgedHandover)
	want := "Hög: grundnivå medel för regeln, höjd ett steg av validerad negativ evidens (i3)."
	if f.SeverityReason.SV != want {
		t.Errorf("SeverityReason.SV = %q; want %q", f.SeverityReason.SV, want)
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
