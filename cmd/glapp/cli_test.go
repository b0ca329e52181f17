package main

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/glapp/glapp/graph/embedded"
	"github.com/glapp/glapp/graph/storetest"
	"github.com/glapp/glapp/journeys"
	bolt "go.etcd.io/bbolt"
)

// glapp runs the command line as main does, with no environment, and returns the exit
// status and what went to standard output and standard error.
func glapp(t *testing.T, args ...string) (status int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	status = exitStatus(runStreams(context.Background(), args, func(string) string { return "" }, &out, &errOut), &errOut)
	return status, out.String(), errOut.String()
}

// TestHelp checks that -h and --help, for glapp and every command, print the usage to
// standard output and exit 0.
func TestHelp(t *testing.T) {
	for _, args := range [][]string{
		{"-h"}, {"--help"}, {"help"}, {"help", "report"},
		{"serve", "-h"}, {"serve", "--help"}, {"report", "-h"}, {"diagram", "--help"}, {"check", "-h"},
		{"import", "-h"}, {"probe", "-h"}, {"token", "-h"}, {"token", "create", "--help"}, {"migrate", "-h"}, {"version", "-h"},
		{"backup", "-h"}, {"restore", "-h"}, {"journey", "-h"}, {"journey", "export", "-h"}, {"journey", "import", "-h"},
	} {
		status, stdout, stderr := glapp(t, args...)
		if status != exitOK || !strings.Contains(stdout, "Usage") || stderr != "" {
			t.Errorf("glapp %q = status %d, stdout %q, stderr %q; want 0 and the usage on stdout only", args, status, stdout, stderr)
		}
	}
	if _, stdout, _ := glapp(t, "report", "-h"); !strings.Contains(stdout, "-project") || !strings.Contains(stdout, "-data-dir") {
		t.Errorf("glapp report -h = %q; want its flags", stdout)
	}
}

// TestUsageErrors checks that a command called wrongly exits 2 with the problem and a
// pointer to the usage on standard error, and nothing on standard output.
func TestUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "no command"},
		{[]string{"nope"}, `unknown command "nope"`},
		{[]string{"report"}, "needs --project"},
		{[]string{"report", "--nope"}, "flag provided but not defined: -nope"},
		{[]string{"report", "--project", "p", "--format", "xml"}, "--format"},
		{[]string{"diagram", "--project", "p"}, "--journey"},
		{[]string{"serve", "extra"}, "takes no arguments"},
		{[]string{"serve", "--log-format", "xml"}, "--log-format"},
		{[]string{"serve", "--log-level", "loud"}, "--log-level"},
		{[]string{"check", "extra"}, "takes no arguments"},
		{[]string{"import"}, "needs --project"},
		{[]string{"token"}, "subcommand"},
		{[]string{"token", "create", "--nope"}, "-nope"},
		{[]string{"migrate"}, "--from-data-dir"},
		{[]string{"backup"}, "--to"},
		{[]string{"restore"}, "--from"},
		{[]string{"restore", "--from", "x", "extra"}, "takes no arguments"},
		{[]string{"journey"}, "subcommand"},
		{[]string{"journey", "import", "--project", "p", "--journey", "j"}, "--in"},
		{[]string{"journey", "export", "--project", "p", "--journey", "j", "--out", "x", "--format", "csv"}, "--format"},
	} {
		status, stdout, stderr := glapp(t, tc.args...)
		if status != exitUsage || stdout != "" || !strings.Contains(stderr, tc.want) || !strings.Contains(stderr, "-h\" for usage") {
			t.Errorf("glapp %q = status %d, stdout %q, stderr %q; want 2, nothing on stdout, and %q with a pointer to -h on stderr",
				tc.args, status, stdout, stderr, tc.want)
		}
	}
}

// TestVersion checks both spellings print the version from the build information; a
// test binary has no VCS information, which reads as (devel).
func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		status, stdout, stderr := glapp(t, args...)
		if status != exitOK || !strings.HasPrefix(stdout, "glapp ") || !strings.Contains(stdout, "revision: ") ||
			!strings.Contains(stdout, "committed: ") || !strings.Contains(stdout, "(devel)") || stderr != "" {
			t.Errorf("glapp %q = %d, %q, %q; want 0 and the version, revision and commit time on stdout", args, status, stdout, stderr)
		}
	}
}

