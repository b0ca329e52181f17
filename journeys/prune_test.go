package journeys

import (
	"context"
	"testing"
	"time"
)

// pruneRecorder is an AccessStore that notes the times it is asked to prune before.
type pruneRecorder struct {
	AccessStore
	audit, keys []time.Time
}

func (r *pruneRecorder) PruneAudit(_ context.Context, before time.Time) (int, error) {
	r.audit = append(r.audit, before)
	return 3, nil
}

func (r *pruneRecorder) PruneIdempotencyKeys(_ context.Context, before time.Time) (int, error) {
	r.keys = append(r.keys, before)
	return 2, nil
}

func TestPrune(t *testing.T) {
	now := time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)
	t.Run("Retention", func(t *testing.T) {
		r := &pruneRecorder{}
		got, err := Prune(t.Context(), r, now, DefaultAuditRetention)
		if err != nil || got != (Pruned{AuditEntries: 3, IdempotencyKeys: 2}) {
			t.Errorf("Prune() = %+v, %v; want 3 entries and 2 keys", got, err)
		}
		if want := now.AddDate(0, 0, -400); len(r.audit) != 1 || !r.audit[0].Equal(want) {
			t.Errorf("PruneAudit before %v; want once, before %v", r.audit, want)
		}
		if want := now.Add(-IdempotencyTTL); len(r.keys) != 1 || !r.keys[0].Equal(want) {
			t.Errorf("PruneIdempotencyKeys before %v; want once, before %v", r.keys, want)
		}
	})
	t.Run("KeepAuditForever", func(t *testing.T) {
		r := &pruneRecorder{}
		got, err := Prune(t.Context(), r, now, 0)
		if err != nil || got != (Pruned{IdempotencyKeys: 2}) || len(r.audit) != 0 {
			t.Errorf("Prune(retention 0) = %+v, %v, audit pruned before %v; want the audit log untouched", got, err, r.audit)
		}
	})
}
