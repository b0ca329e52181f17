package imports_test

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/glapp/glapp/graph/embedded"
	"github.com/glapp/glapp/imports"
	"github.com/glapp/glapp/journeys"
)

// writeEventLog writes an event log of cases×events rows to path, the cases interleaved
// as a real export's are (ordered by time, not by case), each activity padded to pad
// bytes, and returns its size.
func writeEventLog(tb testing.TB, path string, cases, events, pad int) int64 {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "case,activity,actor,timestamp,channel")
	filler := strings.Repeat("x", max(0, pad))
	start := time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC)
	for e := range events {
		for c := range cases {
			at := start.Add(time.Duration(e*36+c%24) * time.Hour)
			fmt.Fprintf(w, "ÄR-%06d,Aktivitet %d %s,Enhet %d,%s,visit\n", c, e%12, filler, (c+e)%7, at.Format("2006-01-02T15:04:05"))
		}
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	info, _ := f.Stat()
	f.Close()
	return info.Size()
}

// benchEventLog imports the log at path into a fresh project of s per iteration and
// reports the peak heap in use, sampled every few milliseconds while it runs.
func benchEventLog(b *testing.B, path string, size int64) {
	s, err := embedded.Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	svc := imports.Service{Store: s}
	var peak uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		var ms runtime.MemStats
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	})
	b.ReportAllocs()
	b.SetBytes(size)
	i := 0
	for b.Loop() {
		b.StopTimer()
		project := fmt.Sprintf("p%d", i)
		i++
		if _, err := s.CreateProject(b.Context(), &journeys.Project{ID: project, Name: project}); err != nil {
			b.Fatal(err)
		}
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		b.StartTimer()
		res, err := svc.Run(b.Context(), project, imports.Request{Format: "eventlog", Name: filepath.Base(path), File: f, Size: size})
		b.StopTimer()
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(res.Cases), "cases")
		b.StartTimer()
	}
	close(stop)
	wg.Wait()
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}

// BenchmarkEventLogImport imports 1,000 cases of 30 events each.
func BenchmarkEventLogImport(b *testing.B) {
	path := filepath.Join(b.TempDir(), "log.csv")
	size := writeEventLog(b, path, 1000, 30, 20)
	benchEventLog(b, path, size)
}

// BenchmarkEventLog50MB imports a 50 MB event log (5,000 cases of 30 events, each row
// about 350 bytes) and reports the peak heap in use: it must stay far below the file's
// size, since the import never holds the log.
func BenchmarkEventLog50MB(b *testing.B) {
	path := filepath.Join(b.TempDir(), "log.csv")
	size := writeEventLog(b, path, 5000, 30, 300)
	if size < 50<<20 {
		b.Fatalf("generated %d bytes; want 50 MB", size)
	}
	benchEventLog(b, path, size)
}
