package storetest

import (
	"strings"
	"testing"

	"github.com/glapp/glapp/journeys"
)

// mustPutProposal stores p or fails the test.
func mustPutProposal(t *testing.T, s journeys.Backend, projectID string, p journeys.Proposal) *journeys.Proposal {
	t.Helper()
	got, _, err := s.PutProposal(t.Context(), projectID, &p)
	if err != nil {
		t.Fatalf("PutProposal(%q, %q) = %v; want nil error", projectID, p.ID, err)
	}
	return got
}

// lastAction returns the newest audit action of the project's log.
func lastAction(t *testing.T, s journeys.Backend, projectID string) (string, int) {
	t.Helper()
	l, err := s.ListAudit(t.Context(), projectID, journeys.AuditFilter{}, journeys.Page{Limit: journeys.MaxLimit})
	if err != nil || len(l.Items) == 0 {
		t.Fatalf("ListAudit(%q) = %v, %v", projectID, l, err)
	}
	return l.Items[0].Action, len(l.Items)
}

// mustPutGoalAndMeasure stores goal "trygghet" with measure "vantetid", which the
// proposals of these tests name.
func mustPutGoalAndMeasure(t *testing.T, s journeys.Backend, projectID string) {
	t.Helper()
	if _, _, err := s.PutGoal(t.Context(), projectID, &journeys.Goal{ID: "trygghet", Title: "Trygghet", Perspective: journeys.PerspectivePerson}); err != nil {
		t.Fatalf("PutGoal = %v", err)
	}
	if _, _, err := s.PutMeasure(t.Context(), projectID, &journeys.Measure{ID: "vantetid", Goal: "trygghet", Name: "Väntetid", Direction: journeys.DirectionDecrease}); err != nil {
		t.Fatalf("PutMeasure = %v", err)
	}
}

func goDecision(from, to journeys.ProposalStage) *journeys.Decision {
	return &journeys.Decision{From: from, To: to, Outcome: journeys.OutcomeGo, DecidedBy: "styrgrupp", Mandate: "Prioriterar förbättringsarbetet."}
}

