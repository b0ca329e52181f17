package embedded

import (
	"testing"

	"github.com/glapp/glapp/journeys"
)

// TestRaiseStamps checks that RaiseStamps lifts a project's stamp to the floor and never
// lowers it.
func TestRaiseStamps(t *testing.T) {
	ctx := t.Context()
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.CreateProject(ctx, &journeys.Project{ID: "p", Name: "P"}); err != nil {
		t.Fatal(err)
	}
	before, err := s.Stamp(ctx, "p")
	if err != nil {
		t.Fatal(err)
	}
	floor := before.Revision + 1000
	if err := s.RaiseStamps(ctx, floor); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Stamp(ctx, "p"); got != (journeys.Stamp{Revision: floor, Inputs: floor}) {
		t.Errorf("Stamp() after RaiseStamps(%d) = %+v; want both counters at the floor", floor, got)
	}
	if err := s.RaiseStamps(ctx, 1); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Stamp(ctx, "p"); got.Revision != floor {
		t.Errorf("Stamp() after RaiseStamps(1) = %+v; want it not lowered from %d", got, floor)
	}
}
