package buildinfo

import (
	"runtime/debug"
	"testing"
)

// TestFrom checks that a build's module version and VCS stamps are what glapp version
// prints, and that what a build did not record reads "(devel)".
func TestFrom(t *testing.T) {
	info := &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v1.4.0"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "c777f23db4d2"}, {Key: "vcs.time", Value: "2026-03-14T09:30:00Z"}, {Key: "vcs.modified", Value: "true"},
	}}
	want := "glapp v1.4.0\nrevision: c777f23db4d2 (with uncommitted changes)\ncommitted: 2026-03-14T09:30:00Z\ngo: go1.26.0\n"
	if got := From(info, true).String(); got != want {
		t.Errorf("From().String() = %q; want %q", got, want)
	}
	want = "glapp (devel)\nrevision: (devel)\ncommitted: (devel)\ngo: (devel)\n"
	if got := From(nil, false).String(); got != want {
		t.Errorf("From(nil, false).String() = %q; want %q", got, want)
	}
}

// TestVersionOverride checks that a version set at link time wins over the module's.
func TestVersionOverride(t *testing.T) {
	old := Version
	t.Cleanup(func() { Version = old })
	Version = "v9.9.9"
	if got := From(&debug.BuildInfo{Main: debug.Module{Version: "v1.4.0"}}, true).Version; got != "v9.9.9" {
		t.Errorf("From().Version with Version set = %q; want %q", got, "v9.9.9")
	}
}
