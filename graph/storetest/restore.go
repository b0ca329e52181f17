package storetest

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/glapp/glapp/journeys"
	"github.com/google/go-cmp/cmp"
)

// testRestore checks what copying a store ("glapp migrate") needs from each store:
// every token with its hash out and back in as it was, and every audit entry out and
// back in with its id, time and outcome, twice without change.
func testRestore(t *testing.T, open opener) {
	t.Run("Tokens", func(t *testing.T) {
		src, dst := open(t), open(t)
		expired := &journeys.Token{ID: "tok_old", Name: "Gammal", Role: journeys.RoleAnalyst, Projects: []string{"p"},
			CreatedAt: time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC), Hash: "hash-old"}
		until := expired.CreatedAt.Add(time.Hour)
		expired.ExpiresAt = &until
		mustCreateToken(t, src, newToken("tok_2", "hash-2"))
		mustCreateToken(t, src, &journeys.Token{ID: "tok_1", Name: "Admin", Role: journeys.RoleAdmin, Hash: "hash-1"})
		if created, err := src.RestoreToken(t.Context(), expired); err != nil || !created {
			t.Fatalf("RestoreToken(an expired token) = %v, %v; want true, nil", created, err)
		}
		var all []*journeys.Token
		if err := src.EachToken(t.Context(), func(tok *journeys.Token) error { all = append(all, tok); return nil }); err != nil {
			t.Fatalf("EachToken() = %v; want nil error", err)
		}
		ids := make([]string, 0, len(all))
		for _, tok := range all {
			ids = append(ids, tok.ID+"/"+tok.Hash)
		}
		if want := []string{"tok_1/hash-1", "tok_2/hash-2", "tok_old/hash-old"}; !slices.Equal(ids, want) {
			t.Fatalf("EachToken() gave %q; want %q, in id order with hashes", ids, want)
		}
		for _, tok := range all {
			if created, err := dst.RestoreToken(t.Context(), tok); err != nil || !created {
				t.Fatalf("RestoreToken(%q) = %v, %v; want true, nil", tok.ID, created, err)
			}
			got, err := dst.TokenByHash(t.Context(), tok.Hash)
			if err != nil || !got.SameAs(tok) {
				t.Errorf("TokenByHash(%q) after RestoreToken = %+v, %v; want %+v", tok.Hash, got, err, tok)
			}
			if created, err := dst.RestoreToken(t.Context(), tok); err != nil || created {
				t.Errorf("RestoreToken(%q) again = %v, %v; want false, nil", tok.ID, created, err)
			}
		}
		if got := auditLog(t, dst, journeys.SystemAuditProject); len(got) != 0 {
			t.Errorf("RestoreToken wrote %d audit entries; want none (the log is copied apart)", len(got))
		}
		other := *all[0]
		other.Hash = "hash-other"
		_, err := dst.RestoreToken(t.Context(), &other)
		wantCode(t, err, journeys.Conflict, "RestoreToken(a taken id with another hash)")
		other = *all[0]
		other.ID = "tok_9"
		_, err = dst.RestoreToken(t.Context(), &other)
		wantCode(t, err, journeys.Conflict, "RestoreToken(another id with a taken hash)")
		other.ID, other.Hash, other.CreatedAt = "tok_8", "hash-8", time.Time{}
		_, err = dst.RestoreToken(t.Context(), &other)
		wantCode(t, err, journeys.Internal, "RestoreToken(no creation time)")
	})

	t.Run("Audit", func(t *testing.T) {
		src, dst := open(t), open(t)
		ctx := journeys.WithPrincipal(t.Context(), lead)
		mustCreateProject(t, src, "p")
		mustNoError(t, putActor(auditActor)(journeys.WithRequestID(ctx, "req-1"), src))
		mustCreateProject(t, src, "q")
		mustNoError(t, src.DeleteProject(ctx, "q"))
		mustCreateToken(t, src, newToken("tok_1", "hash-1"))
		refused := journeys.AuditEntry{Token: "tok_x", Project: "p", Action: "journey.put", Objects: []string{"resa"}, Outcome: string(journeys.Forbidden), RequestID: "req-2"}
		mustNoError(t, src.RecordAudit(ctx, &refused))
		// An entry with an id of another store's form, which sorts by its time as well.
		at := time.Date(2025, 5, 6, 7, 8, 9, 0, time.UTC)
		foreign := journeys.AuditEntry{ID: fmt.Sprintf("%016x%08x", at.UnixNano(), 7), Time: at, Token: "tok_y", Project: "p", Action: "actor.delete", Objects: []string{"vc"}, Outcome: journeys.OutcomeOK, RequestID: "req-3"}
		if n, err := src.RestoreAudit(t.Context(), []journeys.AuditEntry{foreign}); err != nil || n != 1 {
			t.Fatalf("RestoreAudit(an entry with a foreign id) = %d, %v; want 1, nil", n, err)
		}

		var all []journeys.AuditEntry
		if err := src.EachAuditEntry(t.Context(), func(e *journeys.AuditEntry) error { all = append(all, *e); return nil }); err != nil {
			t.Fatalf("EachAuditEntry() = %v; want nil error", err)
		}
		logs := []string{journeys.SystemAuditProject, "p", "q"}
		var want []journeys.AuditEntry
		for _, id := range logs {
			l := auditLog(t, src, id)
			slices.Reverse(l)
			want = append(want, l...)
		}
		if len(want) < 6 {
			t.Fatalf("the source holds %d audit entries; want at least 6 to copy", len(want))
		}
		if diff := cmp.Diff(want, all); diff != "" {
			t.Errorf("EachAuditEntry() differs from every log oldest first, by project (-want +got):\n%s", diff)
		}
		var requests []string
		for _, e := range all {
			if e.RequestID != "" {
				requests = append(requests, e.RequestID)
			}
		}
		if slices.Sort(requests); !slices.Equal(requests, []string{"req-1", "req-2", "req-3"}) {
			t.Errorf("EachAuditEntry() request ids = %q; want those written and restored, req-1 to req-3", requests)
		}

		if n, err := dst.RestoreAudit(t.Context(), all); err != nil || n != len(all) {
			t.Fatalf("RestoreAudit(%d entries) = %d, %v; want %d, nil", len(all), n, err, len(all))
		}
		if n, err := dst.RestoreAudit(t.Context(), all); err != nil || n != 0 {
			t.Errorf("RestoreAudit() again = %d, %v; want 0, nil", n, err)
		}
		for _, id := range logs {
			if diff := cmp.Diff(auditLog(t, src, id), auditLog(t, dst, id)); diff != "" {
				t.Errorf("audit log %q after RestoreAudit differs (-src +dst):\n%s", id, diff)
			}
		}
		_, err := dst.RestoreAudit(t.Context(), []journeys.AuditEntry{{Project: "p", Action: "actor.put", Time: at}})
		wantCode(t, err, journeys.Internal, "RestoreAudit(an entry without an id)")
	})
}
