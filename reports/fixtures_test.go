package reports_test

import (
	"path/filepath"
	"testing"

	"github.com/glapp/glapp/demo"
	goldenfile "github.com/glapp/glapp/internal/golden"
	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
)

// The writers' tests need a few small journeys with known findings. These builders are
// the smallest subset of the gap engine's test fixtures (journeys/gaps/helpers_test.go)
// that makes them: every field known and good unless an option changes it.

var testActors = map[string]journeys.Actor{
	"vc":  {ID: "vc", Name: "Vårdcentral", Sector: journeys.SectorRegion, Kind: "primary_care", AgeGroup: journeys.AgeAny},
	"psy": {ID: "psy", Name: "Vuxenpsykiatri", Sector: journeys.SectorRegion, Kind: "psychiatry", AgeGroup: journeys.AgeAdult},
	"bup": {ID: "bup", Name: "BUP", Sector: journeys.SectorRegion, Kind: "BUP", AgeGroup: journeys.AgeChild},
	"soc": {ID: "soc", Name: "Socialtjänst", Sector: journeys.SectorMunicipality, Kind: "social_services", AgeGroup: journeys.AgeAdult},
}

const (
	ref    = journeys.HandoverReferral
	jp     = journeys.HandoverJointPlanning
	advice = journeys.HandoverAdviceToContact
)

// pair is a journey of two steps, s1 (fromActor, entry) → s2 (toActor, terminal), joined
// by hand-over h1 held by its sender unless opts change it.
func pair(fromActor, toActor string, t journeys.HandoverType, opts ...func(*journeys.Handover)) *journeys.Journey {
	step := func(id, actor string) journeys.Step {
		return journeys.Step{
			ID: id, Title: "Steg " + id, Stage: "seek", Actor: actor, Channel: journeys.ChannelVisit,
			WaitDays: &journeys.WaitDays{Expected: ptr(1), Observed: ptr(1)}, Emotion: ptr(0),
		}
	}
	s1, s2 := step("s1", fromActor), step("s2", toActor)
	s1.Entry, s2.Terminal = true, true
	h := journeys.Handover{
		ID: "h1", From: "s1", To: "s2", Type: t, Responsible: ptr(fromActor),
		Information: journeys.InformationFull, Acknowledged: ptr(true), FollowUp: ptr(true),
		WaitDays: &journeys.WaitDays{Expected: ptr(1), Observed: ptr(1)},
	}
	for _, o := range opts {
		o(&h)
	}
	return &journeys.Journey{
		ID: "j1", Title: "Testresa", Kind: journeys.KindAsIs, TargetGroup: "test", AgeGroup: journeys.AgeAdult,
		Stages: []journeys.Stage{{ID: "seek", Name: "Söka hjälp", Order: 1}},
		Steps:  []journeys.Step{s1, s2}, Handovers: []journeys.Handover{h},
	}
}

func responsible(actor *string) func(*journeys.Handover) {
	return func(h *journeys.Handover) { h.Responsible = actor }
}

// insight returns an insight about the given ids.
func insight(id string, sentiment int, status journeys.InsightStatus, source string, about ...string) journeys.Insight {
	return journeys.Insight{ID: id, Text: "Insikt " + id, Kind: journeys.InsightQuote, Status: status,
		Sentiment: ptr(sentiment), Source: source, About: about}
}

func ptr[T any](v T) *T { return &v }

// analyze runs the engine with the default settings on a journey the store would accept.
func analyze(t *testing.T, j *journeys.Journey) gaps.JourneyReport {
	t.Helper()
	if v := j.Validate(journeys.Refs{Actors: testActors}); len(v) > 0 {
		t.Fatalf("test journey is not valid: %v", v)
	}
	return mustAnalyze(t, j, testActors, journeys.DefaultSettings())
}

func mustAnalyze(tb testing.TB, j *journeys.Journey, actors map[string]journeys.Actor, s journeys.Settings) gaps.JourneyReport {
	tb.Helper()
	r, err := gaps.Analyze(tb.Context(), j, actors, s)
	if err != nil {
		tb.Fatalf("Analyze(%s) = %v", j.ID, err)
	}
	return r
}

func mustCombine(tb testing.TB, reports []gaps.JourneyReport, f gaps.Filter) gaps.ProjectReport {
	tb.Helper()
	pr, err := gaps.CombineReports(tb.Context(), reports, f)
	if err != nil {
		tb.Fatalf("CombineReports = %v", err)
	}
	return pr
}

// one returns the only finding of rule in r.
func one(t *testing.T, r gaps.JourneyReport, rule gaps.Rule) gaps.Finding {
	t.Helper()
	var found []gaps.Finding
	for _, f := range r.Findings {
		if f.Rule == rule {
			found = append(found, f)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d %s findings; want exactly one", len(found), rule)
	}
	return found[0]
}

// projectReports are the reports of three journeys: an adult one with a validated
// negative insight, a child one crossing into adult care, and a desired-state plan.
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

// demoReports analyses every demo journey with the demo project's actors.
func demoReports(t *testing.T) []gaps.JourneyReport {
	t.Helper()
	as, err := demo.Actors()
	if err != nil {
		t.Fatalf("demo.Actors() = %v", err)
	}
	actors := make(map[string]journeys.Actor, len(as))
	for _, a := range as {
		actors[a.ID] = a
	}
	js, err := demo.Journeys()
	if err != nil {
		t.Fatalf("demo.Journeys() = %v", err)
	}
	out := make([]gaps.JourneyReport, len(js))
	for i := range js {
		out[i] = mustAnalyze(t, &js[i], actors, journeys.DefaultSettings())
	}
	return out
}

// golden compares got with testdata/golden/name, or writes it there with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", "golden", name), got, "go test ./reports -run Golden -update")
}
