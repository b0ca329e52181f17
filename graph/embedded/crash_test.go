package embedded

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/glapp/glapp/graph/storetest"
	"github.com/glapp/glapp/journeys"
	bolt "go.etcd.io/bbolt"
)

// crashDirEnv tells a re-executed test binary that it is TestCrash's writer child and
// where the data directory is.
const crashDirEnv = "GLAPP_CRASH_WRITER_DIR"

// crashReady is the line the writer prints once it has written every journey.
const crashReady = "glapp-crash-writer: wrote"

const (
	crashProject  = "crash"
	crashJourneys = 5
	crashSteps    = 300
)

// crashDocs returns, for each journey the writer keeps replacing, its two versions.
func crashDocs() [][2]*journeys.Journey {
	docs := make([][2]*journeys.Journey, crashJourneys)
	for i := range docs {
		id := fmt.Sprintf("resa-%d", i)
		docs[i] = [2]*journeys.Journey{storetest.GenerateJourney(id, crashSteps, "A"), storetest.GenerateJourney(id, crashSteps, "B")}
	}
	return docs
}

// TestCrash proves that a journey write is atomic on disk: it kills a writing process
// with SIGKILL at a random moment, reopens the store, and finds every journey whole, as
// one of the two versions written, never a mix and never a damaged file.
func TestCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("starts writer processes; skipped with -short")
	}
	dir := t.TempDir()
	docs := crashDocs()
	for round := range 5 {
		killWriter(t, dir, round)

		s, err := Open(dir)
		if err != nil {
			t.Fatalf("round %d: Open after kill -9 = %v; want nil error", round, err)
		}
		for _, pair := range docs {
			id := pair[0].ID
			got, err := s.GetJourney(t.Context(), crashProject, id)
			if err != nil {
				t.Fatalf("round %d: GetJourney(%q) = %v; want nil error", round, id, err)
			}
			if !got.SameContent(pair[0]) && !got.SameContent(pair[1]) {
				t.Errorf("round %d: GetJourney(%q) = version %d matching neither A nor B; want one of them whole", round, id, got.Version)
			}
		}
		if err := s.db.View(func(tx *bolt.Tx) error {
			var errs []error
			for err := range tx.Check() {
				errs = append(errs, err)
			}
			return errors.Join(errs...)
		}); err != nil {
			t.Errorf("round %d: database check after kill -9 = %v; want a consistent file", round, err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// killWriter starts the writer child, waits until it has written every journey, lets it write
// for a few tens of milliseconds more, and kills it with SIGKILL.
func killWriter(t *testing.T, dir string, round int) {
	t.Helper()
	killChild(t, "TestCrashWriterProcess", dir, round)
}

// killChild runs the named test of this binary as a child process with dir in
// crashDirEnv, waits until it prints crashReady, lets it work a few tens of milliseconds
// more, and kills it with SIGKILL.
func killChild(t *testing.T, test, dir string, round int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashDirEnv+"="+dir)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// A writer that never gets going must not hang the test.
	watchdog := time.AfterFunc(20*time.Second, func() { cmd.Process.Kill() })
	defer watchdog.Stop()

	var output strings.Builder
	ready := false
	lines := bufio.NewScanner(stdout)
	for !ready && lines.Scan() {
		ready = lines.Text() == crashReady
		output.WriteString(lines.Text() + "\n")
	}
	if ready {
		time.Sleep(time.Duration(10+rand.IntN(80)) * time.Millisecond)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatalf("round %d: kill writer: %v", round, err)
	}
	io.Copy(io.Discard, stdout)
	err = cmd.Wait()
	if !ready {
		t.Fatalf("round %d: writer exited (%v) before writing:\n%s%s", round, err, output.String(), stderr.String())
	}
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.Exited() {
		t.Fatalf("round %d: writer ended with %v; want it killed by a signal:\n%s", round, err, stderr.String())
	}
}

// TestCrashWriterProcess is the writer TestCrash kills: it alternates each journey
// between its two versions until it is killed. It runs only when TestCrash starts it.
func TestCrashWriterProcess(t *testing.T) {
	dir := os.Getenv(crashDirEnv)
	if dir == "" {
		t.Skip("runs only as the writer process of TestCrash")
	}
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	_, err = s.CreateProject(ctx, &journeys.Project{ID: crashProject, Name: "Krasch"})
	if err != nil && journeys.ErrorCode(err) != journeys.Conflict {
		t.Fatal(err)
	}
	// Each journey starts with the version it is not at, so that every write changes
	// the file rather than taking the idempotent path.
	docs := crashDocs()
	next := make([]int, len(docs))
	for k, pair := range docs {
		if got, err := s.GetJourney(ctx, crashProject, pair[0].ID); err == nil && got.SameContent(pair[0]) {
			next[k] = 1
		}
	}
	// The deadline only stops a writer whose parent died without killing it.
	for pass, deadline := 0, time.Now().Add(time.Minute); time.Now().Before(deadline); pass++ {
		for k, pair := range docs {
			if _, _, err := s.PutJourney(ctx, crashProject, pair[next[k]], journeys.Precondition{}); err != nil {
				t.Fatal(err)
			}
			next[k] = 1 - next[k]
		}
		if pass == 0 {
			fmt.Println(crashReady)
		}
	}
	t.Fatal("writer was never killed")
}
