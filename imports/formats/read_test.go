package formats

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/personal"
)

// testNow is the clock of every test: dates after it are dropped.
var testNow = func() time.Time { return time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC) }

// readAll reads data in format and returns every record.
func readAll(tb testing.TB, format journeys.ImportFormat, data []byte, name string, opt Options) ([]Record, Stats, error) {
	tb.Helper()
	if opt.Now == nil {
		opt.Now = testNow
	}
	var recs []Record
	stats, err := Read(context.Background(), format, bytes.NewReader(data), int64(len(data)), name, opt, func(r Record) error {
		recs = append(recs, r)
		return nil
	})
	return recs, stats, err
}

// mustRead is readAll for input that must be readable.
func mustRead(tb testing.TB, format journeys.ImportFormat, data []byte, name string, opt Options) ([]Record, Stats) {
	tb.Helper()
	recs, stats, err := readAll(tb, format, data, name, opt)
	if err != nil {
		tb.Fatalf("Read(%s, %s) = %v; want no error", format, name, err)
	}
	return recs, stats
}

// fixture returns the bytes of a file under testdata.
func fixture(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// zipDir zips the files under testdata/dir, in name order, the way a tool writes an
// archive.
func zipDir(tb testing.TB, dir string) []byte {
	tb.Helper()
	root := filepath.Join("testdata", dir)
	var names []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, p)
		}
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	slices.Sort(names)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range names {
		rel, _ := filepath.Rel(root, p)
		w, err := zw.Create(filepath.ToSlash(rel))
		if err != nil {
			tb.Fatal(err)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		w.Write(b)
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// show renders a record on one line, so that a failure shows every field.
func show(r Record) string {
	s := ""
	if r.Sentiment != nil {
		s = fmt.Sprint(*r.Sentiment)
	}
	return fmt.Sprintf("origin=%s text=%q kind=%s status=%s sentiment=%s codes=%q date=%s about=%q source={%s %s %s %s %q}",
		r.Origin, r.Text, r.Kind, r.Status, s, r.Codes, r.Date, r.About,
		r.Source.Origin, r.Source.Kind, r.Source.Date, r.Source.ParticipantRole, r.Source.Alias)
}

// readCase is one input of a format's table test and what must come out of it.
type readCase struct {
	name       string
	data       []byte
	opt        Options
	want       []Record
	skipped    map[string]int
	redactions map[string]int
}

// runReadCases reads each case and checks its records and counts.
func runReadCases(t *testing.T, format journeys.ImportFormat, cases []readCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			got, stats := mustRead(t, format, tt.data, tt.name, tt.opt)
			checkRecords(t, got, tt.want)
			checkStats(t, stats, len(tt.want), tt.skipped, tt.redactions)
		})
	}
}

// checkRecords compares records field by field; a want origin ending in "sha256:" only
// checks that prefix and a 64-digit hash after it.
func checkRecords(t *testing.T, got, want []Record) {
	t.Helper()
	for i := 0; i < len(got) || i < len(want); i++ {
		switch {
		case i >= len(got):
			t.Errorf("record %d missing; want %s", i, show(want[i]))
		case i >= len(want):
			t.Errorf("record %d unexpected: %s", i, show(got[i]))
		default:
			g, w := got[i], want[i]
			if strings.HasSuffix(w.Origin, "sha256:") && strings.HasPrefix(g.Origin, w.Origin) && len(g.Origin) == len(w.Origin)+64 {
				w.Origin = g.Origin
			}
			if show(g) != show(w) {
				t.Errorf("record %d:\n got %s\nwant %s", i, show(g), show(w))
			}
		}
	}
}

// checkStats compares the counts of a read.
func checkStats(t *testing.T, got Stats, records int, skipped, redactions map[string]int) {
	t.Helper()
	n := 0
	for _, c := range skipped {
		n += c
	}
	if got.Records != records || got.Skipped != n {
		t.Errorf("Stats = %d records, %d skipped; want %d, %d", got.Records, got.Skipped, records, n)
	}
	if fmt.Sprint(got.SkippedReasons) != fmt.Sprint(nonNil(skipped)) {
		t.Errorf("SkippedReasons = %v; want %v", got.SkippedReasons, skipped)
	}
	if fmt.Sprint(got.Redactions) != fmt.Sprint(nonNil(redactions)) {
		t.Errorf("Redactions = %v; want %v", got.Redactions, redactions)
	}
}

