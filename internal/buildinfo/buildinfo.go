// Package buildinfo reads what a build recorded about itself (module version, VCS
// revision and commit time), so that "glapp version", the start-up log line and
// GET /api/v1/version say the same thing.
package buildinfo

import (
	"fmt"
	"runtime/debug"
)

// Version, when set at build time with
// -ldflags "-X github.com/glapp/glapp/internal/buildinfo.Version=...", overrides the module
// version from the build information (the Docker image sets it: it is built without the
// repository's history, so Go records no VCS stamps there).
var Version = ""

// unknown stands for what a build did not record (a test binary, a build outside Git).
const unknown = "(devel)"

// Info is what a build says about itself.
type Info struct {
	// Version is the module version (a tag such as v1.4.0, or a pseudo-version).
	Version string `json:"version" example:"v1.4.0"`
	// Revision is the VCS commit the binary was built from.
	Revision string `json:"revision" example:"c777f23db4d2"`
	// Modified reports that the build had uncommitted changes on top of Revision.
	Modified bool `json:"modified" example:"false"`
	// Time is the commit time of Revision (RFC 3339): Go records no other build time.
	Time string `json:"time" example:"2026-03-14T09:30:00Z"`
	// GoVersion is the Go release that built the binary.
	GoVersion string `json:"goVersion" example:"go1.26.0"`
}

// Read returns the running binary's build information.
func Read() Info {
	return From(debug.ReadBuildInfo())
}

// From returns the build information in info, with "(devel)" for what it does not hold;
// ok false means none at all.
func From(info *debug.BuildInfo, ok bool) Info {
	out := Info{Version: unknown, Revision: unknown, Time: unknown, GoVersion: unknown}
	if ok {
		if info.Main.Version != "" {
			out.Version = info.Main.Version
		}
		if info.GoVersion != "" {
			out.GoVersion = info.GoVersion
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				out.Revision = s.Value
			case "vcs.time":
				out.Time = s.Value
			case "vcs.modified":
				out.Modified = s.Value == "true"
			}
		}
	}
	if Version != "" {
		out.Version = Version
	}
	return out
}

// String is what "glapp version" prints.
func (i Info) String() string {
	modified := ""
	if i.Modified {
		modified = " (with uncommitted changes)"
	}
	return fmt.Sprintf("glapp %s\nrevision: %s%s\ncommitted: %s\ngo: %s\n", i.Version, i.Revision, modified, i.Time, i.GoVersion)
}

// LogAttrs are the fields the start-up log line gives the build.
func (i Info) LogAttrs() []any {
	return []any{"version", i.Version, "revision", i.Revision, "modified", i.Modified, "committed", i.Time, "go", i.GoVersion}
}
