package reports_test

import (
	"bytes"
	"testing"

	"github.com/glapp/glapp/demo"
	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/agenda"
	"github.com/glapp/glapp/reports"
)

// TestGolden_Agenda writes the demo project's agenda for its adult social services, as
// Markdown in both languages: the questions, hypotheses and findings a project lead
// brings to that meeting.
func TestGolden_Agenda(t *testing.T) {
	as, err := demo.Actors()
	if err != nil {
		t.Fatal(err)
	}
	sources, err := demo.Sources()
	if err != nil {
		t.Fatal(err)
	}
	js, err := demo.Journeys()
	if err != nil {
		t.Fatal(err)
	}
	in := agenda.Input{Project: "demo", Names: map[string]journeys.Actor{}, Sources: map[string]journeys.Source{}}
	for _, a := range as {
		in.Names[a.ID] = a
		if a.ID == "soc-vuxen" {
			in.Actors = append(in.Actors, a)
		}
	}
	for _, s := range sources {
		in.Sources[s.ID] = s
	}
	for i := range js {
		in.Journeys = append(in.Journeys, agenda.Journey{Journey: &js[i], Report: mustAnalyze(t, &js[i], in.Names, journeys.DefaultSettings())})
	}
	a := agenda.Build(in)
	if len(a.Sections) != 1 || len(a.Sections[0].Questions) == 0 || len(a.Sections[0].Findings) == 0 {
		t.Fatalf("the demo's agenda for soc-vuxen = %+v; want questions and findings", a.Sections)
	}
	for _, lang := range []string{"sv", "en"} {
		var md bytes.Buffer
		if err := reports.WriteAgendaMarkdown(&md, &a, lang); err != nil {
			t.Fatal(err)
		}
		golden(t, "agenda-soc-vuxen."+lang+".md", md.Bytes())
	}
}
