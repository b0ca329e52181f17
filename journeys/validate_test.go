package journeys_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/glapp/glapp/journeys"
	"github.com/google/go-cmp/cmp"
)

func mustSpecExample(t *testing.T) *journeys.Journey {
	t.Helper()
	b, err := os.ReadFile("testdata/spec-example.json")
	if err != nil {
		t.Fatal(err)
	}
	var j journeys.Journey
	if err := journeys.DecodeStrict(b, &j); err != nil {
		t.Fatalf("DecodeStrict(spec example) = %v", err)
	}
	return &j
}

func TestValidate_SpecExampleIsValid(t *testing.T) {
	j := mustSpecExample(t)
	if v := j.Validate(journeys.Refs{}); len(v) != 0 {
		t.Fatalf("Validate(spec example) = %v; want no violations", v)
	}
}

func TestValidate_ListsEveryViolationByPointer(t *testing.T) {
	j := mustSpecExample(t)
	j.Kind = "maybe"
	j.Actors[1].Sector = "county"
	j.Steps[0].Entry = false
	j.Steps[0].Actor = "nobody"
	j.Steps[1].Stage = "later"
	emotion := 5
	j.Steps[1].Emotion = &emotion
	j.Handovers[0].To = "s9"
	j.Handovers[0].Information = "some"
	j.Insights[0].About = []string{"h1", "h7"}
	sentiment := -3
	j.Insights[0].Sentiment = &sentiment
	j.Insights = append(j.Insights, journeys.Insight{ID: "s2", Text: "dup", Kind: journeys.InsightIdea})

	got := pointers(j.Validate(journeys.Refs{}))
	want := []string{
		"/actors/1/sector",
		"/handovers/0/information",
		"/handovers/0/to",
		"/insights/0/about/1",
		"/insights/0/sentiment",
		"/insights/1/id",
		"/kind",
		"/steps",
		"/steps/0/actor",
		"/steps/1/emotion",
		"/steps/1/stage",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Validate() pointers mismatch (-want +got):\n%s", diff)
	}
}

func TestValidate_Cases(t *testing.T) {
	str := func(s string) *string { return &s }
	tests := []struct {
		name   string
		edit   func(j *journeys.Journey)
		refs   journeys.Refs
		want   string // the pointer expected among the violations; "" for none
		detail string // a fragment the violation's detail must contain
	}{
		{name: "OK", edit: func(*journeys.Journey) {}},
		{name: "actor from project refs", edit: func(j *journeys.Journey) {
			j.Actors = nil
		}, refs: journeys.Refs{Actors: map[string]journeys.Actor{"vc": {ID: "vc"}, "soc": {ID: "soc"}}}},
		{name: "actor missing from project and document", edit: func(j *journeys.Journey) { j.Actors = j.Actors[:1] },
			want: "/steps/1/actor", detail: `"soc"`},
		{name: "bad id characters", edit: func(j *journeys.Journey) { j.ID = "a b/c" }, want: "/id"},
		{name: "id with colon is refused", edit: func(j *journeys.Journey) { j.Steps[1].ID = "step:s2"; j.Handovers[0].To = "step:s2" }, want: "/steps/1/id"},
		{name: "title required", edit: func(j *journeys.Journey) { j.Title = "" }, want: "/title"},
		{name: "duplicate step id", edit: func(j *journeys.Journey) { j.Steps[1].ID = "s1"; j.Handovers[0].To = "s1" }, want: "/steps/1/id", detail: "Duplicate"},
		{name: "step id equals actor id", edit: func(j *journeys.Journey) { j.Steps[1].ID = "soc"; j.Handovers[0].To = "soc" }, want: "/steps/1/id", detail: "actor"},
		{name: "duplicate carried actor", edit: func(j *journeys.Journey) { j.Actors = append(j.Actors, j.Actors[0]) }, want: "/actors/2/id"},
		{name: "handover to itself", edit: func(j *journeys.Journey) { j.Handovers[0].To = "s1" }, want: "/handovers/0/to"},
		{name: "handover type required", edit: func(j *journeys.Journey) { j.Handovers[0].Type = "" }, want: "/handovers/0/type"},
		{name: "unknown responsible", edit: func(j *journeys.Journey) { j.Handovers[0].Responsible = str("x") }, want: "/handovers/0/responsible"},
		{name: "based on itself", edit: func(j *journeys.Journey) { j.BasedOn = j.ID }, want: "/basedOn"},
		{name: "based on a malformed id", edit: func(j *journeys.Journey) { j.BasedOn = "a b" }, want: "/basedOn"},
		{name: "planned step without a plan", edit: func(j *journeys.Journey) { j.Steps[0].Planned = "s1" }, want: "/steps/0/planned"},
		{name: "unknown contact person", edit: func(j *journeys.Journey) { j.Steps[0].ContactPerson = str("x") }, want: "/steps/0/contactPerson"},
		{name: "negative wait", edit: func(j *journeys.Journey) {
			d := -1
			j.Steps[0].WaitDays.Observed = &d
		}, want: "/steps/0/waitDays/observed"},
		{name: "bad channel", edit: func(j *journeys.Journey) { j.Steps[0].Channel = "fax" }, want: "/steps/0/channel", detail: "phone"},
		{name: "insight kind required", edit: func(j *journeys.Journey) { j.Insights[0].Kind = "" }, want: "/insights/0/kind"},
		{name: "about may name the journey and actors", edit: func(j *journeys.Journey) {
			j.Insights[0].About = []string{j.ID, "vc", "s1", "h1"}
		}},
		{name: "empty tag", edit: func(j *journeys.Journey) { j.Insights[0].Tags = []string{""} }, want: "/insights/0/tags/0"},
		{name: "personal number as id", edit: func(j *journeys.Journey) { j.ID = "19121212-1212" }, want: "/id", detail: "personal data"},
		{name: "phone number as step id", edit: func(j *journeys.Journey) { j.Steps[1].ID = "0701234567"; j.Handovers[0].To = "0701234567" },
			want: "/steps/1/id", detail: "personal data"},
		{name: "redacted id", edit: func(j *journeys.Journey) { j.Insights[0].ID = "[PNR]" }, want: "/insights/0/id", detail: "personal data"},
		{name: "text that is only a marker is valid", edit: func(j *journeys.Journey) {
			j.Title, j.Insights[0].Text, j.Persona = "[PNR]", "[E-POST]", "[TELEFON] [PNR]"
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j := mustSpecExample(t)
			tt.edit(j)
			v := j.Validate(tt.refs)
			if tt.want == "" {
				if len(v) != 0 {
					t.Fatalf("Validate() = %v; want none", v)
				}
				return
			}
			for _, x := range v {
				if x.Pointer == tt.want && strings.Contains(x.Detail, tt.detail) {
					return
				}
			}
			t.Fatalf("Validate() = %v; want a violation at %s containing %q", v, tt.want, tt.detail)
		})
	}
}

