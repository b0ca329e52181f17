package formats

import (
	"fmt"
	"testing"
)

func TestParseRef(t *testing.T) {
	for _, tt := range []struct {
		ref               string
		kind, journey, id string
		ok                bool
	}{
		{"step:s1", "step", "", "s1", true},
		{"handover:h1", "handover", "", "h1", true},
		{"actor:vc", "actor", "", "vc", true},
		{"journey:j1", "journey", "", "j1", true},
		{"step:j1/s1", "step", "j1", "s1", true},
		{"handover:adult-as-is/h2", "handover", "adult-as-is", "h2", true},
		{" Step : S1 ", "step", "", "S1", true},
		{"actor:j1/vc", "", "", "", false},
		{"journey:j1/x", "", "", "", false},
		{"stage:seek", "", "", "", false},
		{"step:", "", "", "", false},
		{"step:/s1", "", "", "", false},
		{"step:j1/", "", "", "", false},
		{"step:a b", "", "", "", false},
		{"step:j1/s1/x", "", "", "", false},
		{"s1", "", "", "", false},
		{"", "", "", "", false},
	} {
		kind, journey, id, ok := ParseRef(tt.ref)
		if kind != tt.kind || journey != tt.journey || id != tt.id || ok != tt.ok {
			t.Errorf("ParseRef(%q) = %q, %q, %q, %v; want %q, %q, %q, %v", tt.ref, kind, journey, id, ok, tt.kind, tt.journey, tt.id, tt.ok)
		}
	}
}

func TestLinks(t *testing.T) {
	mapping := map[string][]string{
		"Väntan":             {"step:s1", "handover:h1"},
		"Väntan/Lång väntan": {"step:j1/s2"},
		"Ansvar":             {"actor:soc", "inte en referens", "Actor:soc"},
		"Tom":                nil,
	}
	for _, tt := range []struct {
		codes []string
		want  []string
	}{
		{nil, nil},
		{[]string{"step:s1"}, []string{"step:s1"}},
		{[]string{"Handover:H1", "handover:H1"}, []string{"handover:H1"}},
		{[]string{"Överlämningar/handover:h1"}, []string{"handover:h1"}},
		{[]string{"Steg/step:j1/s3"}, []string{"step:j1/s3"}},
		{[]string{"Väntan"}, []string{"step:s1", "handover:h1"}},
		{[]string{"Väntan/Lång väntan"}, []string{"step:j1/s2"}},
		{[]string{"Teman/Ansvar"}, []string{"actor:soc"}},
		{[]string{"Väntan", "step:s1", "journey:j1"}, []string{"step:s1", "handover:h1", "journey:j1"}},
		{[]string{"Okänd", "Tom", "stage:x"}, nil},
	} {
		got := Links(tt.codes, mapping)
		if fmt.Sprint(got) != fmt.Sprint(tt.want) || (tt.want == nil) != (got == nil) {
			t.Errorf("Links(%q) = %q; want %q", tt.codes, got, tt.want)
		}
	}
}

// TestLinksOnImportedRecords ties the parsers to linking: the codes a tool wrote come out
// as references.
func TestLinksOnImportedRecords(t *testing.T) {
	recs, _ := mustRead(t, "refi-qda", zipDir(t, "qdpx/maxqda"), "maxqda.qdpx", Options{})
	var got [][]string
	for _, r := range recs {
		got = append(got, Links(r.Codes, map[string][]string{"Väntan/Lång väntan": {"step:s2"}}))
	}
	if want := "[[step:s2] [handover:h1] [] [step:s1]]"; fmt.Sprint(got) != want {
		t.Errorf("links = %v; want %s", got, want)
	}
}
