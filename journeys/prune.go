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
}

// Prune deletes what has outlived its time at now: audit entries older than
// auditRetention (none when it is 0, which keeps the log for ever) and idempotency
// records older than IdempotencyTTL, which can no longer be replayed. The server runs it
// at start and then daily.
func Prune(ctx context.Context, a AccessStore, now time.Time, auditRetention time.Duration) (Pruned, error) {
	var out Pruned
	var err error
	if auditRetention > 0 {
		if out.AuditEntries, err = a.PruneAudit(ctx, now.Add(-auditRetention)); err != nil {
			return out, err
		}
	}
	out.IdempotencyKeys, err = a.PruneIdempotencyKeys(ctx, now.Add(-IdempotencyTTL))
	return out, err
}
