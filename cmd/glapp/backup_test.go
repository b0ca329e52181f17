package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/glapp/glapp/graph/embedded"
	"github.com/glapp/glapp/journeys"
)

// glappEnv runs the command line as main does, with env as the environment, and returns
// the exit status and what went to standard output and standard error.
func glappEnv(t *testing.T, env map[string]string, args ...string) (status int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := runStreams(t.Context(), args, func(k string) string { return env[k] }, &out, &errOut)
	return exitStatus(err, &errOut), out.String(), errOut.String()
}

// ack is a journey write the server acknowledged: the version it answered and the title
// written at that version.
type ack struct {
	version int64
	title   string
}

// TestBackupUnderWrites takes a backup with glapp backup while writers keep replacing
// journeys, restores it into a new data directory with glapp restore, and checks that the
// store there opens, passes glapp check, and holds every write acknowledged before the
// backup began: each journey at the acknowledged version or a later one, and at that
// version with the title then written.
func TestBackupUnderWrites(t *testing.T) {
	ts := startServer(t, "", map[string]string{"GLAPP_RATE_LIMIT": "1000000", "GLAPP_RATE_BURST": "1000000"})
	newProject(t, ts, "p")
	var doc map[string]any
	if err := json.Unmarshal(specExample(t), &doc); err != nil {
		t.Fatal(err)
	}

	var mu sync.Mutex
	acked := map[string]ack{}
	writes := 0
	// put writes journey id over version (0: none yet) and returns the version stored.
	put := func(id, title string, version int64) (int64, error) {
		d := map[string]any{}
		for k, v := range doc {
			d[k] = v
		}
		d["id"], d["title"] = id, title
		body, _ := json.Marshal(d)
		req, _ := http.NewRequest("PUT", ts.URL+"/api/v1/projects/p/journeys/"+id, bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+ts.Token)
		req.Header.Set("Content-Type", "application/json")
		if version > 0 {
			req.Header.Set("If-Match", fmt.Sprintf(`"%d"`, version))
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return 0, err
		}
		defer resp.Body.Close()
		var got struct{ Version int64 }
		if err := json.NewDecoder(resp.Body).Decode(&got); err != nil || resp.StatusCode >= 300 {
			return 0, fmt.Errorf("PUT %s = %s, %v", id, resp.Status, err)
		}
		mu.Lock()
		writes++
		if got.Version > acked[id].version {
			acked[id] = ack{got.Version, title}
		}
		mu.Unlock()
		return got.Version, nil
	}

	// Some journeys before the writers start, so that the copy has something to hold
	// whatever the scheduling; each writer then replaces five of them, its own.
	versions := make([]int64, 20)
	for i := range versions {
		v, err := put(fmt.Sprintf("j%02d", i), "före", 0)
		if err != nil {
			t.Fatal(err)
		}
		versions[i] = v
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	// Each writer has written a few times, and goes on, before the backup begins.
	var started sync.WaitGroup
	started.Add(4)
	for w := range 4 {
		wg.Go(func() {
			for n := 0; ; n++ {
				if n == 3 {
					started.Done()
				}
				select {
				case <-stop:
					return
				default:
				}
				i := w*5 + n%5
				v, err := put(fmt.Sprintf("j%02d", i), fmt.Sprintf("skrivare %d, skrivning %d", w, n), versions[i])
				if err != nil {
					errs <- err
					if n < 3 {
						started.Done()
					}
					return
				}
				versions[i] = v
			}
		})
	}

	started.Wait()
	mu.Lock()
	writesBefore := writes
	before := make(map[string]ack, len(acked))
	for id, a := range acked {
		before[id] = a
	}
	mu.Unlock()
	file := filepath.Join(t.TempDir(), "backups", "glapp.db")
	if err := os.MkdirAll(filepath.Dir(file), 0o700); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"GLAPP_URL": ts.URL, "GLAPP_TOKEN": ts.Token}
	status, stdout, stderr := glappEnv(t, env, "backup", "--to", file)
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("writer: %v", err)
	}
	if status != exitOK || !strings.Contains(stdout, "backed up") || stderr != "" {
		t.Fatalf("glapp backup = %d, %q, %q; want 0 and what it wrote", status, stdout, stderr)
	}
	if entries, _ := os.ReadDir(filepath.Dir(file)); len(entries) != 1 {
		t.Errorf("the backup directory holds %v; want the backup only, no temporary file", entries)
	}
	if info, err := os.Stat(file); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("the backup file: %v, %v; want it readable by its owner only", info, err)
	}

	// The live server's revision after every write: the restored store must issue tags
	// beyond it, or a client could be told an old answer still holds.
	var live int64
	{
		req, _ := http.NewRequest("GET", ts.URL+"/api/v1/projects/p/journeys/j00", nil)
		req.Header.Set("Authorization", "Bearer "+ts.Token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		parts := strings.Split(strings.Trim(resp.Header.Get("ETag"), `"`), ".")
		if len(parts) != 3 {
			t.Fatalf("ETag of a journey = %q; want version.revision.hash", resp.Header.Get("ETag"))
		}
		live, _ = strconv.ParseInt(parts[1], 10, 64)
	}

	dir := filepath.Join(t.TempDir(), "restored")
	if status, stdout, stderr := glappEnv(t, nil, "restore", "--from", file, "--data-dir", dir); status != exitOK || !strings.Contains(stdout, "restored") {
		t.Fatalf("glapp restore = %d, %q, %q; want 0", status, stdout, stderr)
	}
	if status, stdout, stderr := glappEnv(t, nil, "check", "--data-dir", dir); status != exitOK || !strings.Contains(stdout, "No problems found") {
		t.Fatalf("glapp check on the restored store = %d, %q, %q; want 0 and no problems", status, stdout, stderr)
	}
	s, err := embedded.OpenReadOnly(dir)
	if err != nil {
		t.Fatalf("OpenReadOnly(the restored store) = %v", err)
	}
	defer s.Close()
	if st, err := s.Stamp(t.Context(), "p"); err != nil || st.Revision <= live {
		t.Errorf("restored stamp = %+v, %v; want a revision beyond the live server's %d", st, err, live)
	}
	for id, a := range before {
		j, err := s.GetJourney(t.Context(), "p", id)
		switch {
		case err != nil:
			t.Errorf("GetJourney(%q) from the restored store = %v; want the journey acknowledged at version %d before the backup", id, err, a.version)
		case j.Version < a.version:
			t.Errorf("journey %q is at version %d in the restored store; want at least %d, acknowledged before the backup", id, j.Version, a.version)
		case j.Version == a.version && j.Title != a.title:
			t.Errorf("journey %q at version %d is titled %q in the restored store; want %q, as written", id, j.Version, j.Title, a.title)
		}
	}
	t.Logf("%d writes acknowledged before the backup began, %d in all", writesBefore, writes)
}

