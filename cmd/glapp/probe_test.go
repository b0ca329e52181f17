package main

import (
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestProbe checks that glapp probe exits 0 against a ready server, whose /readyz it
// finds through GLAPP_ADDR as the container health check does, and 1 against one that
// answers 503 or does not answer at all.
func TestProbe(t *testing.T) {
	ts := startServer(t, "", nil)
	addr := strings.TrimPrefix(ts.URL, "http://")
	env := func(k string) string {
		if k == "GLAPP_ADDR" {
			return addr
		}
		return ""
	}
	var out strings.Builder
	if status := exitStatus(run(t.Context(), []string{"probe"}, env, &out), &out); status != exitOK {
		t.Errorf("glapp probe against a ready server = status %d (%s); want 0", status, out.String())
	}

	unready := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/readyz" {
			t.Errorf("probe asked %s; want /readyz", r.URL.Path)
		}
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer unready.Close()
	if status, _, stderr := glapp(t, "probe", "--url", unready.URL+"/readyz"); status != exitFailure || !strings.Contains(stderr, "503") {
		t.Errorf("glapp probe against a 503 = status %d, stderr %q; want 1 naming the status", status, stderr)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	ln.Close()
	if status, _, _ := glapp(t, "probe", "--url", "http://"+closed+"/readyz", "--timeout", "2s"); status != exitFailure {
		t.Errorf("glapp probe against a closed port = status %d; want 1", status)
	}
	if status, _, _ := glapp(t, "probe", "--timeout", "0s"); status != exitUsage {
		t.Errorf("glapp probe --timeout 0s = status %d; want 2", status)
	}
}

// TestProbeURL checks the default URL: the listen address, with an address that means
// every interface replaced by the loopback one.
func TestProbeURL(t *testing.T) {
	for addr, want := range map[string]string{
		"127.0.0.1:8080": "http://127.0.0.1:8080/readyz",
		"0.0.0.0:8080":   "http://127.0.0.1:8080/readyz",
		":9000":          "http://127.0.0.1:9000/readyz",
		"[::]:8080":      "http://127.0.0.1:8080/readyz",
		"[::1]:8080":     "http://[::1]:8080/readyz",
		"glapp:8080":     "http://glapp:8080/readyz",
	} {
		if got := probeURL(addr); got != want {
			t.Errorf("probeURL(%q) = %q; want %q", addr, got, want)
		}
	}
}
