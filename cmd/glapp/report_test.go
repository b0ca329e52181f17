package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/glapp/glapp/journeys"
)

// demoDataDir starts and stops a demo server so that its data directory holds the demo.
func demoDataDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	ts := startServer(t, dir, nil, "--demo")
	if err := ts.stop(); err != nil {
		t.Fatal(err)
	}
	return dir
}

func runReport(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := run(context.Background(), append([]string{"report"}, args...), func(string) string { return "" }, &out)
	return out.String(), err
}

func TestReportCommand(t *testing.T) {
	dir := demoDataDir(t)

	md, err := runReport(t, "--data-dir", dir, "--project", "demo")
	if err != nil {
		t.Fatalf("report (md) = %v", err)
	}
	if !strings.HasPrefix(md, "# ") || !strings.Contains(md, "Bollas runt") {
		t.Errorf("Markdown report lacks its title or a ping-pong section:\n%.500s", md)
	}
	if !strings.Contains(md, "   - Varför: Kritisk: grundnivå") || !strings.Contains(md, "## Okända uppgifter – frågor till nästa intervju") {
		t.Errorf("Markdown report lacks the severity reasons or the unknowns section")
	}

	unknowns, err := runReport(t, "--data-dir", dir, "--project", "demo", "--format", "csv", "--part", "unknowns", "--lang", "en")
	if err != nil {
		t.Fatalf("report (csv, unknowns) = %v", err)
	}
	urows, err := csv.NewReader(strings.NewReader(unknowns)).ReadAll()
	if err != nil || len(urows) < 2 || urows[0][6] != "question" || !strings.HasSuffix(urows[1][6], "?") {
		t.Fatalf("unknowns CSV: %d rows, %v, first %v", len(urows), err, urows[:min(2, len(urows))])
	}

	out, err := runReport(t, "--data-dir", dir, "--project", "demo", "--format", "csv", "--min-severity", "critical", "--lang", "en")
	if err != nil {
		t.Fatalf("report (csv) = %v", err)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("CSV: %d rows, %v", len(rows), err)
	}
	for _, r := range rows[1:] {
		if r[0] != "critical" {
			t.Errorf("--min-severity critical let through %q", r[0])
		}
	}

	js, err := runReport(t, "--data-dir", dir, "--project", "demo", "--journey", "vuxen-onskat-lage", "--format", "json")
	if err != nil {
		t.Fatalf("report (json) = %v", err)
	}
	var r struct{ Summary struct{ Total int } }
	if err := json.Unmarshal([]byte(js), &r); err != nil || r.Summary.Total != 0 {
		t.Errorf("to-be journey report: %v, total %d; want 0 findings", err, r.Summary.Total)
	}

	for _, bad := range [][]string{
		{"--data-dir", dir},
		{"--data-dir", dir, "--project", "demo", "--format", "pdf"},
		{"--data-dir", dir, "--project", "demo", "--part", "unknowns"},
		{"--data-dir", dir, "--project", "demo", "--format", "csv", "--part", "all"},
		{"--data-dir", dir, "--project", "nope"},
		{"--data-dir", dir, "--project", "demo", "--min-severity", "huge"},
		{"--data-dir", dir, "--project", "demo", "--journey", "vuxen-beroende-nulage", "--format", "json", "--min-severity", "high"},
	} {
		if _, err := runReport(t, bad...); err == nil {
			t.Errorf("report %v succeeded; want an error", bad)
		}
	}
}