// TestBackupErrors checks that a backup the server refuses, or cannot give, exits 1
// with a clear message and leaves the file it was to replace as it was.
func TestBackupErrors(t *testing.T) {
	ts := startServer(t, "", nil)
	newProject(t, ts, "p")
	var tok struct{ Secret string }
	if err := json.Unmarshal(ts.must(t, http.StatusCreated, "POST", "/api/v1/tokens", `{"name":"Ledare","role":"lead","projects":["p"]}`).Body, &tok); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String()
	ln.Close()

	for _, tc := range []struct {
		name     string
		url      string
		token    string
		status   int
		messages []string
	}{
		{"ErrUnknownToken", ts.URL, "glapp_wrong", exitFailure, []string{"401", "admin token"}},
		{"ErrNotAdmin", ts.URL, tok.Secret, exitFailure, []string{"403", "admin token"}},
		{"ErrUnreachable", closed, ts.Token, exitFailure, []string{"cannot reach the Glapp server", "GLAPP_URL"}},
		{"ErrNoToken", ts.URL, "", exitUsage, []string{"GLAPP_TOKEN"}},
		{"ErrBadURL", "ftp://x", ts.Token, exitUsage, []string{"GLAPP_URL"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			file := filepath.Join(dir, "glapp.db")
			if err := os.WriteFile(file, []byte("en tidigare kopia"), 0o600); err != nil {
				t.Fatal(err)
			}
			status, stdout, stderr := glappEnv(t, map[string]string{"GLAPP_URL": tc.url, "GLAPP_TOKEN": tc.token}, "backup", "--to", file)
			if status != tc.status || stdout != "" {
				t.Errorf("glapp backup = %d, %q, %q; want %d and nothing on stdout", status, stdout, stderr, tc.status)
			}
			for _, m := range tc.messages {
				if !strings.Contains(stderr, m) {
					t.Errorf("glapp backup said %q; want it to mention %q", stderr, m)
				}
			}
			if strings.Contains(stderr, ts.Token) || (tok.Secret != "" && strings.Contains(stderr, tok.Secret)) {
				t.Errorf("glapp backup printed a token: %q", stderr)
			}
			if got, _ := os.ReadFile(file); string(got) != "en tidigare kopia" {
				t.Errorf("the file holds %q after a failed backup; want the earlier copy kept", got)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 1 {
				t.Errorf("the directory holds %v after a failed backup; want only the earlier file", entries)
			}
		})
	}

	t.Run("IntoDirectory", func(t *testing.T) {
		dir := t.TempDir()
		status, stdout, stderr := glappEnv(t, map[string]string{"GLAPP_URL": ts.URL + "/", "GLAPP_TOKEN": ts.Token}, "backup", "--to", dir)
		entries, _ := os.ReadDir(dir)
		if status != exitOK || len(entries) != 1 || !strings.HasPrefix(entries[0].Name(), "glapp-") || !strings.Contains(stdout, entries[0].Name()) {
			t.Errorf("glapp backup --to DIR = %d, %q, %q, wrote %v; want one file with the server's dated name", status, stdout, stderr, entries)
		}
	})
}

// TestRestoreErrors checks that restore changes nothing when it refuses: onto a store
// without --force, from a file that is not a sound store, into the directory of a
// running server; and that --force keeps the store it replaces.
func TestRestoreErrors(t *testing.T) {
	backup := filepath.Join(t.TempDir(), "backup.db")
	{
		dir := t.TempDir()
		s, err := embedded.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateProject(t.Context(), &journeys.Project{ID: "from-backup", Name: "B"}); err != nil {
			t.Fatal(err)
		}
		s.Close()
		copyTestFile(t, filepath.Join(dir, embedded.FileName), backup)
	}
	existing := func(t *testing.T) (dir string, before []byte) {
		dir = t.TempDir()
		s, err := embedded.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
		before, _ = os.ReadFile(filepath.Join(dir, embedded.FileName))
		return dir, before
	}
	unchanged := func(t *testing.T, dir string, before []byte) {
		t.Helper()
		if got, _ := os.ReadFile(filepath.Join(dir, embedded.FileName)); !bytes.Equal(got, before) {
			t.Errorf("the store changed after a refused restore")
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 1 {
			t.Errorf("the data directory holds %v after a refused restore; want the store only", entries)
		}
	}

	t.Run("ErrExists", func(t *testing.T) {
		dir, before := existing(t)
		status, _, stderr := glappEnv(t, nil, "restore", "--from", backup, "--data-dir", dir)
		if status != exitFailure || !strings.Contains(stderr, "--force") {
			t.Errorf("glapp restore onto a store = %d, %q; want 1 and a pointer to --force", status, stderr)
		}
		unchanged(t, dir, before)
	})

	t.Run("ErrNotAStore", func(t *testing.T) {
		dir, before := existing(t)
		text := filepath.Join(t.TempDir(), "text.db")
		if err := os.WriteFile(text, bytes.Repeat([]byte("inte en databas\n"), 2000), 0o600); err != nil {
			t.Fatal(err)
		}
		status, _, stderr := glappEnv(t, nil, "restore", "--from", text, "--data-dir", dir, "--force")
		if status != exitFailure || !strings.Contains(stderr, "nothing was restored") {
			t.Errorf("glapp restore from a text file = %d, %q; want 1 and that nothing was restored", status, stderr)
		}
		unchanged(t, dir, before)
	})

	t.Run("ErrServerRunning", func(t *testing.T) {
		dir := t.TempDir()
		startServer(t, dir, nil)
		status, _, stderr := glappEnv(t, nil, "restore", "--from", backup, "--data-dir", dir, "--force")
		if status != exitFailure || !strings.Contains(stderr, "stop glapp serve") {
			t.Errorf("glapp restore --force under a running server = %d, %q; want 1 and to stop the server first", status, stderr)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 1 || entries[0].Name() != embedded.FileName {
			t.Errorf("the running server's data directory holds %v after a refused restore; want its store only, not moved aside", entries)
		}
	})

	t.Run("Force", func(t *testing.T) {
		dir, before := existing(t)
		status, stdout, stderr := glappEnv(t, nil, "restore", "--from", backup, "--data-dir", dir, "--force")
		if status != exitOK || !strings.Contains(stdout, embedded.FileName+".before-restore") {
			t.Fatalf("glapp restore --force = %d, %q, %q; want 0 and where the old store went", status, stdout, stderr)
		}
		if got, _ := os.ReadFile(filepath.Join(dir, embedded.FileName+".before-restore")); !bytes.Equal(got, before) {
			t.Errorf("the replaced store was not kept as %s.before-restore", embedded.FileName)
		}
		// The restored store is the backup with its stamps raised, so it is compared by
		// what it holds, not byte for byte.
		s, err := embedded.OpenReadOnly(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if _, err := s.GetProject(t.Context(), "from-backup"); err != nil {
			t.Errorf("the data directory's store is not the backup: %v", err)
		}
	})
}

// copyTestFile copies from to to or fails the test.
func copyTestFile(t *testing.T, from, to string) {
	t.Helper()
	src, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
}
