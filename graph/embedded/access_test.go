package embedded

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/glapp/glapp/journeys"
	bolt "go.etcd.io/bbolt"
)

// t0 is the time the clock of these tests starts at.
var t0 = time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)

// clockedStore opens a store whose clock reads *now, so that a test can move time.
func clockedStore(t *testing.T, now *time.Time) *Store {
	t.Helper()
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatalf("Open() = %v; want nil error", err)
	}
	t.Cleanup(func() { s.Close() })
	s.Now = func() time.Time { return *now }
	return s
}

// TestIdempotencyClock covers how this store purges expired keys; the expiry rules
// themselves are in the contract suite (storetest.RunClock).
func TestIdempotencyClock(t *testing.T) {
	t.Run("Purge", func(t *testing.T) {
		now := t0
		s := clockedStore(t, &now)
		for i := range 20 {
			if _, err := s.ClaimIdempotencyKey(t.Context(), string(rune('a'+i)), "body", "claim-1"); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.CompleteIdempotencyKey(t.Context(), "a", "claim-1", &journeys.IdempotentResponse{Status: 201}); err != nil {
			t.Fatal(err)
		}
		now = t0.Add(journeys.IdempotencyTTL)
		if _, err := s.ClaimIdempotencyKey(t.Context(), "fresh", "body", "claim-1"); err != nil {
			t.Fatal(err)
		}
		if got := countClaims(t, s); got != 21 {
			t.Errorf("records at exactly the TTL = %d; want 21, none old enough to purge", got)
		}
		now = now.Add(time.Second)
		for i, want := range []int{21 - purgeBatch + 1, 21 - 2*purgeBatch + 2, 4} {
			if _, err := s.ClaimIdempotencyKey(t.Context(), string(rune('A'+i)), "body", "claim-1"); err != nil {
				t.Fatal(err)
			}
			if got := countClaims(t, s); got != want {
				t.Errorf("records after claim %d past the TTL = %d; want %d", i+1, got, want)
			}
		}
	})
}

// countClaims returns the number of idempotency records, after checking that the age
// index holds exactly one entry for each.
func countClaims(t *testing.T, s *Store) int {
	t.Helper()
	var records, ages int
	if err := s.db.View(func(tx *bolt.Tx) error {
		records = tx.Bucket(idempotencyKey).Stats().KeyN
		ages = tx.Bucket(idempotencyAgeKey).Stats().KeyN
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if records != ages {
		t.Errorf("%d idempotency records and %d age index entries; want them in step", records, ages)
	}
	return records
}

// TestOpenOlderFile opens a file written before tokens, audit and idempotency existed,
// whose project also lacks the triage bucket, and uses everything.
func TestOpenOlderFile(t *testing.T) {
	dir := t.TempDir()
	db, err := bolt.Open(filepath.Join(dir, FileName), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(tx *bolt.Tx) error {
		root, err := tx.CreateBucket(projectsKey)
		if err != nil {
			return err
		}
		p, err := root.CreateBucket([]byte("p1"))
		if err != nil {
			return err
		}
		for _, key := range [][]byte{actorsKey, journeysKey, sourcesKey} {
			if _, err := p.CreateBucket(key); err != nil {
				return err
			}
		}
		return putJSON(p, string(metaKey), &journeys.Project{ID: "p1", Name: "Gammalt", Version: 1, CreatedAt: t0, UpdatedAt: t0})
	}); err != nil {
		t.Fatal(err)
	}
	db.Close()

	s, err := Open(dir)
	if err != nil {
		t.Fatalf("Open() of an older file = %v; want nil error", err)
	}
	defer s.Close()
	ctx := t.Context()
	if _, _, err := s.PutTriage(ctx, "p1", &journeys.Triage{Fingerprint: "0123456789abcdef0123456789abcdef", Status: journeys.TriageConfirmed}); err != nil {
		t.Errorf("PutTriage() in an older project = %v; want nil error", err)
	}
	if list, err := s.ListAudit(ctx, "p1", journeys.AuditFilter{}, journeys.Page{}); err != nil || len(list.Items) != 1 {
		t.Errorf("ListAudit() = %+v, %v; want the triage entry", list, err)
	}
	expires := t0.AddDate(100, 0, 0)
	if _, err := s.CreateToken(ctx, &journeys.Token{ID: "tok_1", Name: "Admin", Role: journeys.RoleAdmin, ExpiresAt: &expires, Hash: "h"}); err != nil {
		t.Errorf("CreateToken() = %v; want nil error", err)
	}
	if got, err := s.ClaimIdempotencyKey(ctx, "k", "body", "claim-1"); err != nil || got != nil {
		t.Errorf("ClaimIdempotencyKey() = %+v, %v; want nil, nil", got, err)
	}
}

// TestPruneBatches checks that pruning a backlog larger than one batch deletes all of it,
// one bounded transaction after another.
func TestPruneBatches(t *testing.T) {
	defer func(n int) { pruneBatch = n }(pruneBatch)
	pruneBatch = 3
	now := t0
	s := clockedStore(t, &now)
	for i := range 10 {
		e := &journeys.AuditEntry{Project: []string{"p", "q"}[i%2], Action: "actor.put", Outcome: journeys.OutcomeOK}
		if err := s.RecordAudit(t.Context(), e); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ClaimIdempotencyKey(t.Context(), string(rune('a'+i)), "body", "claim-1"); err != nil {
			t.Fatal(err)
		}
	}
	now = t0.Add(time.Second)
	if err := s.RecordAudit(t.Context(), &journeys.AuditEntry{Project: "p", Action: "actor.put", Outcome: journeys.OutcomeOK}); err != nil {
		t.Fatal(err)
	}
	if n, err := s.PruneAudit(t.Context(), now); n != 10 || err != nil {
		t.Errorf("PruneAudit() of 10 older entries with batches of 3 = %d, %v; want 10, nil", n, err)
	}
	if n, err := s.PruneIdempotencyKeys(t.Context(), now); n != 10 || err != nil {
		t.Errorf("PruneIdempotencyKeys() of 10 older records with batches of 3 = %d, %v; want 10, nil", n, err)
	}
	if got := countClaims(t, s); got != 0 {
		t.Errorf("records after pruning = %d; want 0", got)
	}
	list, err := s.ListAudit(t.Context(), "p", journeys.AuditFilter{}, journeys.Page{})
	if err != nil || len(list.Items) != 1 || !list.Items[0].Time.Equal(now) {
		t.Errorf("ListAudit(%q) after pruning = %+v, %v; want the one newer entry", "p", list, err)
	}
}
