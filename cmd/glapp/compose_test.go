package main

import (
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

// composeFile is the part of docker-compose.yml the test reads. YAML merge keys (<<) are
// resolved by the decoder, as Compose resolves them.
type composeFile struct {
	Services map[string]composeService `yaml:"services"`
	Volumes  map[string]any            `yaml:"volumes"`
}

type composeService struct {
	Image       string            `yaml:"image"`
	Build       any               `yaml:"build"`
	Profiles    []string          `yaml:"profiles"`
	Environment map[string]string `yaml:"environment"`
	Volumes     []string          `yaml:"volumes"`
	DependsOn   map[string]struct {
		Condition string `yaml:"condition"`
	} `yaml:"depends_on"`
	Healthcheck struct {
		Test     []string `yaml:"test"`
		Timeout  string   `yaml:"timeout"`
		Interval string   `yaml:"interval"`
	} `yaml:"healthcheck"`
	StopGracePeriod string `yaml:"stop_grace_period"`
	Deploy          struct {
		Resources struct {
			Limits struct {
				Memory string `yaml:"memory"`
			} `yaml:"limits"`
		} `yaml:"resources"`
	} `yaml:"deploy"`
}

func readCompose(t *testing.T) (composeFile, string) {
	t.Helper()
	raw, err := os.ReadFile("../../docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	var c composeFile
	if err := yaml.Unmarshal(raw, &c); err != nil {
		t.Fatalf("docker-compose.yml: %v", err)
	}
	return c, string(raw)
}

// dockerfile returns the value of the Dockerfile's ENV name and the whole file.
func dockerfile(t *testing.T, name string) (value, text string) {
	t.Helper()
	raw, err := os.ReadFile("../../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)\b` + name + `=(\S+)`).FindStringSubmatch(string(raw))
	if m == nil {
		t.Fatalf("the Dockerfile sets no %s", name)
	}
	return m[1], string(raw)
}

// interpolation matches a Compose variable: ${NAME}, ${NAME:-default}, ${NAME:?message}.
var interpolation = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}`)

// composeDefault returns the default of a value that is one ${NAME:-default}.
func composeDefault(t *testing.T, what, v string) (name, def string) {
	t.Helper()
	m := interpolation.FindStringSubmatch(v)
	if m == nil || m[0] != v || m[2] != ":-" {
		t.Fatalf("%s = %q; want ${NAME:-default}, set from the environment with a default", what, v)
	}
	return m[1], m[3]
}

// secretName says whether an environment variable holds a secret.
var secretName = regexp.MustCompile(`(?i)password|token|secret|auth|key`)

// TestCompose checks docker-compose.yml as "docker compose config" would, and more: two
// profiles (Glapp on Neo4j, Glapp alone), health checks that the images can run, Glapp
// starting only once Neo4j is healthy, a named volume for each store, secrets only from
// the environment, and a memory limit with GOMEMLIMIT below it.
func TestCompose(t *testing.T) {
	c, raw := readCompose(t)
	dataDir, df := dockerfile(t, "GLAPP_DATA_DIR")
	binary := regexp.MustCompile(`ENTRYPOINT \["([^"]+)"\]`).FindStringSubmatch(df)
	if binary == nil {
		t.Fatal("the Dockerfile has no ENTRYPOINT [\"...\"]")
	}

	wantProfiles := map[string]string{"neo4j": "neo4j", "glapp": "neo4j", "glapp-embedded": "embedded"}
	for name, profile := range wantProfiles {
		s, ok := c.Services[name]
		if !ok {
			t.Fatalf("docker-compose.yml has no service %q", name)
		}
		if !slices.Equal(s.Profiles, []string{profile}) {
			t.Errorf("service %s has profiles %q; want [%s]", name, s.Profiles, profile)
		}
	}
	if len(c.Services) != len(wantProfiles) {
		t.Errorf("docker-compose.yml has %d services; want %d (%v)", len(c.Services), len(wantProfiles), wantProfiles)
	}

	neo := c.Services["neo4j"]
	if h := strings.Join(neo.Healthcheck.Test, " "); !strings.Contains(h, "cypher-shell") || !strings.Contains(h, "RETURN 1") {
		t.Errorf("neo4j health check = %q; want a query through cypher-shell", h)
	}
	if dep := c.Services["glapp"].DependsOn["neo4j"].Condition; dep != "service_healthy" {
		t.Errorf("glapp depends on neo4j with condition %q; want service_healthy", dep)
	}
	if uri := c.Services["glapp"].Environment["NEO4J_URI"]; uri != "neo4j://neo4j:7687" {
		t.Errorf("glapp's NEO4J_URI = %q; want the neo4j service, neo4j://neo4j:7687", uri)
	}
	if _, ok := c.Services["glapp-embedded"].Environment["NEO4J_URI"]; ok {
		t.Error("glapp-embedded sets NEO4J_URI; it must run on the embedded store")
	}

	// Named volumes: each store keeps its data in one, declared at the top level.
	wantMounts := map[string]string{"neo4j": "/data", "glapp-embedded": dataDir}
	used := map[string]bool{}
	for name, s := range c.Services {
		for _, v := range s.Volumes {
			src, dst, _ := strings.Cut(v, ":")
			if _, ok := c.Volumes[src]; !ok {
				t.Errorf("service %s mounts %q, which is not a named volume of the file", name, v)
			}
			if dst != wantMounts[name] {
				t.Errorf("service %s mounts %s on %q; want %q", name, src, dst, wantMounts[name])
			}
			used[src] = true
		}
		if wantMounts[name] != "" && len(s.Volumes) != 1 {
			t.Errorf("service %s mounts %q; want one named volume on %s", name, s.Volumes, wantMounts[name])
		}
	}
	for v := range c.Volumes {
		if !used[v] {
			t.Errorf("volume %s is declared but no service mounts it", v)
		}
	}

	// Secrets: every secret a service gets is a required variable of the environment,
	// and no variable of a secret has a default.
	for name, s := range c.Services {
		for k, v := range s.Environment {
			if !secretName.MatchString(k) {
				continue
			}
			m := interpolation.FindStringSubmatch(v)
			if m == nil || m[2] != ":?" || !secretName.MatchString(m[1]) {
				t.Errorf("service %s: %s = %q; want a secret from the environment, ${NAME:?message}", name, k, v)
			}
		}
	}
	for _, m := range interpolation.FindAllStringSubmatch(raw, -1) {
		if secretName.MatchString(m[1]) && m[2] != ":?" {
			t.Errorf("docker-compose.yml: %s; a secret has no default and must be set (${%s:?message})", m[0], m[1])
		}
	}

	code := envNamesInCode(t)
	defaults, err := parseServeConfig(nil, func(string) string { return "" }, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"glapp", "glapp-embedded"} {
		s := c.Services[name]
		if s.Build == nil {
			t.Errorf("service %s is not built from the Dockerfile", name)
		}
		// The health check runs the image's own binary: it has no shell, wget or curl.
		h := s.Healthcheck.Test
		if len(h) < 3 || h[0] != "CMD" || h[1] != binary[1] || h[2] != "probe" {
			t.Fatalf("service %s health check = %q; want [CMD %s probe ...]", name, h, binary[1])
		}
		if status, _, stderr := glapp(t, append(h[2:], "-h")...); status != exitOK {
			t.Errorf("service %s health check %q: glapp refuses its arguments: %s", name, h[2:], stderr)
		}
		probeTimeout := 5 * time.Second
		if i := slices.Index(h, "--timeout"); i > 0 && i+1 < len(h) {
			probeTimeout = mustDuration(t, h[i+1])
		}
		if hc := mustDuration(t, s.Healthcheck.Timeout); hc <= probeTimeout {
			t.Errorf("service %s: health check timeout %s is not longer than the probe's own %s", name, hc, probeTimeout)
		}
		if !strings.Contains(df, `HEALTHCHECK`) || !strings.Contains(df, `"`+binary[1]+`", "probe"`) {
			t.Error("the Dockerfile has no HEALTHCHECK running glapp probe")
		}
		// Docker's SIGKILL must not come before Glapp's shutdown timeout ends.
		if g := mustDuration(t, s.StopGracePeriod); g <= defaults.shutdownTimeout {
			t.Errorf("service %s: stop_grace_period %s is not longer than the shutdown timeout %s", name, g, defaults.shutdownTimeout)
		}
		for k := range s.Environment {
			if (strings.HasPrefix(k, "GLAPP_") || strings.HasPrefix(k, "NEO4J_")) && !code[k] {
				t.Errorf("service %s sets %s, which Glapp does not read", name, k)
			}
		}
		// Memory: GOMEMLIMIT at about 90 % of the container's limit, so that the garbage
		// collector works harder before the kernel's OOM killer ends the process.
		_, limit := composeDefault(t, name+" deploy.resources.limits.memory", s.Deploy.Resources.Limits.Memory)
		goName, goLimit := composeDefault(t, name+" GOMEMLIMIT", s.Environment["GOMEMLIMIT"])
		if goName != "GOMEMLIMIT" {
			t.Errorf("service %s: GOMEMLIMIT comes from ${%s}; want ${GOMEMLIMIT:-...}", name, goName)
		}
		l, g := composeBytes(t, limit), goMemLimitBytes(t, goLimit)
		if r := float64(g) / float64(l); r < 0.85 || r > 0.95 {
			t.Errorf("service %s: GOMEMLIMIT %s is %.0f %% of the memory limit %s; want about 90 %%", name, goLimit, 100*r, limit)
		}
	}
}

