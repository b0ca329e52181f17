package embedded

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/glapp/glapp/journeys"
	bolt "go.etcd.io/bbolt"
)

// importRecords is a producer of n evidence records whose texts all carry variant, so a
// reader can tell which import it sees and whether it sees a mix.
func importRecords(n int, variant string, each func(i int)) journeys.EvidenceProducer {
	return func(_ func(*journeys.Source) error, evidence func(*journeys.Evidence) error) error {
		for i := range n {
			origin := fmt.Sprintf("csv:%d", i)
			e := journeys.Evidence{ID: journeys.EvidenceID(origin), Origin: origin, Kind: journeys.InsightQuote, About: []string{},
				Text: fmt.Sprintf("Anteckning %d, variant %s: vi väntade länge och ingen ringde tillbaka.", i, variant)}
			if err := evidence(&e); err != nil {
				return err
			}
			if each != nil {
				each(i)
			}
		}
		return nil
	}
}

// variants counts the evidence of project p by the variant its text carries.
func variants(t *testing.T, s *Store, p string) map[string]int {
	t.Helper()
	out := map[string]int{}
	err := s.EachEvidence(context.Background(), p, func(e *journeys.Evidence) error {
		_, rest, _ := strings.Cut(e.Text, "variant ")
		v, _, _ := strings.Cut(rest, ":")
		out[v]++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestImportHeapIsBounded imports 100,000 records, then imports them again over the
// stored ones, and checks that the heap stays far below the size of the data: an import
// is written in batches, not held in one transaction.
func TestImportHeapIsBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 100,000 records twice")
	}
	s := openStore(t)
	ctx := t.Context()
	mustProject(t, s, "p")
	const n = 100_000
	for _, variant := range []string{"A", "B"} {
		var peak uint64
		sample := func(i int) {
			if i%10_000 == 0 {
				runtime.GC()
				var m runtime.MemStats
				runtime.ReadMemStats(&m)
				peak = max(peak, m.HeapInuse)
			}
		}
		counts, err := s.ImportEvidence(ctx, "p", "", importRecords(n, variant, sample))
		if err != nil {
			t.Fatal(err)
		}
		if counts.Created+counts.Updated != n {
			t.Fatalf("import %s: %+v; want %d written", variant, counts, n)
		}
		// 100,000 records are about 25 MB of JSON; one transaction would hold them all.
		if peak > 24<<20 {
			t.Errorf("import %s: heap in use peaked at %d MB; want it bounded (< 24 MB)", variant, peak>>20)
		}
		t.Logf("import %s of %d records: heap in use peaked at %.1f MB", variant, n, float64(peak)/(1<<20))
	}
	if got := variants(t, s, "p"); got["B"] != n || len(got) != 1 {
		t.Fatalf("after the second import: %v; want %d of variant B only", got, n)
	}
}

// TestImportRefusesEvidenceWritesWhileRunning checks that nothing can change the evidence
// while an import builds its next generation, so that no change is lost when it commits.
func TestImportRefusesEvidenceWritesWhileRunning(t *testing.T) {
	s := openStore(t)
	ctx := t.Context()
	mustProject(t, s, "p")
	if _, err := s.ImportEvidence(ctx, "p", "", importRecords(3, "A", nil)); err != nil {
		t.Fatal(err)
	}
	started, release := make(chan struct{}), make(chan struct{})
	done := make(chan error)
	go func() {
		_, err := s.ImportEvidence(ctx, "p", "", importRecords(3, "B", func(i int) {
			if i == 0 {
				close(started)
				<-release
			}
		}))
		done <- err
	}()
	<-started
	id := journeys.EvidenceID("csv:1")
	busy := func(what string, err error) {
		t.Helper()
		if journeys.ErrorCode(err) != journeys.Conflict || journeys.RetryAfter(err) <= 0 {
			t.Errorf("%s during an import = %v; want CONFLICT with a retry hint", what, err)
		}
	}
	_, err := s.UpdateEvidence(ctx, "p", id, func(e *journeys.Evidence) error { e.About = []string{"journey:j1"}; return nil })
	busy("UpdateEvidence", err)
	busy("DeleteEvidence", s.DeleteEvidence(ctx, "p", id))
	_, err = s.ImportEvidence(ctx, "p", "", importRecords(1, "C", nil))
	busy("a second import", err)
	if got := variants(t, s, "p"); got["A"] != 3 {
		t.Errorf("readers during the import see %v; want the 3 records of A", got)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got := variants(t, s, "p"); got["B"] != 3 || len(got) != 1 {
		t.Fatalf("after the import: %v; want 3 of B only", got)
	}
	if _, err := s.UpdateEvidence(ctx, "p", id, func(e *journeys.Evidence) error { e.About = []string{"journey:j1"}; return nil }); err != nil {
		t.Fatalf("UpdateEvidence after the import = %v", err)
	}
}

const importCrashRecords = 20_000

// TestImportCrash kills a process in the middle of large imports (SIGKILL) and checks,
// after reopening, that the evidence is exactly one whole import, never a mix, and that
// nothing of the abandoned import is left in the file.
func TestImportCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes")
	}
	dir := t.TempDir()
	interrupted := 0
	for round := range 4 {
		killChild(t, "TestImportCrashProcess", dir, round)
		if importWasRunning(t, dir) {
			interrupted++
		}
		s, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		got := variants(t, s, crashProject)
		if len(got) != 1 || (got["A"] != importCrashRecords && got["B"] != importCrashRecords) {
			t.Fatalf("round %d: evidence after kill -9 is %v; want %d of one variant", round, got, importCrashRecords)
		}
		err = s.db.View(func(tx *bolt.Tx) error {
			p := tx.Bucket(projectsKey).Bucket([]byte(crashProject))
			if p.Get(importingEvidenceKey) != nil {
				return fmt.Errorf("an abandoned import is still marked running")
			}
			var generations []string
			_ = p.ForEachBucket(func(k []byte) error {
				if strings.HasPrefix(string(k), "evidence") {
					generations = append(generations, string(k))
				}
				return nil
			})
			if len(generations) > 2 { // the first bucket, kept empty, and the live one
				return fmt.Errorf("evidence buckets left behind: %v", generations)
			}
			return nil
		})
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		s.Close()
	}
	if interrupted == 0 {
		t.Fatal("no kill landed in the middle of an import; the test proved nothing")
	}
	t.Logf("%d of 4 kills interrupted an import", interrupted)
}

