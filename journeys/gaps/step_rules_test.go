package gaps_test

import (
	"slices"
	"testing"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
)

func TestDeadEnd(t *testing.T) {
	runRuleCases(t, gaps.RuleDeadEnd, []ruleCase{
		{"StopsWithoutTerminal", journey(
			steps(step("s1", "vc", entry), step("s2", "psy")),
			handovers(handover("h1", "s1", "s2", journeys.HandoverReferral))), []string{"s2"}},
		{"LoneEntryStep", journey(steps(step("s1", "vc", entry)), nil), []string{"s1"}},
		{"Terminal", journey(
			steps(step("s1", "vc", entry), step("s2", "psy", terminal)),
			handovers(handover("h1", "s1", "s2", journeys.HandoverReferral))), nil},
		{"LoopHasAWayOn", journey(
			steps(step("s1", "vc", entry), step("s2", "vc")),
			handovers(
				handover("h1", "s1", "s2", journeys.HandoverInternal),
				handover("h2", "s2", "s1", journeys.HandoverInternal))), nil},
		{"OneBranchEnds", journey(
			steps(step("s1", "vc", entry), step("s2", "psy", terminal), step("s3", "ber")),
			handovers(
				handover("h1", "s1", "s2", journeys.HandoverReferral),
				handover("h2", "s1", "s3", journeys.HandoverReferral))), []string{"s3"}},
	})
}

func TestUnreachableStep(t *testing.T) {
	runRuleCases(t, gaps.RuleUnreachableStep, []ruleCase{
		{"NoWayIn", journey(
			steps(step("s1", "vc", entry, terminal), step("s2", "psy", terminal)), nil), []string{"s2"}},
		{"OnlyLeadsOut", journey(
			steps(step("s1", "vc", entry, terminal), step("s2", "psy"), step("s3", "psy", terminal)),
			handovers(handover("h1", "s2", "s3", journeys.HandoverInternal))), []string{"s2", "s3"}},
		{"IslandLoop", journey(
			steps(step("s1", "vc", entry, terminal), step("s2", "psy"), step("s3", "psy")),
			handovers(
				handover("h1", "s2", "s3", journeys.HandoverInternal),
				handover("h2", "s3", "s2", journeys.HandoverInternal))), []string{"s2", "s3"}},
		{"ReachedThroughLoop", journey(
			steps(step("s1", "vc", entry), step("s2", "vc"), step("s3", "vc", terminal)),
			handovers(
				handover("h1", "s1", "s2", journeys.HandoverInternal),
				handover("h2", "s2", "s1", journeys.HandoverInternal),
				handover("h3", "s2", "s3", journeys.HandoverInternal))), nil},
		{"EachEntryCounts", journey(
			steps(step("s1", "vc", entry, terminal), step("s2", "soc", entry), step("s3", "soc", terminal)),
			handovers(handover("h1", "s2", "s3", journeys.HandoverInternal))), nil},
		{"HandoversAreFollowedForwardsOnly", journey(
			steps(step("s1", "vc", entry, terminal), step("s2", "vc")),
			handovers(handover("h1", "s2", "s1", journeys.HandoverInternal))), []string{"s2"}},
	})
}

func TestCrisisWithoutContactPerson(t *testing.T) {
	noContact := func(s *journeys.Step) { s.Crisis, s.ContactPerson = true, nil }
	runRuleCases(t, gaps.RuleCrisisWithoutContactPerson, []ruleCase{
		{"NullContactPerson", journey(steps(step("s1", "psy", entry, terminal, noContact)), nil), []string{"s1"}},
		{"HasContactPerson", journey(steps(step("s1", "psy", entry, terminal, crisis)), nil), nil},
		{"NotACrisis", journey(steps(step("s1", "psy", entry, terminal)), nil), nil},
	})
}