func nonNil(m map[string]int) map[string]int {
	if m == nil {
		return map[string]int{}
	}
	return m
}

// wantInvalid checks that err is INVALID and that its message holds each of parts.
func wantInvalid(t *testing.T, err error, parts ...string) {
	t.Helper()
	if journeys.ErrorCode(err) != journeys.Invalid {
		t.Fatalf("error = %v; want INVALID", err)
	}
	msg := journeys.ErrorMessage(err)
	for _, p := range parts {
		if !strings.Contains(msg, p) {
			t.Errorf("message %q does not contain %q", msg, p)
		}
	}
}

func intp(n int) *int { return &n }

// everyFixture lists one readable input per shape, for tests that must hold for all.
func everyFixture(tb testing.TB) []struct {
	name   string
	format journeys.ImportFormat
	data   []byte
	opt    Options
} {
	csvOpt := Options{CSV: CSVMapping{Text: "Citat", Participant: "Deltagare", Role: "Roll", Date: "Datum", Tags: "Taggar", Source: "Intervju", TagSeparator: ","}}
	return []struct {
		name   string
		format journeys.ImportFormat
		data   []byte
		opt    Options
	}{
		{"maxqda.qdpx", "refi-qda", zipDir(tb, "qdpx/maxqda"), Options{}},
		{"nvivo.qdpx", "refi-qda", zipDir(tb, "qdpx/nvivo-mac"), Options{}},
		{"atlas.qdpx", "refi-qda", zipDir(tb, "qdpx/atlas"), Options{}},
		{"folder.qdpx", "refi-qda", zipDir(tb, "qdpx/folder"), Options{}},
		{"workshop.qde", "refi-qda", fixture(tb, "qde/workshop.qde"), Options{}},
		{"excel-sv.csv", "csv", fixture(tb, "csv/excel-sv.csv"), csvOpt},
		{"highlights.json", "dovetail", fixture(tb, "dovetail/highlights.json"), Options{}},
		{"vault.zip", "markdown", zipDir(tb, "markdown/vault"), Options{}},
		{"glapp.jsonl", "jsonl", fixture(tb, "jsonl/glapp.jsonl"), Options{}},
	}
}

// TestOriginsAreStable reads every fixture twice: a re-import must key every record the
// same way, or importing the same file twice would duplicate evidence.
func TestOriginsAreStable(t *testing.T) {
	for _, f := range everyFixture(t) {
		t.Run(f.name, func(t *testing.T) {
			first, _ := mustRead(t, f.format, f.data, f.name, f.opt)
			second, _ := mustRead(t, f.format, f.data, f.name, f.opt)
			if len(first) == 0 {
				t.Fatal("no records")
			}
			seen := map[string]bool{}
			for i := range first {
				if first[i].Origin != second[i].Origin {
					t.Errorf("record %d: origin %q, then %q", i, first[i].Origin, second[i].Origin)
				}
				if seen[first[i].Origin] {
					t.Errorf("origin %q given to two records", first[i].Origin)
				}
				seen[first[i].Origin] = true
				if !strings.HasPrefix(first[i].Origin, strings.SplitN(string(f.format), "-", 2)[0]) {
					t.Errorf("origin %q does not name the format", first[i].Origin)
				}
			}
		})
	}
}

// TestRecordsAreRedacted checks every text, alias and code of every fixture.
func TestRecordsAreRedacted(t *testing.T) {
	for _, f := range everyFixture(t) {
		recs, _ := mustRead(t, f.format, f.data, f.name, f.opt)
		for _, r := range recs {
			for _, s := range append([]string{r.Text, r.Origin, r.Source.Alias, r.Source.Origin}, r.Codes...) {
				if personal.Contains(s) {
					t.Errorf("%s: %q is not redacted", f.name, s)
				}
			}
		}
	}
}

