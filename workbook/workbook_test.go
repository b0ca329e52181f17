package workbook

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/glapp/glapp/demo"
	"github.com/glapp/glapp/journeys"
	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// TestEveryFieldHasAColumn fails when a field of the journey model has no column, so
// that a new field cannot be left out of the workbook.
func TestEveryFieldHasAColumn(t *testing.T) {
	checked := map[string]bool{}
	for _, tc := range []struct {
		key  string
		typ  reflect.Type
		skip []string
	}{
		{keyJourney, reflect.TypeFor[journeys.Journey](), []string{"actors", "stages", "steps", "handovers", "insights", "updatedAt"}},
		{keyStages, reflect.TypeFor[journeys.Stage](), nil},
		{keySteps, reflect.TypeFor[journeys.Step](), nil},
		{keyHandovers, reflect.TypeFor[journeys.Handover](), nil},
		{keyInsights, reflect.TypeFor[journeys.Insight](), nil},
		{keyActors, reflect.TypeFor[journeys.Actor](), []string{"version", "updatedAt"}},
		{keyOffers, reflect.TypeFor[journeys.Offer](), nil},
		{keySources, reflect.TypeFor[journeys.Source](), []string{"version", "updatedAt"}},
	} {
		checked[tc.key] = true
		s := sheetByKey(tc.key)
		have := map[string]bool{}
		for _, c := range s.columns {
			have[c.path] = true
		}
		// A list member kept on a sheet of its own (an actor's offers) is covered by that
		// sheet, whose own fields are checked in its row above.
		for _, n := range sheets {
			if n.within == tc.key {
				have[n.key] = true
			}
		}
		for _, path := range jsonPaths(tc.typ, "") {
			if !have[path] && !contains(tc.skip, path) {
				t.Errorf("sheet %q has no column for %q", s.en, path)
			}
		}
	}
	for _, s := range sheets {
		if !checked[s.key] {
			t.Errorf("sheet %q is not checked against its type here", s.en)
		}
	}
}

// jsonPaths lists the JSON member paths of a struct type, nested structs as "a/b".
func jsonPaths(t reflect.Type, prefix string) []string {
	var out []string
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" {
			continue
		}
		ft := f.Type
		if ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if ft.Kind() == reflect.Struct && ft.PkgPath() == t.PkgPath() {
			out = append(out, jsonPaths(ft, prefix+name+"/")...)
			continue
		}
		out = append(out, prefix+name)
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestRoundTripDemo writes every demo journey as a workbook, in both languages, and reads
// it back into the same document.
func TestRoundTripDemo(t *testing.T) {
	js, err := demo.Journeys()
	if err != nil {
		t.Fatal(err)
	}
	actors, _ := demo.Actors()
	sources, _ := demo.Sources()
	for _, lang := range []string{"sv", "en"} {
		for _, j := range js {
			j := j
			j.Normalize()
			want := asRead(&j, actors)
			var buf bytes.Buffer
			if err := Write(&buf, Contents{Journey: want, Actors: actors, Sources: sources, Lang: lang}); err != nil {
				t.Fatalf("Write(%s): %v", j.ID, err)
			}
			got, _, err := Read(buf.Bytes(), 64<<20)
			if err != nil {
				t.Fatalf("Read(%s, %s): %v %v", j.ID, lang, err, journeys.ErrorViolations(err))
			}
			got.Normalize()
			if diff := cmp.Diff(jsonOf(t, want), jsonOf(t, got)); diff != "" {
				t.Errorf("%s (%s): round trip changed the document (-want +got):\n%s", j.ID, lang, diff)
			}
		}
	}
}

