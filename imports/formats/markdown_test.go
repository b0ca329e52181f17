package formats

import (
	"strings"
	"testing"

	"github.com/glapp/glapp/journeys"
)

func TestMarkdown(t *testing.T) {
	p03 := Record{Origin: "markdown:p03-vc", Text: "Jag fick vänta i tre veckor innan någon ringde.\n\nSen var det ingen som visste vem som hade min remiss. #remiss",
		Kind: journeys.InsightPainPoint, Status: journeys.StatusValidated, Sentiment: intp(-2), Codes: []string{"väntan", "step:s1", "remiss"}, Date: "2026-03-14",
		Source: SourceRef{Origin: "markdown:int-03", Kind: interview, Date: "2026-03-14", ParticipantRole: journeys.RolePatient, Alias: "Deltagare 3"}}
	tests := []readCase{
		{
			// One Obsidian note: tags as a YAML list, with and without "#", an inline
			// tag, every field we read, and keys we do not ("aliases").
			name: "p03.md", data: fixture(t, "markdown/p03.md"), want: []Record{p03},
		},
		{
			// A zipped vault: folders, a note without front matter, tags as one
			// string, "created" for the date, an empty note; Obsidian's settings
			// folder, macOS's __MACOSX and a text file are passed over.
			name: "vault.zip", data: zipDir(t, "markdown/vault"),
			want: []Record{
				{Origin: "markdown:sha256:", Text: "## Idé från workshopen\n\nEn gemensam kontaktperson för region och kommun. #idé #vård/primärvård #2026\n\nSe https://example.se/sida#avsnitt för mer.",
					Kind: "quote", Codes: []string{"idé", "vård/primärvård"}},
				p03,
				{Origin: "markdown:sha256:", Text: "Vi fick ringa själva, om och om igen. Min mejl är [E-POST].", Kind: "quote", Codes: []string{"väntan", "handover:h1"}, Date: "2026-03-18",
					Source: SourceRef{Origin: "markdown:participant:Anhörig 2", Kind: interview, Date: "2026-03-18", ParticipantRole: journeys.RoleRelative, Alias: "Anhörig 2"}},
			},
			skipped:    map[string]int{SkipEmptyText: 1},
			redactions: map[string]int{"E-POST": 1},
		},
		{
			name: "unknown status", data: []byte("---\nstatus: kanske\n---\nText."),
			skipped: map[string]int{SkipUnknownStatus: 1},
		},
		{
			name: "unclosed front matter is body", data: []byte("---\nbara text\n"),
			want: []Record{{Origin: "markdown:sha256:", Text: "---\nbara text", Kind: "quote"}},
		},
	}
	runReadCases(t, "markdown", tests)
}

// TestMarkdownOriginHashesPathAndBody: a note without an id is keyed by where it is and
// what it says, so moving or editing it makes it a new record, and the same note twice
// is one.
func TestMarkdownOriginHashesPathAndBody(t *testing.T) {
	origin := func(name, body string) string {
		recs, _ := mustRead(t, "markdown", []byte(body), name, Options{})
		return recs[0].Origin
	}
	a := origin("a.md", "Text.")
	if a != origin("a.md", "Text.\n") || a == origin("b.md", "Text.") || a == origin("a.md", "Annan text.") {
		t.Error("origin does not follow the note's path and body")
	}
}

func TestMarkdownInvalid(t *testing.T) {
	_, _, err := readAll(t, "markdown", fixture(t, "markdown/broken.md"), "broken.md", Options{})
	wantInvalid(t, err, `"broken.md"`, "front matter")
	_, _, err = readAll(t, "markdown", zipFiles(t, map[string][]byte{"a/broken.md": fixture(t, "markdown/broken.md")}), "notes.zip", Options{})
	wantInvalid(t, err, `"notes.zip"`, `entry "a/broken.md"`, "front matter")
	_, _, err = readAll(t, "markdown", zipFiles(t, map[string][]byte{"a.txt": []byte("x")}), "notes.zip", Options{})
	wantInvalid(t, err, "no Markdown notes")
}

func TestMarkdownTooLarge(t *testing.T) {
	big := []byte(strings.Repeat("lång anteckning ", maxEntryBytes/16+1))
	_, stats := mustRead(t, "markdown", zipFiles(t, map[string][]byte{"big.md": big, "small.md": []byte("Kort.")}), "n.zip", Options{})
	checkStats(t, stats, 1, map[string]int{SkipNoteTooLarge: 1}, nil)
}
