package journeys_test

import (
	"testing"

	"github.com/glapp/glapp/journeys"
	"github.com/google/go-cmp/cmp"
)

func TestParseRef(t *testing.T) {
	tests := []struct {
		ref               string
		kind, journey, id string
		ok                bool
	}{
		{"step:j1/s1", "step", "j1", "s1", true},
		{"handover:h1", "handover", "", "h1", true},
		{"actor:vc", "actor", "", "vc", true},
		{"journey:j1", "journey", "", "j1", true},
		{"steg:s1", "", "", "", false},
		{"step:", "step", "", "", false},
		{"step:j1/", "step", "j1", "", false},
		{"s1", "", "", "", false},
	}
	for _, tt := range tests {
		kind, journey, id, ok := journeys.ParseRef(tt.ref)
		if ok != tt.ok || ok && (kind != tt.kind || journey != tt.journey || id != tt.id) {
			t.Errorf("ParseRef(%q) = %q, %q, %q, %v; want %q, %q, %q, %v", tt.ref, kind, journey, id, ok, tt.kind, tt.journey, tt.id, tt.ok)
		}
	}
}

func TestEvidenceAsInsight(t *testing.T) {
	j := &journeys.Journey{ID: "j1"}
	e := &journeys.Evidence{ID: "ev_1", Origin: "csv:1", Text: "x", Kind: journeys.InsightQuote,
		About: []string{"step:j1/s1", "handover:j2/h1", "journey:j1", "actor:vc", "handover:j1/h2"}}
	in, ok := e.AsInsight(j)
	if !ok {
		t.Fatal("AsInsight(j1) = not linked; want linked")
	}
	if diff := cmp.Diff([]string{"s1", "j1", "h2"}, in.About); diff != "" {
		t.Errorf("AsInsight(j1).About (-want +got):\n%s", diff)
	}
	if got := e.Journeys(); !cmp.Equal(got, []string{"j1", "j2"}) {
		t.Errorf("Journeys() = %v; want [j1 j2]", got)
	}
	if _, ok := e.AsInsight(&journeys.Journey{ID: "j3"}); ok {
		t.Error("AsInsight(j3) = linked; want not")
	}
	// Stored evidence is keyed by this id: if the derivation ever changed, re-importing
	// an export would duplicate every record instead of finding it.
	if got, want := journeys.EvidenceID("csv:1"), "ev_c60bc405d77c9305"; got != want {
		t.Errorf("EvidenceID(%q) = %q; want %q", "csv:1", got, want)
	}
	if journeys.EvidenceID("csv:1") == journeys.EvidenceID("csv:2") {
		t.Error("two origins share an evidence id")
	}
}

func TestRefIndex(t *testing.T) {
	x := journeys.NewRefIndex()
	x.AddJourney(&journeys.Journey{ID: "j1", Steps: []journeys.Step{{ID: "s1"}, {ID: "s2"}}, Handovers: []journeys.Handover{{ID: "h1"}}})
	x.AddJourney(&journeys.Journey{ID: "j2", Steps: []journeys.Step{{ID: "s1"}}})
	x.AddActor("vc")
	tests := []struct {
		ref  string
		want []string
	}{
		{"step:s1", []string{"step:j1/s1", "step:j2/s1"}},
		{"step:j2/s1", []string{"step:j2/s1"}},
		{"step:j2/s2", nil},
		{"handover:h1", []string{"handover:j1/h1"}},
		{"actor:vc", []string{"actor:vc"}},
		{"actor:bup", nil},
		{"journey:j2", []string{"journey:j2"}},
		{"journey:j9", nil},
		{"kod:väntan", nil},
	}
	for _, tt := range tests {
		if got := x.Resolve(tt.ref); !cmp.Equal(got, tt.want) {
			t.Errorf("Resolve(%q) = %v; want %v", tt.ref, got, tt.want)
		}
	}
}