// asRead gives j the actors a read lists: those it carried, then those it references.
func asRead(j *journeys.Journey, project []journeys.Actor) *journeys.Journey {
	byID := map[string]journeys.Actor{}
	for _, a := range project {
		byID[a.ID] = a
	}
	for _, a := range j.Actors {
		byID[a.ID] = a
	}
	out := *j
	out.Actors = nil
	var carried []string
	for _, a := range j.Actors {
		carried = append(carried, a.ID)
	}
	for _, id := range j.ActorOrder(carried, func(id string) bool { _, ok := byID[id]; return ok }) {
		out.Actors = append(out.Actors, byID[id].WithoutServerFields())
	}
	out.Normalize()
	return &out
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestReadNamesTheCell checks that a cell that cannot be read is named with its JSON
// pointer, and that a pointer from validation finds its cell.
func TestReadNamesTheCell(t *testing.T) {
	js, _ := demo.Journeys()
	actors, _ := demo.Actors()
	j := asRead(&js[0], actors)
	var buf bytes.Buffer
	if err := Write(&buf, Contents{Journey: j, Actors: actors, Lang: "sv"}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellStr("Överlämningar", "G3", "kanske"); err != nil {
		t.Fatal(err)
	}
	out, _ := f.WriteToBuffer()
	_, _, err = Read(out.Bytes(), 64<<20)
	v := journeys.ErrorViolations(err)
	if len(v) != 1 || v[0].Cell != "Överlämningar!G3" || v[0].Pointer != "/handovers/1/acknowledged" {
		t.Fatalf("Read = %v %+v; want one violation at Överlämningar!G3, /handovers/1/acknowledged", err, v)
	}
	_, loc, err := Read(mustWrite(t, j), 64<<20)
	if err != nil {
		t.Fatal(err)
	}
	for pointer, want := range map[string]string{
		"/title":                     "Resa!B2",
		"/steps/0/actor":             "Steg!D2",
		"/steps/2/waitDays/expected": "Steg!J4",
		"/insights/0/about/1":        "Insikter!H2",
		"/handovers":                 "Överlämningar",
		"/actors/0/name":             "Aktörer!B2",
	} {
		if got := loc.Cell(pointer); got != want {
			t.Errorf("Cell(%q) = %q; want %q", pointer, got, want)
		}
	}
}

// TestReadOffers checks that an offer row goes onto the actor it names, that a pointer
// into an actor's offers finds its row on the offers sheet, and that an offer row naming
// no actor of the actors sheet is refused at its actor cell.
func TestReadOffers(t *testing.T) {
	actors, _ := demo.Actors()
	j := &journeys.Journey{ID: "j", Title: "T", Kind: journeys.KindAsIs, Actors: []journeys.Actor{actors[1].WithoutServerFields(), actors[0].WithoutServerFields()}}
	if len(j.Actors[1].Offers) < 2 {
		t.Fatal("the demo's first actor has fewer than two offers")
	}
	var buf bytes.Buffer
	if err := Write(&buf, Contents{Journey: j, Actors: actors, Lang: "sv"}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	// The offers of the journey's two actors come first, in the order of the actors.
	if got, _ := f.GetCellValue("Utbud", "A3"); got != j.Actors[1].ID {
		t.Fatalf("Utbud!A3 = %q; want %q", got, j.Actors[1].ID)
	}
	if got, _ := f.GetCellValue("Utbud", "D3"); got != string(j.Actors[1].Offers[0].Level) {
		t.Fatalf("Utbud!D3 = %q; want %q", got, j.Actors[1].Offers[0].Level)
	}
	got, loc, err := Read(mustBytes(t, f), 64<<20)
	if err != nil {
		t.Fatal(err, journeys.ErrorViolations(err))
	}
	if diff := cmp.Diff(j.Actors, got.Actors); diff != "" {
		t.Errorf("actors read back (-want +got):\n%s", diff)
	}
	for pointer, want := range map[string]string{
		"/actors/1/offers/1/channels/0": "Utbud!G4",
		"/actors/1/offers/0":            "Utbud!A3",
		"/actors/0/offers/0/name":       "Utbud!C2",
		"/actors/1/contact":             "Aktörer!F3",
	} {
		if got := loc.Cell(pointer); got != want {
			t.Errorf("Cell(%q) = %q; want %q", pointer, got, want)
		}
	}

	if err := f.SetCellStr("Utbud", "A3", "saknas"); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellStr("Utbud", "A4", ""); err != nil {
		t.Fatal(err)
	}
	_, _, err = Read(mustBytes(t, f), 64<<20)
	want := []journeys.Violation{
		{Cell: "Utbud!A3", Detail: `"saknas" is not on the sheet Aktörer.`},
		{Cell: "Utbud!A4", Detail: "Must name an id on the sheet Aktörer."},
	}
	if diff := cmp.Diff(want, journeys.ErrorViolations(err)); diff != "" {
		t.Errorf("Read violations (-want +got):\n%s", diff)
	}
}

func mustBytes(t *testing.T, f *excelize.File) []byte {
	t.Helper()
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func mustWrite(t *testing.T, j *journeys.Journey) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, Contents{Journey: j, Lang: "sv"}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestSplitList(t *testing.T) {
	for in, want := range map[string][]string{
		"a, b,c":       {"a", "b", "c"},
		"a,b\nc":       {"a,b", "c"},
		"":             nil,
		" x ":          {"x"},
		"one\n two \n": {"one", " two "},
	} {
		if got := splitList(in); !cmp.Equal(got, want) {
			t.Errorf("splitList(%q) = %q; want %q", in, got, want)
		}
	}
}

// TestReadSparseRowsAndHeaders checks that a blank row between elements keeps the cells
// of the rows after it right, that an unknown header is refused at its cell without
// quoting personal data, and that an actor the journey refers to is carried though not
// marked.
func TestReadSparseRowsAndHeaders(t *testing.T) {
	build := func(emotion string, badHeader bool) []byte {
		f := excelize.NewFile()
		set := func(sheet, cell, v string) {
			if _, err := f.NewSheet(sheet); err != nil {
				t.Fatal(err)
			}
			if err := f.SetCellStr(sheet, cell, v); err != nil {
				t.Fatal(err)
			}
		}
		set("Journey", "A1", "Title")
		set("Journey", "B1", "T")
		set("Steps", "A1", "Id")
		set("Steps", "B1", "Emotion (-3..3)")
		set("Steps", "C1", "Actor")
		set("Steps", "A2", "s1")
		set("Steps", "C2", "a")
		set("Steps", "A5", "s2")
		set("Steps", "B5", emotion)
		set("Actors", "A1", "Id")
		set("Actors", "B1", "Name")
		set("Actors", "A2", "a")
		set("Actors", "B2", "A")
		set("Actors", "A3", "b")
		if badHeader {
			set("Insights", "A1", "Ring 19121212-1212")
		}
		buf, err := f.WriteToBuffer()
		if err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	_, _, err := Read(build("lite", true), 1<<20)
	got := journeys.ErrorViolations(err)
	want := []journeys.Violation{
		{Cell: "Insights!A1", Detail: `"Ring [PNR]" is no column of this sheet.`},
		{Pointer: "/steps/1/emotion", Cell: "Steps!B5", Detail: "Must be a whole number."},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("Read violations (-want +got):\n%s", diff)
	}

	j, loc, err := Read(build("-2", false), 1<<20)
	if err != nil {
		t.Fatal(err, journeys.ErrorViolations(err))
	}
	if len(j.Actors) != 1 || j.Actors[0].ID != "a" || len(j.Steps) != 2 || *j.Steps[1].Emotion != -2 {
		t.Errorf("Read = %+v; want steps s1, s2 and actor a alone carried", j)
	}
	if got := loc.Cell("/steps/1/actor"); got != "Steps!C5" {
		t.Errorf("Cell(/steps/1/actor) = %q; want Steps!C5", got)
	}
}

// FuzzRead checks that no workbook, however broken, makes Read panic.
func FuzzRead(f *testing.F) {
	js, _ := demo.Journeys()
	var buf bytes.Buffer
	if err := Write(&buf, Contents{Journey: &js[0], Lang: "en"}); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _, _ = Read(data, 1<<20)
	})
}

// TestReadBoundsCells refuses a small workbook whose rows each have a cell far to the
// right, which would read as gigabytes of empty cells.
func TestReadBoundsCells(t *testing.T) {
	f := excelize.NewFile()
	if _, err := f.NewSheet("Steps"); err != nil {
		t.Fatal(err)
	}
	for row := 1; row <= 20; row++ {
		if err := f.SetCellStr("Steps", fmt.Sprintf("XFD%d", row), "x"); err != nil {
			t.Fatal(err)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	var tooLarge *TooLargeError
	if _, _, err := Read(buf.Bytes(), 1<<20); !errors.As(err, &tooLarge) {
		t.Fatalf("Read = %v; want a TooLargeError", err)
	}
}
