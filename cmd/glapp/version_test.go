package main

import (
	"net/http"
	"strings"
	"testing"

	"github.com/glapp/glapp/internal/buildinfo"
)

// TestServeVersionAndLogLevel checks that the start-up line and GET /api/v1/version (open,
// no token) give the build information glapp version prints, and that GLAPP_LOG_LEVEL=debug
// shows the probes that INFO leaves out.
func TestServeVersionAndLogLevel(t *testing.T) {
	ts := startServer(t, "", map[string]string{"GLAPP_LOG_LEVEL": "debug"})
	want := buildinfo.Read()
	got := ts.must(t, http.StatusOK, "GET", "/api/v1/version", nil, "Authorization", "").JSON(t)
	if got["version"] != want.Version || got["revision"] != want.Revision || got["time"] != want.Time {
		t.Errorf("GET /api/v1/version = %v; want %+v", got, want)
	}
	ts.must(t, http.StatusOK, "GET", "/healthz", nil)
	if err := ts.stop(); err != nil {
		t.Fatalf("run() = %v; want clean shutdown", err)
	}
	logs := ts.Logs.String()
	var listening, probe string
	for _, line := range strings.Split(logs, "\n") {
		switch {
		case strings.Contains(line, "msg=listening"):
			listening = line
		case strings.Contains(line, "msg=request") && strings.Contains(line, "route=/healthz"):
			probe = line
		}
	}
	if !strings.Contains(listening, "version="+want.Version) || !strings.Contains(listening, "revision="+want.Revision) {
		t.Errorf("start-up line = %q; want version=%s and revision=%s", listening, want.Version, want.Revision)
	}
	if !strings.Contains(probe, "level=DEBUG") || !strings.Contains(probe, "requestId=") {
		t.Errorf("probe line = %q; want a DEBUG request line with its request id\nlogs:\n%s", probe, logs)
	}
}
