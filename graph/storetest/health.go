package storetest

import (
	"testing"

	"github.com/glapp/glapp/journeys"
)

// testHealth checks what Ping and Check promise of a sound store: Ping answers, and
// Check finds no problem, counts something once there is data, and counts more when
// more is stored. How a store finds and reports damage depends on how it keeps its data;
// each store tests that with its own internals.
func testHealth(t *testing.T, open opener) {
	t.Run("Sound", func(t *testing.T) {
		s := open(t)
		if err := s.Ping(t.Context()); err != nil {
			t.Fatalf("Ping() on a new store = %v; want nil", err)
		}
		empty := mustCheck(t, s)
		mustCreateProject(t, s, "p1")
		mustPutJourney(t, s, "p1", SpecExample(t))
		full := mustCheck(t, s)
		if total(full) <= total(empty) {
			t.Errorf("Check() counts %v with a project and a journey, %v without; want more with them", full.Counts, empty.Counts)
		}
		if err := s.Ping(t.Context()); err != nil {
			t.Errorf("Ping() after Check() = %v; want nil", err)
		}
	})
}

// mustCheck runs Check and fails the test unless it ran and found the store sound.
func mustCheck(t *testing.T, s journeys.Store) *journeys.CheckResult {
	t.Helper()
	r, err := s.Check(t.Context())
	if err != nil {
		t.Fatalf("Check() = %v; want nil error", err)
	}
	if !r.Sound() {
		t.Fatalf("Check() on a sound store found problems %q (and %d more); want none", r.Problems, r.Omitted)
	}
	if len(r.Counts) == 0 || r.Store == "" {
		t.Errorf("Check() = %+v; want it to name the store and count what it holds", r)
	}
	return r
}

// total sums a check result's counts.
func total(r *journeys.CheckResult) int64 {
	var n int64
	for _, c := range r.Counts {
		n += c.N
	}
	return n
}
