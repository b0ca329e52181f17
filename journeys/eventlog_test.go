package journeys_test

import (
	"strings"
	"testing"
	"time"

	"github.com/glapp/glapp/journeys"
)

func TestCasePseudonym(t *testing.T) {
	a := []byte(strings.Repeat("a", journeys.ProjectSecretBytes))
	b := []byte(strings.Repeat("b", journeys.ProjectSecretBytes))
	p := journeys.CasePseudonym(a, "19121212-1212")
	if p != journeys.CasePseudonym(a, " 19121212-1212 ") {
		t.Errorf("CasePseudonym is not stable for the same case in one project")
	}
	if p == journeys.CasePseudonym(b, "19121212-1212") {
		t.Errorf("CasePseudonym(%q) is the same under two projects' secrets", "19121212-1212")
	}
	if p == journeys.CasePseudonym(a, "19121212-1213") {
		t.Errorf("two cases share a pseudonym")
	}
	id := journeys.LivedJourneyID(p)
	if strings.Contains(id, "1212") || !journeys.ValidID(id) || strings.ContainsAny(p, "0123456789") {
		t.Errorf("LivedJourneyID = %q; want a valid id with no digits and nothing of the case id", id)
	}
}

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestLivedJourney(t *testing.T) {
	stockholm, _ := time.LoadLocation("Europe/Stockholm")
	actors := journeys.NewEventActors(map[string]journeys.Actor{
		"vc":   {ID: "vc", Name: "Vårdcentral", Sector: journeys.SectorRegion},
		"psyk": {ID: "psyk", Name: "Vuxenpsykiatri", Sector: journeys.SectorRegion},
	})
	planned := &journeys.Journey{ID: "plan", Kind: journeys.KindToBe, Steps: []journeys.Step{
		{ID: "p1", Title: "Första kontakt"}, {ID: "p2", Title: "Bedömning"},
	}}
	events := []journeys.Event{
		{Activity: "Bedömning", Actor: "vc", Time: at("2026-01-05T09:00:00+01:00")},
		{Activity: "första kontakt ", Actor: "vårdcentral", Time: at("2026-01-05T09:00:00+01:00")},
		{Activity: "P2", Actor: "VC", Time: at("2026-01-04T23:30:00+01:00")}, // earliest: first
		{Activity: "Bedömning", Actor: "Vuxenpsykiatri", Time: at("2026-03-06T08:00:00+01:00")},
		{Activity: "Samtal med kurator", Actor: "Kurator på skolan", Time: at("2026-03-07T08:00:00+01:00"), HandoverType: journeys.HandoverConsultation},
	}
	journeys.SortEvents(events)
	j := journeys.LivedJourney("abc", events, stockholm, actors.Resolve, planned)
	type step struct{ title, actor, planned string }
	want := []step{{"P2", "vc", "p2"}, {"Bedömning", "vc", "p2"}, {"första kontakt", "vc", "p1"}, {"Bedömning", "psyk", "p2"}, {"Samtal med kurator", "kurator-pa-skolan", ""}}
	if len(j.Steps) != len(want) {
		t.Fatalf("LivedJourney made %d steps; want %d", len(j.Steps), len(want))
	}
	for i, w := range want {
		s := j.Steps[i]
		if s.Title != w.title || s.Actor != w.actor || s.Planned != w.planned {
			t.Errorf("step %d = %q at %q planned %q; want %q at %q planned %q (equal times keep file order, repeats are steps, matches by id or title)", i, s.Title, s.Actor, s.Planned, w.title, w.actor, w.planned)
		}
	}
	if !j.Steps[0].Entry || j.Steps[1].Entry || j.Kind != journeys.KindLived || j.BasedOn != "plan" || j.ID != "lived-abc" {
		t.Errorf("journey = %+v; want lived-abc, lived, based on plan, entering at the first step", j)
	}
	// Waits in calendar days in Stockholm: 23:30 to 09:00 the next day is one day.
	for i, want := range []int{1, 0, 60, 1} {
		h := j.Handovers[i]
		if got := *h.WaitDays.Observed; got != want || *j.Steps[i+1].WaitDays.Observed != want {
			t.Errorf("wait into step %d = %d; want %d", i+2, got, want)
		}
	}
	for i, want := range []journeys.HandoverType{journeys.HandoverInternal, journeys.HandoverInternal, journeys.DefaultEventHandover, journeys.HandoverConsultation} {
		if got := j.Handovers[i].Type; got != want {
			t.Errorf("hand-over %d type = %q; want %q", i+1, got, want)
		}
	}
	if a := actors.New["kurator-pa-skolan"]; a.Sector != journeys.SectorUnknown || a.Name != "Kurator på skolan" || len(actors.New) != 1 {
		t.Errorf("new actors = %+v; want only the school counsellor, of unknown sector", actors.New)
	}
	if err := j.Check(actors.Refs(journeys.Limits{})); err != nil {
		t.Errorf("Check() = %v %v; want a valid journey", err, journeys.ErrorViolations(err))
	}
	if unplanned := journeys.LivedJourney("abc", events, stockholm, actors.Resolve, nil); unplanned.BasedOn != "" || unplanned.Steps[0].Planned != "" {
		t.Errorf("without a plan the journey is based on %q, step planned %q; want neither", unplanned.BasedOn, unplanned.Steps[0].Planned)
	}
}
