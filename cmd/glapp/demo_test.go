package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestDemoKeepsEdits edits a demo journey through the API, restarts "glapp serve --demo"
// on the same data directory and finds the edit kept; "--demo-reset" then brings the
// embedded data back, on purpose.
func TestDemoKeepsEdits(t *testing.T) {
	dir := t.TempDir()
	const path = "/api/v1/projects/demo/journeys/barn-nulage/steps/bn-s01"
	const title = "Ändrad av projektledaren"
	stepTitle := func(ts *testServer) string {
		t.Helper()
		r := ts.must(t, 200, "GET", "/api/v1/projects/demo/journeys/barn-nulage", nil)
		var j struct{ Steps []struct{ ID, Title string } }
		if err := json.Unmarshal(r.Body, &j); err != nil {
			t.Fatal(err)
		}
		for _, s := range j.Steps {
			if s.ID == "bn-s01" {
				return s.Title
			}
		}
		t.Fatal("the demo journey barn-nulage has no step bn-s01")
		return ""
	}

	ts := startServer(t, dir, nil, "--demo")
	original := stepTitle(ts)
	etag := ts.must(t, 200, "GET", "/api/v1/projects/demo/journeys/barn-nulage", nil).Header.Get("ETag")
	ts.must(t, 200, "PATCH", path, map[string]string{"title": title}, "If-Match", etag)
	if err := ts.stop(); err != nil {
		t.Fatal(err)
	}

	ts = startServer(t, dir, nil, "--demo")
	if got := stepTitle(ts); got != title {
		t.Errorf("after a restart with --demo the step's title is %q; want the edit %q kept", got, title)
	}
	if !strings.Contains(ts.Logs.String(), "left as it is") {
		t.Errorf("the log does not say the existing demo project was left as it is:\n%s", ts.Logs)
	}
	if err := ts.stop(); err != nil {
		t.Fatal(err)
	}

	ts = startServer(t, dir, nil, "--demo-reset")
	if got := stepTitle(ts); got != original {
		t.Errorf("after a restart with --demo-reset the step's title is %q; want the original %q", got, original)
	}
}
