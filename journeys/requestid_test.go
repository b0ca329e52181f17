package journeys_test

import (
	"strings"
	"testing"

	"github.com/glapp/glapp/journeys"
)

func TestValidRequestID(t *testing.T) {
	for _, tt := range []struct {
		id   string
		want bool
	}{
		{"5f0c2a9e81b3d4c7", true},
		{"req-42.retry_1", true},
		{"0c8a5bd3-6a3e-4f43-9d5e-3a3b1c0f2e11", true},
		{strings.Repeat("a", journeys.MaxRequestIDBytes), true},
		{"", false},
		{strings.Repeat("a", journeys.MaxRequestIDBytes+1), false},
		{"has space", false},
		{"semi;colon", false},
		{"newline\nforged=1", false},
		{"åäö", false},
		{"19121212-1212", false}, // a personal identity number fits the characters
		{"req-191212121212", false},
	} {
		if got := journeys.ValidRequestID(tt.id); got != tt.want {
			t.Errorf("ValidRequestID(%q) = %v; want %v", tt.id, got, tt.want)
		}
	}
}

// TestBoundedDropsBadRequestIDs checks that an entry keeps a valid request id and loses
// any other, however it was made.
func TestBoundedDropsBadRequestIDs(t *testing.T) {
	ctx := journeys.WithRequestID(t.Context(), "req-1")
	if got := journeys.NewAuditEntry(ctx, "p", "actor.put", "a").RequestID; got != "req-1" {
		t.Errorf("NewAuditEntry(ctx with request id %q).RequestID = %q; want it", "req-1", got)
	}
	if got := journeys.NewAuditEntry(t.Context(), "p", "actor.put", "a").RequestID; got != "" {
		t.Errorf("NewAuditEntry(ctx without a request id).RequestID = %q; want empty", got)
	}
	for _, id := range []string{"19121212-1212", strings.Repeat("x", 200), "a b"} {
		if got := (journeys.AuditEntry{RequestID: id}).Bounded().RequestID; got != "" {
			t.Errorf("AuditEntry{RequestID: %q}.Bounded().RequestID = %q; want empty", id, got)
		}
	}
}
