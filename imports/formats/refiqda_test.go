package formats

import (
	"archive/zip"
	"bytes"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/glapp/glapp/journeys"
)

const (
	interview = journeys.SourceInterview
	workshop  = journeys.SourceWorkshop
)

func TestREFIQDA(t *testing.T) {
	srcA := SourceRef{Origin: "refi-qda:8F2A6C1E-0B4D-4E6A-9C3B-2D5E7F9A1B3C", Kind: interview, Alias: "Deltagare 3"}
	nvivo := "refi-qda:5e1c7a90-2b3d-4f6e-8a9b-0c1d2e3f4a5b"
	atlas := SourceRef{Origin: "refi-qda:41D5C0B2-77E3-4F1A-9B8C-6D5E4F3A2B1C", Kind: interview, Alias: "Deltagare 7"}
	folder := SourceRef{Origin: "refi-qda:c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f", Kind: interview, Alias: "Förälder 2"}
	ws := SourceRef{Origin: "refi-qda:bb000000-0000-4000-8000-000000000001", Kind: workshop, Alias: "Workshop 2026-05-20"}
	tests := []readCase{
		{
			// MAXQDA 24: Sources/ with internal://GUID.txt, nested codes, a case per
			// source, a nameless case holding only variables, a selection without a
			// coding (a memo), two codings on one selection.
			name: "maxqda", data: zipDir(t, "qdpx/maxqda"),
			want: []Record{
				{Origin: "refi-qda:D0000001-0000-4000-8000-000000000001", Text: "Sen fick jag vänta i tre veckor.", Kind: "quote", Codes: []string{"Väntan/Lång väntan"}, Source: srcA},
				{Origin: "refi-qda:D0000001-0000-4000-8000-000000000002", Text: "De sa att jag skulle kontakta socialtjänsten själv.", Kind: "quote", Codes: []string{"Överlämningar/handover:h1", "Väntan"}, Source: srcA},
				{Origin: "refi-qda:D0000001-0000-4000-8000-000000000003", Text: "Jag ringde vårdcentralen i mars.", Kind: "quote", Source: srcA},
				{Origin: "refi-qda:D0000001-0000-4000-8000-000000000004", Text: "Min kontaktperson gav mig sitt nummer, [TELEFON], men svarade aldrig.", Kind: "quote", Codes: []string{"step:s1"},
					Source: SourceRef{Origin: "refi-qda:3B9D1F7A-5C2E-4A8B-B6D0-E1F3A5C7D9E2", Kind: interview, Alias: "Intervju 4"}},
			},
			redactions: map[string]int{"TELEFON": 1},
		},
		{
			// NVivo for Mac: sources/ in lower case, positions in UTF-16 units (an emoji
			// before the excerpt), one selection per coding merged into one record, a
			// case coded like a code (the speaker), a folder code that is not codable.
			name: "nvivo-mac", data: zipDir(t, "qdpx/nvivo-mac"),
			want: []Record{
				{Origin: "refi-qda:22222222-aaaa-4bbb-8ccc-000000000001", Text: "ingen ringde tillbaka efter utskrivningen.", Kind: "quote", Codes: []string{"step:j1/s3", "Uppföljning saknas"},
					Source: SourceRef{Origin: nvivo + "/9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d", Kind: interview, Alias: "Anhörig 1"}},
				{Origin: "refi-qda:22222222-aaaa-4bbb-8ccc-000000000004", Text: "Jag visste inte vem som hade ansvaret.", Kind: "quote", Codes: []string{"Teman/Ansvar"},
					Source: SourceRef{Origin: nvivo, Kind: interview, Alias: "anhorig_1"}},
			},
		},
		{
			// ATLAS.ti: the XML is named after the project, "\r\n" counts as one
			// character, a name cut short with "...", a picture selection.
			name: "atlas", data: zipDir(t, "qdpx/atlas"),
			want: []Record{
				{Origin: "refi-qda:7B000000-0000-4000-8000-000000000001", Text: "Jag ringde själv till slut.", Kind: "quote", Codes: []string{"Egen kontakt"}, Source: atlas},
				{Origin: "refi-qda:7B000000-0000-4000-8000-000000000002", Text: "Sedan hände ingenting på fyra månader.", Kind: "quote", Codes: []string{"Väntan"}, Source: atlas},
			},
			skipped: map[string]int{SkipNotTextSelected: 1},
		},
		{
			// An unpacked project folder zipped again, with macOS's __MACOSX entries;
			// an absolute:// path found by its base name; cases after sources.
			name: "folder", data: zipDir(t, "qdpx/folder"),
			want: []Record{
				{Origin: "refi-qda:e1e2e3e4-0000-4000-8000-000000000001", Text: "Efter fem månader kom en kallelse.", Kind: "quote", Codes: []string{"Väntan"}, Source: folder},
				{Origin: "refi-qda:e1e2e3e4-0000-4000-8000-000000000002", Text: "Hör av dig på [E-POST] om du vill veta mer.", Kind: "quote", Codes: []string{"Kontakt"}, Source: folder},
			},
			redactions: map[string]int{"E-POST": 1},
		},
		{
			// A bare .qde: inline PlainTextContent, end positions written as the last
			// character (REFI-QDA 1.5 §10.2), told apart by the selections' names; a
			// source two cases share (a workshop) and a passage one of them claims; a
			// PDF whose text is not in the file; a range past the text; a bad position.
			name: "bare qde", data: fixture(t, "qde/workshop.qde"),
			want: []Record{
				{Origin: "refi-qda:dd000000-0000-4000-8000-000000000001", Text: "Ingen visste vem som skulle kalla till SIP-mötet.", Kind: "quote", Codes: []string{"Samordning/SIP saknas/Ingen kallar"}, Source: ws},
				{Origin: "refi-qda:dd000000-0000-4000-8000-000000000002", Text: "Mötet blev av först i juni.", Kind: "quote", Codes: []string{"journey:j1"},
					Source: SourceRef{Origin: ws.Origin + "/cc000000-0000-4000-8000-000000000002", Kind: workshop, Alias: "Personal B"}},
				{Origin: "refi-qda:dd000000-0000-4000-8000-000000000003", Text: "Vi var fem personer i gruppen.", Kind: "quote", Source: ws},
			},
			skipped: map[string]int{SkipOutsideText: 2, SkipNoSourceText: 1, SkipNotTextSelected: 1},
		},
	}
	runReadCases(t, "refi-qda", tests)
}