// TestReportEffectChain prints the demo project's effect chain: its proposals address
// some findings, and the critical and high findings none addresses are blind spots.
func TestReportEffectChain(t *testing.T) {
	dir := demoDataDir(t)
	md, err := runReport(t, "--data-dir", dir, "--project", "demo", "--kind", "effect-chain", "--lang", "en")
	if err != nil {
		t.Fatalf("report --kind effect-chain = %v", err)
	}
	if !strings.HasPrefix(md, "# The effect chain") || !strings.Contains(md, "Critical or high finding no proposal addresses: `") {
		t.Errorf("effect chain Markdown:\n%.500s", md)
	}
	out, err := runReport(t, "--data-dir", dir, "--project", "demo", "--kind", "effect-chain", "--format", "json", "--from", "findings")
	if err != nil {
		t.Fatalf("report --kind effect-chain --format json = %v", err)
	}
	var r struct {
		From     string
		Findings []struct{ Proposals []string }
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil || r.From != "findings" {
		t.Fatalf("effect chain JSON: %v, from %q; want the findings reading", err, r.From)
	}
	addressed, open := 0, 0
	for _, f := range r.Findings {
		if len(f.Proposals) > 0 {
			addressed++
		} else {
			open++
		}
	}
	if addressed == 0 || open == 0 {
		t.Errorf("effect chain JSON: %d findings with proposals, %d without; want both, as the demo's proposals address some", addressed, open)
	}
	for _, bad := range [][]string{{"--kind", "nope"}, {"--kind", "effect-chain", "--format", "csv"}, {"--kind", "effect-chain", "--from", "actors"}} {
		if _, err := runReport(t, append([]string{"--data-dir", dir, "--project", "demo"}, bad...)...); err == nil {
			t.Errorf("report %v: no error", bad)
		}
	}
}

// TestReportOffering prints the demo project's offering for children: the young people's
// self-help need is uncovered.
func TestReportOffering(t *testing.T) {
	dir := demoDataDir(t)
	md, err := runReport(t, "--data-dir", dir, "--project", "demo", "--kind", "offering", "--age-group", "child", "--lang", "en")
	if err != nil {
		t.Fatalf("report --kind offering = %v", err)
	}
	if !strings.HasPrefix(md, "# The offering and finding one's way") || !strings.Contains(md, "(`unga-sjalvhjalp`). No support of the project is at self-help") {
		t.Errorf("offering Markdown:\n%.1500s", md)
	}
	for _, bad := range [][]string{{"--kind", "offering", "--format", "csv"}, {"--kind", "offering", "--age-group", "teen"}, {"--age-group", "child"}} {
		if _, err := runReport(t, append([]string{"--data-dir", dir, "--project", "demo"}, bad...)...); err == nil {
			t.Errorf("report %v: no error", bad)
		}
	}
}

// TestReportSince checks that the offline project report reads against a baseline as the
// API does: the demo's baseline holds its current-state maps only, so the desired-state
// and lived journeys' findings are new since.
func TestReportSince(t *testing.T) {
	dir := demoDataDir(t)
	md, err := runReport(t, "--data-dir", dir, "--project", "demo", "--since", "start", "--lang", "en")
	if err != nil {
		t.Fatalf("report --since start = %v", err)
	}
	if !strings.Contains(md, "Since baseline start:") {
		t.Errorf("report --since start Markdown lacks the counts since the baseline:\n%.1500s", md)
	}
	js, err := runReport(t, "--data-dir", dir, "--project", "demo", "--since", "start", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var r struct {
		Summary struct {
			Since struct{ New, Persisting int }
		}
	}
	if err := json.Unmarshal([]byte(js), &r); err != nil || r.Summary.Since.New == 0 || r.Summary.Since.Persisting == 0 {
		t.Errorf("report --since start JSON summary.since = %+v, %v; want new and persisting findings", r.Summary.Since, err)
	}
	if _, err := runReport(t, "--data-dir", dir, "--project", "demo", "--since", "nope"); journeys.ErrorCode(err) != journeys.NotFound {
		t.Errorf("report --since nope = %v; want NOT_FOUND", err)
	}
	if _, err := runReport(t, "--data-dir", dir, "--project", "demo", "--since", "start", "--journey", "barn-nulage"); err == nil {
		t.Error("report --since with --journey: no error")
	}
}
