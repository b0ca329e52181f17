package embedded

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/glapp/glapp/graph/storetest"
	"github.com/glapp/glapp/journeys"
)

// BenchmarkCheckPages measures bbolt's consistency check, which Open runs over a file
// of at most openCheckLimit bytes, on a file of 1,000 journeys of 50 steps. It reports
// the file's size, so that the cost per MiB can be read off.
func BenchmarkCheckPages(b *testing.B) {
	s, mib := checkBenchStore(b)
	for b.Loop() {
		s.checkPages(func(p string) { b.Fatal(p) })
	}
	b.ReportMetric(mib, "MiB")
}

// BenchmarkCheck measures the whole of "glapp check" on the same file: the page check
// plus decoding and validating every record.
func BenchmarkCheck(b *testing.B) {
	s, mib := checkBenchStore(b)
	defer b.ReportMetric(mib, "MiB")
	for b.Loop() {
		r, err := s.Check(b.Context())
		if err != nil || !r.Sound() {
			b.Fatal(r, err)
		}
	}
}

// checkBenchStore builds the benchmarks' file and returns the store and the file's size
// in MiB.
func checkBenchStore(b *testing.B) (*Store, float64) {
	dir := b.TempDir()
	s, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	s.db.NoSync = true // only to build the file faster
	if _, err := s.CreateProject(b.Context(), &journeys.Project{ID: "p1", Name: "Bänk"}); err != nil {
		b.Fatal(err)
	}
	for i := range 1000 {
		if _, _, err := s.PutJourney(b.Context(), "p1", storetest.GenerateJourney(fmt.Sprintf("resa-%04d", i), 50, "A"), journeys.Precondition{}); err != nil {
			b.Fatal(err)
		}
	}
	s.db.NoSync = false
	info, err := os.Stat(filepath.Join(dir, FileName))
	if err != nil {
		b.Fatal(err)
	}
	return s, float64(info.Size()) / (1 << 20)
}
