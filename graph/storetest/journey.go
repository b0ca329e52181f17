package storetest

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/glapp/glapp/journeys"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// ignoreServerFields compares journeys as clients write them.
var ignoreServerFields = cmpopts.IgnoreFields(journeys.Journey{}, "Version", "UpdatedAt")

func testJourneys(t *testing.T, open opener) {
	t.Run("SpecExample", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p1")
		want := SpecExample(t)

		put, created, err := s.PutJourney(t.Context(), "p1", want, journeys.Precondition{})
		if err != nil || !created || put.Version != 1 || put.UpdatedAt == nil {
			t.Fatalf("PutJourney(%q) = %+v, %v, %v; want version 1 with updatedAt, created", want.ID, put, created, err)
		}
		if diff := cmp.Diff(want, put, ignoreServerFields); diff != "" {
			t.Errorf("PutJourney(%q) mismatch (-want +got):\n%s", want.ID, diff)
		}
		got := mustGetJourney(t, s, "p1", want.ID)
		if diff := cmp.Diff(want, got, ignoreServerFields); diff != "" {
			t.Errorf("GetJourney(%q) mismatch (-want +got):\n%s", want.ID, diff)
		}
		if diff := cmp.Diff(put, got); diff != "" {
			t.Errorf("GetJourney(%q) differs from what PutJourney returned (-put +get):\n%s", want.ID, diff)
		}
	})

	t.Run("Idempotent", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p1")
		first := mustPutJourney(t, s, "p1", GenerateJourney("resa-1", 20, "a"))

		again, created, err := s.PutJourney(t.Context(), "p1", GenerateJourney("resa-1", 20, "a"), journeys.Precondition{})
		if err != nil || created {
			t.Fatalf("PutJourney(%q) again = %v, created %v; want nil error, not created", "resa-1", err, created)
		}
		if diff := cmp.Diff(first, again); diff != "" {
			t.Errorf("PutJourney(%q) again changed the journey (-first +again):\n%s", "resa-1", diff)
		}
		for _, id := range []string{"reg", "kom", "civ"} {
			if a, err := s.GetActor(t.Context(), "p1", id); err != nil || a.Version != 1 {
				t.Errorf("GetActor(%q) = %+v, %v; want version 1", id, a, err)
			}
		}
	})

	t.Run("Replace", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p1")
		mustPutJourney(t, s, "p1", GenerateJourney("resa-1", 10, "a"))
		b := GenerateJourney("resa-1", 7, "b")
		got, created, err := s.PutJourney(t.Context(), "p1", b, journeys.Precondition{})
		if err != nil || created || got.Version != 2 {
			t.Fatalf("PutJourney(%q) replacing = version %v, created %v, %v; want version 2, not created", b.ID, got, created, err)
		}
		read := mustGetJourney(t, s, "p1", b.ID)
		if diff := cmp.Diff(b, read, ignoreServerFields); diff != "" {
			t.Errorf("GetJourney(%q) after replace mismatch (-want +got):\n%s", b.ID, diff)
		}
	})

	t.Run("CarriedActors", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		mustCreateProject(t, s, "p1")
		j := GenerateJourney("resa-1", 6, "a")
		mustPutJourney(t, s, "p1", j)
		list, err := s.ListActors(ctx, "p1", journeys.Page{})
		if got := ids(list.Items, actorID); err != nil || !slices.Equal(got, []string{"civ", "kom", "reg"}) {
			t.Fatalf("ListActors() after PutJourney = %q, %v; want the carried actors", got, err)
		}

		// Renaming a carried actor updates the actor; the journey's own content is the same.
		j.Actors[1].Name = "Socialtjänsten, vuxenenheten"
		got, created, err := s.PutJourney(ctx, "p1", j, journeys.Precondition{})
		if err != nil || created || got.Version != 1 {
			t.Fatalf("PutJourney(%q) with a renamed actor = %+v, %v, %v; want journey version 1 kept", j.ID, got, created, err)
		}
		if got.Actors[1].Name != j.Actors[1].Name {
			t.Errorf("PutJourney(%q).Actors[1].Name = %q; want %q", j.ID, got.Actors[1].Name, j.Actors[1].Name)
		}
		if a, err := s.GetActor(ctx, "p1", "kom"); err != nil || a.Version != 2 || a.Name != j.Actors[1].Name {
			t.Errorf("GetActor(%q) = %+v, %v; want version 2 named %q", "kom", a, err, j.Actors[1].Name)
		}
	})

	t.Run("ActorOrder", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p1")
		mustPutActor(t, s, "p1", journeys.Actor{ID: "akut", Name: "Akutpsykiatri", Sector: journeys.SectorRegion})
		j := GenerateJourney("resa-1", 6, "a")
		contact := "akut"
		j.Steps[2].ContactPerson = &contact
		mustPutJourney(t, s, "p1", j)

		// Carried actors first, in the order sent, then the other actors referenced.
		got := mustGetJourney(t, s, "p1", j.ID)
		want := []string{"reg", "kom", "civ", "akut"}
		if gotIDs := ids(got.Actors, actorID); !slices.Equal(gotIDs, want) {
			t.Errorf("GetJourney(%q).Actors = %q; want %q", j.ID, gotIDs, want)
		}
		for _, a := range got.Actors {
			if a.Version != 0 || a.UpdatedAt != nil {
				t.Errorf("GetJourney(%q).Actors holds %q with server fields; want them as clients write them", j.ID, a.ID)
			}
		}

		// A document written back as it was read, now carrying every actor, is no change.
		again, created, err := s.PutJourney(t.Context(), "p1", got, journeys.Precondition{IfVersion: got.Version})
		if err != nil || created || !cmp.Equal(again, got) {
			t.Errorf("PutJourney(%q) of the document as read = %+v, %v, %v; want it unchanged at version %d", j.ID, again, created, err, got.Version)
		}
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		for _, tt := range []struct {
			name    string
			mutate  func(*journeys.Journey)
			pointer string
		}{
			{"UnknownActor", func(j *journeys.Journey) { j.Steps[1].Actor = "ghost" }, "/steps/1/actor"},
			{"HandoverToUnknownStep", func(j *journeys.Journey) { j.Handovers[0].To = "nowhere" }, "/handovers/0/to"},
			{"BadChannel", func(j *journeys.Journey) { j.Steps[0].Channel = "pigeon" }, "/steps/0/channel"},
			{"BadKind", func(j *journeys.Journey) { j.Kind = "dream" }, "/kind"},
			{"BadHandoverType", func(j *journeys.Journey) { j.Handovers[1].Type = "teleport" }, "/handovers/1/type"},
			{"NoEntryStep", func(j *journeys.Journey) { j.Steps[0].Entry = false }, "/steps"},
			{"BadCarriedActor", func(j *journeys.Journey) { j.Actors[2].Sector = "moon" }, "/actors/2/sector"},
			{"DuplicateStep", func(j *journeys.Journey) { j.Steps[2].ID = "s1" }, "/steps/2/id"},
		} {
			t.Run(tt.name, func(t *testing.T) {
				s := open(t)
				ctx := t.Context()
				mustCreateProject(t, s, "p1")
				j := GenerateJourney("resa-1", 5, "a")
				tt.mutate(j)

				_, _, err := s.PutJourney(ctx, "p1", j, journeys.Precondition{})
				wantCode(t, err, journeys.Invalid, "PutJourney(%q)", j.ID)
				wantPointer(t, err, tt.pointer, "PutJourney(%q)", j.ID)

				// Nothing stays behind: not the journey, not the actors it carried.
				_, err = s.GetJourney(ctx, "p1", j.ID)
				wantCode(t, err, journeys.NotFound, "GetJourney(%q) after refused put", j.ID)
				if l, err := s.ListActors(ctx, "p1", journeys.Page{}); err != nil || len(l.Items) != 0 {
					t.Errorf("ListActors() after refused put = %q, %v; want none", ids(l.Items, actorID), err)
				}
				if l, err := s.ListJourneys(ctx, "p1", journeys.JourneyFilter{}, journeys.Page{}); err != nil || len(l.Items) != 0 {
					t.Errorf("ListJourneys() after refused put = %q, %v; want none", ids(l.Items, summaryID), err)
				}
			})
		}
	})

	t.Run("ErrInvalidReplace", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p1")
		old := mustPutJourney(t, s, "p1", GenerateJourney("resa-1", 5, "a"))
		bad := GenerateJourney("resa-1", 5, "b")
		bad.Actors[0].Name = "Nytt namn som inte får sparas"
		bad.Handovers[0].From = "nowhere"
		_, _, err := s.PutJourney(t.Context(), "p1", bad, journeys.Precondition{})
		wantCode(t, err, journeys.Invalid, "PutJourney(%q) invalid replacement", bad.ID)
		if got := mustGetJourney(t, s, "p1", bad.ID); !cmp.Equal(got, old) {
			t.Errorf("GetJourney(%q) after refused replacement = version %d %q; want version %d %q", bad.ID, got.Version, got.Title, old.Version, old.Title)
		}
		if a, err := s.GetActor(t.Context(), "p1", "reg"); err != nil || a.Version != 1 {
			t.Errorf("GetActor(%q) after refused replacement = %+v, %v; want version 1 unchanged", "reg", a, err)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		mustCreateProject(t, s, "p1")
		_, err := s.GetJourney(ctx, "p1", "ghost")
		wantCode(t, err, journeys.NotFound, "GetJourney(%q)", "ghost")
		_, err = s.UpdateJourney(ctx, "p1", "ghost", journeys.Precondition{}, func(*journeys.Journey) error { return nil })
		wantCode(t, err, journeys.NotFound, "UpdateJourney(%q)", "ghost")
		wantCode(t, s.DeleteJourney(ctx, "p1", "ghost", journeys.Precondition{}), journeys.NotFound, "DeleteJourney(%q)", "ghost")
	})

	t.Run("ErrPreconditionFailed", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		mustCreateProject(t, s, "p1")
		v1 := mustPutJourney(t, s, "p1", GenerateJourney("resa-1", 5, "a"))
		b := GenerateJourney("resa-1", 5, "b")

		_, _, err := s.PutJourney(ctx, "p1", b, journeys.Precondition{IfVersion: 7})
		wantCode(t, err, journeys.PreconditionFailed, "PutJourney(%q, ifVersion 7)", b.ID)
		_, err = s.UpdateJourney(ctx, "p1", b.ID, journeys.Precondition{IfVersion: 7}, func(j *journeys.Journey) error {
			j.Title = "Ändrad"
			return nil
		})
		wantCode(t, err, journeys.PreconditionFailed, "UpdateJourney(%q, ifVersion 7)", b.ID)
		err = s.DeleteJourney(ctx, "p1", b.ID, journeys.Precondition{IfVersion: 7})
		wantCode(t, err, journeys.PreconditionFailed, "DeleteJourney(%q, ifVersion 7)", b.ID)
		if got := mustGetJourney(t, s, "p1", b.ID); !cmp.Equal(got, v1) {
			t.Errorf("GetJourney(%q) after failed preconditions = version %d %q; want version 1 %q", b.ID, got.Version, got.Title, v1.Title)
		}

		// A precondition on a journey that does not exist cannot hold.
		c := GenerateJourney("resa-2", 5, "a")
		_, _, err = s.PutJourney(ctx, "p1", c, journeys.Precondition{IfVersion: 1})
		wantCode(t, err, journeys.PreconditionFailed, "PutJourney(%q, ifVersion 1) of a new journey", c.ID)
		_, err = s.GetJourney(ctx, "p1", c.ID)
		wantCode(t, err, journeys.NotFound, "GetJourney(%q) after failed precondition", c.ID)

		v2, _, err := s.PutJourney(ctx, "p1", b, journeys.Precondition{IfVersion: 1})
		if err != nil || v2.Version != 2 {
			t.Fatalf("PutJourney(%q, ifVersion 1) = %+v, %v; want version 2", b.ID, v2, err)
		}
		if err := s.DeleteJourney(ctx, "p1", b.ID, journeys.Precondition{IfVersion: 2}); err != nil {
			t.Errorf("DeleteJourney(%q, ifVersion 2) = %v; want nil error", b.ID, err)
		}
	})

	t.Run("Update", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		mustCreateProject(t, s, "p1")
		v1 := mustPutJourney(t, s, "p1", GenerateJourney("resa-1", 5, "a"))

		got, err := s.UpdateJourney(ctx, "p1", v1.ID, journeys.Precondition{IfVersion: 1}, func(j *journeys.Journey) error {
			j.Title = "Ny titel"
			j.Steps[4].Crisis = true
			return nil
		})
		if err != nil || got.Version != 2 || got.Title != "Ny titel" || !got.Steps[4].Crisis {
			t.Fatalf("UpdateJourney(%q) = %+v, %v; want version 2 with the change", v1.ID, got, err)
		}
		if diff := cmp.Diff(v1.Actors, got.Actors); diff != "" {
			t.Errorf("UpdateJourney(%q).Actors changed (-before +after):\n%s", v1.ID, diff)
		}
		if read := mustGetJourney(t, s, "p1", v1.ID); !cmp.Equal(read, got) {
			t.Errorf("GetJourney(%q) = version %d %q; want what UpdateJourney returned", v1.ID, read.Version, read.Title)
		}

		same, err := s.UpdateJourney(ctx, "p1", v1.ID, journeys.Precondition{}, func(*journeys.Journey) error { return nil })
		if err != nil || !cmp.Equal(same, got) {
			t.Errorf("UpdateJourney(%q, no change) = %+v, %v; want version 2 unchanged", v1.ID, same, err)
		}
	})

	t.Run("UpdateErrInvalid", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		mustCreateProject(t, s, "p1")
		v1 := mustPutJourney(t, s, "p1", GenerateJourney("resa-1", 5, "a"))
		for _, tt := range []struct {
			name    string
			fn      func(*journeys.Journey) error
			pointer string
		}{
			{"NoEntryStep", func(j *journeys.Journey) error { j.Steps[0].Entry = false; return nil }, "/steps"},
			{"DanglingHandover", func(j *journeys.Journey) error { j.Steps = j.Steps[:3]; return nil }, "/handovers/2/to"},
			// Actors reach the store through PutActor and PutJourney, never through an
			// update, so an actor added to the document here is still unknown.
			{"ActorAddedInUpdate", func(j *journeys.Journey) error {
				j.Actors = append(j.Actors, journeys.Actor{ID: "nytt", Name: "Nytt", Sector: journeys.SectorFamily})
				j.Steps[1].Actor = "nytt"
				return nil
			}, "/steps/1/actor"},
			{"ChangedID", func(j *journeys.Journey) error { j.ID = "resa-2"; return nil }, "/id"},
		} {
			_, err := s.UpdateJourney(ctx, "p1", v1.ID, journeys.Precondition{}, tt.fn)
			wantCode(t, err, journeys.Invalid, "UpdateJourney(%q, %s)", v1.ID, tt.name)
			wantPointer(t, err, tt.pointer, "UpdateJourney(%q, %s)", v1.ID, tt.name)
		}
		if got := mustGetJourney(t, s, "p1", v1.ID); !cmp.Equal(got, v1) {
			t.Errorf("GetJourney(%q) after refused updates = version %d; want version 1 unchanged", v1.ID, got.Version)
		}
		for _, id := range []string{"nytt"} {
			if _, err := s.GetActor(ctx, "p1", id); journeys.ErrorCode(err) != journeys.NotFound {
				t.Errorf("GetActor(%q) = %v; want NOT_FOUND", id, err)
			}
		}
		_, err := s.GetJourney(ctx, "p1", "resa-2")
		wantCode(t, err, journeys.NotFound, "GetJourney(%q)", "resa-2")
	})

	t.Run("UpdateFnError", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p1")
		v1 := mustPutJourney(t, s, "p1", GenerateJourney("resa-1", 5, "a"))
		errStop := errors.New("stop")
		_, err := s.UpdateJourney(t.Context(), "p1", v1.ID, journeys.Precondition{}, func(j *journeys.Journey) error {
			j.Title = "Halvvägs"
			return errStop
		})
		if !errors.Is(err, errStop) {
			t.Errorf("UpdateJourney(%q, failing fn) = %v; want fn's error", v1.ID, err)
		}
		if got := mustGetJourney(t, s, "p1", v1.ID); !cmp.Equal(got, v1) {
			t.Errorf("GetJourney(%q) after failing fn = version %d %q; want version 1 unchanged", v1.ID, got.Version, got.Title)
		}
	})

	t.Run("Delete", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		mustCreateProject(t, s, "p1")
		mustPutJourney(t, s, "p1", GenerateJourney("resa-1", 5, "a"))
		if err := s.DeleteJourney(ctx, "p1", "resa-1", journeys.Precondition{}); err != nil {
			t.Fatalf("DeleteJourney(%q) = %v; want nil error", "resa-1", err)
		}
		_, err := s.GetJourney(ctx, "p1", "resa-1")
		wantCode(t, err, journeys.NotFound, "GetJourney(%q) after delete", "resa-1")
		if _, err := s.GetActor(ctx, "p1", "reg"); err != nil {
			t.Errorf("GetActor(%q) after DeleteJourney = %v; want the project's actor kept", "reg", err)
		}
	})

	t.Run("List", func(t *testing.T) { testListJourneys(t, open) })

	t.Run("Each", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		mustCreateProject(t, s, "p1")
		want := map[string]*journeys.Journey{}
		for _, id := range []string{"resa-b", "resa-c", "resa-a"} {
			want[id] = mustPutJourney(t, s, "p1", GenerateJourney(id, 4, id))
		}
		var seen []string
		err := s.EachJourney(ctx, "p1", func(j *journeys.Journey) error {
			seen = append(seen, j.ID)
			if diff := cmp.Diff(want[j.ID], j); diff != "" {
				t.Errorf("EachJourney yielded %q unlike GetJourney (-want +got):\n%s", j.ID, diff)
			}
			return nil
		})
		if err != nil || !slices.Equal(seen, []string{"resa-a", "resa-b", "resa-c"}) {
			t.Errorf("EachJourney() = %q, %v; want %q in id order", seen, err, []string{"resa-a", "resa-b", "resa-c"})
		}

		errStop := errors.New("stop")
		calls := 0
		err = s.EachJourney(ctx, "p1", func(*journeys.Journey) error { calls++; return errStop })
		if !errors.Is(err, errStop) || calls != 1 {
			t.Errorf("EachJourney(failing fn) = %v after %d calls; want fn's error after 1", err, calls)
		}
	})
}

