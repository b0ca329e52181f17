package storetest

import (
	"slices"
	"testing"

	"github.com/glapp/glapp/journeys"
)

// testIsolation checks the tenant boundary: two projects that use the same ids never see
// or change each other's data.
func testIsolation(t *testing.T, open opener) {
	t.Run("SameIDs", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		docs := map[string]*journeys.Journey{}
		for _, p := range []string{"p1", "p2"} {
			mustCreateProject(t, s, p)
			j := GenerateJourney("resa", 8, p)
			j.Actors[0].Name = "Region " + p
			docs[p] = mustPutJourney(t, s, p, j)
			if _, _, err := s.PutSource(ctx, p, &journeys.Source{ID: "int-01", Kind: journeys.SourceInterview, Pseudonym: "Deltagare " + p}); err != nil {
				t.Fatalf("PutSource(%q, %q) = %v; want nil error", p, "int-01", err)
			}
		}
		only := GenerateJourney("bara-p1", 3, "a")
		only.Actors = nil // uses p1's actors as they are
		mustPutJourney(t, s, "p1", only)

		for _, p := range []string{"p1", "p2"} {
			got := mustGetJourney(t, s, p, "resa")
			wantJourneyContent(t, got, docs[p], "GetJourney(%q, %q)", p, "resa")
			if got.Version != 1 {
				t.Errorf("GetJourney(%q, %q).Version = %d; want 1", p, "resa", got.Version)
			}
			if a, err := s.GetActor(ctx, p, "reg"); err != nil || a.Name != "Region "+p || a.Version != 1 {
				t.Errorf("GetActor(%q, %q) = %+v, %v; want %q at version 1", p, "reg", a, err, "Region "+p)
			}
			if src, err := s.GetSource(ctx, p, "int-01"); err != nil || src.Pseudonym != "Deltagare "+p {
				t.Errorf("GetSource(%q, %q) = %+v, %v; want pseudonym %q", p, "int-01", src, err, "Deltagare "+p)
			}
		}

		_, err := s.GetJourney(ctx, "p2", "bara-p1")
		wantCode(t, err, journeys.NotFound, "GetJourney(%q, %q)", "p2", "bara-p1")
		_, err = s.UpdateJourney(ctx, "p2", "bara-p1", journeys.Precondition{}, func(*journeys.Journey) error { return nil })
		wantCode(t, err, journeys.NotFound, "UpdateJourney(%q, %q)", "p2", "bara-p1")
		wantCode(t, s.DeleteJourney(ctx, "p2", "bara-p1", journeys.Precondition{}), journeys.NotFound, "DeleteJourney(%q, %q)", "p2", "bara-p1")
		list, err := s.ListJourneys(ctx, "p2", journeys.JourneyFilter{}, journeys.Page{})
		if got := ids(list.Items, summaryID); err != nil || !slices.Equal(got, []string{"resa"}) {
			t.Errorf("ListJourneys(%q) = %q, %v; want only its own journey", "p2", got, err)
		}
		var each []string
		err = s.EachJourney(ctx, "p2", func(j *journeys.Journey) error { each = append(each, j.ID); return nil })
		if err != nil || !slices.Equal(each, []string{"resa"}) {
			t.Errorf("EachJourney(%q) = %q, %v; want only its own journey", "p2", each, err)
		}

		// p2's journey does not hold p1's actors, and deleting p1 leaves p2 whole.
		if err := s.DeleteJourney(ctx, "p1", "resa", journeys.Precondition{}); err != nil {
			t.Fatalf("DeleteJourney(%q, %q) = %v; want nil error", "p1", "resa", err)
		}
		if err := s.DeleteJourney(ctx, "p1", "bara-p1", journeys.Precondition{}); err != nil {
			t.Fatalf("DeleteJourney(%q, %q) = %v; want nil error", "p1", "bara-p1", err)
		}
		if err := s.DeleteActor(ctx, "p1", "reg"); err != nil {
			t.Errorf("DeleteActor(%q, %q) while only p2 uses %q = %v; want nil error", "p1", "reg", "reg", err)
		}
		wantCode(t, s.DeleteActor(ctx, "p2", "reg"), journeys.Conflict, "DeleteActor(%q, %q)", "p2", "reg")
		if err := s.DeleteProject(ctx, "p1"); err != nil {
			t.Fatalf("DeleteProject(%q) = %v; want nil error", "p1", err)
		}
		got := mustGetJourney(t, s, "p2", "resa")
		wantJourneyContent(t, got, docs["p2"], "GetJourney(%q, %q) after DeleteProject(%q)", "p2", "resa", "p1")
		if len(got.Actors) != 3 || got.Actors[0].Name != "Region p2" {
			t.Errorf("GetJourney(%q, %q).Actors = %+v; want p2's three actors", "p2", "resa", got.Actors)
		}
	})
}
