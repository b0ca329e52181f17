package journeys

import (
	"context"
	"testing"
	"time"
)

// pruneRecorder is a Backend that notes the times it is asked to prune before.
type pruneRecorder struct {
	Backend
	audit, keys, history []time.Time
}

func (r *pruneRecorder) PruneAudit(_ context.Context, before time.Time) (int, error) {
	r.audit = append(r.audit, before)
	return 3, nil
}

func (r *pruneRecorder) PruneIdempotencyKeys(_ context.Context, before time.Time) (int, error) {
	r.keys = append(r.keys, before)
	return 2, nil
}

func (r *pruneRecorder) PruneHistory(_ context.Context, before time.Time) (int, error) {
	r.history = append(r.history, before)
	return 4, nil
}

func TestPrune(t *testing.T) {
	now := time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)
	t.Run("Retention", func(t *testing.T) {
		r := &pruneRecorder{}
		got, err := Prune(t.Context(), r, now, Retention{Audit: DefaultAuditRetention, History: 30 * 24 * time.Hour})
		if err != nil || got != (Pruned{AuditEntries: 3, IdempotencyKeys: 2, HistoryVersions: 4}) {
			t.Errorf("Prune() = %+v, %v; want 3 entries, 2 keys and 4 versions", got, err)
		}
		if want := now.AddDate(0, 0, -400); len(r.audit) != 1 || !r.audit[0].Equal(want) {
			t.Errorf("PruneAudit before %v; want once, before %v", r.audit, want)
		}
		if want := now.AddDate(0, 0, -30); len(r.history) != 1 || !r.history[0].Equal(want) {
			t.Errorf("PruneHistory before %v; want once, before %v", r.history, want)
		}
		if want := now.Add(-IdempotencyTTL); len(r.keys) != 1 || !r.keys[0].Equal(want) {
			t.Errorf("PruneIdempotencyKeys before %v; want once, before %v", r.keys, want)
		}
	})
	t.Run("KeepForever", func(t *testing.T) {
		r := &pruneRecorder{}
		got, err := Prune(t.Context(), r, now, Retention{})
		if err != nil || got != (Pruned{IdempotencyKeys: 2}) || len(r.audit) != 0 || len(r.history) != 0 {
			t.Errorf("Prune(retention 0) = %+v, %v, audit pruned before %v, history before %v; want both untouched", got, err, r.audit, r.history)
		}
	})
}

func TestExpired(t *testing.T) {
	cutoff := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	v := &PastVersion{Stored: StoredJourney{Journey: &Journey{ID: "resa", Version: 2}}, ReplacedAt: cutoff.Add(-time.Hour)}
	b := &ProjectBaseline{Journeys: []BaselineJourney{{ID: "resa", Version: 2}}}
	held := func(id string, version int64) bool { return b.Holds(id, version) }
	for _, tt := range []struct {
		name   string
		at     time.Time
		pinned func(string, int64) bool
		want   bool
	}{
		{"ReplacedBefore", cutoff.Add(-time.Hour), nil, true},
		{"ReplacedAtCutoff", cutoff, nil, false},
		{"ReplacedAfter", cutoff.Add(time.Hour), nil, false},
		{"HeldByBaseline", cutoff.Add(-time.Hour), held, false},
		{"OtherVersionHeld", cutoff.Add(-time.Hour), func(string, int64) bool { return false }, true},
	} {
		v.ReplacedAt = tt.at
		if got := Expired(v, cutoff, tt.pinned); got != tt.want {
			t.Errorf("%s: Expired() = %v; want %v", tt.name, got, tt.want)
		}
	}
}
