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

// TestAuditClock covers what the contract cannot see without the store's clock: entries
// of the same instant, and the exact edges of the time filters, which the store turns
// into a range of ids.
func TestAuditClock(t *testing.T) {
	t.Run("SameInstant", func(t *testing.T) {
		now := t0
		s, _ := clockedStore(t, &now)
		mustCreate(t, s, "p")
		for _, id := range []string{"a1", "a2", "a3"} {
			if _, _, err := s.PutActor(t.Context(), "p", &journeys.Actor{ID: id, Name: id, Sector: journeys.SectorPrivate}); err != nil {
				t.Fatal(err)
			}
		}
		var got []string
		seen := map[string]bool{}
		for page := (journeys.Page{Limit: 1}); ; {
			list, err := s.ListAudit(t.Context(), "p", journeys.AuditFilter{}, page)
			if err != nil {
				t.Fatalf("ListAudit(%+v) = %v; want nil error", page, err)
			}
			for _, e := range list.Items {
				got = append(got, e.Objects[0])
				seen[e.ID] = true
				if !e.Time.Equal(t0) {
					t.Errorf("entry %s at %v; want the store's clock, %v", e.ID, e.Time, t0)
				}
			}
			if list.Next == "" {
				break
			}
			page.Cursor = list.Next
		}
		if want := []string{"a3", "a2", "a1", "p"}; !slices.Equal(got, want) || len(seen) != len(want) {
			t.Errorf("ListAudit() one by one = %q with %d distinct ids; want %q, newest written first, each with its own id", got, len(seen), want)
		}
	})

	t.Run("FilterEdges", func(t *testing.T) {
		now := t0
		s, _ := clockedStore(t, &now)
		for i := range 5 {
			now = t0.Add(time.Duration(i) * time.Second)
			if err := s.RecordAudit(t.Context(), &journeys.AuditEntry{Project: "p", Token: "tok_x", Action: "journey.put", Objects: []string{string(rune('a' + i))}, Outcome: "FORBIDDEN"}); err != nil {
				t.Fatal(err)
			}
		}
		for _, tt := range []struct {
			name   string
			filter journeys.AuditFilter
			want   []string
		}{
			{"SinceIncludes", journeys.AuditFilter{Since: t0.Add(2 * time.Second)}, []string{"e", "d", "c"}},
			{"UntilExcludes", journeys.AuditFilter{Until: t0.Add(2 * time.Second)}, []string{"b", "a"}},
			{"Both", journeys.AuditFilter{Since: t0.Add(time.Second), Until: t0.Add(4 * time.Second)}, []string{"d", "c", "b"}},
			{"NanosecondEdges", journeys.AuditFilter{Since: t0.Add(time.Second + 1), Until: t0.Add(3*time.Second + 1)}, []string{"d", "c"}},
			{"UntilBeforeSince", journeys.AuditFilter{Since: t0.Add(3 * time.Second), Until: t0.Add(time.Second)}, nil},
		} {
			list, err := s.ListAudit(t.Context(), "p", tt.filter, journeys.Page{})
			var got []string
			if err == nil {
				for _, e := range list.Items {
					got = append(got, e.Objects[0])
				}
			}
			if err != nil || !slices.Equal(got, tt.want) {
				t.Errorf("ListAudit(%s) = %q, %v; want %q", tt.name, got, err, tt.want)
			}
		}
		// A page after a cursor and before Until stays below both.
		first, err := s.ListAudit(t.Context(), "p", journeys.AuditFilter{Until: t0.Add(4 * time.Second)}, journeys.Page{Limit: 2})
		if err != nil || len(first.Items) != 2 || first.Next == "" {
			t.Fatalf("ListAudit(Until, limit 2) = %+v, %v; want 2 entries and a next cursor", first, err)
		}
		rest, err := s.ListAudit(t.Context(), "p", journeys.AuditFilter{Until: t0.Add(4 * time.Second)}, journeys.Page{Limit: 2, Cursor: first.Next})
		if err != nil || len(rest.Items) != 2 || rest.Next != "" || rest.Items[0].Objects[0] != "b" {
			t.Errorf("ListAudit(Until, second page) = %+v, %v; want b and a, no next cursor", rest, err)
		}
	})

	t.Run("RecordAudit", func(t *testing.T) {
		now := t0
		s, _ := clockedStore(t, &now)
		e := &journeys.AuditEntry{Project: "p", Token: "tok_x", Action: "journey.put", Outcome: "FORBIDDEN"}
		if err := s.RecordAudit(t.Context(), e); err != nil || e.ID == "" || !e.Time.Equal(t0) {
			t.Errorf("RecordAudit() = %v, entry %+v; want nil error and the id and time set", err, e)
		}
		list, err := s.ListAudit(t.Context(), "p", journeys.AuditFilter{}, journeys.Page{})
		if err != nil || len(list.Items) != 1 || list.Items[0].ID != e.ID || list.Items[0].Objects == nil {
			t.Errorf("ListAudit() = %+v, %v; want the one entry, with objects [] rather than null", list, err)
		}
		if err := s.RecordAudit(t.Context(), &journeys.AuditEntry{Action: "journey.put"}); journeys.ErrorCode(err) != journeys.Internal {
			t.Errorf("RecordAudit(no project) = %v; want INTERNAL", err)
		}
	})
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

// TestIdempotencyClock moves the clock past the pending timeout and the TTL.
func TestIdempotencyClock(t *testing.T) {
	t.Run("Expiry", func(t *testing.T) {
		now := t0
		s, _ := clockedStore(t, &now)
		claim := func(at time.Duration, body string) *journeys.IdempotentResponse {
			t.Helper()
			now = t0.Add(at)
			got, err := s.ClaimIdempotencyKey(t.Context(), "k", body)
			if err != nil {
				t.Fatalf("ClaimIdempotencyKey() at +%v = %v; want nil error", at, err)
			}
			return got
		}
		pending := journeys.IdempotencyPendingTimeout
		if got := claim(0, "body-1"); got != nil {
			t.Fatalf("first claim = %+v; want nil", got)
		}
		if got := claim(pending, "body-1"); got == nil || got.Done {
			t.Errorf("claim at the pending timeout = %+v; want the pending claim, not yet stale", got)
		}
		if got := claim(pending+time.Second, "body-2"); got != nil {
			t.Errorf("claim after the pending timeout = %+v; want nil: a claim never completed frees its key", got)
		}
		if got := claim(pending+2*time.Second, "body-1"); got == nil || got.RequestHash != "body-2" || !got.ClaimedAt.Equal(t0.Add(pending+time.Second)) {
			t.Errorf("claim after a takeover = %+v; want the new claim, of body-2", got)
		}
		if err := s.CompleteIdempotencyKey(t.Context(), "k", &journeys.IdempotentResponse{Status: 201}); err != nil {
			t.Fatal(err)
		}
		ttl := journeys.IdempotencyTTL + pending + time.Second // from the takeover
		if got := claim(ttl, "body-1"); got == nil || !got.Done || got.Status != 201 || got.RequestHash != "body-2" || got.Header != nil || got.Body != nil {
			t.Errorf("claim at the TTL = %+v; want the completed response, kept a day, with no headers or body", got)
		}
		if got := claim(ttl+time.Nanosecond, "body-1"); got != nil {
			t.Errorf("claim after the TTL = %+v; want nil", got)
		}
		if got := claim(ttl+2*time.Nanosecond, "body-3"); got == nil || got.Done || got.Status != 0 || got.CompletedAt != nil || got.RequestHash != "body-1" {
			t.Errorf("claim after a takeover of a completed record = %+v; want the new pending claim of body-1, nothing of the old response", got)
		}
	})

	t.Run("CompleteWithoutClaim", func(t *testing.T) {
		now := t0
		s, _ := clockedStore(t, &now)
		resp := &journeys.IdempotentResponse{RequestHash: "body-1", Status: 201, Body: []byte("{}")}
		if err := s.CompleteIdempotencyKey(t.Context(), "k", resp); err != nil {
			t.Fatal(err)
		}
		got, err := s.ClaimIdempotencyKey(t.Context(), "k", "body-1")
		if err != nil || got == nil || !got.Done || !got.ClaimedAt.Equal(t0) || got.RequestHash != "body-1" || string(got.Body) != "{}" {
			t.Errorf("claim of a key completed without a claim = %+v, %v; want the response, claimed when it was stored", got, err)
		}
	})

	t.Run("Purge", func(t *testing.T) {
		now := t0
		s, db := clockedStore(t, &now)
		for i := range 20 {
			if _, err := s.ClaimIdempotencyKey(t.Context(), string(rune('a'+i)), "body"); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.CompleteIdempotencyKey(t.Context(), "a", &journeys.IdempotentResponse{Status: 201}); err != nil {
			t.Fatal(err)
		}
		now = t0.Add(journeys.IdempotencyTTL)
		if _, err := s.ClaimIdempotencyKey(t.Context(), "fresh", "body"); err != nil {
			t.Fatal(err)
		}
		if got := countClaims(db); got != 21 {
			t.Errorf("records at exactly the TTL = %d; want 21, none old enough to purge", got)
		}
		now = now.Add(time.Second)
		for i, want := range []int{21 - purgeBatch + 1, 21 - 2*purgeBatch + 2, 4} {
			if _, err := s.ClaimIdempotencyKey(t.Context(), string(rune('A'+i)), "body"); err != nil {
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
		if _, err := s.ClaimIdempotencyKey(t.Context(), "k", "body-1"); err != nil {
			t.Fatal(err)
		}
		now = t0.Add(journeys.IdempotencyTTL + time.Second)
		db.resetLog()
		if got, err := s.ClaimIdempotencyKey(t.Context(), "k", "body-2"); err != nil || got != nil {
			t.Fatalf("claim of an expired key = %+v, %v; want nil, nil", got, err)
		}
		if want := []string{"idempotency_claim.cypher", "idempotency_prune.cypher"}; !slices.Equal(db.statementsRun(), want) {
			t.Errorf("ClaimIdempotencyKey() ran %q; want %q, in one transaction", db.statementsRun(), want)
		}
		if got, err := s.ClaimIdempotencyKey(t.Context(), "k", "body-1"); err != nil || got == nil || got.RequestHash != "body-2" {
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
		if _, err := s.ClaimIdempotencyKey(t.Context(), string(rune('a'+i)), "body"); err != nil {
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
