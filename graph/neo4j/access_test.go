package neo4j

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/glapp/glapp/journeys"
)

// t0 is the time the clock of these tests starts at.
var t0 = time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)

// clockedStore returns a store on a new fakeDB whose clock reads *now, so that a test can
// move time.
func clockedStore(t *testing.T, now *time.Time) (*Store, *fakeDB) {
	t.Helper()
	s, db := newFakeStore(t)
	s.Now = func() time.Time { return *now }
	return s, db
}

// TestAuditIDs checks that ids sort by time whatever the order of their other parts, and
// that a time filter's bounds fall exactly between the ids of entries on either side.
func TestAuditIDs(t *testing.T) {
	// The later entry is made first, so that its sequence number is the lower one.
	later := newAuditID(t0.Add(time.Nanosecond))
	atT0 := newAuditID(t0)
	if later <= atT0 {
		t.Errorf("newAuditID(t0+1ns) = %q; want it above newAuditID(t0) = %q, made after it", later, atT0)
	}
	for _, id := range []string{later, atT0} {
		if len(id) != 48 || strings.Trim(id, "0123456789abcdef") != "" || id >= auditIDCeiling {
			t.Errorf("newAuditID() = %q; want 48 lower-case hex digits, below %q", id, auditIDCeiling)
		}
	}
	if key := auditTimeKey(t0); !strings.HasPrefix(atT0, key) || later < key {
		t.Errorf("auditTimeKey(t0) = %q; want the prefix of the ids at t0, and below the ids after t0", key)
	}
	if key := auditTimeKey(t0.Add(time.Nanosecond)); atT0 >= key {
		t.Errorf("auditTimeKey(t0+1ns) = %q; want it above the ids at t0, such as %q", key, atT0)
	}
}

// TestAuditRollsBackWithTheWrite checks that the audit entry is part of the write's
// transaction: when appending it fails, the write is undone too.
func TestAuditRollsBackWithTheWrite(t *testing.T) {
	s, db := newFakeStore(t)
	mustCreate(t, s, "p1")
	db.before = func(st statement, _ *fakeState) error {
		if st == qAuditAppend {
			return constraintViolation("AuditEntry", "(projectId, id)")
		}
		return nil
	}
	_, _, err := s.PutActor(t.Context(), "p1", &journeys.Actor{ID: "vc", Name: "Vårdcentral", Sector: journeys.SectorRegion})
	if journeys.ErrorCode(err) != journeys.Conflict {
		t.Errorf("PutActor() whose audit entry is refused = %v; want CONFLICT", err)
	}
	db.before = nil
	if _, err := s.GetActor(t.Context(), "p1", "vc"); journeys.ErrorCode(err) != journeys.NotFound {
		t.Errorf("GetActor() after the refused write = %v; want NOT_FOUND", err)
	}
	list, err := s.ListAudit(t.Context(), "p1", journeys.AuditFilter{}, journeys.Page{})
	if err != nil || len(list.Items) != 1 || list.Items[0].Action != "project.create" {
		t.Errorf("ListAudit() = %+v, %v; want only project.create", list, err)
	}
}

// TestIdempotencyClock covers how this store purges expired keys; the expiry rules
// themselves are in the contract suite (storetest.RunClock).
func TestIdempotencyClock(t *testing.T) {
	t.Run("Purge", func(t *testing.T) {
		now := t0
		s, db := clockedStore(t, &now)
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
		if got := countClaims(db); got != 21 {
			t.Errorf("records at exactly the TTL = %d; want 21, none old enough to purge", got)
		}
		now = now.Add(time.Second)
		for i, want := range []int{21 - purgeBatch + 1, 21 - 2*purgeBatch + 2, 4} {
			if _, err := s.ClaimIdempotencyKey(t.Context(), string(rune('A'+i)), "body", "claim-1"); err != nil {
				t.Fatal(err)
			}
			if got := countClaims(db); got != want {
				t.Errorf("records after claim %d past the TTL = %d; want %d", i+1, got, want)
			}
		}
	})

	t.Run("ClaimOfAnExpiredKeySurvivesThePurge", func(t *testing.T) {
		now := t0
		s, db := clockedStore(t, &now)
		if _, err := s.ClaimIdempotencyKey(t.Context(), "k", "body-1", "claim-1"); err != nil {
			t.Fatal(err)
		}
		now = t0.Add(journeys.IdempotencyTTL + time.Second)
		db.resetLog()
		if got, err := s.ClaimIdempotencyKey(t.Context(), "k", "body-2", "claim-1"); err != nil || got != nil {
			t.Fatalf("claim of an expired key = %+v, %v; want nil, nil", got, err)
		}
		if want := []string{"idempotency_claim.cypher", "idempotency_prune.cypher"}; !slices.Equal(db.statementsRun(), want) {
			t.Errorf("ClaimIdempotencyKey() ran %q; want %q, in one transaction", db.statementsRun(), want)
		}
		if got, err := s.ClaimIdempotencyKey(t.Context(), "k", "body-1", "claim-1"); err != nil || got == nil || got.RequestHash != "body-2" {
			t.Errorf("claim after the renewed claim = %+v, %v; want the claim of body-2, not purged", got, err)
		}
	})
}

// countClaims returns the number of idempotency records in db.
func countClaims(db *fakeDB) int {
	db.mu.Lock()
	defer db.mu.Unlock()
	return len(db.state.idempotency)
}

// TestPruneBatches checks that pruning a backlog larger than one batch deletes all of it,
// one bounded transaction after another.
func TestPruneBatches(t *testing.T) {
	defer func(n int) { pruneBatch = n }(pruneBatch)
	pruneBatch = 3
	now := t0
	s, db := clockedStore(t, &now)
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
	db.resetLog()
	if n, err := s.PruneAudit(t.Context(), now); n != 10 || err != nil {
		t.Errorf("PruneAudit() of 10 older entries with batches of 3 = %d, %v; want 10, nil", n, err)
	}
	if n, err := s.PruneIdempotencyKeys(t.Context(), now); n != 10 || err != nil {
		t.Errorf("PruneIdempotencyKeys() of 10 older records with batches of 3 = %d, %v; want 10, nil", n, err)
	}
	want := []string{"audit_prune.cypher", "audit_prune.cypher", "audit_prune.cypher", "audit_prune.cypher",
		"idempotency_prune.cypher", "idempotency_prune.cypher", "idempotency_prune.cypher", "idempotency_prune.cypher"}
	if got := db.statementsRun(); !slices.Equal(got, want) {
		t.Errorf("statements of the prunes = %q; want four transactions each", got)
	}
	if got := countClaims(db); got != 0 {
		t.Errorf("records after pruning = %d; want 0", got)
	}
	list, err := s.ListAudit(t.Context(), "p", journeys.AuditFilter{}, journeys.Page{})
	if err != nil || len(list.Items) != 1 || !list.Items[0].Time.Equal(now) {
		t.Errorf("ListAudit(%q) after pruning = %+v, %v; want the one newer entry", "p", list, err)
	}
}
