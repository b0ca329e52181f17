package formats

import (
	"strings"
	"testing"

	"github.com/glapp/glapp/journeys"
)

func TestCSV(t *testing.T) {
	sv := CSVMapping{Text: "Citat", Participant: "Deltagare", Role: "Roll", Date: "Datum", Tags: "Taggar", Source: "Intervju", ID: "Rad-ID", TagSeparator: ","}
	tests := []readCase{
		{
			// Swedish Excel's "CSV UTF-8": byte order mark, ";" between fields, CRLF,
			// a quoted field over two lines, an empty text, a row shorter than the
			// header, a date written 14.3.2026, Swedish role names.
			name: "excel-sv.csv", data: fixture(t, "csv/excel-sv.csv"), opt: Options{CSV: sv},
			want: []Record{
				{Origin: "csv:r1", Text: "Jag fick vänta tre veckor på en tid.", Kind: "quote", Codes: []string{"väntan", "step:s1"}, Date: "2026-03-14",
					Source: SourceRef{Origin: "csv:int-03", Kind: interview, Date: "2026-03-14", ParticipantRole: journeys.RolePatient, Alias: "Deltagare 3"}},
				{Origin: "csv:r2", Text: "Ingen ringde tillbaka\nefter utskrivningen.", Kind: "quote", Codes: []string{"handover:h2", "Uppföljning"}, Date: "2026-03-15",
					Source: SourceRef{Origin: "csv:int-04", Kind: interview, Date: "2026-03-15", ParticipantRole: journeys.RoleRelative, Alias: "Anhörig 1"}},
				{Origin: "csv:r4", Text: "Mitt personnummer är [PNR], skriv inte upp det.", Kind: "quote", Date: "2026-03-14",
					Source: SourceRef{Origin: "csv:participant:Deltagare 5", Kind: interview, Date: "2026-03-14", ParticipantRole: journeys.RoleStaff, Alias: "Deltagare 5"}},
				{Origin: "csv:sha256:", Text: `Kort rad med "citat" i.`, Kind: "quote",
					Source: SourceRef{Origin: "csv:participant:Deltagare 6", Kind: interview, Alias: "Deltagare 6"}},
			},
			skipped:    map[string]int{SkipEmptyText: 1},
			redactions: map[string]int{"PNR": 1},
		},
		{
			// Swedish Excel's "CSV (semikolonavgränsad)" saved as Windows-1252, here
			// with commas; no ID column, so the origin is a hash.
			name: "windows-1252.csv", data: fixture(t, "csv/windows-1252.csv"), opt: Options{CSV: CSVMapping{Text: "Text", Participant: "Deltagare", Date: "Datum"}},
			want: []Record{{Origin: "csv:sha256:", Text: "Vi fick åka till akuten två gånger, sen blev det bättre.", Kind: "quote", Date: "2026-02-03",
				Source: SourceRef{Origin: "csv:participant:Förälder 1", Kind: interview, Date: "2026-02-03", Alias: "Förälder 1"}}},
		},
		{
			// Excel's "Unicode text": UTF-16LE with a byte order mark and tabs; column
			// names matched without regard to case; tags split by the default ";".
			name: "excel-unicode.txt", data: fixture(t, "csv/excel-unicode.txt"), opt: Options{CSV: CSVMapping{Text: "text", Participant: "DELTAGARE", Tags: "Taggar"}},
			want: []Record{{Origin: "csv:sha256:", Text: "Socialtjänsten och psykiatrin pratade inte med varandra 😞", Kind: "quote", Codes: []string{"information", "handover:h1"},
				Source: SourceRef{Origin: "csv:participant:P2", Kind: interview, Alias: "P2"}}},
		},
		{
			// Excel's "sep=" line names the separator.
			name: "sep line", data: []byte("sep=|\nText|ID\nEtt svar|7\n"), opt: Options{CSV: CSVMapping{Text: "Text", ID: "id"}},
			want: []Record{{Origin: "csv:7", Text: "Ett svar", Kind: "quote"}},
		},
		{
			// An ID that is a personal number is not used as a key: the row is keyed by
			// its content instead, and the number never leaves.
			name: "personal id", data: []byte("Text,ID,Deltagare\nHej,19121212-1212,Nils 070-123 45 67\n"), opt: Options{CSV: CSVMapping{Text: "Text", ID: "ID", Participant: "Deltagare"}},
			want: []Record{{Origin: "csv:sha256:", Text: "Hej", Kind: "quote",
				Source: SourceRef{Origin: "csv:participant:Nils [TELEFON]", Kind: interview, Alias: "Nils [TELEFON]"}}},
			redactions: map[string]int{"TELEFON": 1},
		},
	}
	runReadCases(t, "csv", tests)
}

// TestCSVHashOrigin: without an ID the origin depends on the text, participant and date,
// and on nothing else (not on the row's place in the file).
func TestCSVHashOrigin(t *testing.T) {
	m := Options{CSV: CSVMapping{Text: "Text", Participant: "P", Date: "D", Tags: "T"}}
	origins := func(data string) []string {
		recs, _ := mustRead(t, "csv", []byte(data), "x.csv", m)
		var out []string
		for _, r := range recs {
			out = append(out, r.Origin)
		}
		return out
	}
	a := origins("Text,P,D,T\nEtt,p1,2026-01-02,x\nTvå,p1,2026-01-02,y\n")
	b := origins("T,D,P,Text\nz,2026-01-02,p1,Två\nw,2026-01-02,p1,Ett\n")
	if a[0] != b[1] || a[1] != b[0] || a[0] == a[1] {
		t.Errorf("origins %q and %q; want the same two, swapped", a, b)
	}
	c := origins("Text,P,D,T\nEtt,p2,2026-01-02,x\n")
	if c[0] == a[0] {
		t.Errorf("another participant gives the same origin %q", c[0])
	}
}

func TestCSVInvalid(t *testing.T) {
	open := "Text,P\n\"Ett citat som aldrig slutar,p1\n" + strings.Repeat(strings.Repeat("mer text ", 100)+"\n", 6000)
	tests := []struct {
		name    string
		data    string
		mapping CSVMapping
		parts   []string
	}{
		{"no text column in mapping", "Text\nHej\n", CSVMapping{}, []string{"text"}},
		{"missing columns", "Text;Vem\nHej;P\n", CSVMapping{Text: "Citat", Participant: "Deltagare"}, []string{"line 1", `"Citat"`, `"Deltagare"`, `"Text", "Vem"`}},
		{"empty file", "", CSVMapping{Text: "Text"}, []string{"empty"}},
		{"unclosed quote", open, CSVMapping{Text: "Text"}, []string{"line 2", "4 MiB"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := readAll(t, "csv", []byte(tt.data), "svar.csv", Options{CSV: tt.mapping})
			wantInvalid(t, err, append(tt.parts, `"svar.csv"`)...)
		})
	}
}
