package chain

import (
	"slices"
	"strings"
	"testing"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
)

func fp(c byte) string { return strings.Repeat(string(c), journeys.FingerprintLen) }

func finding(c byte, sev gaps.Severity, t *journeys.Triage) gaps.Finding {
	return gaps.Finding{Rule: "unowned_handover", Severity: sev, Journey: "j1", Fingerprint: fp(c), Triage: t}
}

func proposal(id string, stage journeys.ProposalStage, goals []string, addresses ...string) journeys.ProposalRecord {
	return journeys.ProposalRecord{Proposal: journeys.Proposal{ID: id, Title: id, Stage: stage, Goals: goals, Addresses: addresses}}
}

func measure(id, goal string, full bool) journeys.MeasureView {
	m := journeys.Measure{ID: id, Goal: goal, Name: id, Direction: journeys.DirectionIncrease}
	if full {
		m.Baseline, m.Target = &journeys.Baseline{Value: 0.4}, &journeys.Target{Value: 0.9}
		m.Observations = []journeys.Observation{{At: "2026-09-01", Value: 0.65}}
	}
	return journeys.ViewMeasure(m, nil)
}

func TestBlindSpots(t *testing.T) {
	g := []journeys.Goal{{ID: "g1", Title: "G1"}}
	full := []journeys.MeasureView{measure("m1", "g1", true)}
	cases := []struct {
		name string
		in   Input
		want []BlindSpot
	}{
		{"a whole chain has none", Input{Goals: g, Measures: full,
			Proposals: []journeys.ProposalRecord{proposal("p1", journeys.StageIdea, []string{"g1"}, fp('a'))},
			Findings:  []gaps.Finding{finding('a', gaps.SeverityCritical, nil)}}, []BlindSpot{}},
		{"critical and high unaddressed, medium not", Input{Goals: g, Measures: full,
			Findings: []gaps.Finding{finding('a', gaps.SeverityCritical, nil), finding('b', gaps.SeverityHigh, nil), finding('c', gaps.SeverityMedium, nil)}},
			[]BlindSpot{{Kind: UnaddressedFinding, ID: fp('a')}, {Kind: UnaddressedFinding, ID: fp('b')}}},
		{"a dismissed finding is no blind spot", Input{Goals: g, Measures: full,
			Findings: []gaps.Finding{finding('a', gaps.SeverityCritical, &journeys.Triage{Status: journeys.TriageDismissed, Reason: "r"})}}, []BlindSpot{}},
		{"triage addressed covers a finding", Input{Goals: g, Measures: full,
			Proposals: []journeys.ProposalRecord{proposal("p1", journeys.StageIdea, []string{"g1"})},
			Findings:  []gaps.Finding{finding('a', gaps.SeverityHigh, &journeys.Triage{Status: journeys.TriageAddressed, Proposal: "p1"})}}, []BlindSpot{}},
		{"proposal without goal", Input{Goals: g, Measures: full,
			Proposals: []journeys.ProposalRecord{proposal("p1", journeys.StageIdea, nil)}},
			[]BlindSpot{{Kind: ProposalWithoutGoal, ID: "p1"}}},
		{"goal without measure", Input{Goals: g}, []BlindSpot{{Kind: GoalWithoutMeasure, ID: "g1"}}},
		{"measure without baseline or target", Input{Goals: g, Measures: []journeys.MeasureView{measure("m2", "g1", false)}},
			[]BlindSpot{{Kind: MeasureWithoutBaselineOrTarget, ID: "m2"}}},
		{"test stage without test", Input{Goals: g, Measures: full,
			Proposals: []journeys.ProposalRecord{proposal("p1", journeys.StageTest, []string{"g1"})}},
			[]BlindSpot{{Kind: TestStageWithoutTest, ID: "p1"}}},
		{"adopted with open findings, closed ones not named", Input{Goals: g, Measures: full,
			Proposals: []journeys.ProposalRecord{proposal("p1", journeys.StageAdopted, []string{"g1"}, fp('a'), fp('z'))},
			Findings:  []gaps.Finding{finding('a', gaps.SeverityLow, nil)}},
			[]BlindSpot{{Kind: AdoptedStillOpen, ID: "p1", Findings: []string{fp('a')}}}},
		{"adopted with every finding gone", Input{Goals: g, Measures: full,
			Proposals: []journeys.ProposalRecord{proposal("p1", journeys.StageAdopted, []string{"g1"}, fp('z'))}}, []BlindSpot{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, from := range []string{FromGoals, FromFindings} {
				got := Build(c.in, from).BlindSpots
				if !slices.EqualFunc(got, c.want, func(a, b BlindSpot) bool {
					return a.Kind == b.Kind && a.ID == b.ID && slices.Equal(a.Findings, b.Findings)
				}) {
					t.Errorf("from %s: blind spots %+v, want %+v", from, got, c.want)
				}
			}
		})
	}
}

