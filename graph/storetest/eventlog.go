package storetest

import (
	"bytes"
	"fmt"
	"slices"
	"testing"

	"github.com/glapp/glapp/journeys"
)

// testProjectSecret checks the project's pseudonymisation secret: none until first use,
// the first one stored for good (so pseudonyms stay stable), one per project, audited by
// id only, gone with its project.
func testProjectSecret(t *testing.T, open opener) {
	secretA := bytes.Repeat([]byte{0xa1}, journeys.ProjectSecretBytes)
	secretB := bytes.Repeat([]byte{0xb2}, journeys.ProjectSecretBytes)
	t.Run("OK", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		mustCreateProject(t, s, "p")
		mustCreateProject(t, s, "q")
		if got, err := s.ProjectSecret(ctx, "p", nil); err != nil || got != nil {
			t.Fatalf("ProjectSecret(p, nil) of a new project = %x, %v; want nil, nil", got, err)
		}
		if got, err := s.ProjectSecret(ctx, "p", secretA); err != nil || !bytes.Equal(got, secretA) {
			t.Fatalf("ProjectSecret(p, A) = %x, %v; want A", got, err)
		}
		if got, err := s.ProjectSecret(ctx, "p", secretB); err != nil || !bytes.Equal(got, secretA) {
			t.Errorf("ProjectSecret(p, B) after A = %x, %v; want A kept", got, err)
		}
		if got, err := s.ProjectSecret(ctx, "p", nil); err != nil || !bytes.Equal(got, secretA) {
			t.Errorf("ProjectSecret(p, nil) after A = %x, %v; want A", got, err)
		}
		if got, err := s.ProjectSecret(ctx, "q", secretB); err != nil || !bytes.Equal(got, secretB) {
			t.Errorf("ProjectSecret(q, B) = %x, %v; want B: each project has its own", got, err)
		}
		want := []string{"project.secret:", "project.create:p"}
		if got := ids(auditLog(t, s, "p"), auditLabel); !slices.Equal(got, want) {
			t.Errorf("ListAudit(p) = %q; want %q (one entry, for the first use only)", got, want)
		}
	})
	t.Run("GoneWithProject", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		mustCreateProject(t, s, "p")
		if _, err := s.ProjectSecret(ctx, "p", secretA); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteProject(ctx, "p"); err != nil {
			t.Fatal(err)
		}
		mustCreateProject(t, s, "p")
		if got, err := s.ProjectSecret(ctx, "p", nil); err != nil || got != nil {
			t.Errorf("ProjectSecret(p, nil) of a re-created project = %x, %v; want nil, nil", got, err)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		s := open(t)
		_, err := s.ProjectSecret(t.Context(), "nope", secretA)
		wantCode(t, err, journeys.NotFound, "ProjectSecret(missing project)")
		_, err = s.ProjectSecret(t.Context(), "nope", nil)
		wantCode(t, err, journeys.NotFound, "ProjectSecret(missing project, nil)")
	})
	t.Run("ErrWrongLength", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p")
		_, err := s.ProjectSecret(t.Context(), "p", []byte("short"))
		wantCode(t, err, journeys.Internal, "ProjectSecret(5 bytes)")
		if got, _ := s.ProjectSecret(t.Context(), "p", nil); got != nil {
			t.Errorf("a refused secret was stored: %x", got)
		}
	})
}

// testTimeZoneSetting checks the project time zone that lives with the settings: the
// default until set, kept when set, an unknown zone refused.
func testTimeZoneSetting(t *testing.T, open opener) {
	t.Run("OK", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p")
		got, err := s.GetSettings(t.Context(), "p")
		if err != nil || got.TimeZone != journeys.DefaultTimeZone {
			t.Fatalf("GetSettings(p).TimeZone = %v, %v; want %q", got, err, journeys.DefaultTimeZone)
		}
		in := journeys.DefaultSettings()
		in.TimeZone = "Europe/Helsinki"
		if _, err := s.PutSettings(t.Context(), "p", &in); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.GetSettings(t.Context(), "p"); got.TimeZone != "Europe/Helsinki" || got.Location().String() != "Europe/Helsinki" {
			t.Errorf("GetSettings(p).TimeZone after PutSettings = %q; want Europe/Helsinki", got.TimeZone)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p")
		for _, zone := range []string{"Mars/Olympus", "", "Local"} {
			in := journeys.DefaultSettings()
			in.TimeZone = zone
			_, err := s.PutSettings(t.Context(), "p", &in)
			wantPointer(t, err, "/timeZone", "PutSettings(timeZone %q)", zone)
		}
		if got, _ := s.GetSettings(t.Context(), "p"); got.TimeZone != journeys.DefaultTimeZone {
			t.Errorf("a refused zone was stored: %q", got.TimeZone)
		}
	})
}

// testPutJourneys checks writing several journeys in one transaction: each as PutJourney
// would, all or none, unchanged ones untouched, and bounded.
func testPutJourneys(t *testing.T, open opener) {
	t.Run("OK", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		mustCreateProject(t, s, "p")
		a, b := GenerateJourney("a", 3, "x"), GenerateJourney("b", 4, "x")
		mustPutJourney(t, s, "p", GenerateJourney("b", 4, "x")) // b exists as it will be written
		created, err := s.PutJourneys(ctx, "p", []*journeys.Journey{a, b})
		if err != nil || created != 1 {
			t.Fatalf("PutJourneys(a, b) = %d, %v; want 1 created", created, err)
		}
		if got := mustGetJourney(t, s, "p", "a"); got.Version != 1 || len(got.Steps) != 3 {
			t.Errorf("journey a = version %d, %d steps; want version 1, 3 steps", got.Version, len(got.Steps))
		}
		if got := mustGetJourney(t, s, "p", "b"); got.Version != 1 {
			t.Errorf("journey b written unchanged is at version %d; want 1", got.Version)
		}
		b2 := GenerateJourney("b", 5, "y")
		b2.Actors = nil // its actors are stored already
		if created, err := s.PutJourneys(ctx, "p", []*journeys.Journey{b2}); err != nil || created != 0 {
			t.Fatalf("PutJourneys(changed b) = %d, %v", created, err)
		}
		if got := mustGetJourney(t, s, "p", "b"); got.Version != 2 || len(got.Steps) != 5 {
			t.Errorf("changed journey b = version %d, %d steps; want version 2, 5 steps", got.Version, len(got.Steps))
		}
	})
	t.Run("ErrAllOrNone", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p")
		bad := GenerateJourney("bad", 3, "x")
		bad.Steps[1].Actor = "nobody"
		_, err := s.PutJourneys(t.Context(), "p", []*journeys.Journey{GenerateJourney("a", 3, "x"), bad})
		wantCode(t, err, journeys.Invalid, "PutJourneys(good, bad)")
		_, err = s.GetJourney(t.Context(), "p", "a")
		wantCode(t, err, journeys.NotFound, "GetJourney(a) after a refused PutJourneys")
	})
	t.Run("ErrTooMany", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p")
		many := make([]*journeys.Journey, journeys.MaxJourneysPerWrite+1)
		for i := range many {
			many[i] = GenerateJourney(fmt.Sprintf("j%d", i), 1, "x")
		}
		_, err := s.PutJourneys(t.Context(), "p", many)
		wantCode(t, err, journeys.Internal, "PutJourneys(101 journeys)")
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		s := open(t)
		_, err := s.PutJourneys(t.Context(), "nope", []*journeys.Journey{GenerateJourney("a", 3, "x")})
		wantCode(t, err, journeys.NotFound, "PutJourneys(missing project)")
	})
}
