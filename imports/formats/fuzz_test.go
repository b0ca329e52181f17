package formats

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/personal"
)

// The fuzzers check what must hold for any input: no panic, unreadable input is INVALID
// (never another error), and every record that comes out is usable and free of personal
// numbers. Their seed corpora are in testdata/fuzz/FuzzXxx, next to any crasher found.

// checkOutput is the property every parser must keep.
func checkOutput(t *testing.T, format journeys.ImportFormat, data []byte, opt Options) {
	recs, stats, err := readAll(t, format, data, "fuzz", opt)
	if err != nil && journeys.ErrorCode(err) != journeys.Invalid {
		t.Fatalf("Read = %v; want nil or INVALID", err)
	}
	if err == nil && stats.Records != len(recs) {
		t.Fatalf("Stats.Records = %d for %d records", stats.Records, len(recs))
	}
	prefix := strings.SplitN(string(format), "-", 2)[0]
	for _, r := range recs {
		if r.Text == "" || !utf8.ValidString(r.Text) || utf8.RuneCountInString(r.Text) > maxTextRunes {
			t.Fatalf("unusable text %q", r.Text)
		}
		if !strings.HasPrefix(r.Origin, prefix) || r.Origin == prefix+":" {
			t.Fatalf("origin %q does not name %s", r.Origin, format)
		}
		if !slices.Contains(journeys.InsightKinds, r.Kind) {
			t.Fatalf("kind %q", r.Kind)
		}
		for _, s := range append([]string{r.Text, withoutDigest(t, r.Origin), r.Source.Alias, withoutDigest(t, r.Source.Origin)}, r.Codes...) {
			checkRedacted(t, s)
		}
	}
}

// withoutDigest returns an origin without its SHA-256 digest, checking the digest's form:
// a digest is not personal data, but its hex digits may happen to read as a number.
func withoutDigest(t *testing.T, origin string) string {
	t.Helper()
	i := strings.Index(origin, ":sha256:")
	if i < 0 {
		return origin
	}
	hex := origin[i+len(":sha256:"):]
	if len(hex) != 64 || strings.Trim(hex, "0123456789abcdef") != "" {
		t.Fatalf("origin %q has a malformed digest", origin)
	}
	return origin[:i]
}

// checkRedacted fails when s still holds personal data. (The redactor's own fuzzer, in
// package personal, checks it against a second, independent reading.)
func checkRedacted(t *testing.T, s string) {
	t.Helper()
	if out, _ := personal.Redact(s); out != s {
		t.Fatalf("%q is not redacted: Redact gives %q", s, out)
	}
}

func FuzzParseRef(f *testing.F) {
	for _, s := range []string{"step:s1", "step:j1/s1", "actor:vc", "journey:j1", "Handover: h1", "x:y/z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, ref string) {
		kind, journey, id, ok := ParseRef(ref)
		if !ok {
			return
		}
		k2, j2, i2, ok2 := ParseRef(canonicalRef(kind, journey, id))
		if !ok2 || k2 != kind || j2 != journey || i2 != id {
			t.Fatalf("ParseRef(%q) = %q %q %q, which does not parse back", ref, kind, journey, id)
		}
		if links := Links([]string{ref}, nil); len(links) != 1 {
			t.Fatalf("Links(%q) = %q", ref, links)
		}
	})
}

// fuzzFormat fuzzes one parser from the given seeds.
func fuzzFormat(f *testing.F, format journeys.ImportFormat, opt Options, seeds ...[]byte) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkOutput(t, format, data, opt) })
}

func FuzzREFIQDA(f *testing.F) {
	fuzzFormat(f, "refi-qda", Options{}, fixture(f, "qde/workshop.qde"), fixture(f, "qdpx/nvivo-mac/project.qde"), zipDir(f, "qdpx/maxqda"))
}

func FuzzCSV(f *testing.F) {
	opt := Options{CSV: CSVMapping{Text: "Citat", Participant: "Deltagare", Role: "Roll", Date: "Datum", Tags: "Taggar", Source: "Intervju", ID: "Rad-ID"}}
	fuzzFormat(f, "csv", opt, fixture(f, "csv/excel-sv.csv"), fixture(f, "csv/windows-1252.csv"), fixture(f, "csv/excel-unicode.txt"))
}

func FuzzDovetail(f *testing.F) {
	fuzzFormat(f, "dovetail", Options{}, fixture(f, "dovetail/highlights.json"), fixture(f, "dovetail/pages.json"), fixture(f, "dovetail/webhook.json"))
}

func FuzzMarkdown(f *testing.F) {
	fuzzFormat(f, "markdown", Options{}, fixture(f, "markdown/p03.md"), fixture(f, "markdown/vault/Intervjuer/p04.md"), zipDir(f, "markdown/vault"))
}

func FuzzJSONL(f *testing.F) {
	fuzzFormat(f, "jsonl", Options{}, fixture(f, "jsonl/glapp.jsonl"))
}

// FuzzEventLog checks ReadEvents on any input: no panic, unreadable input INVALID, and
// every event with a case, an activity and an actor, all redacted, and a time.
func FuzzEventLog(f *testing.F) {
	f.Add([]byte("case;activity;actor;timestamp;handoverType;channel\nk1;Ringer 070-123 45 67;vc;2026-01-05T09:00:00+01:00;referral;phone\nk1;Besök;VC;2026-01-06;;\n"))
	f.Add([]byte("Case,Step,Actor,Timestamp\n19121212-1212,\"a, b\",x,2026-01-05 09:00\n,,,\n"))
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		n := 0
		stats, err := ReadEvents(t.Context(), bytes.NewReader(data), int64(len(data)), "fuzz", EventLogMapping{}, loc,
			func(id string) string { return "p" }, func(e journeys.Event) error {
				n++
				if e.Case != "p" || e.Activity == "" || e.Actor == "" || e.Time.IsZero() {
					t.Fatalf("unusable event %+v", e)
				}
				checkRedacted(t, e.Activity)
				checkRedacted(t, e.Actor)
				return nil
			})
		if err != nil && journeys.ErrorCode(err) != journeys.Invalid {
			t.Fatalf("ReadEvents = %v; want nil or INVALID", err)
		}
		if err == nil && stats.Records != n {
			t.Fatalf("Stats.Records = %d for %d events", stats.Records, n)
		}
	})
}