func TestBuildFromGoals(t *testing.T) {
	rec := proposal("p1", journeys.StageTest, []string{"g1"}, fp('a'), fp('z'))
	rec.Tests = []journeys.Test{{ID: "t1", Kind: journeys.TestPilot, Status: journeys.TestRunning}}
	rec.Decisions = []journeys.Decision{{ID: "d1", To: journeys.StageAnalysis}, {ID: "d2", To: journeys.StageTest}}
	in := Input{
		Goals:     []journeys.Goal{{ID: "g2", Title: "G2"}, {ID: "g1", Title: "G1"}},
		Measures:  []journeys.MeasureView{measure("m1", "g1", true)},
		Proposals: []journeys.ProposalRecord{rec, proposal("p2", journeys.StageIdea, []string{"g2"})},
		Findings: []gaps.Finding{finding('a', gaps.SeverityHigh, nil),
			finding('b', gaps.SeverityLow, &journeys.Triage{Status: journeys.TriageAddressed, Proposal: "p1"})},
	}
	r := Build(in, "")
	if r.From != FromGoals || len(r.Goals) != 2 || r.Goals[0].Goal.ID != "g1" || r.Findings != nil {
		t.Fatalf("report %+v", r)
	}
	g1 := r.Goals[0]
	if len(g1.Measures) != 1 || g1.Measures[0].Progress == nil || len(g1.Proposals) != 1 {
		t.Fatalf("g1 %+v", g1)
	}
	p := g1.Proposals[0]
	if p.LastDecision == nil || p.LastDecision.ID != "d2" || len(p.Tests) != 1 || p.Stage != journeys.StageTest {
		t.Errorf("proposal %+v", p)
	}
	want := []FindingRef{
		{Fingerprint: fp('a'), Rule: "unowned_handover", Severity: gaps.SeverityHigh, Journey: "j1", Open: true},
		{Fingerprint: fp('b'), Rule: "unowned_handover", Severity: gaps.SeverityLow, Journey: "j1", Open: true},
		{Fingerprint: fp('z')},
	}
	if !slices.Equal(p.Findings, want) {
		t.Errorf("findings %+v, want %+v", p.Findings, want)
	}
	if len(r.Goals[1].Proposals) != 1 || r.Goals[1].Proposals[0].ID != "p2" || len(r.Goals[1].Measures) != 0 {
		t.Errorf("g2 %+v", r.Goals[1])
	}
}

func TestBuildFromFindings(t *testing.T) {
	in := Input{
		Proposals: []journeys.ProposalRecord{
			proposal("p2", journeys.StageIdea, []string{"g2", "g1"}, fp('a')),
			proposal("p1", journeys.StageIdea, []string{"g1"}, fp('a')),
		},
		Findings: []gaps.Finding{finding('a', gaps.SeverityHigh, nil), finding('b', gaps.SeverityMedium, nil),
			finding('c', gaps.SeverityHigh, &journeys.Triage{Status: journeys.TriageDismissed, Reason: "r"})},
	}
	r := Build(in, FromFindings)
	if r.From != FromFindings || r.Goals != nil || len(r.Findings) != 2 {
		t.Fatalf("report %+v", r)
	}
	a, b := r.Findings[0], r.Findings[1]
	if a.Finding.Fingerprint != fp('a') || !slices.Equal(a.Proposals, []string{"p1", "p2"}) || !slices.Equal(a.Goals, []string{"g1", "g2"}) {
		t.Errorf("first %+v", a)
	}
	if b.Finding.Fingerprint != fp('b') || len(b.Proposals) != 0 || len(b.Goals) != 0 {
		t.Errorf("second %+v", b)
	}
}

func TestPriorities(t *testing.T) {
	pair := &gaps.ActorPair{From: gaps.ActorRef{ID: "bup"}, To: gaps.ActorRef{ID: "vc"}}
	at := func(c byte, journey string, sev gaps.Severity, evidence int, tr *journeys.Triage) gaps.Finding {
		f := finding(c, sev, tr)
		f.Journey, f.Actors, f.EvidenceCount = journey, pair, evidence
		return f
	}
	step := finding('d', gaps.SeverityCritical, nil)
	step.Actor = &gaps.ActorRef{ID: "bup"}
	findings := []gaps.Finding{
		at('a', "j1", gaps.SeverityHigh, 2, nil),
		at('b', "j2", gaps.SeverityMedium, 1, nil),
		at('c', "j3", gaps.SeverityCritical, 9, &journeys.Triage{Status: journeys.TriageDismissed, Reason: "r"}),
		step,
	}
	got := Priorities(findings, map[string][]string{"p1": {fp('b')}})
	if len(got) != 2 {
		t.Fatalf("places %+v", got)
	}
	// The pair: high (4) × 2 journeys + 3 insights = 11; the dismissed finding is left out.
	if p := got[0]; p.Score != 11 || p.Actors != pair || p.Severity != gaps.SeverityHigh || !slices.Equal(p.Journeys, []string{"j1", "j2"}) ||
		!slices.Equal(p.Findings, []string{fp('a'), fp('b')}) || !slices.Equal(p.Proposals, []string{"p1"}) {
		t.Errorf("first place %+v", p)
	}
	// The step: critical (8) × 1 journey + 0 insights.
	if p := got[1]; p.Score != 8 || p.Actor == nil || p.Actor.ID != "bup" || len(p.Proposals) != 0 {
		t.Errorf("second place %+v", p)
	}
}