func TestLongWait(t *testing.T) {
	days := func(expected, observed *int) func(*journeys.Handover) { return wait(expected, observed) }
	referral := func(to string, w func(*journeys.Handover)) *journeys.Journey {
		return pair("vc", to, journeys.HandoverReferral, w)
	}
	oneStep := func(opts ...func(*journeys.Step)) *journeys.Journey {
		return journey(steps(step("s1", "psy", append([]func(*journeys.Step){terminal}, opts...)...)), nil)
	}
	runRuleCases(t, gaps.RuleLongWait, []ruleCase{
		{"ReferralAboveThreshold", referral("psy", days(nil, ptr(91))), []string{"h1"}},
		{"ReferralAtThreshold", referral("psy", days(nil, ptr(90))), nil},
		{"ExpectedWhenObservedUnknown", referral("psy", days(ptr(100), nil)), []string{"h1"}},
		{"ObservedWinsOverExpected", referral("psy", days(ptr(200), ptr(10))), nil},
		{"ObservedAboveEvenIfExpectedWithin", referral("psy", days(ptr(10), ptr(200))), []string{"h1"}},
		{"BothNullIsUnknown", referral("psy", days(nil, nil)), nil},
		{"NoWaitDaysIsUnknown", referral("psy", func(h *journeys.Handover) { h.WaitDays = nil }), nil},
		{"AdviceToContactThree", pair("vc", "soc", journeys.HandoverAdviceToContact, days(nil, ptr(4))), []string{"h1"}},
		{"DischargeSeven", pair("psy", "vc", journeys.HandoverDischarge, days(nil, ptr(8))), []string{"h1"}},
		{"DischargeAtSeven", pair("psy", "vc", journeys.HandoverDischarge, days(nil, ptr(7))), nil},
		{"ReferralToBUPIsCapped", referral("bup", days(nil, ptr(31))), []string{"h1"}},
		{"ReferralToBUPAtCap", referral("bup", days(nil, ptr(30))), nil},
		{"ReferralFromBUPIsNotCapped", pair("bup", "vc", journeys.HandoverReferral, days(nil, ptr(31))), nil},
		{"InternalWithinOneActorCounts", pair("psy", "psy", journeys.HandoverInternal, days(nil, ptr(91))), []string{"h1"}},
		{"EntryStepAboveThree", journey(steps(step("s1", "vc", entry, terminal, stepWait(nil, ptr(4)))), nil), []string{"s1"}},
		{"EntryStepAtThree", journey(steps(step("s1", "vc", entry, terminal, stepWait(nil, ptr(3)))), nil), nil},
		{"OtherStepAbove90", journey(
			steps(step("s1", "vc", entry), step("s2", "psy", terminal, stepWait(ptr(91), nil))),
			handovers(handover("h1", "s1", "s2", journeys.HandoverReferral))), []string{"s2"}},
		{"StepAtBUPIsCapped", journey(
			steps(step("s1", "vc", entry), step("s2", "bup", terminal, stepWait(nil, ptr(31)))),
			handovers(handover("h1", "s1", "s2", journeys.HandoverReferral))), []string{"s2"}},
		{"StepWaitUnknown", oneStep(entry, stepWait(nil, nil)), nil},
		{"StepWithoutWaitDays", oneStep(entry, func(s *journeys.Step) { s.WaitDays = nil }), nil},
	})
}

func TestLongWait_SeverityRisesWithTheOverrun(t *testing.T) {
	tests := []struct {
		days int
		want gaps.Severity
	}{
		{91, gaps.SeverityMedium}, {180, gaps.SeverityMedium},
		{181, gaps.SeverityHigh}, {360, gaps.SeverityHigh},
		{361, gaps.SeverityCritical},
	}
	for _, tt := range tests {
		j := pair("vc", "psy", journeys.HandoverReferral, wait(nil, ptr(tt.days)))
		f := one(t, analyze(t, j), gaps.RuleLongWait)
		if f.BaseSeverity != tt.want {
			t.Errorf("referral waiting %d days: base severity %s; want %s", tt.days, f.BaseSeverity, tt.want)
		}
	}
}

func TestLongWait_ProjectThresholds(t *testing.T) {
	s := journeys.DefaultSettings()
	s.LongWait.Handover[journeys.HandoverReferral] = 60
	s.LongWait.OtherStep = 20
	s.LongWait.BUPCap = 10
	j := journey(
		steps(step("s1", "vc", entry), step("s2", "psy", stepWait(nil, ptr(21))), step("s3", "bup", terminal)),
		handovers(
			handover("h1", "s1", "s2", journeys.HandoverReferral, wait(nil, ptr(61))),
			handover("h2", "s2", "s3", journeys.HandoverConsultation, wait(nil, ptr(11)))))
	r := mustAnalyze(t, j, testActors, s)
	if got, want := subjects(ofRule(r, gaps.RuleLongWait)), []string{"h1", "h2", "s2"}; !slices.Equal(got, want) {
		t.Errorf("long_wait with project thresholds = %v; want %v", got, want)
	}
	if got := subjects(ofRule(analyze(t, j), gaps.RuleLongWait)); len(got) != 0 {
		t.Errorf("long_wait with default thresholds = %v; want none", got)
	}
}

