package journeys

import (
	"context"
	"time"
)

// DefaultAuditRetention is how long audit entries are kept unless the server is told
// otherwise: a year and a month, so that a yearly review finds the whole year.
const DefaultAuditRetention = 400 * 24 * time.Hour

// PruneBatch is the most entries or records one pruning transaction deletes, so that
// pruning a long backlog never holds the store's write lock for long.
const PruneBatch = 1000

// Pruned counts what one Prune deleted.
type Pruned struct {
	AuditEntries    int
	IdempotencyKeys int
	// HistoryVersions counts the kept journey versions deleted.
	HistoryVersions int
}

// Retention says how long what Prune deletes is kept; 0 keeps it for ever.
type Retention struct {
	// Audit is how long audit entries are kept.
	Audit time.Duration
	// History is how long a journey version is kept once a write replaced it (or the
	// journey was deleted), unless a baseline holds it.
	History time.Duration
}

// Prune deletes what has outlived its time at now: audit entries older than r.Audit,
// journey versions replaced longer than r.History ago that no baseline holds (Expired),
// and idempotency records older than IdempotencyTTL, which can no longer be replayed.
// Each store deletes in transactions of at most PruneBatch. The server runs it at start
// and then daily.
func Prune(ctx context.Context, b Backend, now time.Time, r Retention) (Pruned, error) {
	var out Pruned
	var err error
	if r.Audit > 0 {
		if out.AuditEntries, err = b.PruneAudit(ctx, now.Add(-r.Audit)); err != nil {
			return out, err
		}
	}
	if r.History > 0 {
		if out.HistoryVersions, err = b.PruneHistory(ctx, now.Add(-r.History)); err != nil {
			return out, err
		}
	}
	out.IdempotencyKeys, err = b.PruneIdempotencyKeys(ctx, now.Add(-IdempotencyTTL))
	return out, err
}