func testProposals(t *testing.T, open opener) {
	t.Run("OK", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p")
		mustPutActor(t, s, "p", journeys.Actor{ID: "kom", Name: "Socialtjänst", Sector: journeys.SectorMunicipality, Kind: "social_services", AgeGroup: journeys.AgeAny})
		tobe := GenerateJourney("tobe", 3, "x")
		tobe.Kind = journeys.KindToBe
		mustPutJourney(t, s, "p", tobe)
		mustPutGoalAndMeasure(t, s, "p")
		id := "tobe"
		in := &journeys.Proposal{ID: "sip", Title: "SIP", Addresses: []string{fingerprintA}, Goals: []string{"trygghet"},
			Expected: []journeys.Expected{{Measure: "vantetid", Value: 14}}, Owners: []string{"kom"}, ToBe: &id, Stage: journeys.StageAnalysis}
		got, created, err := s.PutProposal(t.Context(), "p", in)
		if err != nil || !created || got.Version != 1 || got.Stage != journeys.StageAnalysis {
			t.Fatalf("PutProposal() = %+v, %v, %v; want created at stage analysis, version 1", got, created, err)
		}
		if again, created, err := s.PutProposal(t.Context(), "p", in); err != nil || created || again.Version != 1 {
			t.Errorf("PutProposal(same) = %+v, %v, %v; want unchanged", again, created, err)
		}
		read, err := s.GetProposal(t.Context(), "p", "sip")
		if err != nil || !read.SameContent(*got) || *read.ToBe != "tobe" {
			t.Errorf("GetProposal() = %+v, %v; want %+v", read, err, got)
		}
		if a, _ := lastAction(t, s, "p"); a != "proposal.put" {
			t.Errorf("audit action = %q; want proposal.put", a)
		}
	})
	t.Run("StageOnlyByDecision", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p")
		mustPutProposal(t, s, "p", journeys.Proposal{ID: "sip", Title: "SIP"})
		_, _, err := s.PutProposal(t.Context(), "p", &journeys.Proposal{ID: "sip", Title: "SIP", Stage: journeys.StageAdopted})
		wantCode(t, err, journeys.Conflict, "PutProposal(changed stage)")
		upd, _, err := s.PutProposal(t.Context(), "p", &journeys.Proposal{ID: "sip", Title: "SIP 2"})
		if err != nil || upd.Stage != journeys.StageIdea || upd.Version != 2 {
			t.Fatalf("PutProposal(no stage) = %+v, %v; want idea at version 2", upd, err)
		}
		_, before := lastAction(t, s, "p")
		d, err := s.AddDecision(t.Context(), "p", "sip", goDecision(journeys.StageIdea, journeys.StageAnalysis))
		if err != nil || d.ID != "d1" || d.At == nil || d.Proposal != "sip" {
			t.Fatalf("AddDecision() = %+v, %v; want d1", d, err)
		}
		action, after := lastAction(t, s, "p")
		if action != "decision.add" || after != before+1 {
			t.Errorf("audit after a decision: %q, %d entries (was %d); want one decision.add", action, after, before)
		}
		p, _ := s.GetProposal(t.Context(), "p", "sip")
		if p.Stage != journeys.StageAnalysis || p.Version != 3 {
			t.Errorf("GetProposal() after go = %+v; want analysis at version 3", p)
		}
		// A stale decision (from no longer the stage) is a conflict and changes nothing.
		_, err = s.AddDecision(t.Context(), "p", "sip", goDecision(journeys.StageIdea, journeys.StageAnalysis))
		wantCode(t, err, journeys.Conflict, "AddDecision(stale from)")
		_, err = s.AddDecision(t.Context(), "p", "sip", goDecision(journeys.StageAnalysis, journeys.StageAdopted))
		wantCode(t, err, journeys.Invalid, "AddDecision(skipping stages)")
		rev := &journeys.Decision{From: journeys.StageAnalysis, To: journeys.StageIdea, Outcome: journeys.OutcomeRevise, DecidedBy: "styrgrupp", Mandate: "m", BasedOn: []string{"pilot-1"}}
		if _, err := s.AddDecision(t.Context(), "p", "sip", rev); err != nil {
			t.Fatalf("AddDecision(revise) = %v", err)
		}
		l, err := s.ListDecisions(t.Context(), "p", "sip", journeys.Page{Limit: 1})
		if err != nil || len(l.Items) != 1 || l.Items[0].ID != "d1" || l.Next == "" {
			t.Fatalf("ListDecisions(limit 1) = %+v, %v", l, err)
		}
		l, err = s.ListDecisions(t.Context(), "p", "sip", journeys.Page{Limit: 1, Cursor: l.Next})
		if err != nil || len(l.Items) != 1 || l.Items[0].ID != "d2" || l.Items[0].Outcome != journeys.OutcomeRevise {
			t.Fatalf("ListDecisions(page 2) = %+v, %v", l, err)
		}
		_, err = s.AddDecision(t.Context(), "p", "nope", goDecision(journeys.StageIdea, journeys.StageAnalysis))
		wantCode(t, err, journeys.NotFound, "AddDecision(missing proposal)")
	})
	t.Run("ErrInvalidRefs", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p")
		mustPutJourney(t, s, "p", GenerateJourney("asis", 3, "x"))
		asis, missing := "asis", "missing"
		_, _, err := s.PutProposal(t.Context(), "p", &journeys.Proposal{ID: "x", Title: "X", Owners: []string{"nobody"}, ToBe: &asis})
		wantPointer(t, err, "/owners/0", "PutProposal(unknown owner)")
		wantPointer(t, err, "/toBe", "PutProposal(as_is journey)")
		_, _, err = s.PutProposal(t.Context(), "p", &journeys.Proposal{ID: "x", Title: "X", ToBe: &missing})
		wantPointer(t, err, "/toBe", "PutProposal(missing journey)")
		mustPutGoalAndMeasure(t, s, "p")
		_, _, err = s.PutProposal(t.Context(), "p", &journeys.Proposal{ID: "x", Title: "X", Goals: []string{"nogoal", "trygghet"},
			Expected: []journeys.Expected{{Measure: "vantetid"}, {Measure: "nomeasure"}}})
		wantPointer(t, err, "/goals/0", "PutProposal(unknown goal)")
		wantPointer(t, err, "/expected/1/measure", "PutProposal(unknown measure)")
		if n := len(journeys.ErrorViolations(err)); n != 2 {
			t.Errorf("PutProposal(unknown goal and measure) = %v; want 2 violations", journeys.ErrorViolations(err))
		}
		if _, err := s.GetProposal(t.Context(), "p", "x"); journeys.ErrorCode(err) != journeys.NotFound {
			t.Errorf("a refused proposal was stored: %v", err)
		}
	})
	t.Run("ListByStage", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p")
		for _, id := range []string{"c", "a", "b"} {
			mustPutProposal(t, s, "p", journeys.Proposal{ID: id, Title: id})
		}
		mustPutProposal(t, s, "p", journeys.Proposal{ID: "d", Title: "d", Stage: journeys.StageTest})
		l, err := s.ListProposals(t.Context(), "p", journeys.ProposalFilter{Stage: journeys.StageIdea}, journeys.Page{Limit: 2})
		if err != nil || len(l.Items) != 2 || l.Items[0].ID != "a" || l.Next == "" {
			t.Fatalf("ListProposals(idea, 2) = %+v, %v", l, err)
		}
		l, err = s.ListProposals(t.Context(), "p", journeys.ProposalFilter{Stage: journeys.StageIdea}, journeys.Page{Limit: 2, Cursor: l.Next})
		if err != nil || len(l.Items) != 1 || l.Items[0].ID != "c" || l.Next != "" {
			t.Fatalf("ListProposals(idea, page 2) = %+v, %v", l, err)
		}
		l, _ = s.ListProposals(t.Context(), "p", journeys.ProposalFilter{}, journeys.Page{})
		if len(l.Items) != 4 {
			t.Errorf("ListProposals() = %d items; want 4", len(l.Items))
		}
		_, err = s.ListProposals(t.Context(), "nope", journeys.ProposalFilter{}, journeys.Page{})
		wantCode(t, err, journeys.NotFound, "ListProposals(missing project)")
	})
	t.Run("Tests", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p")
		mustPutActor(t, s, "p", journeys.Actor{ID: "kom", Name: "Socialtjänst", Sector: journeys.SectorMunicipality, Kind: "social_services", AgeGroup: journeys.AgeAny})
		mustPutGoalAndMeasure(t, s, "p")
		mustPutProposal(t, s, "p", journeys.Proposal{ID: "sip", Title: "SIP"})
		in := &journeys.Test{ID: "pilot-1", Proposal: "sip", Kind: journeys.TestPilot, Actors: []string{"kom"}, Status: journeys.TestRunning,
			Period:       &journeys.Period{From: "2026-04-01", To: "2026-06-30"},
			Observations: []journeys.TestObservation{{Measure: "vantetid", At: "2026-05-01", Value: 21}}}
		got, created, err := s.PutTest(t.Context(), "p", in)
		if err != nil || !created || got.Version != 1 {
			t.Fatalf("PutTest() = %+v, %v, %v; want created", got, created, err)
		}
		if a, _ := lastAction(t, s, "p"); a != "test.put" {
			t.Errorf("audit action = %q; want test.put", a)
		}
		read, err := s.GetTest(t.Context(), "p", "sip", "pilot-1")
		if err != nil || !read.SameContent(*got) {
			t.Errorf("GetTest() = %+v, %v", read, err)
		}
		_, _, err = s.PutTest(t.Context(), "p", &journeys.Test{ID: "t2", Proposal: "sip", Kind: journeys.TestScenario, Status: journeys.TestPlanned, Actors: []string{"nobody"}})
		wantPointer(t, err, "/actors/0", "PutTest(unknown actor)")
		_, _, err = s.PutTest(t.Context(), "p", &journeys.Test{ID: "t2", Proposal: "sip", Kind: journeys.TestScenario, Status: journeys.TestPlanned,
			Observations: []journeys.TestObservation{{Measure: "vantetid", At: "2026-05-01"}, {Measure: "nomeasure", At: "2026-05-01"}}})
		wantPointer(t, err, "/observations/1/measure", "PutTest(unknown measure)")
		_, _, err = s.PutTest(t.Context(), "p", &journeys.Test{ID: "t2", Proposal: "nope", Kind: journeys.TestScenario, Status: journeys.TestPlanned})
		wantCode(t, err, journeys.NotFound, "PutTest(missing proposal)")
		l, err := s.ListTests(t.Context(), "p", "sip", journeys.Page{})
		if err != nil || len(l.Items) != 1 {
			t.Fatalf("ListTests() = %+v, %v", l, err)
		}
		if err := s.DeleteTest(t.Context(), "p", "sip", "pilot-1"); err != nil {
			t.Fatal(err)
		}
		_, err = s.GetTest(t.Context(), "p", "sip", "pilot-1")
		wantCode(t, err, journeys.NotFound, "GetTest(deleted)")
		wantCode(t, s.DeleteTest(t.Context(), "p", "sip", "pilot-1"), journeys.NotFound, "DeleteTest(deleted)")
	})
	t.Run("GoalsAndMeasuresInUse", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		mustCreateProject(t, s, "p")
		mustPutGoalAndMeasure(t, s, "p")
		if _, _, err := s.PutMeasure(ctx, "p", &journeys.Measure{ID: "observed", Goal: "trygghet", Name: "Observerad", Direction: journeys.DirectionIncrease}); err != nil {
			t.Fatal(err)
		}
		mustPutProposal(t, s, "p", journeys.Proposal{ID: "sip", Title: "SIP", Goals: []string{"trygghet"}, Expected: []journeys.Expected{{Measure: "vantetid", Value: 14}}})
		mustPutProposal(t, s, "p", journeys.Proposal{ID: "plan", Title: "Plan"})
		if _, _, err := s.PutTest(ctx, "p", &journeys.Test{ID: "t1", Proposal: "plan", Kind: journeys.TestPilot, Status: journeys.TestDone,
			Observations: []journeys.TestObservation{{Measure: "observed", At: "2026-05-01", Value: 1}}}); err != nil {
			t.Fatal(err)
		}
		wantNaming := func(err error, what, proposal string) {
			t.Helper()
			wantCode(t, err, journeys.Conflict, "%s", what)
			if err != nil && !strings.Contains(err.Error(), `"`+proposal+`"`) {
				t.Errorf("%s = %q; want it to name proposal %s", what, err, proposal)
			}
		}
		// The CONFLICT names the proposals among what points to the goal or measure.
		wantNaming(s.DeleteMeasure(ctx, "p", "vantetid"), "DeleteMeasure(expected by sip)", "sip")
		wantNaming(s.DeleteMeasure(ctx, "p", "observed"), "DeleteMeasure(observed in a test of plan)", "plan")
		wantNaming(s.DeleteGoal(ctx, "p", "trygghet"), "DeleteGoal(served by sip)", "sip")

		// Once nothing names them, they go.
		mustPutProposal(t, s, "p", journeys.Proposal{ID: "sip", Title: "SIP"})
		mustNoError(t, s.DeleteTest(ctx, "p", "plan", "t1"))
		mustNoError(t, s.DeleteMeasure(ctx, "p", "vantetid"))
		mustNoError(t, s.DeleteMeasure(ctx, "p", "observed"))
		mustNoError(t, s.DeleteGoal(ctx, "p", "trygghet"))
	})
	t.Run("DeleteTakesTestsAndDecisions", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p")
		mustPutProposal(t, s, "p", journeys.Proposal{ID: "sip", Title: "SIP"})
		if _, _, err := s.PutTest(t.Context(), "p", &journeys.Test{ID: "t1", Proposal: "sip", Kind: journeys.TestWalkthrough, Status: journeys.TestDone}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddDecision(t.Context(), "p", "sip", goDecision(journeys.StageIdea, journeys.StageAnalysis)); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteProposal(t.Context(), "p", "sip"); err != nil {
			t.Fatalf("DeleteProposal() = %v", err)
		}
		mustPutProposal(t, s, "p", journeys.Proposal{ID: "sip", Title: "SIP"})
		tests, _ := s.ListTests(t.Context(), "p", "sip", journeys.Page{})
		decisions, _ := s.ListDecisions(t.Context(), "p", "sip", journeys.Page{})
		if len(tests.Items) != 0 || len(decisions.Items) != 0 {
			t.Errorf("a re-created proposal has %d tests and %d decisions; want none", len(tests.Items), len(decisions.Items))
		}
		wantCode(t, s.DeleteProposal(t.Context(), "p", "nope"), journeys.NotFound, "DeleteProposal(missing)")
	})
	t.Run("TriageNamesProposal", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p")
		_, _, err := s.PutTriage(t.Context(), "p", &journeys.Triage{Fingerprint: fingerprintA, Status: journeys.TriageAddressed, Proposal: "sip"})
		wantPointer(t, err, "/proposal", "PutTriage(missing proposal)")
		mustPutProposal(t, s, "p", journeys.Proposal{ID: "sip", Title: "SIP"})
		if _, _, err := s.PutTriage(t.Context(), "p", &journeys.Triage{Fingerprint: fingerprintA, Status: journeys.TriageAddressed, Proposal: "sip"}); err != nil {
			t.Fatalf("PutTriage() = %v", err)
		}
		err = s.DeleteProposal(t.Context(), "p", "sip")
		wantCode(t, err, journeys.Conflict, "DeleteProposal(named by triage)")
		if err == nil || !strings.Contains(err.Error(), fingerprintA) {
			t.Errorf("DeleteProposal() error %v does not name finding %s", err, fingerprintA)
		}
		if _, err := s.GetProposal(t.Context(), "p", "sip"); err != nil {
			t.Errorf("a refused delete removed the proposal: %v", err)
		}
		if err := s.DeleteTriage(t.Context(), "p", fingerprintA); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteProposal(t.Context(), "p", "sip"); err != nil {
			t.Errorf("DeleteProposal() after the triage went = %v", err)
		}
	})
	t.Run("Restore", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p")
		mustPutProposal(t, s, "p", journeys.Proposal{ID: "sip", Title: "SIP"})
		if _, err := s.AddDecision(t.Context(), "p", "sip", goDecision(journeys.StageIdea, journeys.StageAnalysis)); err != nil {
			t.Fatal(err)
		}
		p, _ := s.GetProposal(t.Context(), "p", "sip")
		ds, _ := s.ListDecisions(t.Context(), "p", "sip", journeys.Page{})
		rec := &journeys.ProposalRecord{Proposal: *p, Decisions: ds.Items}
		other := open(t)
		mustCreateProject(t, other, "p")
		if created, err := other.RestoreProposal(t.Context(), "p", rec); err != nil || !created {
			t.Fatalf("RestoreProposal() = %v, %v; want created", created, err)
		}
		if created, err := other.RestoreProposal(t.Context(), "p", rec); err != nil || created {
			t.Errorf("RestoreProposal(again) = %v, %v; want unchanged", created, err)
		}
		got, _ := other.GetProposal(t.Context(), "p", "sip")
		gotDs, _ := other.ListDecisions(t.Context(), "p", "sip", journeys.Page{})
		if got.Version != p.Version || got.Stage != journeys.StageAnalysis || len(gotDs.Items) != 1 || gotDs.Items[0].ID != "d1" {
			t.Errorf("restored %+v with %+v; want %+v", got, gotDs.Items, p)
		}
	})
	t.Run("GoneWithProject", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p")
		mustPutProposal(t, s, "p", journeys.Proposal{ID: "sip", Title: "SIP"})
		if err := s.DeleteProject(t.Context(), "p"); err != nil {
			t.Fatal(err)
		}
		mustCreateProject(t, s, "p")
		if _, err := s.GetProposal(t.Context(), "p", "sip"); journeys.ErrorCode(err) != journeys.NotFound {
			t.Errorf("GetProposal() after the project was deleted and re-created = %v; want NOT_FOUND", err)
		}
	})
}
