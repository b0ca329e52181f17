package imports_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/glapp/glapp/graph/embedded"
	"github.com/glapp/glapp/imports"
	"github.com/glapp/glapp/journeys"
)

// eventLog follows journey j1 (steps s0..s3, "Steg N, variant a"): case k1 realises s0
// and s1 by id and title with a repeat, case k2 adds a step of its own at an actor the
// project lacks.
const eventLog = `case,activity,actor,timestamp,channel
k1,s0,reg,2026-01-05T09:00:00,phone
k2,Steg 0 variant a,reg,2026-01-07T09:00:00+01:00,
k1,"  steg 1, VARIANT a ",reg,2026-01-05T16:00:00,visit
k1,S1,kom,2026-02-05T09:00:00Z,
k2,Samtal med kurator (ring 070-123 45 67),Elevhälsan,2026-01-20,
`

func eventRequest(data string) imports.Request {
	r := request("eventlog", data)
	r.Name = "log.csv"
	return r
}

func TestRunEventLog(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		svc, s := newService(t)
		req := eventRequest(eventLog)
		req.Planned = "j1"
		res, err := svc.Run(t.Context(), "p", req)
		if err != nil {
			t.Fatalf("Run(eventlog) = %v %v", err, journeys.ErrorViolations(err))
		}
		if res.Cases != 2 || res.Created != 2 || res.Records != 5 || res.ActorsCreated != 1 || res.Redactions["TELEFON"] != 1 {
			t.Errorf("result = %+v; want 2 cases created from 5 events, 1 actor created, a phone number redacted", res)
		}
		secret, _ := s.ProjectSecret(t.Context(), "p", nil)
		k1 := mustJourney(t, s, journeys.LivedJourneyID(journeys.CasePseudonym(secret, "k1")))
		if k1.Kind != journeys.KindLived || k1.BasedOn != "j1" || len(k1.Steps) != 3 {
			t.Fatalf("k1 = %+v; want a lived journey of 3 steps based on j1", k1)
		}
		for i, want := range []string{"s0", "s1", "s1"} {
			if k1.Steps[i].Planned != want {
				t.Errorf("k1 step %d planned = %q; want %q", i, k1.Steps[i].Planned, want)
			}
		}
		if w := *k1.Steps[2].WaitDays.Observed; w != 31 {
			t.Errorf("k1 wait into step 3 = %d days; want 31", w)
		}
		k2 := mustJourney(t, s, journeys.LivedJourneyID(journeys.CasePseudonym(secret, "k2")))
		last := k2.Steps[1]
		if last.Planned != "" || last.Title != "Samtal med kurator (ring [TELEFON])" || last.Actor != "elevhalsan" {
			t.Errorf("k2's ad hoc step = %+v; want unplanned, redacted, at the new actor", last)
		}
		if a, err := s.GetActor(t.Context(), "p", "elevhalsan"); err != nil || a.Sector != journeys.SectorUnknown {
			t.Errorf("new actor = %+v, %v; want sector unknown", a, err)
		}
		// The case ids are nowhere in what was stored.
		for _, j := range []*journeys.Journey{k1, k2} {
			if doc := fmt.Sprintf("%+v", *j); strings.Contains(doc, "k1") || strings.Contains(doc, "k2") {
				t.Errorf("journey %s holds a case id: %s", j.ID, doc)
			}
		}

		// Idempotent: the same file again changes nothing, not even a version.
		again, err := svc.Run(t.Context(), "p", req)
		if err != nil || again.Unchanged != 2 || again.Created+again.Updated+again.ActorsCreated != 0 {
			t.Errorf("second Run = %+v, %v; want 2 unchanged", again, err)
		}
		if k1again := mustJourney(t, s, k1.ID); k1again.Version != k1.Version {
			t.Errorf("k1 version after the same import = %d; want %d", k1again.Version, k1.Version)
		}
	})
	t.Run("PseudonymPerProject", func(t *testing.T) {
		svc, s := newService(t)
		if _, err := s.CreateProject(t.Context(), &journeys.Project{ID: "q", Name: "Q"}); err != nil {
			t.Fatal(err)
		}
		log := "case,activity,actor,timestamp\nk1,Besök,VC,2026-01-05\n"
		for _, p := range []string{"p", "q"} {
			if _, err := svc.Run(t.Context(), p, eventRequest(log)); err != nil {
				t.Fatal(err)
			}
		}
		ids := map[string]string{}
		for _, p := range []string{"p", "q"} {
			list, err := s.ListJourneys(t.Context(), p, journeys.JourneyFilter{Kind: journeys.KindLived}, journeys.Page{})
			if err != nil || len(list.Items) != 1 {
				t.Fatalf("ListJourneys(%s, lived) = %+v, %v", p, list, err)
			}
			ids[p] = list.Items[0].ID
		}
		if ids["p"] == ids["q"] {
			t.Errorf("case k1 has journey %q in both projects; want different pseudonyms", ids["p"])
		}
	})
	t.Run("ErrUnknownPlanned", func(t *testing.T) {
		svc, s := newService(t)
		req := eventRequest(eventLog)
		req.Planned = "nope"
		_, err := svc.Run(t.Context(), "p", req)
		if journeys.ErrorCode(err) != journeys.Invalid {
			t.Errorf("Run(planned=nope) = %v; want INVALID", err)
		}
		wantNoLived(t, s)
	})
	t.Run("ErrAllOrNothing", func(t *testing.T) {
		svc, s := newService(t)
		// The second case is fine; the third has a misread time: nothing is stored.
		log := eventLog + "k3,Besök,VC,den 3 mars\n"
		if _, err := svc.Run(t.Context(), "p", eventRequest(log)); journeys.ErrorCode(err) != journeys.Invalid || !strings.Contains(err.Error(), "line 7") {
			t.Errorf("Run(bad timestamp) = %v; want INVALID at line 7", err)
		}
		wantNoLived(t, s)
		if secret, err := s.ProjectSecret(t.Context(), "p", nil); secret != nil || err != nil {
			t.Errorf("ProjectSecret(p) after a refused first import = %x, %v; want none stored", secret, err)
		}
		if _, err := s.GetActor(t.Context(), "p", "elevhalsan"); journeys.ErrorCode(err) != journeys.NotFound {
			t.Errorf("GetActor(elevhalsan) after a refused import = %v; want NOT_FOUND", err)
		}
	})
	t.Run("ErrTooManyEvents", func(t *testing.T) {
		svc, s := newService(t)
		svc.Limits = journeys.Limits{Steps: 3}
		log := "case,activity,actor,timestamp\n" + strings.Repeat("k1,Besök,VC,2026-01-05\n", 4)
		if _, err := svc.Run(t.Context(), "p", eventRequest(log)); journeys.ErrorCode(err) != journeys.LimitExceeded {
			t.Errorf("Run(4 events, limit 3) = %v; want LIMIT_EXCEEDED", err)
		}
		wantNoLived(t, s)
	})
	t.Run("ErrPlannedOnEvidence", func(t *testing.T) {
		svc, _ := newService(t)
		req := request("jsonl", notes)
		req.Planned = "j1"
		if _, err := svc.Run(t.Context(), "p", req); journeys.ErrorCode(err) != journeys.Invalid {
			t.Errorf("Run(jsonl, planned) = %v; want INVALID", err)
		}
	})
}

func mustJourney(t *testing.T, s *embedded.Store, id string) *journeys.Journey {
	t.Helper()
	j, err := s.GetJourney(t.Context(), "p", id)
	if err != nil {
		t.Fatalf("GetJourney(%q) = %v", id, err)
	}
	return j
}

func wantNoLived(t *testing.T, s *embedded.Store) {
	t.Helper()
	list, err := s.ListJourneys(t.Context(), "p", journeys.JourneyFilter{Kind: journeys.KindLived}, journeys.Page{})
	if err != nil || len(list.Items) != 0 {
		t.Errorf("lived journeys after a refused import = %+v, %v; want none", list, err)
	}
}
