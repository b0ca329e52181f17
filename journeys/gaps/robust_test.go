package gaps_test

import (
	"testing"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
)

// The store refuses these journeys, but the engine may be handed one read from a file by
// the CLI; it must read empty strings as null and skip what joins nothing, not panic.

func TestAnalyze_EmptyStringsReadAsNull(t *testing.T) {
	j := journey(
		steps(step("s1", "vc", entry, func(s *journeys.Step) { s.Crisis, s.ContactPerson = true, ptr("") }),
			step("s2", "psy", terminal)),
		handovers(handover("h1", "s1", "s2", journeys.HandoverReferral, responsible(ptr("")))))
	r := mustAnalyze(t, j, testActors, journeys.DefaultSettings())
	if got := subjects(ofRule(r, gaps.RuleUnownedHandover)); len(got) != 1 || got[0] != "h1" {
		t.Errorf("unowned_handover = %v; want [h1]", got)
	}
	if got := subjects(ofRule(r, gaps.RuleCrisisWithoutContactPerson)); len(got) != 1 || got[0] != "s1" {
		t.Errorf("crisis_without_contact_person = %v; want [s1]", got)
	}
}

func TestAnalyze_SkipsHandoversThatJoinNoSteps(t *testing.T) {
	j := journey(
		steps(step("s1", "vc", entry), step("s2", "psy", terminal)),
		handovers(
			handover("h1", "s1", "s2", journeys.HandoverReferral),
			handover("h2", "s1", "nowhere", journeys.HandoverAdviceToContact, responsible(nil), information("none")),
			handover("h3", "ghost", "s2", journeys.HandoverAdviceToContact, responsible(nil))),
		insight("i1", -1, journeys.StatusHypothesis, "a", "h2"), insight("i2", -1, journeys.StatusHypothesis, "b", "h2"))
	r := mustAnalyze(t, j, testActors, journeys.DefaultSettings())
	if len(r.Findings) != 0 || len(r.Unknowns) != 0 {
		t.Errorf("Analyze = %v findings, %v unknowns; want none: dangling hand-overs are skipped", describe(r), r.Unknowns)
	}
}

func TestAnalyze_UnknownActorsAreNamedByID(t *testing.T) {
	j := journey(
		steps(step("s1", "vc", entry), step("s2", "mystery", terminal)),
		handovers(handover("h1", "s1", "s2", journeys.HandoverReferral, responsible(nil))))
	f := one(t, mustAnalyze(t, j, testActors, journeys.DefaultSettings()), gaps.RuleUnownedHandover)
	if f.Actors.To != (gaps.ActorRef{ID: "mystery", Name: "mystery"}) {
		t.Errorf("Actors.To = %+v; want the id as name", f.Actors.To)
	}
}

func TestAnalyze_DocumentActorsFillInForTheProject(t *testing.T) {
	j := journey(
		steps(step("s1", "vc", entry), step("s2", "ny", terminal)),
		handovers(handover("h1", "s1", "s2", journeys.HandoverReferral)))
	j.Actors = []journeys.Actor{{ID: "ny", Name: "Nya kommunen", Sector: journeys.SectorMunicipality}}
	r := mustAnalyze(t, j, testActors, journeys.DefaultSettings())
	f := one(t, r, gaps.RuleMissingCoordinatedPlan)
	if f.Actors == nil || f.Actors.To.Name != "Nya kommunen" {
		t.Errorf("Actors = %+v; want the document's actor name", f.Actors)
	}
}

func TestAnalyze_ZeroSettingsMeanDefaults(t *testing.T) {
	j := pair("vc", "psy", journeys.HandoverReferral, wait(nil, ptr(50)))
	if fs := ofRule(mustAnalyze(t, j, testActors, journeys.Settings{}), gaps.RuleLongWait); len(fs) != 0 {
		t.Errorf("long_wait with zero settings = %v; want none (50 days is within the default 90)", subjects(fs))
	}
}

func TestAnalyze_EmptyJourney(t *testing.T) {
	r := mustAnalyze(t, &journeys.Journey{ID: "empty"}, nil, journeys.Settings{})
	if r.Findings == nil || r.Unknowns == nil || len(r.Findings) != 0 || r.Summary.Total != 0 {
		t.Errorf("Analyze(empty) = %+v; want empty, non-nil lists", r)
	}
}
