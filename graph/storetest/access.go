package storetest

import (
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/glapp/glapp/journeys"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// admin is the principal that manages tokens in these tests.
var admin = journeys.Principal{TokenID: "tok_admin", Role: journeys.RoleAdmin}

// newToken returns a valid lead token for project p, expiring in a day, with the hash of
// a made-up secret.
func newToken(id, hash string) *journeys.Token {
	expires := time.Now().Add(24 * time.Hour).UTC()
	return &journeys.Token{ID: id, Name: "Token " + id, Role: journeys.RoleLead, Projects: []string{"p"}, ExpiresAt: &expires, Hash: hash}
}

// mustCreateToken stores tok or fails the test.
func mustCreateToken(t *testing.T, a journeys.AccessStore, tok *journeys.Token) *journeys.Token {
	t.Helper()
	got, err := a.CreateToken(journeys.WithPrincipal(t.Context(), admin), tok)
	if err != nil {
		t.Fatalf("CreateToken(%q) = %v; want nil error", tok.ID, err)
	}
	return got
}

// ignoreHash compares tokens by what clients may see.
var ignoreHash = cmpopts.IgnoreFields(journeys.Token{}, "Hash")

func testTokens(t *testing.T, open opener) {
	t.Run("OK", func(t *testing.T) {
		a := open(t)
		in := newToken("tok_1", "hash-1")
		created := mustCreateToken(t, a, in)
		if created.CreatedAt.IsZero() {
			t.Errorf("CreateToken(%q).CreatedAt is zero; want the store's clock", in.ID)
		}
		if diff := cmp.Diff(in, created, ignoreHash, cmpopts.IgnoreFields(journeys.Token{}, "CreatedAt")); diff != "" {
			t.Errorf("CreateToken(%q) mismatch (-want +got):\n%s", in.ID, diff)
		}
		got, err := a.TokenByHash(t.Context(), "hash-1")
		if err != nil {
			t.Fatalf("TokenByHash(%q) = %v; want nil error", "hash-1", err)
		}
		if diff := cmp.Diff(created, got, ignoreHash); diff != "" {
			t.Errorf("TokenByHash(%q) mismatch (-created +got):\n%s", "hash-1", diff)
		}
	})

	t.Run("List", func(t *testing.T) {
		a := open(t)
		for _, id := range []string{"tok_3", "tok_1", "tok_2"} {
			mustCreateToken(t, a, newToken(id, "hash-"+id))
		}
		testPages(t, "ListTokens", []string{"tok_1", "tok_2", "tok_3"}, func(tok journeys.Token) string { return tok.ID },
			func(page journeys.Page) (*journeys.List[journeys.Token], error) {
				return a.ListTokens(t.Context(), page)
			})
		list, err := a.ListTokens(t.Context(), journeys.Page{})
		if err != nil {
			t.Fatalf("ListTokens() = %v; want nil error", err)
		}
		for _, tok := range list.Items {
			if tok.Hash != "" {
				t.Errorf("ListTokens() returned %q with hash %q; want no hash", tok.ID, tok.Hash)
			}
		}
	})

	t.Run("ErrConflict", func(t *testing.T) {
		a := open(t)
		mustCreateToken(t, a, newToken("tok_1", "hash-1"))
		ctx := journeys.WithPrincipal(t.Context(), admin)
		_, err := a.CreateToken(ctx, newToken("tok_1", "hash-2"))
		wantCode(t, err, journeys.Conflict, "CreateToken(%q) again", "tok_1")
		_, err = a.CreateToken(ctx, newToken("tok_2", "hash-1"))
		wantCode(t, err, journeys.Conflict, "CreateToken(%q) with a hash taken", "tok_2")
		for hash, want := range map[string]journeys.Code{"hash-1": "", "hash-2": journeys.NotFound} {
			got, err := a.TokenByHash(t.Context(), hash)
			wantCode(t, err, want, "TokenByHash(%q) after refused creates", hash)
			if err == nil && got.ID != "tok_1" {
				t.Errorf("TokenByHash(%q) = %q; want the first token, %q", hash, got.ID, "tok_1")
			}
		}
		if list, err := a.ListTokens(t.Context(), journeys.Page{}); err != nil || len(list.Items) != 1 {
			t.Errorf("ListTokens() after refused creates = %+v, %v; want only %q", list, err, "tok_1")
		}
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		a := open(t)
		past := time.Now().Add(-time.Hour)
		for _, tt := range []struct {
			name    string
			mutate  func(*journeys.Token)
			pointer string
		}{
			{"Expired", func(tok *journeys.Token) { tok.ExpiresAt = &past }, "/expiresAt"},
			{"NoName", func(tok *journeys.Token) { tok.Name = "" }, "/name"},
			{"BadRole", func(tok *journeys.Token) { tok.Role = "root" }, "/role"},
			{"LeadWithoutProjects", func(tok *journeys.Token) { tok.Projects = nil }, "/projects"},
		} {
			tok := newToken("tok_"+tt.name, "hash-"+tt.name)
			tt.mutate(tok)
			_, err := a.CreateToken(t.Context(), tok)
			wantCode(t, err, journeys.Invalid, "CreateToken(%s)", tt.name)
			wantPointer(t, err, tt.pointer, "CreateToken(%s)", tt.name)
			_, err = a.TokenByHash(t.Context(), tok.Hash)
			wantCode(t, err, journeys.NotFound, "TokenByHash(%q) after refused create", tok.Hash)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		a := open(t)
		for _, hash := range []string{"unknown", ""} {
			_, err := a.TokenByHash(t.Context(), hash)
			wantCode(t, err, journeys.NotFound, "TokenByHash(%q)", hash)
		}
		wantCode(t, a.DeleteToken(t.Context(), "ghost"), journeys.NotFound, "DeleteToken(%q)", "ghost")
	})

	t.Run("Delete", func(t *testing.T) {
		a := open(t)
		mustCreateToken(t, a, newToken("tok_1", "hash-1"))
		if err := a.DeleteToken(t.Context(), "tok_1"); err != nil {
			t.Fatalf("DeleteToken(%q) = %v; want nil error", "tok_1", err)
		}
		_, err := a.TokenByHash(t.Context(), "hash-1")
		wantCode(t, err, journeys.NotFound, "TokenByHash(%q) after delete", "hash-1")
		if list, err := a.ListTokens(t.Context(), journeys.Page{}); err != nil || len(list.Items) != 0 {
			t.Errorf("ListTokens() after delete = %+v, %v; want none", list, err)
		}
		wantCode(t, a.DeleteToken(t.Context(), "tok_1"), journeys.NotFound, "DeleteToken(%q) again", "tok_1")
		// The id and the hash are free again.
		mustCreateToken(t, a, newToken("tok_1", "hash-1"))
	})

	t.Run("Audit", func(t *testing.T) {
		a := open(t)
		mustCreateToken(t, a, newToken("tok_1", "hash-1"))
		_, err := a.CreateToken(journeys.WithPrincipal(t.Context(), admin), newToken("tok_1", "hash-2"))
		wantCode(t, err, journeys.Conflict, "CreateToken(%q) again", "tok_1")
		if err := a.DeleteToken(journeys.WithPrincipal(t.Context(), admin), "tok_1"); err != nil {
			t.Fatalf("DeleteToken(%q) = %v; want nil error", "tok_1", err)
		}
		log := auditLog(t, a, journeys.SystemAuditProject)
		if len(log) != 2 {
			t.Fatalf("ListAudit(%q) = %q; want one entry for the create and one for the delete", journeys.SystemAuditProject, ids(log, auditLabel))
		}
		for i, action := range []string{"token.delete", "token.create"} {
			want := journeys.AuditEntry{Token: admin.TokenID, Project: journeys.SystemAuditProject, Action: action, Objects: []string{"tok_1"}, Outcome: journeys.OutcomeOK}
			wantEntry(t, log[i], want, action)
		}
	})
}

func testIdempotency(t *testing.T, open opener) {
	t.Run("ClaimCompleteReplay", func(t *testing.T) {
		a := open(t)
		ctx := t.Context()
		mustClaim(t, a, "k1", "body-1")

		pending, err := a.ClaimIdempotencyKey(ctx, "k1", "body-2", "claim-1")
		if err != nil || pending == nil || pending.Done || pending.Key != "k1" || pending.RequestHash != "body-1" || pending.ClaimedAt.IsZero() {
			t.Fatalf("ClaimIdempotencyKey(%q) while claimed = %+v, %v; want the pending claim of body-1", "k1", pending, err)
		}

		resp := &journeys.IdempotentResponse{Status: 201, Header: map[string]string{"Location": "/api/v1/projects/p"}, Body: []byte(`{"id":"p"}`)}
		if err := a.CompleteIdempotencyKey(ctx, "k1", "claim-1", resp); err != nil {
			t.Fatalf("CompleteIdempotencyKey(%q) = %v; want nil error", "k1", err)
		}
		done, err := a.ClaimIdempotencyKey(ctx, "k1", "body-1", "claim-1")
		if err != nil || done == nil {
			t.Fatalf("ClaimIdempotencyKey(%q) after completion = %v, %v; want the stored response", "k1", done, err)
		}
		if !done.Done || done.CompletedAt == nil || done.RequestHash != "body-1" || !done.ClaimedAt.Equal(pending.ClaimedAt) {
			t.Errorf("ClaimIdempotencyKey(%q) after completion = %+v; want done, completed, for body-1, claimed at %v", "k1", done, pending.ClaimedAt)
		}
		want := journeys.IdempotentResponse{Key: "k1", Claim: "claim-1", Status: resp.Status, Header: resp.Header, Body: resp.Body}
		if diff := cmp.Diff(want, *done, cmpopts.IgnoreFields(journeys.IdempotentResponse{}, "RequestHash", "Done", "ClaimedAt", "CompletedAt")); diff != "" {
			t.Errorf("replayed response mismatch (-want +got):\n%s", diff)
		}

		// Other keys are apart.
		mustClaim(t, a, "k2", "body-1")
	})

	t.Run("Release", func(t *testing.T) {
		a := open(t)
		mustClaim(t, a, "k1", "body-1")
		if err := a.ReleaseIdempotencyKey(t.Context(), "k1", "claim-1"); err != nil {
			t.Fatalf("ReleaseIdempotencyKey(%q) = %v; want nil error", "k1", err)
		}
		mustClaim(t, a, "k1", "body-1")
		if err := a.ReleaseIdempotencyKey(t.Context(), "never-claimed", "claim-1"); err != nil {
			t.Errorf("ReleaseIdempotencyKey(%q) = %v; want nil error for a key no one holds", "never-claimed", err)
		}
	})

	t.Run("Prune", func(t *testing.T) {
		a := open(t)
		ctx := t.Context()
		mustClaim(t, a, "k1", "body-1")
		mustNoError(t, a.CompleteIdempotencyKey(ctx, "k1", "claim-1", &journeys.IdempotentResponse{Status: 201}))
		mustClaim(t, a, "k2", "body-2")
		var claimed []time.Time
		for _, key := range []string{"k1", "k2"} {
			r, err := a.ClaimIdempotencyKey(ctx, key, "body-1", "claim-1")
			if err != nil || r == nil {
				t.Fatalf("ClaimIdempotencyKey(%q) = %+v, %v; want its record", key, r, err)
			}
			claimed = append(claimed, r.ClaimedAt)
		}
		first := slices.MinFunc(claimed, time.Time.Compare)
		if removed, err := a.PruneIdempotencyKeys(ctx, first); err != nil || removed != 0 {
			t.Errorf("PruneIdempotencyKeys(%v) = %d, %v; want 0, nil: no record is older", first, removed, err)
		}
		if r, err := a.ClaimIdempotencyKey(ctx, "k1", "body-1", "claim-1"); err != nil || r == nil || !r.Done {
			t.Errorf("ClaimIdempotencyKey(%q) after a prune that spared it = %+v, %v; want the stored response", "k1", r, err)
		}
		end := slices.MaxFunc(claimed, time.Time.Compare).Add(time.Nanosecond)
		if removed, err := a.PruneIdempotencyKeys(ctx, end); err != nil || removed != 2 {
			t.Errorf("PruneIdempotencyKeys(%v) = %d, %v; want 2, nil", end, removed, err)
		}
		mustClaim(t, a, "k1", "body-1")
		mustClaim(t, a, "k2", "body-2")
	})

	t.Run("ConcurrentClaims", func(t *testing.T) {
		const n = 20
		a := open(t)
		var mu sync.Mutex
		holders, others := 0, 0
		var wg sync.WaitGroup
		for range n {
			wg.Go(func() {
				got, err := a.ClaimIdempotencyKey(t.Context(), "k1", "body-1", "claim-1")
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err != nil:
					t.Errorf("ClaimIdempotencyKey(%q) = %v; want nil error", "k1", err)
				case got == nil:
					holders++
				case got.RequestHash == "body-1":
					others++
				default:
					t.Errorf("ClaimIdempotencyKey(%q) = %+v; want nil or the claim of body-1", "k1", got)
				}
			})
		}
		wg.Wait()
		if holders != 1 || others != n-1 {
			t.Errorf("%d concurrent ClaimIdempotencyKey(%q) = %d holders, %d told it is taken; want 1 and %d", n, "k1", holders, others, n-1)
		}
	})
}

// mustClaim claims a free key or fails the test.
func mustClaim(t *testing.T, a journeys.AccessStore, key, requestHash string) {
	t.Helper()
	if got, err := a.ClaimIdempotencyKey(t.Context(), key, requestHash, "claim-1"); err != nil || got != nil {
		t.Fatalf("ClaimIdempotencyKey(%q) = %+v, %v; want nil, nil: the key is free", key, got, err)
	}
}
