package main

import (
	"bufio"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// envName is the name of a setting Glapp reads from the environment.
var envName = regexp.MustCompile(`^(GLAPP|NEO4J)_[A-Z0-9_]+$`)

// runtimeEnv are variables the environment table documents that Go's runtime reads,
// not Glapp's code.
var runtimeEnv = map[string]bool{"GOMEMLIMIT": true}

// envNamesInCode returns every GLAPP_* and NEO4J_* name that is a whole string literal
// in the repository's code (not its tests): getenv("NEO4J_URI"), envString(getenv,
// "GLAPP_ADDR", ...), {"GLAPP_MAX_STEPS", ...} in a table of settings. Help texts that
// mention a name in passing ("listen address (GLAPP_ADDR)") are not a whole literal and
// do not count.
func envNamesInCode(t *testing.T) map[string]bool {
	t.Helper()
	names := map[string]bool{}
	fset := token.NewFileSet()
	err := filepath.WalkDir("../..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != "../.." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if s, err := strconv.Unquote(lit.Value); err == nil && envName.MatchString(s) {
					names[s] = true
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !names["GLAPP_ADDR"] || !names["NEO4J_URI"] {
		t.Fatalf("found %v in the code; want at least GLAPP_ADDR and NEO4J_URI (is the walk right?)", names)
	}
	return names
}

// envRow is one row of the environment table in docs/operations.md.
type envRow struct {
	env, flag, def string
}

// envTable reads the table under "## Environment variables" in docs/operations.md.
func envTable(t *testing.T) []envRow {
	t.Helper()
	f, err := os.Open("../../docs/operations.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []envRow
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "## "):
			in = line == "## Environment variables"
		case in && strings.HasPrefix(line, "|"):
			cells := strings.Split(strings.Trim(line, "|"), "|")
			if len(cells) < 4 {
				t.Fatalf("docs/operations.md: row %q has %d cells; want environment | flag | default | meaning", line, len(cells))
			}
			for i := range cells {
				cells[i] = strings.Trim(strings.TrimSpace(cells[i]), "`")
			}
			if cells[0] == "environment" || strings.HasPrefix(cells[0], "---") {
				continue
			}
			rows = append(rows, envRow{env: cells[0], flag: cells[1], def: cells[2]})
		}
	}
	if len(rows) == 0 {
		t.Fatal(`docs/operations.md has no table under "## Environment variables"`)
	}
	return rows
}

// serveFlag is a flag of glapp serve as its -h shows it.
type serveFlag struct {
	help, def string
}

// serveFlags reads the flags of glapp serve, with their help and default, from what
// "glapp serve -h" prints: what a user sees.
func serveFlags(t *testing.T) map[string]serveFlag {
	t.Helper()
	status, out, stderr := glapp(t, "serve", "-h")
	if status != exitOK {
		t.Fatalf("glapp serve -h: %d %s", status, stderr)
	}
	flags := map[string]serveFlag{}
	defaultOf := regexp.MustCompile(`\(default "?(.*?)"?\)$`)
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		if !strings.HasPrefix(l, "  -") || i+1 == len(lines) {
			continue
		}
		name := strings.Fields(l)[0]
		help := strings.TrimSpace(lines[i+1])
		f := serveFlag{help: help}
		if m := defaultOf.FindStringSubmatch(help); m != nil {
			f.def = m[1]
		}
		flags["-"+name] = f
	}
	if len(flags) < 10 {
		t.Fatalf("read %d flags from glapp serve -h; want them all:\n%s", len(flags), out)
	}
	return flags
}

// TestEnvironmentTable checks the one table of environment variables, in
// docs/operations.md, against the code: it names every GLAPP_* and NEO4J_* variable
// the code reads and no other, every flag of glapp serve with the variable its help
// names and its default, and the README points to it rather than keeping a copy.
func TestEnvironmentTable(t *testing.T) {
	code := envNamesInCode(t)
	flags := serveFlags(t)
	seen := map[string]bool{}
	flagged := map[string]bool{}
	for _, r := range envTable(t) {
		if seen[r.env] {
			t.Errorf("docs/operations.md: %s has two rows", r.env)
		}
		seen[r.env] = true
		if !code[r.env] && !runtimeEnv[r.env] {
			t.Errorf("docs/operations.md lists %s, which the code does not read", r.env)
		}
		if r.flag == "" {
			continue
		}
		f, ok := flags[r.flag]
		if !ok {
			t.Errorf("docs/operations.md: %s has flag %s, which glapp serve does not take", r.env, r.flag)
			continue
		}
		flagged[r.flag] = true
		if !strings.Contains(f.help, "("+r.env+")") && !strings.Contains(f.help, "("+r.env+"=") {
			t.Errorf("glapp serve %s: its help %q does not name %s, as the table does", r.flag, f.help, r.env)
		}
		def := r.def
		if def == "none" || def == "off" {
			def = ""
		}
		if def != f.def {
			t.Errorf("docs/operations.md: %s (%s) defaults to %q; glapp serve -h says %q", r.env, r.flag, r.def, f.def)
		}
	}
	for name := range code {
		if !seen[name] {
			t.Errorf("the code reads %s; add a row for it to the table under \"## Environment variables\" in docs/operations.md", name)
		}
	}
	for name := range flags {
		if !flagged[name] {
			t.Errorf("glapp serve takes %s; add it to the table in docs/operations.md with its environment variable", name)
		}
	}

	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(readme), "\n") {
		if strings.HasPrefix(line, "|") && regexp.MustCompile(`(GLAPP|NEO4J)_[A-Z]`).MatchString(line) {
			t.Errorf("README.md has a table row of settings, %q; the one table is in docs/operations.md", line)
		}
	}
	if !strings.Contains(string(readme), "docs/operations.md#environment-variables") {
		t.Error("README.md does not point to docs/operations.md#environment-variables")
	}
}

// TestShutdownTimeoutFromEnvironment checks GLAPP_SHUTDOWN_TIMEOUT, which a container
// sets where it cannot pass flags, and that the flag still wins.
func TestShutdownTimeoutFromEnvironment(t *testing.T) {
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == "GLAPP_SHUTDOWN_TIMEOUT" {
				return v
			}
			return ""
		}
	}
	for _, tc := range []struct {
		env  string
		args []string
		want time.Duration
	}{
		{"", nil, 20 * time.Second},
		{"5s", nil, 5 * time.Second},
		{"5s", []string{"--shutdown-timeout", "1m"}, time.Minute},
	} {
		cfg, err := parseServeConfig(tc.args, env(tc.env), io.Discard)
		if err != nil || cfg.shutdownTimeout != tc.want {
			t.Errorf("GLAPP_SHUTDOWN_TIMEOUT=%q %q: %+v, %v; want %s", tc.env, tc.args, cfg, err, tc.want)
		}
	}
	for _, bad := range []string{"soon", "0s", "-1s"} {
		if _, err := parseServeConfig(nil, env(bad), io.Discard); err == nil {
			t.Errorf("GLAPP_SHUTDOWN_TIMEOUT=%q: no error; want one", bad)
		}
	}
}