// importWasRunning looks into the file before Open tidies it, and reports whether the
// kill left an import half-built.
func importWasRunning(t *testing.T, dir string) bool {
	t.Helper()
	db, err := bolt.Open(dir+"/"+FileName, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	running := false
	_ = db.View(func(tx *bolt.Tx) error {
		if p := tx.Bucket(projectsKey).Bucket([]byte(crashProject)); p != nil {
			running = p.Get(importingEvidenceKey) != nil
		}
		return nil
	})
	return running
}

// TestImportCrashProcess is the importer TestImportCrash kills: it imports variant A and
// B in turn until it is killed.
func TestImportCrashProcess(t *testing.T) {
	dir := os.Getenv(crashDirEnv)
	if dir == "" {
		t.Skip("runs only as the importer process of TestImportCrash")
	}
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := s.CreateProject(ctx, &journeys.Project{ID: crashProject, Name: "Krasch"}); err != nil && journeys.ErrorCode(err) != journeys.Conflict {
		t.Fatal(err)
	}
	for pass, deadline := 0, time.Now().Add(time.Minute); time.Now().Before(deadline); pass++ {
		if _, err := s.ImportEvidence(ctx, crashProject, "", importRecords(importCrashRecords, []string{"A", "B"}[pass%2], nil)); err != nil {
			t.Fatal(err)
		}
		if pass == 0 {
			fmt.Println(crashReady)
		}
	}
}

// openStore opens a store in a fresh directory and closes it when the test ends.
func openStore(t *testing.T) *Store {
	t.Helper()
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// mustProject creates project id or fails the test.
func mustProject(t *testing.T, s *Store, id string) {
	t.Helper()
	if _, err := s.CreateProject(t.Context(), &journeys.Project{ID: id, Name: id}); err != nil {
		t.Fatal(err)
	}
}
