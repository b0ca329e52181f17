package journeys

import (
	"testing"
	"time"
)

// TestTokenProjectsByRole checks which roles must, may or must not name projects: a
// metrics token scrapes /metrics and sees no project.
func TestTokenProjectsByRole(t *testing.T) {
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		role     Role
		projects []string
		valid    bool
	}{
		{RoleAdmin, nil, true},
		{RoleLead, nil, false},
		{RoleLead, []string{"p"}, true},
		{RoleIntegration, nil, false},
		{RoleMetrics, nil, true},
		{RoleMetrics, []string{"p"}, false},
	} {
		tok := Token{Name: "n", Role: tc.role, Projects: tc.projects}
		if got := len(tok.Validate(now)) == 0; got != tc.valid {
			t.Errorf("%s token with projects %v: valid = %v; want %v (%v)", tc.role, tc.projects, got, tc.valid, tok.Validate(now))
		}
	}
	if !RoleAdmin.Can(PermMetrics) || !RoleMetrics.Can(PermMetrics) || RoleMetrics.Can(PermRead) || RoleLead.Can(PermMetrics) {
		t.Error("only admin and metrics tokens may read the metrics, and a metrics token nothing else")
	}
}