// TestReadersCreateNothing checks that report, diagram and check refuse a data
// directory without a store, exit 1, and create neither the directory nor a file.
func TestReadersCreateNothing(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "no", "such", "dir")
	empty := t.TempDir()
	for _, dir := range []string{missing, empty} {
		for _, args := range [][]string{
			{"report", "--data-dir", dir, "--project", "demo"},
			{"diagram", "--data-dir", dir, "--project", "demo", "--journey", "j"},
			{"check", "--data-dir", dir},
		} {
			status, stdout, stderr := glapp(t, args...)
			if status != exitFailure || stdout != "" || !strings.Contains(stderr, "no Glapp store") || !strings.Contains(stderr, "--data-dir") {
				t.Errorf("glapp %q = %d, %q, %q; want 1 and a message naming --data-dir", args, status, stdout, stderr)
			}
		}
	}
	if _, err := os.Stat(missing); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the read-only commands created %s (%v); want nothing", missing, err)
	}
	if entries, _ := os.ReadDir(empty); len(entries) != 0 {
		t.Errorf("the read-only commands wrote %v into an empty directory; want nothing", entries)
	}
}

// TestCheckCommand runs glapp check on a sound store and on damaged, empty and foreign
// files: 0 and a report for the first, 1 and a clear message for the others, which are
// left as they were.
func TestCheckCommand(t *testing.T) {
	sound := t.TempDir()
	s, err := embedded.Open(sound)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateProject(t.Context(), &journeys.Project{ID: "p1", Name: "Projekt"}); err != nil {
		t.Fatal(err)
	}
	for i := range 40 {
		j := storetest.GenerateJourney("resa-"+string(rune('a'+i/26))+string(rune('a'+i%26)), 12, "a")
		if _, _, err := s.PutJourney(t.Context(), "p1", j, journeys.Precondition{}); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()

	status, stdout, stderr := glapp(t, "check", "--data-dir", sound)
	if status != exitOK || !strings.Contains(stdout, "No problems found") || !strings.Contains(stdout, "40 journeys") || stderr != "" {
		t.Errorf("glapp check (sound) = %d, stdout %q, stderr %q; want 0, the counts and no problems", status, stdout, stderr)
	}

	for _, tc := range []struct {
		name string
		file func(t *testing.T) []byte
		want string
	}{
		{"Damaged", func(t *testing.T) []byte { return damage(t, readFile(t, filepath.Join(sound, embedded.FileName))) }, "damaged"},
		{"Empty", func(*testing.T) []byte { return nil }, "empty (0 bytes)"},
		{"Text", func(*testing.T) []byte { return bytes.Repeat([]byte("inte en databas\n"), 2000) }, "not a bbolt database"},
		{"OtherBolt", otherBolt, "no Glapp marker"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, embedded.FileName)
			data := tc.file(t)
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
			for _, cmd := range []string{"check", "serve"} {
				status, _, stderr := glapp(t, cmd, "--data-dir", dir, "--addr", "127.0.0.1:0")
				if cmd == "check" {
					status, _, stderr = glapp(t, cmd, "--data-dir", dir)
				}
				if status != exitFailure || !strings.Contains(stderr, tc.want) || strings.Contains(stderr, "goroutine") {
					t.Errorf("glapp %s on a %s file = %d, stderr %q; want 1 and a message saying %q", cmd, tc.name, status, stderr, tc.want)
				}
			}
			if after := readFile(t, path); !bytes.Equal(after, data) {
				t.Errorf("glapp check and serve changed the %s file; want it untouched", tc.name)
			}
		})
	}
}

// damage flips the type and element count of the first leaf page after the meta pages
// that holds a journey, as a disk error would.
func damage(t *testing.T, data []byte) []byte {
	t.Helper()
	size := os.Getpagesize()
	for off := 2 * size; off+size <= len(data); off += size {
		if page := data[off : off+size]; page[8] == 0x02 && bytes.Contains(page, []byte(`"id":"resa-`)) {
			copy(page[8:12], []byte{0xff, 0xff, 0xff, 0xff})
			return data
		}
	}
	t.Fatal("no journey page to damage")
	return nil
}

// otherBolt returns a bbolt file of some other program: buckets, but no Glapp marker.
func otherBolt(t *testing.T) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "other.db")
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("widgets")); return err }); err != nil {
		t.Fatal(err)
	}
	db.Close()
	return readFile(t, path)
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestProgress checks the two ways the bar draws: plain lines where standard error is
// not a terminal, one line redrawn with carriage returns where it is.
func TestProgress(t *testing.T) {
	var plain bytes.Buffer
	p := newProgress(&plain, 4, "journeys copied")
	for range 4 {
		p.step()
	}
	if got := plain.String(); strings.Contains(got, "\r") || strings.Count(got, "\n") != 5 || !strings.HasSuffix(got, "] 4/4 journeys copied\n") {
		t.Errorf("progress to a buffer = %q; want five plain lines", got)
	}
	var tty bytes.Buffer
	p = &progress{w: &tty, tty: true, total: 4, noun: "journeys copied", drawn: -1}
	p.draw()
	for range 4 {
		p.step()
	}
	if got := tty.String(); strings.Count(got, "\r") != 5 || strings.Count(got, "\n") != 1 || !strings.HasSuffix(got, "\r[####################] 4/4 journeys copied\n") {
		t.Errorf("progress to a terminal = %q; want one line redrawn in place, ended once", got)
	}
}
