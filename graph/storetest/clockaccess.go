package storetest

import (
	"slices"
	"testing"
	"time"

	"github.com/glapp/glapp/journeys"
)

// t0 is when the audit and idempotency clock tests start.
var t0 = time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)

// testAuditClock covers what needs the store's clock in the audit log: entries of the
// same instant, and the exact edges of the time filters.
func testAuditClock(t *testing.T, open ClockOpener) {
	t.Run("SameInstant", func(t *testing.T) {
		now := t0
		s := open(t, func() time.Time { return now })
		mustCreateProject(t, s, "p")
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
		s := open(t, func() time.Time { return now })
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
		s := open(t, func() time.Time { return now })
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

// testIdempotencyClock moves the clock past the pending timeout and the TTL.
func testIdempotencyClock(t *testing.T, open ClockOpener) {
	t.Run("Expiry", func(t *testing.T) {
		now := t0
		s := open(t, func() time.Time { return now })
		claim := func(at time.Duration, body string) *journeys.IdempotentResponse {
			t.Helper()
			now = t0.Add(at)
			got, err := s.ClaimIdempotencyKey(t.Context(), "k", body, "claim-1")
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
		if err := s.CompleteIdempotencyKey(t.Context(), "k", "claim-1", &journeys.IdempotentResponse{Status: 201}); err != nil {
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

	t.Run("TakenOver", func(t *testing.T) {
		now := t0
		s := open(t, func() time.Time { return now })
		ctx := t.Context()
		claim := func(claim string) *journeys.IdempotentResponse {
			t.Helper()
			got, err := s.ClaimIdempotencyKey(ctx, "k", "body-1", claim)
			if err != nil {
				t.Fatalf("ClaimIdempotencyKey(%q) = %v; want nil error", claim, err)
			}
			return got
		}
		if got := claim("first"); got != nil {
			t.Fatalf("first claim = %+v; want nil", got)
		}
		now = t0.Add(journeys.IdempotencyPendingTimeout + time.Second)
		if got := claim("second"); got != nil {
			t.Fatalf("claim after the pending timeout = %+v; want nil: the stale claim is taken over", got)
		}
		// The first request ends at last: neither its completion nor its release may touch
		// the second's record.
		now = now.Add(time.Second)
		late := &journeys.IdempotentResponse{RequestHash: "body-1", Status: 201, Body: []byte(`{"from":"first"}`)}
		mustNoError(t, s.CompleteIdempotencyKey(ctx, "k", "first", late))
		mustNoError(t, s.ReleaseIdempotencyKey(ctx, "k", "first"))
		if got := claim("retry"); got == nil || got.Done || got.Claim != "second" || got.Status != 0 || got.Body != nil || got.CompletedAt != nil ||
			!got.ClaimedAt.Equal(t0.Add(journeys.IdempotencyPendingTimeout+time.Second)) {
			t.Errorf("retry after the first claim completed late = %+v; want the second claim, pending and untouched", got)
		}
		mustNoError(t, s.CompleteIdempotencyKey(ctx, "k", "second", &journeys.IdempotentResponse{Status: 201, Body: []byte(`{"from":"second"}`)}))
		mustNoError(t, s.CompleteIdempotencyKey(ctx, "k", "first", late))
		mustNoError(t, s.ReleaseIdempotencyKey(ctx, "k", "first"))
		if got := claim("retry"); got == nil || !got.Done || got.Claim != "second" || got.RequestHash != "body-1" || string(got.Body) != `{"from":"second"}` {
			t.Errorf("retry after the second claim completed = %+v; want the second's response", got)
		}
	})

	t.Run("CompleteWithoutClaim", func(t *testing.T) {
		now := t0
		s := open(t, func() time.Time { return now })
		resp := &journeys.IdempotentResponse{RequestHash: "body-1", Status: 201, Body: []byte("{}")}
		if err := s.CompleteIdempotencyKey(t.Context(), "k", "claim-1", resp); err != nil {
			t.Fatal(err)
		}
		got, err := s.ClaimIdempotencyKey(t.Context(), "k", "body-1", "claim-1")
		if err != nil || got == nil || !got.Done || !got.ClaimedAt.Equal(t0) || got.RequestHash != "body-1" || string(got.Body) != "{}" {
			t.Errorf("claim of a key completed without a claim = %+v, %v; want the response, claimed when it was stored", got, err)
		}
	})
}