func TestIDProblem(t *testing.T) {
	// A digit run that reads as a personal number inside a hex digest.
	digest := "1212121212abcdef"
	for _, tt := range []struct {
		id, detail string
	}{
		{"j1", ""},
		{"vb-h02", ""},
		{"2026-03-14", ""},
		{"ev_" + digest, ""},
		{"src_" + digest, ""},
		{"tok_" + digest, ""},
		{"", "required"},
		{"a b", "letters"},
		{"19121212-1212", "personal data"},
		{"191212121212", "personal data"},
		{"p-19121272-1219", "personal data"},
		{"anna@example.se", "personal data"},
		{"070-1234567", "personal data"},
		{"x_" + digest, "personal data"},
		{"ev_" + digest + "0", "personal data"},
		{"[PNR]", "personal data"},
		{"s-[TELEFON]", "personal data"},
	} {
		got := journeys.IDProblem(tt.id)
		if tt.detail == "" && got != "" || !strings.Contains(got, tt.detail) {
			t.Errorf("IDProblem(%q) = %q; want %q", tt.id, got, tt.detail)
		}
		if journeys.ValidID(tt.id) != (got == "") {
			t.Errorf("ValidID(%q) disagrees with IDProblem %q", tt.id, got)
		}
	}
}

func TestCheck_ReturnsInvalidError(t *testing.T) {
	j := mustSpecExample(t)
	j.Steps = nil
	j.Handovers = nil
	err := j.Check(journeys.Refs{})
	if got := journeys.ErrorCode(err); got != journeys.Invalid {
		t.Fatalf("ErrorCode(Check()) = %q; want %q", got, journeys.Invalid)
	}
	if got := pointers(journeys.ErrorViolations(err)); !slices.Contains(got, "/steps") {
		t.Fatalf("ErrorViolations(Check()) pointers = %v; want the missing entry step at /steps", got)
	}
}

func pointers(v []journeys.Violation) []string {
	out := make([]string, len(v))
	for i, x := range v {
		out[i] = x.Pointer
	}
	return out
}
