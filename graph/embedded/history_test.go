package embedded

import (
	"slices"
	"strings"
	"testing"

	"github.com/glapp/glapp/graph/storetest"
	"github.com/glapp/glapp/journeys"
	bolt "go.etcd.io/bbolt"
)

func TestPruneHistoryBatches(t *testing.T) {
	defer func(n int) { historyPruneBatch = n }(historyPruneBatch)
	historyPruneBatch = 3
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	storetest.RunPruneBatches(t, s)
}

// TestCheckBaselineVersions checks that "glapp check" reports a baseline whose version is
// no longer kept: the one thing pruning and purging must never leave behind.
func TestCheckBaselineVersions(t *testing.T) {
	ctx := t.Context()
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.CreateProject(ctx, &journeys.Project{ID: "p", Name: "P"}); err != nil {
		t.Fatal(err)
	}
	j := storetest.GenerateJourney("resa", 3, "a")
	mustPut := func() {
		if _, _, err := s.PutJourney(ctx, "p", j, journeys.Precondition{}); err != nil {
			t.Fatal(err)
		}
	}
	mustPut()
	if _, err := s.CreateBaseline(ctx, "p", journeys.BaselineRequest{ID: "b", Title: "B"}); err != nil {
		t.Fatal(err)
	}
	j.Title = "Ändrad"
	mustPut()
	res, err := s.Check(ctx)
	if err != nil || !res.Sound() {
		t.Fatalf("Check() = %+v, %v; want sound", res, err)
	}
	// Two versions of resa: the one replaced is kept, and one baseline.
	for _, want := range []journeys.CheckCount{{Name: "journeys", N: 1}, {Name: "kept journey versions", N: 1}, {Name: "baselines", N: 1}, {Name: "goals", N: 0}} {
		if !slices.Contains(res.Counts, want) {
			t.Errorf("Check().Counts = %v; want %v among them", res.Counts, want)
		}
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(projectsKey).Bucket([]byte("p")).Bucket(versionsKey).Delete([]byte(versionKey("resa", 1)))
	})
	if err != nil {
		t.Fatal(err)
	}
	res, err = s.Check(ctx)
	if err != nil || len(res.Problems) != 1 || !strings.Contains(res.Problems[0], `baseline "b" holds version 1 of journey "resa"`) {
		t.Errorf("Check() with a held version gone = %+v, %v; want that one problem", res, err)
	}
}