func TestReadRefusesUnknownFormat(t *testing.T) {
	_, _, err := readAll(t, "docx", []byte("x"), "a.docx", Options{})
	wantInvalid(t, err, "docx", "refi-qda, csv, dovetail, markdown, jsonl")
}

// TestReadStopsOnCallbackError: an error from fn (the store failing) stops the read and
// is returned as it is, not turned into INVALID.
func TestReadStopsOnCallbackError(t *testing.T) {
	boom := errors.New("store down")
	for _, f := range everyFixture(t) {
		calls := 0
		opt := f.opt
		opt.Now = testNow
		_, err := Read(context.Background(), f.format, bytes.NewReader(f.data), int64(len(f.data)), f.name, opt, func(Record) error {
			calls++
			return boom
		})
		if !errors.Is(err, boom) || calls != 1 {
			t.Errorf("%s: Read = %v after %d calls; want %v after 1", f.name, err, calls, boom)
		}
	}
}

func TestReadStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, f := range everyFixture(t) {
		_, err := Read(ctx, f.format, bytes.NewReader(f.data), int64(len(f.data)), f.name, f.opt, func(Record) error { return nil })
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%s: Read = %v; want context.Canceled", f.name, err)
		}
	}
}

// TestEveryFormatHasAReader fails when journeys.ImportFormats and the readers drift:
// a format nobody reads, or a reader for a format the list does not have.
func TestEveryFormatHasAReader(t *testing.T) {
	for _, f := range journeys.EvidenceFormats() {
		if readers[f] == nil {
			t.Errorf("format %q is in journeys.ImportFormats but has no reader", f)
		}
	}
	for f := range readers {
		if !f.Known() || f.Lived() {
			t.Errorf("reader for %q, which journeys.ImportFormats does not list", f)
		}
	}
	if _, err := Read(t.Context(), "docx", bytes.NewReader(nil), 0, "a.docx", Options{}, func(Record) error { return nil }); journeys.ErrorCode(err) != journeys.Invalid || !strings.Contains(err.Error(), "refi-qda, csv") {
		t.Errorf("Read(docx) = %v; want INVALID listing the formats", err)
	}
}

func TestNormDate(t *testing.T) {
	now := testNow()
	for in, want := range map[string]string{
		"2026-03-14": "2026-03-14", "2026-03-14T23:30:00+02:00": "2026-03-14", "2026-04-01T08:15:30.123456+00:00": "2026-04-01",
		"14.3.2026": "2026-03-14", "2026/03/14": "2026-03-14", "3/4/2026": "", "2027-01-01": "", "igår": "", "": "",
		"2026-02-30": "",
	} {
		if got := normDate(in, now); got != want {
			t.Errorf("normDate(%q) = %q; want %q", in, got, want)
		}
	}
}

// TestTooLongText: an insight holds at most 20000 characters; a longer excerpt is skipped,
// not cut, because a cut quote says something else.
func TestTooLongText(t *testing.T) {
	long := strings.Repeat("väntan ", 3000)
	qde := `<Project><Sources><TextSource guid="s" name="x"><PlainTextContent>` + long + `</PlainTextContent>` +
		`<PlainTextSelection guid="a" startPosition="0" endPosition="21000"/><PlainTextSelection guid="b" startPosition="0" endPosition="20000"/>` +
		`</TextSource></Sources></Project>`
	recs, stats := mustRead(t, "refi-qda", []byte(qde), "lång.qde", Options{})
	checkStats(t, stats, 1, map[string]int{SkipTextTooLong: 1}, nil)
	if n := utf8.RuneCountInString(recs[0].Text); n != maxTextRunes {
		t.Errorf("kept text of %d characters; want %d", n, maxTextRunes)
	}
	_, stats = mustRead(t, "csv", []byte("Text\n"+long+"\nkort\n"), "lång.csv", Options{CSV: CSVMapping{Text: "Text"}})
	checkStats(t, stats, 1, map[string]int{SkipTextTooLong: 1}, nil)
}
