package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/glapp/glapp/graph/embedded"
	"github.com/glapp/glapp/journeys"
)

// TestImportEventLogCommand imports the demo event log with glapp import, following the
// demo's adult to-be journey, and again, which changes nothing.
func TestImportEventLogCommand(t *testing.T) {
	dir := demoDataDir(t)
	args := []string{"import", "--data-dir", dir, "--project", "demo", "--format", "eventlog", "--planned", "vuxen-onskat-lage", "../../demo/data/eventlog.csv"}
	var out bytes.Buffer
	if err := run(context.Background(), args, func(string) string { return "" }, &out); err != nil {
		t.Fatalf("glapp import --format eventlog = %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "14 cases: 14 journeys created") || !strings.Contains(out.String(), "1 actors created") {
		t.Fatalf("glapp import printed:\n%s", out.String())
	}
	out.Reset()
	if err := run(context.Background(), args, func(string) string { return "" }, &out); err != nil || !strings.Contains(out.String(), "0 journeys created, 0 updated, 14 unchanged") {
		t.Fatalf("second glapp import = %v\n%s", err, out.String())
	}
	out.Reset()
	bad := append(append([]string{}, args[:len(args)-3]...), "--planned", "nope", args[len(args)-1])
	if err := run(context.Background(), bad, func(string) string { return "" }, &out); journeys.ErrorCode(err) != journeys.Invalid {
		t.Errorf("glapp import --planned nope = %v; want INVALID", err)
	}

	s, err := embedded.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var lived, planned, adHoc int
	err = s.EachJourney(t.Context(), "demo", func(j *journeys.Journey) error {
		// The demo's own lived journeys are written, not imported; an imported one's id is
		// its case's pseudonym.
		if j.Kind != journeys.KindLived || !strings.HasPrefix(j.ID, "lived-") {
			return nil
		}
		lived++
		if j.BasedOn != "vuxen-onskat-lage" {
			t.Errorf("%s is based on %q; want vuxen-onskat-lage", j.ID, j.BasedOn)
		}
		for _, st := range j.Steps {
			if st.Planned != "" {
				planned++
			} else {
				adHoc++
			}
		}
		return nil
	})
	if err != nil || lived != 14 || planned == 0 || adHoc == 0 {
		t.Errorf("demo lived journeys = %d, steps planned %d, ad hoc %d, %v; want 14 with both", lived, planned, adHoc, err)
	}
}
