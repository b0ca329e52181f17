package journeys

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestImportFormatOf(t *testing.T) {
	for name, want := range map[string]ImportFormat{"a.QDPX": "refi-qda", "b.qde": "refi-qda", "c.csv": "csv",
		"d.json": "dovetail", "e.md": "markdown", "f.zip": "markdown", "g.jsonl": "jsonl"} {
		if got, ok := ImportFormatOf(name); got != want || !ok {
			t.Errorf("ImportFormatOf(%q) = %q, %v; want %q", name, got, ok, want)
		}
	}
	if _, ok := ImportFormatOf("h.docx"); ok {
		t.Error("ImportFormatOf(h.docx) is ok; want not")
	}
}

// TestImportFormatsAreSound checks the list's own invariants: unique names, and no file
// extension claimed by two formats (ImportFormatOf would silently pick the first).
func TestImportFormatsAreSound(t *testing.T) {
	owner := map[string]ImportFormat{}
	for i, f := range ImportFormats {
		// An event log is a .csv file too: it is never guessed from its name.
		if f.Format == "" || f.Description == "" || len(f.Extensions) == 0 && !f.Lived {
			t.Errorf("ImportFormats[%d] = %+v; want a name, a description and extensions", i, f)
		}
		if slices.Index(ImportFormatNames(), f.Format) != i {
			t.Errorf("format %q is listed twice", f.Format)
		}
		for _, ext := range f.Extensions {
			if o, ok := owner[ext]; ok {
				t.Errorf("extension %q belongs to %q and %q", ext, o, f.Format)
			}
			if ext != strings.ToLower(ext) || !strings.HasPrefix(ext, ".") {
				t.Errorf("extension %q of %q: want lowercase with its dot", ext, f.Format)
			}
			owner[ext] = f.Format
		}
	}
}

// formatRow matches a row of docs/evidence.md's format table: | `csv` | what | webhook | notes |
var formatRow = regexp.MustCompile("(?m)^\\| `([a-z-]+)` \\| [^|]+ \\| (yes|no) \\|")

// TestImportFormatsDocumented fails when docs/evidence.md's format table and
// ImportFormats drift: a format missing or extra, or a wrong webhook column.
func TestImportFormatsDocumented(t *testing.T) {
	page, err := os.ReadFile("../docs/evidence.md")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range formatRow.FindAllStringSubmatch(string(page), -1) {
		got = append(got, m[1]+" webhook="+m[2])
	}
	var want []string
	for _, f := range ImportFormats {
		w := "no"
		if f.Webhook {
			w = "yes"
		}
		want = append(want, string(f.Format)+" webhook="+w)
	}
	if !slices.Equal(got, want) {
		t.Errorf("docs/evidence.md's format table has %v; ImportFormats says %v", got, want)
	}
}
