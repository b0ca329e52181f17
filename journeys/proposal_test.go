package journeys_test

import (
	"testing"
	"time"

	"github.com/glapp/glapp/journeys"
)

func TestAllowedTransition(t *testing.T) {
	tests := []struct {
		o        journeys.DecisionOutcome
		from, to journeys.ProposalStage
		want     bool
	}{
		{journeys.OutcomeGo, journeys.StageIdea, journeys.StageAnalysis, true},
		{journeys.OutcomeGo, journeys.StageIdea, journeys.StageTest, false},
		{journeys.OutcomeGo, journeys.StageImplementation, journeys.StageAdopted, true},
		{journeys.OutcomeGo, journeys.StageAdopted, journeys.StageRejected, false},
		{journeys.OutcomeStop, journeys.StageTest, journeys.StageRejected, true},
		{journeys.OutcomeStop, journeys.StageTest, journeys.StagePaused, true},
		{journeys.OutcomeStop, journeys.StageTest, journeys.StageIdea, false},
		{journeys.OutcomeRevise, journeys.StageTest, journeys.StageIdea, true},
		{journeys.OutcomeRevise, journeys.StageAnalysis, journeys.StageTest, false},
		{journeys.OutcomeRevise, journeys.StagePaused, journeys.StageTest, true},
		{journeys.OutcomeRevise, journeys.StageRejected, journeys.StageIdea, false},
	}
	for _, tt := range tests {
		if got := journeys.AllowedTransition(tt.o, tt.from, tt.to); got != tt.want {
			t.Errorf("AllowedTransition(%s, %s, %s) = %v, want %v", tt.o, tt.from, tt.to, got, tt.want)
		}
	}
}

func TestProposal_Validate(t *testing.T) {
	bad := "a b"
	p := journeys.Proposal{ID: "p1", Title: " ", Addresses: []string{"XYZ"}, Goals: []string{"g1", "g1"},
		Expected: []journeys.Expected{{Measure: ""}}, Stage: "done", ToBe: &bad}
	got := map[string]bool{}
	for _, v := range p.Validate() {
		got[v.Pointer] = true
	}
	for _, want := range []string{"/title", "/addresses/0", "/goals/1", "/expected/0/measure", "/stage", "/toBe"} {
		if !got[want] {
			t.Errorf("Validate() misses %s; got %v", want, got)
		}
	}
}

func noRefs() journeys.ProposalRefs {
	return journeys.ProposalRefs{
		Actor:       func(id string) (bool, error) { return id == "a1", nil },
		JourneyKind: func(id string) (journeys.JourneyKind, bool, error) { return journeys.KindAsIs, id == "asis", nil },
		Goal:        func(id string) (bool, error) { return id == "g1", nil },
		Measure:     func(id string) (bool, error) { return id == "m1", nil },
	}
}

func TestPlanPutProposal_Stage(t *testing.T) {
	now := time.Now()
	w, p, err := journeys.PlanPutProposal(nil, journeys.Proposal{ID: "p1", Title: "T"}, noRefs(), now)
	if err != nil || p.Stage != journeys.StageIdea || !w.Created {
		t.Fatalf("create = %+v, %v; want stage idea, created", p, err)
	}
	stored := w.Record
	if _, _, err := journeys.PlanPutProposal(stored, journeys.Proposal{ID: "p1", Title: "T", Stage: journeys.StageTest}, noRefs(), now); journeys.ErrorCode(err) != journeys.Conflict {
		t.Errorf("stage change by PUT: err = %v, want CONFLICT", err)
	}
	if w, p, err := journeys.PlanPutProposal(stored, journeys.Proposal{ID: "p1", Title: "T2"}, noRefs(), now); err != nil || p.Stage != journeys.StageIdea || p.Version != 2 || w.Action != "proposal.put" {
		t.Errorf("update without stage = %+v, %v; want idea at version 2", p, err)
	}
	asis, owner := "asis", "nobody"
	_, _, err = journeys.PlanPutProposal(nil, journeys.Proposal{ID: "p2", Title: "T", ToBe: &asis, Owners: []string{owner}}, noRefs(), now)
	if journeys.ErrorCode(err) != journeys.Invalid || len(journeys.ErrorViolations(err)) != 2 {
		t.Errorf("bad refs: err = %v %v; want INVALID at /owners/0 and /toBe", err, journeys.ErrorViolations(err))
	}
}

