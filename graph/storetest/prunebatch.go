package storetest

import (
	"testing"
	"time"

	"github.com/glapp/glapp/journeys"
)

// RunPruneBatches checks that PruneHistory deletes a backlog larger than one batch in
// whole, passing over the versions a baseline holds, across projects. The caller has made
// the store's batch small (3) before calling it, which is why it is apart from Run.
func RunPruneBatches(t *testing.T, s journeys.Backend) {
	ctx := t.Context()
	old := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	held := &journeys.ProjectBaseline{ID: "b", Title: "B", CreatedAt: &old}
	for _, p := range []string{"p1", "p2"} {
		mustCreateProject(t, s, p)
		for _, id := range []string{"a", "b"} {
			for v := int64(1); v <= 4; v++ {
				j := GenerateJourney(id, 2, "a")
				j.Version = v
				if err := s.RestoreVersion(ctx, p, &journeys.PastVersion{Stored: journeys.StoredJourney{Journey: j}, ReplacedAt: old}); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	held.Journeys = []journeys.BaselineJourney{{ID: "a", Version: 2}, {ID: "b", Version: 4}}
	if _, err := s.RestoreBaseline(ctx, "p1", held); err != nil {
		t.Fatal(err)
	}
	n, err := s.PruneHistory(ctx, old.Add(time.Hour))
	if err != nil || n != 14 {
		t.Errorf("PruneHistory() of 16 old versions, 2 held by a baseline, in batches of 3 = %d, %v; want 14", n, err)
	}
	var left []string
	for _, p := range []string{"p1", "p2"} {
		if err := s.EachPastVersion(ctx, p, func(v *journeys.PastVersion) error {
			left = append(left, p+":"+journeys.PinKey(v.Stored.Journey.ID, v.Stored.Journey.Version))
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	if len(left) != 2 || left[0] != "p1:a@2" || left[1] != "p1:b@4" {
		t.Errorf("versions left after the prune = %v; want p1:a@2 and p1:b@4, held by the baseline", left)
	}
}
