package storetest

import (
	"slices"
	"strings"
	"testing"

	"github.com/glapp/glapp/journeys"
	"github.com/google/go-cmp/cmp"
)

func testActors(t *testing.T, open opener) {
	vc := journeys.Actor{ID: "vc", Name: "Vårdcentral", Sector: journeys.SectorRegion, Kind: "primary_care", AgeGroup: journeys.AgeAny}

	t.Run("OK", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p1")
		ctx := t.Context()

		got, created, err := s.PutActor(ctx, "p1", &vc)
		if err != nil || !created || got.Version != 1 || got.UpdatedAt == nil || !got.SameContent(vc) {
			t.Fatalf("PutActor(%q) = %+v, %v, %v; want the actor at version 1 with updatedAt, created", vc.ID, got, created, err)
		}
		read, err := s.GetActor(ctx, "p1", "vc")
		if err != nil {
			t.Fatalf("GetActor(%q) = %v; want nil error", "vc", err)
		}
		if diff := cmp.Diff(got, read); diff != "" {
			t.Errorf("GetActor(%q) mismatch (-want +got):\n%s", "vc", diff)
		}

		// The same content again, even with made-up server fields, changes nothing.
		again := vc
		again.Version = 42
		same, created, err := s.PutActor(ctx, "p1", &again)
		if err != nil || created || !cmp.Equal(same, got) {
			t.Errorf("PutActor(%q) again = %+v, %v, %v; want %+v, not created", vc.ID, same, created, err, got)
		}

		renamed := vc
		renamed.Name = "Vårdcentralen Centrum"
		next, created, err := s.PutActor(ctx, "p1", &renamed)
		if err != nil || created || next.Version != 2 || next.Name != renamed.Name {
			t.Errorf("PutActor(%q) renamed = %+v, %v, %v; want version 2, not created", vc.ID, next, created, err)
		}
	})

	t.Run("Contact", func(t *testing.T) {
		// The contact, the project's way into the actor, survives a put, a get, a list
		// and a journey that carries the actor, and an empty one is gone.
		s := open(t)
		mustCreateProject(t, s, "p1")
		ctx := t.Context()
		soc := journeys.Actor{ID: "soc", Name: "Socialtjänst", Sector: journeys.SectorMunicipality, Contact: "enhetschef vuxenenheten"}
		got := mustPutActor(t, s, "p1", soc)
		if got.Contact != soc.Contact {
			t.Errorf("PutActor(%q).Contact = %q; want %q", soc.ID, got.Contact, soc.Contact)
		}
		if read, err := s.GetActor(ctx, "p1", "soc"); err != nil || read.Contact != soc.Contact {
			t.Errorf("GetActor(%q) = %+v, %v; want contact %q", "soc", read, err, soc.Contact)
		}
		list, err := s.ListActors(ctx, "p1", journeys.Page{})
		if err != nil || len(list.Items) != 1 || list.Items[0].Contact != soc.Contact {
			t.Errorf("ListActors() = %+v, %v; want soc with contact %q", list, err, soc.Contact)
		}
		j := SpecExample(t)
		for i := range j.Actors {
			j.Actors[i].Contact = "samordnare " + j.Actors[i].ID
		}
		mustPutJourney(t, s, "p1", j)
		for _, a := range j.Actors {
			if read, err := s.GetActor(ctx, "p1", a.ID); err != nil || read.Contact != a.Contact {
				t.Errorf("GetActor(%q) after a journey carried it = %+v, %v; want contact %q", a.ID, read, err, a.Contact)
			}
		}
		soc.Contact = ""
		if cleared := mustPutActor(t, s, "p1", soc); cleared.Contact != "" || cleared.Version != 3 {
			t.Errorf("PutActor(%q) without contact = %+v; want no contact at version 3 (the journey made 2)", soc.ID, cleared)
		}
		if read, err := s.GetActor(ctx, "p1", "soc"); err != nil || read.Contact != "" {
			t.Errorf("GetActor(%q) after clearing = %+v, %v; want no contact", "soc", read, err)
		}
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p1")
		bad := journeys.Actor{ID: "x", Name: "X", Sector: "moon", AgeGroup: "ancient", Contact: strings.Repeat("x", 301)}
		_, _, err := s.PutActor(t.Context(), "p1", &bad)
		wantCode(t, err, journeys.Invalid, "PutActor(%q)", bad.ID)
		wantPointer(t, err, "/sector", "PutActor(%q)", bad.ID)
		wantPointer(t, err, "/ageGroup", "PutActor(%q)", bad.ID)
		wantPointer(t, err, "/contact", "PutActor(%q)", bad.ID)
		_, err = s.GetActor(t.Context(), "p1", "x")
		wantCode(t, err, journeys.NotFound, "GetActor(%q) after refused put", "x")
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p1")
		_, err := s.GetActor(t.Context(), "p1", "ghost")
		wantCode(t, err, journeys.NotFound, "GetActor(%q)", "ghost")
		wantCode(t, s.DeleteActor(t.Context(), "p1", "ghost"), journeys.NotFound, "DeleteActor(%q)", "ghost")
	})

	t.Run("List", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p1")
		for _, id := range []string{"e", "b", "a", "d", "c"} {
			mustPutActor(t, s, "p1", journeys.Actor{ID: id, Name: strings.ToUpper(id), Sector: journeys.SectorPrivate})
		}
		testPages(t, "ListActors", []string{"a", "b", "c", "d", "e"}, actorID,
			func(page journeys.Page) (*journeys.List[journeys.Actor], error) {
				return s.ListActors(t.Context(), "p1", page)
			})
	})

	t.Run("Delete", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p1")
		mustPutActor(t, s, "p1", vc)
		if err := s.DeleteActor(t.Context(), "p1", "vc"); err != nil {
			t.Fatalf("DeleteActor(%q) = %v; want nil error", "vc", err)
		}
		_, err := s.GetActor(t.Context(), "p1", "vc")
		wantCode(t, err, journeys.NotFound, "GetActor(%q) after delete", "vc")
	})

	t.Run("ErrConflict", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		mustCreateProject(t, s, "p1")
		mustPutJourney(t, s, "p1", GenerateJourney("resa-1", 4, "a"))
		// An actor named only in an insight's "about" holds it as firmly as a step does.
		mustPutActor(t, s, "p1", vc)
		mustPutJourney(t, s, "p1", withInsightAbout(GenerateJourney("resa-2", 4, "a"), "vc"))

		for _, id := range []string{"reg", "vc"} {
			err := s.DeleteActor(ctx, "p1", id)
			wantCode(t, err, journeys.Conflict, "DeleteActor(%q) while referenced", id)
			if err != nil && !strings.Contains(err.Error(), "resa-") {
				t.Errorf("DeleteActor(%q) = %v; want the message to name the journey", id, err)
			}
			if _, err := s.GetActor(ctx, "p1", id); err != nil {
				t.Errorf("GetActor(%q) after refused delete = %v; want the actor kept", id, err)
			}
		}

		for _, j := range []string{"resa-1", "resa-2"} {
			if err := s.DeleteJourney(ctx, "p1", j, journeys.Precondition{}); err != nil {
				t.Fatalf("DeleteJourney(%q) = %v; want nil error", j, err)
			}
		}
		if err := s.DeleteActor(ctx, "p1", "reg"); err != nil {
			t.Errorf("DeleteActor(%q) once no journey references it = %v; want nil error", "reg", err)
		}
	})

	t.Run("DeleteCarriedOnly", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		mustCreateProject(t, s, "p1")
		j := GenerateJourney("resa-1", 4, "a")
		j.Actors = append(j.Actors, vc) // carried, but no step names it
		mustPutJourney(t, s, "p1", j)

		if err := s.DeleteActor(ctx, "p1", "vc"); err != nil {
			t.Fatalf("DeleteActor(%q) of a carried-only actor = %v; want nil error", "vc", err)
		}
		got := mustGetJourney(t, s, "p1", "resa-1")
		if gotIDs := ids(got.Actors, actorID); slices.Contains(gotIDs, "vc") || !slices.Equal(gotIDs, []string{"reg", "kom", "civ"}) {
			t.Errorf("GetJourney(%q).Actors = %q; want %q without the deleted actor", "resa-1", gotIDs, []string{"reg", "kom", "civ"})
		}
	})
}

// withInsightAbout adds to j an insight about the given id.
func withInsightAbout(j *journeys.Journey, about string) *journeys.Journey {
	j.Insights = append(j.Insights, journeys.Insight{ID: "about-" + about, Text: "Om " + about + ".", Kind: journeys.InsightObservation, About: []string{about}})
	return j
}