func TestLongWait_ExplainsTheWait(t *testing.T) {
	f := one(t, analyze(t, pair("vc", "psy", journeys.HandoverReferral, wait(ptr(30), ptr(120)))), gaps.RuleLongWait)
	want := "After the hand-over from Vårdcentral (“Steg s1”) to Vuxenpsykiatri (“Steg s2”), the person waits 120 days (as reported), above the threshold of 90 days."
	if f.Explanation.EN != want {
		t.Errorf("Explanation.EN = %q; want %q", f.Explanation.EN, want)
	}
	j := journey(steps(step("s1", "bup", entry, terminal, stepWait(ptr(5), nil))), nil)
	f = one(t, analyze(t, j), gaps.RuleLongWait)
	if want := "Personen väntar 5 dagar (enligt plan) på ”Steg s1” hos BUP, över gränsen på 3 dagar."; f.Explanation.SV != want {
		t.Errorf("Explanation.SV = %q; want %q", f.Explanation.SV, want)
	}
}

func TestEvidenceHotspot(t *testing.T) {
	base := func(ins ...journeys.Insight) *journeys.Journey {
		return journey(
			steps(step("s1", "vc", entry), step("s2", "psy", terminal)),
			handovers(handover("h1", "s1", "s2", journeys.HandoverReferral)), ins...)
	}
	hyp := journeys.StatusHypothesis
	runRuleCases(t, gaps.RuleEvidenceHotspot, []ruleCase{
		{"TwoNegativeTwoSources", base(insight("i1", -1, hyp, "int-1", "s1"), insight("i2", -2, hyp, "int-2", "s1")), []string{"s1"}},
		{"OnAHandover", base(insight("i1", -1, hyp, "int-1", "h1"), insight("i2", -1, journeys.StatusValidated, "ws-1", "h1")), []string{"h1"}},
		{"OneInsightAboutTwoElements", base(insight("i1", -1, hyp, "int-1", "s1", "s2"), insight("i2", -1, hyp, "int-2", "s1", "s2")), []string{"s1", "s2"}},
		{"SameSource", base(insight("i1", -1, hyp, "int-1", "s1"), insight("i2", -2, hyp, "int-1", "s1")), nil},
		{"OnePositive", base(insight("i1", -1, hyp, "int-1", "s1"), insight("i2", 1, hyp, "int-2", "s1")), nil},
		{"NeutralIsNotNegative", base(insight("i1", -1, hyp, "int-1", "s1"), insight("i2", 0, hyp, "int-2", "s1")), nil},
		{"RejectedDoesNotCount", base(insight("i1", -1, hyp, "int-1", "s1"), insight("i2", -2, journeys.StatusRejected, "int-2", "s1")), nil},
		{"NoSourceIsNoOtherVoice", base(insight("i1", -1, hyp, "int-1", "s1"), insight("i2", -2, hyp, "", "s1")), nil},
		{"SpreadOverElements", base(insight("i1", -1, hyp, "int-1", "s1"), insight("i2", -2, hyp, "int-2", "s2")), nil},
		{"NoSentimentIsNotNegative", base(insight("i1", -1, hyp, "int-1", "s1"),
			journeys.Insight{ID: "i2", Text: "?", Kind: journeys.InsightObservation, Source: "int-2", About: []string{"s1"}}), nil},
	})
}

func TestEvidenceHotspot_ProjectMinimums(t *testing.T) {
	hyp := journeys.StatusHypothesis
	j := journey(steps(step("s1", "vc", entry, terminal)), nil,
		insight("i1", -1, hyp, "int-1", "s1"), insight("i2", -1, hyp, "int-2", "s1"), insight("i3", -1, hyp, "int-2", "s1"))
	for _, tt := range []struct {
		insights, sources int
		fires             bool
	}{{2, 2, true}, {3, 2, true}, {4, 2, false}, {3, 3, false}, {1, 1, true}} {
		s := journeys.DefaultSettings()
		s.EvidenceHotspot = journeys.EvidenceHotspotSettings{MinNegativeInsights: tt.insights, MinSources: tt.sources}
		fired := len(ofRule(mustAnalyze(t, j, testActors, s), gaps.RuleEvidenceHotspot)) == 1
		if fired != tt.fires {
			t.Errorf("minimums %d insights, %d sources: fired %v; want %v", tt.insights, tt.sources, fired, tt.fires)
		}
	}
}