func testListJourneys(t *testing.T, open opener) {
	s := open(t)
	ctx := t.Context()
	mustCreateProject(t, s, "p1")
	for _, x := range []struct {
		id          string
		kind        journeys.JourneyKind
		targetGroup string
		ageGroup    journeys.AgeGroup
	}{
		{"bup-as-is", journeys.KindAsIs, "Ångest och NPF", journeys.AgeChild},
		{"bup-to-be", journeys.KindToBe, "Ångest och NPF", journeys.AgeChild},
		{"vuxen-as-is", journeys.KindAsIs, "Beroende", journeys.AgeAdult},
		{"vuxen-lived", journeys.KindLived, "beroende", journeys.AgeAdult},
		{"vuxen-to-be", journeys.KindToBe, "Beroende", journeys.AgeAdult},
	} {
		j := GenerateJourney(x.id, 4, "a")
		j.Kind, j.TargetGroup, j.AgeGroup = x.kind, x.targetGroup, x.ageGroup
		mustPutJourney(t, s, "p1", j)
	}

	for _, tt := range []struct {
		name   string
		filter journeys.JourneyFilter
		want   []string
	}{
		{"All", journeys.JourneyFilter{}, []string{"bup-as-is", "bup-to-be", "vuxen-as-is", "vuxen-lived", "vuxen-to-be"}},
		{"Kind", journeys.JourneyFilter{Kind: journeys.KindToBe}, []string{"bup-to-be", "vuxen-to-be"}},
		{"TargetGroupAnyCase", journeys.JourneyFilter{TargetGroup: "BEROENDE"}, []string{"vuxen-as-is", "vuxen-lived", "vuxen-to-be"}},
		{"AgeGroup", journeys.JourneyFilter{AgeGroup: journeys.AgeChild}, []string{"bup-as-is", "bup-to-be"}},
		{"Combined", journeys.JourneyFilter{Kind: journeys.KindAsIs, AgeGroup: journeys.AgeAdult}, []string{"vuxen-as-is"}},
		{"None", journeys.JourneyFilter{Kind: journeys.KindLived, AgeGroup: journeys.AgeChild}, []string{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			testPages(t, "ListJourneys", tt.want, summaryID,
				func(page journeys.Page) (*journeys.List[journeys.JourneySummary], error) {
					return s.ListJourneys(ctx, "p1", tt.filter, page)
				})
		})
	}

	t.Run("Summary", func(t *testing.T) {
		list, err := s.ListJourneys(ctx, "p1", journeys.JourneyFilter{Kind: journeys.KindLived}, journeys.Page{})
		if err != nil || len(list.Items) != 1 {
			t.Fatalf("ListJourneys(kind lived) = %v, %v; want one journey", list, err)
		}
		got := list.Items[0]
		want := mustGetJourney(t, s, "p1", "vuxen-lived").Summary()
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("ListJourneys(kind lived) summary mismatch (-want +got):\n%s", diff)
		}
		if got.Steps != 4 || got.Handovers != 3 || got.Version != 1 || !strings.HasPrefix(got.Title, "Resa vuxen-lived") {
			t.Errorf("ListJourneys(kind lived) = %+v; want 4 steps, 3 hand-overs, version 1", got)
		}
	})
}