// TestREFIQDAUnitsMatter shows that counting positions the exporter's way matters: the
// NVivo file read as code points cuts its excerpt one character late.
func TestREFIQDAUnitsMatter(t *testing.T) {
	qde := bytes.ReplaceAll(fixture(t, "qdpx/nvivo-mac/project.qde"), []byte("NVivo for Mac"), []byte("Other tool"))
	data := zipFiles(t, map[string][]byte{
		"project.qde": qde,
		"sources/5e1c7a90-2b3d-4f6e-8a9b-0c1d2e3f4a5b.txt": fixture(t, "qdpx/nvivo-mac/sources/5e1c7a90-2b3d-4f6e-8a9b-0c1d2e3f4a5b.txt"),
	})
	got, _ := mustRead(t, "refi-qda", data, "other.qdpx", Options{})
	if len(got) == 0 || got[0].Text == "ingen ringde tillbaka efter utskrivningen." {
		t.Fatalf("read as code points, the excerpt is %q; want it shifted", got[0].Text)
	}
}

func TestREFIQDAInvalid(t *testing.T) {
	tests := []struct {
		name  string
		data  []byte
		parts []string
	}{
		{"codebook", fixture(t, "qde/codebook.qdc"), []string{"codebook"}},
		{"not well-formed", fixture(t, "qde/broken.qde"), []string{"line 6", "not well-formed"}},
		{"empty", nil, []string{"empty"}},
		{"other xml", []byte(`<?xml version="1.0"?><html><body/></html>`), []string{"<html>"}},
		{"zip without project", zipFiles(t, map[string][]byte{"notes/a.md": []byte("x")}), []string{"without a REFI-QDA project"}},
		{"zip with codebook only", zipFiles(t, map[string][]byte{"codes.qdc": fixture(t, "qde/codebook.qdc")}), []string{"codebook"}},
		{"codes nested too deep", []byte(`<Project><CodeBook><Codes>` + strings.Repeat(`<Code guid="g" name="n">`, 70) + `</Codes></CodeBook></Project>`), []string{"nested more than 64"}},
		{"broken zip", append([]byte("PK\x03\x04"), make([]byte, 40)...), []string{"zip"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := readAll(t, "refi-qda", tt.data, "p.qdpx", Options{})
			wantInvalid(t, err, append(tt.parts, `"p.qdpx"`)...)
		})
	}
}

// zipFiles builds a zip archive of the given files.
func zipFiles(tb testing.TB, files map[string][]byte) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range slices.Sorted(maps.Keys(files)) {
		w, err := zw.Create(name)
		if err != nil {
			tb.Fatal(err)
		}
		w.Write(files[name])
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func TestExcerptEndReading(t *testing.T) {
	e := newExcerpt(0, 5)
	if err := cutExcerpts(bytes.NewReader([]byte("Hej då och hej")), []*excerpt{e}, unitsCodePoints); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		names []string
		want  string
	}{
		{nil, "Hej d"},
		{[]string{"Hej då"}, "Hej då"},
		{[]string{"Hej d"}, "Hej d"},
		{[]string{"Hej..."}, "Hej d"},
		{[]string{"något annat"}, "Hej d"},
	} {
		if got := e.text(tt.names); got != tt.want {
			t.Errorf("text(%q) = %q; want %q", tt.names, got, tt.want)
		}
	}
}
