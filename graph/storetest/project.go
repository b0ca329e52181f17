package storetest

import (
	"errors"
	"testing"

	"github.com/glapp/glapp/journeys"
	"github.com/google/go-cmp/cmp"
)

func testProjects(t *testing.T, open opener) {
	t.Run("OK", func(t *testing.T) {
		s := open(t)
		in := &journeys.Project{ID: "samordning-vast", Name: "Samordnad vård", Description: "Region Väst"}
		created, err := s.CreateProject(t.Context(), in)
		if err != nil {
			t.Fatalf("CreateProject(%q) = %v; want nil error", in.ID, err)
		}
		if created.Version != 1 || created.CreatedAt.IsZero() || !created.UpdatedAt.Equal(created.CreatedAt) {
			t.Errorf("CreateProject(%q) = version %d, created %v, updated %v; want version 1 and equal non-zero times",
				in.ID, created.Version, created.CreatedAt, created.UpdatedAt)
		}
		if created.Name != in.Name || created.Description != in.Description {
			t.Errorf("CreateProject(%q) = %+v; want the name and description given", in.ID, created)
		}
		got, err := s.GetProject(t.Context(), in.ID)
		if err != nil {
			t.Fatalf("GetProject(%q) = %v; want nil error", in.ID, err)
		}
		if diff := cmp.Diff(created, got); diff != "" {
			t.Errorf("GetProject(%q) mismatch (-want +got):\n%s", in.ID, diff)
		}
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		s := open(t)
		_, err := s.CreateProject(t.Context(), &journeys.Project{ID: "bad id"})
		wantCode(t, err, journeys.Invalid, "CreateProject(%q)", "bad id")
		wantPointer(t, err, "/id", "CreateProject(%q)", "bad id")
		wantPointer(t, err, "/name", "CreateProject(%q)", "bad id")
		list, err := s.ListProjects(t.Context(), journeys.Page{})
		if err != nil || len(list.Items) != 0 {
			t.Errorf("ListProjects() = %v, %v; want no projects", list, err)
		}
	})

	t.Run("ErrConflict", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p1")
		_, err := s.CreateProject(t.Context(), &journeys.Project{ID: "p1", Name: "Another"})
		wantCode(t, err, journeys.Conflict, "CreateProject(%q) again", "p1")
		if got, err := s.GetProject(t.Context(), "p1"); err != nil || got.Name != "Projekt p1" {
			t.Errorf("GetProject(%q) = %+v, %v; want the first project untouched", "p1", got, err)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		_, err := s.GetProject(ctx, "nope")
		wantCode(t, err, journeys.NotFound, "GetProject(%q)", "nope")
		_, err = s.UpdateProject(ctx, "nope", func(p *journeys.Project) error { p.Name = "x"; return nil })
		wantCode(t, err, journeys.NotFound, "UpdateProject(%q)", "nope")
		wantCode(t, s.DeleteProject(ctx, "nope"), journeys.NotFound, "DeleteProject(%q)", "nope")

		// Everything inside a project that does not exist is NOT_FOUND too.
		j := GenerateJourney("j1", 3, "a")
		calls := map[string]func() error{
			"PutActor":    func() error { _, _, err := s.PutActor(ctx, "nope", &j.Actors[0]); return err },
			"GetActor":    func() error { _, err := s.GetActor(ctx, "nope", "reg"); return err },
			"ListActors":  func() error { _, err := s.ListActors(ctx, "nope", journeys.Page{}); return err },
			"DeleteActor": func() error { return s.DeleteActor(ctx, "nope", "reg") },
			"PutJourney": func() error {
				_, _, err := s.PutJourney(ctx, "nope", j, journeys.Precondition{})
				return err
			},
			"GetJourney": func() error { _, err := s.GetJourney(ctx, "nope", "j1"); return err },
			"UpdateJourney": func() error {
				_, err := s.UpdateJourney(ctx, "nope", "j1", journeys.Precondition{}, func(*journeys.Journey) error { return nil })
				return err
			},
			"DeleteJourney": func() error { return s.DeleteJourney(ctx, "nope", "j1", journeys.Precondition{}) },
			"ListJourneys": func() error {
				_, err := s.ListJourneys(ctx, "nope", journeys.JourneyFilter{}, journeys.Page{})
				return err
			},
			"EachJourney": func() error {
				return s.EachJourney(ctx, "nope", func(*journeys.Journey) error { return nil })
			},
			"PutSource": func() error {
				_, _, err := s.PutSource(ctx, "nope", &journeys.Source{ID: "int-01", Kind: journeys.SourceInterview})
				return err
			},
			"GetSource":    func() error { _, err := s.GetSource(ctx, "nope", "int-01"); return err },
			"ListSources":  func() error { _, err := s.ListSources(ctx, "nope", journeys.Page{}); return err },
			"DeleteSource": func() error { return s.DeleteSource(ctx, "nope", "int-01") },
		}
		for name, call := range calls {
			wantCode(t, call(), journeys.NotFound, "%s(%q, ...)", name, "nope")
		}
	})

	t.Run("Update", func(t *testing.T) {
		s := open(t)
		created := mustCreateProject(t, s, "p1")
		ctx := t.Context()

		got, err := s.UpdateProject(ctx, "p1", func(p *journeys.Project) error {
			p.Name, p.Description = "Nytt namn", "Ny beskrivning"
			p.Version, p.CreatedAt = 99, p.CreatedAt.AddDate(-1, 0, 0) // server fields: ignored
			return nil
		})
		if err != nil {
			t.Fatalf("UpdateProject(%q) = %v; want nil error", "p1", err)
		}
		if got.Name != "Nytt namn" || got.Description != "Ny beskrivning" || got.Version != 2 || !got.CreatedAt.Equal(created.CreatedAt) {
			t.Errorf("UpdateProject(%q) = %+v; want the new name and description, version 2, createdAt %v", "p1", got, created.CreatedAt)
		}
		if read, err := s.GetProject(ctx, "p1"); err != nil || !cmp.Equal(read, got) {
			t.Errorf("GetProject(%q) = %+v, %v; want %+v", "p1", read, err, got)
		}

		same, err := s.UpdateProject(ctx, "p1", func(*journeys.Project) error { return nil })
		if err != nil || !cmp.Equal(same, got) {
			t.Errorf("UpdateProject(%q, no change) = %+v, %v; want %+v unchanged", "p1", same, err, got)
		}

		_, err = s.UpdateProject(ctx, "p1", func(p *journeys.Project) error { p.Name = ""; return nil })
		wantCode(t, err, journeys.Invalid, "UpdateProject(%q, empty name)", "p1")
		wantPointer(t, err, "/name", "UpdateProject(%q, empty name)", "p1")

		_, err = s.UpdateProject(ctx, "p1", func(p *journeys.Project) error { p.ID = "p2"; return nil })
		wantCode(t, err, journeys.Invalid, "UpdateProject(%q, new id)", "p1")

		errStop := errors.New("stop")
		_, err = s.UpdateProject(ctx, "p1", func(p *journeys.Project) error { p.Name = "Halvvägs"; return errStop })
		if !errors.Is(err, errStop) {
			t.Errorf("UpdateProject(%q, failing fn) = %v; want fn's error", "p1", err)
		}

		if read, err := s.GetProject(ctx, "p1"); err != nil || !cmp.Equal(read, got) {
			t.Errorf("GetProject(%q) after refused updates = %+v, %v; want %+v", "p1", read, err, got)
		}
		if _, err := s.GetProject(ctx, "p2"); journeys.ErrorCode(err) != journeys.NotFound {
			t.Errorf("GetProject(%q) = %v; want NOT_FOUND", "p2", err)
		}
	})

	t.Run("List", func(t *testing.T) {
		s := open(t)
		for _, id := range []string{"p3", "p1", "p5", "p2", "p4"} {
			mustCreateProject(t, s, id)
		}
		testPages(t, "ListProjects", []string{"p1", "p2", "p3", "p4", "p5"}, projectID,
			func(page journeys.Page) (*journeys.List[journeys.Project], error) {
				return s.ListProjects(t.Context(), page)
			})
	})

	t.Run("Delete", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		mustCreateProject(t, s, "p1")
		mustPutJourney(t, s, "p1", GenerateJourney("j1", 5, "a"))
		mustPutActor(t, s, "p1", journeys.Actor{ID: "bup", Name: "BUP", Sector: journeys.SectorRegion, Kind: "bup"})
		if _, _, err := s.PutSource(ctx, "p1", &journeys.Source{ID: "int-01", Kind: journeys.SourceInterview}); err != nil {
			t.Fatalf("PutSource(%q, %q) = %v; want nil error", "p1", "int-01", err)
		}

		if err := s.DeleteProject(ctx, "p1"); err != nil {
			t.Fatalf("DeleteProject(%q) = %v; want nil error", "p1", err)
		}
		_, err := s.GetProject(ctx, "p1")
		wantCode(t, err, journeys.NotFound, "GetProject(%q) after delete", "p1")

		// A project created again with the same id starts empty.
		mustCreateProject(t, s, "p1")
		_, err = s.GetJourney(ctx, "p1", "j1")
		wantCode(t, err, journeys.NotFound, "GetJourney(%q, %q) in re-created project", "p1", "j1")
		if l, err := s.ListActors(ctx, "p1", journeys.Page{}); err != nil || len(l.Items) != 0 {
			t.Errorf("ListActors(%q) in re-created project = %v, %v; want empty", "p1", l, err)
		}
		if l, err := s.ListSources(ctx, "p1", journeys.Page{}); err != nil || len(l.Items) != 0 {
			t.Errorf("ListSources(%q) in re-created project = %v, %v; want empty", "p1", l, err)
		}
		if l, err := s.ListJourneys(ctx, "p1", journeys.JourneyFilter{}, journeys.Page{}); err != nil || len(l.Items) != 0 {
			t.Errorf("ListJourneys(%q) in re-created project = %v, %v; want empty", "p1", l, err)
		}
	})
}
