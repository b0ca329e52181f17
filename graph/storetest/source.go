package storetest

import (
	"testing"

	"github.com/glapp/glapp/journeys"
	"github.com/google/go-cmp/cmp"
)

func testSources(t *testing.T, open opener) {
	interview := journeys.Source{ID: "int-01", Kind: journeys.SourceInterview, Date: "2026-03-14", ParticipantRole: journeys.RolePatient, Pseudonym: "Deltagare 1"}

	t.Run("OK", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		mustCreateProject(t, s, "p1")

		got, created, err := s.PutSource(ctx, "p1", &interview)
		if err != nil || !created || got.Version != 1 || got.UpdatedAt == nil || !got.SameContent(interview) {
			t.Fatalf("PutSource(%q) = %+v, %v, %v; want the source at version 1 with updatedAt, created", interview.ID, got, created, err)
		}
		read, err := s.GetSource(ctx, "p1", interview.ID)
		if err != nil {
			t.Fatalf("GetSource(%q) = %v; want nil error", interview.ID, err)
		}
		if diff := cmp.Diff(got, read); diff != "" {
			t.Errorf("GetSource(%q) mismatch (-want +got):\n%s", interview.ID, diff)
		}

		same, created, err := s.PutSource(ctx, "p1", &interview)
		if err != nil || created || !cmp.Equal(same, got) {
			t.Errorf("PutSource(%q) again = %+v, %v, %v; want %+v, not created", interview.ID, same, created, err, got)
		}

		changed := interview
		changed.ParticipantRole = journeys.RoleRelative
		next, created, err := s.PutSource(ctx, "p1", &changed)
		if err != nil || created || next.Version != 2 || next.ParticipantRole != journeys.RoleRelative {
			t.Errorf("PutSource(%q) changed = %+v, %v, %v; want version 2, not created", interview.ID, next, created, err)
		}
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p1")
		bad := journeys.Source{ID: "int-02", Kind: "rumour", Date: "14/3/2026"}
		_, _, err := s.PutSource(t.Context(), "p1", &bad)
		wantCode(t, err, journeys.Invalid, "PutSource(%q)", bad.ID)
		wantPointer(t, err, "/kind", "PutSource(%q)", bad.ID)
		wantPointer(t, err, "/date", "PutSource(%q)", bad.ID)
		_, err = s.GetSource(t.Context(), "p1", bad.ID)
		wantCode(t, err, journeys.NotFound, "GetSource(%q) after refused put", bad.ID)
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p1")
		_, err := s.GetSource(t.Context(), "p1", "ghost")
		wantCode(t, err, journeys.NotFound, "GetSource(%q)", "ghost")
		wantCode(t, s.DeleteSource(t.Context(), "p1", "ghost"), journeys.NotFound, "DeleteSource(%q)", "ghost")
	})

	t.Run("List", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p1")
		for _, id := range []string{"ws-2", "int-1", "ws-1"} {
			if _, _, err := s.PutSource(t.Context(), "p1", &journeys.Source{ID: id, Kind: journeys.SourceWorkshop}); err != nil {
				t.Fatalf("PutSource(%q) = %v; want nil error", id, err)
			}
		}
		testPages(t, "ListSources", []string{"int-1", "ws-1", "ws-2"}, sourceID,
			func(page journeys.Page) (*journeys.List[journeys.Source], error) {
				return s.ListSources(t.Context(), "p1", page)
			})
	})

	t.Run("Delete", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		mustCreateProject(t, s, "p1")
		j := mustPutJourney(t, s, "p1", GenerateJourney("resa-1", 12, "a")) // its insights name int-01
		if _, _, err := s.PutSource(ctx, "p1", &interview); err != nil {
			t.Fatalf("PutSource(%q) = %v; want nil error", interview.ID, err)
		}
		if err := s.DeleteSource(ctx, "p1", interview.ID); err != nil {
			t.Fatalf("DeleteSource(%q) = %v; want nil error even though insights name it", interview.ID, err)
		}
		_, err := s.GetSource(ctx, "p1", interview.ID)
		wantCode(t, err, journeys.NotFound, "GetSource(%q) after delete", interview.ID)
		got := mustGetJourney(t, s, "p1", j.ID)
		if got.Version != j.Version || got.Insights[0].Source != interview.ID {
			t.Errorf("GetJourney(%q) after DeleteSource = version %d, insight source %q; want version %d and the id kept",
				j.ID, got.Version, got.Insights[0].Source, j.Version)
		}
	})
}