func mustDuration(t *testing.T, s string) time.Duration {
	t.Helper()
	d, err := time.ParseDuration(s)
	if err != nil {
		t.Fatalf("%q is not a duration: %v", s, err)
	}
	return d
}

// composeBytes reads a Compose byte value such as 512M or 1g (binary units, as Docker).
func composeBytes(t *testing.T, s string) int64 {
	t.Helper()
	m := regexp.MustCompile(`^(\d+)([bkmg]?)b?$`).FindStringSubmatch(strings.ToLower(s))
	if m == nil {
		t.Fatalf("%q is not a Compose byte value such as 512M", s)
	}
	n, _ := strconv.ParseInt(m[1], 10, 64)
	return n << map[string]int{"": 0, "b": 0, "k": 10, "m": 20, "g": 30}[m[2]]
}

// goMemLimitBytes reads a GOMEMLIMIT value as the Go runtime does: bytes with an optional
// B, KiB, MiB, GiB or TiB suffix.
func goMemLimitBytes(t *testing.T, s string) int64 {
	t.Helper()
	m := regexp.MustCompile(`^(\d+)(B|KiB|MiB|GiB|TiB)?$`).FindStringSubmatch(s)
	if m == nil {
		t.Fatalf("GOMEMLIMIT %q is not what the Go runtime reads (such as 460MiB)", s)
	}
	n, _ := strconv.ParseInt(m[1], 10, 64)
	shift := map[string]int{"": 0, "B": 0, "KiB": 10, "MiB": 20, "GiB": 30, "TiB": 40}[m[2]]
	return n << shift
}
