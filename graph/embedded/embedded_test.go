package embedded_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/glapp/glapp/graph/embedded"
	"github.com/glapp/glapp/graph/storetest"
	"github.com/glapp/glapp/journeys"
)

// TestStore runs the store contract against the embedded store.
func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T, limits journeys.Limits) journeys.Backend {
		s := mustOpen(t, t.TempDir())
		s.Limits = limits
		return s
	})
}

// TestStoreClock runs the part of the contract that needs the store's clock.
func TestStoreClock(t *testing.T) {
	storetest.RunClock(t, func(t *testing.T, now func() time.Time) journeys.Backend {
		s := mustOpen(t, t.TempDir())
		s.Now = now
		return s
	})
}

// TestStoreBackup runs the part of the contract about Backup: the copy is a glapp.db
// that opens read-only, as "glapp restore" and "glapp check" open it.
func TestStoreBackup(t *testing.T) {
	open := func(t *testing.T) journeys.Backend { return mustOpen(t, t.TempDir()) }
	storetest.RunBackup(t, open, func(t *testing.T, backup []byte) journeys.Backend {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, embedded.FileName), backup, 0o600); err != nil {
			t.Fatal(err)
		}
		s, err := embedded.OpenReadOnly(dir)
		if err != nil {
			t.Fatalf("OpenReadOnly(the backup) = %v; want nil error", err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}

// TestOpen covers what the contract cannot: the data directory, persistence across
// reopening, and a closed store.
func TestOpen(t *testing.T) {
	t.Run("CreatesPrivateDirectory", func(t *testing.T) {
		dir := t.TempDir() + "/data/glapp"
		mustOpen(t, dir)
		info, err := os.Stat(dir)
		if err != nil {
			t.Fatal(err)
		}
		if perm := info.Mode().Perm(); perm != 0o700 {
			t.Errorf("Open(%q) made the directory %v; want -rwx------", dir, perm)
		}
		if _, err := os.Stat(dir + "/" + embedded.FileName); err != nil {
			t.Errorf("Open(%q) left no %s: %v", dir, embedded.FileName, err)
		}
	})

	t.Run("Reopen", func(t *testing.T) {
		dir := t.TempDir()
		fixed := time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)
		s := mustOpen(t, dir)
		s.Now = func() time.Time { return fixed }
		if _, err := s.CreateProject(t.Context(), &journeys.Project{ID: "p1", Name: "Projekt"}); err != nil {
			t.Fatal(err)
		}
		j, _, err := s.PutJourney(t.Context(), "p1", storetest.SpecExample(t), journeys.Precondition{})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil {
			t.Fatalf("Close() = %v; want nil error", err)
		}

		s = mustOpen(t, dir)
		got, err := s.GetJourney(t.Context(), "p1", j.ID)
		if err != nil || !got.SameContent(j) || !got.UpdatedAt.Equal(fixed) {
			t.Errorf("GetJourney(%q) after reopening = %v, %v; want what was written before", j.ID, got, err)
		}
	})

	t.Run("Closed", func(t *testing.T) {
		s := mustOpen(t, t.TempDir())
		if err := s.Ping(t.Context()); err != nil {
			t.Errorf("Ping() = %v; want nil error", err)
		}
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		if err := s.Ping(ctx); journeys.ErrorCode(err) != journeys.Unavailable {
			t.Errorf("Ping(cancelled) = %v; want UNAVAILABLE", err)
		}
		s.Close()
		if err := s.Ping(t.Context()); journeys.ErrorCode(err) != journeys.Unavailable {
			t.Errorf("Ping() after Close = %v; want UNAVAILABLE", err)
		}
	})
}

// mustOpen opens a store in dir and closes it when the test ends.
func mustOpen(tb testing.TB, dir string) *embedded.Store {
	tb.Helper()
	s, err := embedded.Open(dir)
	if err != nil {
		tb.Fatalf("Open(%q) = %v; want nil error", dir, err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}
