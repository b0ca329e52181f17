package main

import (
	"context"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/glapp/glapp/graph/embedded"
	"github.com/glapp/glapp/graph/storetest"
	"github.com/glapp/glapp/journeys"
)

func TestParseRetention(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"400d", 400 * 24 * time.Hour, true},
		{"1d", 24 * time.Hour, true},
		{"36h", 36 * time.Hour, true},
		{"forever", 0, true},
		{"0", 0, true},
		{"", 0, false},
		{"-3d", 0, false},
		{"0d", 0, false},
		{"-1h", 0, false},
		{"d", 0, false},
		{"1y", 0, false},
		{"99999999d", 0, false},
	} {
		got, err := parseRetention("audit-retention", tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("parseRetention(%q) = %v, %v; want %v, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestHistoryRetentionSetting(t *testing.T) {
	for _, tt := range []struct {
		env  map[string]string
		args []string
		want time.Duration
	}{
		{nil, nil, journeys.DefaultHistoryRetention},
		{map[string]string{"GLAPP_HISTORY_RETENTION": "90d"}, nil, 90 * 24 * time.Hour},
		{map[string]string{"GLAPP_HISTORY_RETENTION": "90d"}, []string{"--history-retention", "forever"}, 0},
	} {
		cfg, err := parseServeConfig(tt.args, func(k string) string { return tt.env[k] }, io.Discard)
		if err != nil || cfg.historyRetention != tt.want {
			t.Errorf("parseServeConfig(%q, %v) history retention = %v, %v; want %v", tt.args, tt.env, cfg.historyRetention, err, tt.want)
		}
	}
	if _, err := parseServeConfig([]string{"--history-retention", "-1d"}, func(string) string { return "" }, io.Discard); err == nil || !strings.Contains(err.Error(), "--history-retention") {
		t.Errorf("parseServeConfig(--history-retention -1d) = %v; want an error naming the flag", err)
	}
}

func TestAuditRetentionSetting(t *testing.T) {
	for _, tt := range []struct {
		name string
		env  map[string]string
		args []string
		want time.Duration
	}{
		{"Default", nil, nil, journeys.DefaultAuditRetention},
		{"Env", map[string]string{"GLAPP_AUDIT_RETENTION": "30d"}, nil, 30 * 24 * time.Hour},
		{"FlagOverEnv", map[string]string{"GLAPP_AUDIT_RETENTION": "30d"}, []string{"--audit-retention", "forever"}, 0},
	} {
		cfg, err := parseServeConfig(tt.args, func(k string) string { return tt.env[k] }, io.Discard)
		if err != nil || cfg.auditRetention != tt.want {
			t.Errorf("%s: parseServeConfig(%q) audit retention = %+v, %v; want %v", tt.name, tt.args, cfg, err, tt.want)
		}
	}
	if _, err := parseServeConfig([]string{"--audit-retention", "soon"}, func(string) string { return "" }, io.Discard); err == nil {
		t.Errorf("parseServeConfig(--audit-retention soon) = nil error; want one")
	}
}

var prunedLine = regexp.MustCompile(`msg=pruned auditEntries=(\d+) idempotencyKeys=(\d+) auditRetention=(\S+) historyVersions=(\d+) historyRetention=(\S+)`)

// TestServePrunesAtStart starts a server on a store holding an audit entry older than the
// retention, one newer, an idempotency record past its TTL, and a journey version replaced
// before the history retention, and checks that the first prune deletes the old ones and
// logs how many.
func TestServePrunesAtStart(t *testing.T) {
	dir := t.TempDir()
	s, err := embedded.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	record := func(at time.Time, action string) {
		s.Now = func() time.Time { return at }
		if err := s.RecordAudit(context.Background(), &journeys.AuditEntry{Project: "p", Action: action, Outcome: journeys.OutcomeOK}); err != nil {
			t.Fatal(err)
		}
	}
	record(now.AddDate(0, 0, -31), "project.old")
	record(now.AddDate(0, 0, -29), "project.recent")
	// A journey written 32 days ago and changed 31 days ago: version 1 was replaced then,
	// and both writes' audit entries are past the audit retention too.
	s.Now = func() time.Time { return now }
	if _, err := s.CreateProject(context.Background(), &journeys.Project{ID: "hp", Name: "H"}); err != nil {
		t.Fatal(err)
	}
	j := storetest.GenerateJourney("resa", 3, "a")
	for _, days := range []int{-32, -31} {
		s.Now = func() time.Time { return now.AddDate(0, 0, days) }
		j.Title = fmt.Sprint("Resa ", days)
		if _, _, err := s.PutJourney(context.Background(), "hp", j, journeys.Precondition{}); err != nil {
			t.Fatal(err)
		}
	}
	s.Now = func() time.Time { return now.Add(-journeys.IdempotencyTTL - time.Minute) }
	if _, err := s.ClaimIdempotencyKey(context.Background(), "k", "body", "claim-1"); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	ts := startServer(t, dir, map[string]string{"GLAPP_AUDIT_RETENTION": "30d", "GLAPP_HISTORY_RETENTION": "30d"})
	var m []string
	for deadline := time.Now().Add(30 * time.Second); m == nil && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		m = prunedLine.FindStringSubmatch(ts.Logs.String())
	}
	if m == nil {
		t.Fatalf("no prune logged; logs:\n%s", ts.Logs)
	}
	if want := []string{"3", "1", "30d", "1", "30d"}; !slices.Equal(m[1:], want) {
		t.Errorf("prune logged %q; want auditEntries, idempotencyKeys, auditRetention, historyVersions, historyRetention = %q", m[0], want)
	}
	versions := string(ts.must(t, 200, "GET", "/api/v1/projects/hp/journeys/resa/versions", nil).Body)
	if strings.Contains(versions, `"version":1`) || !strings.Contains(versions, `"version":2`) {
		t.Errorf("versions after the prune = %s; want version 2 only", versions)
	}
	body := string(ts.must(t, 200, "GET", "/api/v1/projects/p/audit", nil).Body)
	if strings.Contains(body, "project.old") || !strings.Contains(body, "project.recent") {
		t.Errorf("audit log of p after the prune = %s; want project.recent only", body)
	}
}