func TestPlanDecision(t *testing.T) {
	now := time.Now()
	w, _, _ := journeys.PlanPutProposal(nil, journeys.Proposal{ID: "p1", Title: "T"}, noRefs(), now)
	d := journeys.Decision{From: journeys.StageIdea, To: journeys.StageAnalysis, Outcome: journeys.OutcomeGo, DecidedBy: "styrgrupp", Mandate: "prioritise"}
	dw, got, err := journeys.PlanDecision("pr", "p1", w.Record, d, now)
	if err != nil || got.ID != "d1" || dw.Record.Proposal.Stage != journeys.StageAnalysis || dw.Action != "decision.add" {
		t.Fatalf("PlanDecision = %+v, %v", got, err)
	}
	if _, _, err := journeys.PlanDecision("pr", "p1", dw.Record, d, now); journeys.ErrorCode(err) != journeys.Conflict {
		t.Errorf("stale from: err = %v, want CONFLICT", err)
	}
	d.From, d.To = journeys.StageAnalysis, journeys.StageAdopted
	if _, _, err := journeys.PlanDecision("pr", "p1", dw.Record, d, now); journeys.ErrorCode(err) != journeys.Invalid {
		t.Errorf("skipping stages: err = %v, want INVALID", err)
	}
	d.Mandate = ""
	d.To = journeys.StageTest
	if _, _, err := journeys.PlanDecision("pr", "p1", dw.Record, d, now); journeys.ErrorCode(err) != journeys.Invalid {
		t.Errorf("no mandate: err = %v, want INVALID", err)
	}
	if w.Record.Proposal.Stage != journeys.StageIdea || len(w.Record.Decisions) != 0 {
		t.Error("PlanDecision changed the stored record")
	}
}

func TestPlanPutProposal_GoalsAndMeasures(t *testing.T) {
	now := time.Now()
	in := journeys.Proposal{ID: "p1", Title: "T", Goals: []string{"g1", "g2"},
		Expected: []journeys.Expected{{Measure: "m1", Value: 1}, {Measure: "m2", Value: 2}}}
	_, _, err := journeys.PlanPutProposal(nil, in, noRefs(), now)
	got := map[string]bool{}
	for _, v := range journeys.ErrorViolations(err) {
		got[v.Pointer] = true
	}
	if journeys.ErrorCode(err) != journeys.Invalid || len(got) != 2 || !got["/goals/1"] || !got["/expected/1/measure"] {
		t.Errorf("unknown goal and measure: err = %v %v; want INVALID at /goals/1 and /expected/1/measure", err, got)
	}
	w, _, err := journeys.PlanPutProposal(nil, journeys.Proposal{ID: "p1", Title: "T", Goals: []string{"g1"}, Expected: []journeys.Expected{{Measure: "m1"}}}, noRefs(), now)
	if err != nil {
		t.Fatalf("known goal and measure: %v", err)
	}
	test := journeys.Test{ID: "t1", Proposal: "p1", Kind: journeys.TestPilot, Status: journeys.TestDone,
		Observations: []journeys.TestObservation{{Measure: "m1", At: "2026-01-01"}, {Measure: "m9", At: "2026-01-01"}}}
	_, _, _, err = journeys.PlanPutTest("pr", w.Record, test, noRefs(), now)
	if vs := journeys.ErrorViolations(err); len(vs) != 1 || vs[0].Pointer != "/observations/1/measure" {
		t.Errorf("unknown observed measure: err = %v %v; want INVALID at /observations/1/measure", err, vs)
	}
	test.Observations = test.Observations[:1]
	w2, _, _, err := journeys.PlanPutTest("pr", w.Record, test, noRefs(), now)
	if err != nil {
		t.Fatal(err)
	}
	if got := w2.Record.Measures(); len(got) != 1 || got[0] != "m1" {
		t.Errorf("Measures() = %v, want [m1]", got)
	}
}
