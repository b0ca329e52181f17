package workbook

import (
	"bytes"
	"encoding/json"
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
		{keySources, reflect.TypeFor[journeys.Source](), []string{"version", "updatedAt"}},
	} {
		s := sheetByKey(tc.key)
		have := map[string]bool{}
		for _, c := range s.columns {
			have[c.path] = true
		}
		for _, path := range jsonPaths(tc.typ, "") {
			if !have[path] && !contains(tc.skip, path) {
				t.Errorf("sheet %q has no column for %q", s.en, path)
			}
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
