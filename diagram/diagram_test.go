package diagram

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"testing"

	goldenfile "github.com/glapp/glapp/internal/golden"

	"github.com/glapp/glapp/demo"
	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
)

// renderer is the signature SVG, Mermaid and DOT share.
type renderer func(io.Writer, *journeys.Journey, map[string]journeys.Actor, *gaps.JourneyReport, Options) error

// demoJourneys returns the demo journeys and the demo project's actors by id.
func demoJourneys(tb testing.TB) ([]journeys.Journey, map[string]journeys.Actor) {
	tb.Helper()
	js, err := demo.Journeys()
	if err != nil {
		tb.Fatalf("demo.Journeys() = %v", err)
	}
	as, err := demo.Actors()
	if err != nil {
		tb.Fatalf("demo.Actors() = %v", err)
	}
	actors := make(map[string]journeys.Actor, len(as))
	for _, a := range as {
		actors[a.ID] = a
	}
	return js, actors
}

// analyze returns j's gap report with the default settings, as the service makes it.
// Analyze fails only when its context is done, which Background never is.
func analyze(j *journeys.Journey, actors map[string]journeys.Actor) *gaps.JourneyReport {
	r, err := gaps.Analyze(context.Background(), j, actors, journeys.Settings{})
	if err != nil {
		panic(err)
	}
	return &r
}

// render runs f and fails the test if it returns an error.
func render(tb testing.TB, f renderer, j *journeys.Journey, actors map[string]journeys.Actor, r *gaps.JourneyReport, lang string) []byte {
	tb.Helper()
	var b bytes.Buffer
	if err := f(&b, j, actors, r, Options{Lang: lang}); err != nil {
		tb.Fatalf("rendering %s (%s) = %v", j.ID, lang, err)
	}
	return b.Bytes()
}

// golden compares got with testdata/golden/name, or writes it there with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", "golden", name), got, "go test ./diagram -run Golden -update")
}

// eachDemo runs f as a subtest for every demo journey in Swedish and in English, with the
// journey's gap report.
func eachDemo(t *testing.T, f func(t *testing.T, j *journeys.Journey, actors map[string]journeys.Actor, r *gaps.JourneyReport, lang string)) {
	t.Helper()
	js, actors := demoJourneys(t)
	for i := range js {
		j := &js[i]
		r := analyze(j, actors)
		for _, lang := range []string{"sv", "en"} {
			t.Run(j.ID+"/"+lang, func(t *testing.T) { f(t, j, actors, r, lang) })
		}
	}
}

func TestGolden_Demo(t *testing.T) {
	eachDemo(t, func(t *testing.T, j *journeys.Journey, actors map[string]journeys.Actor, r *gaps.JourneyReport, lang string) {
		golden(t, j.ID+"."+lang+".svg", render(t, SVG, j, actors, r, lang))
		golden(t, j.ID+"."+lang+".mmd", render(t, Mermaid, j, actors, r, lang))
		if j.ID == "vuxen-beroende-nulage" {
			golden(t, j.ID+"."+lang+".dot", render(t, DOT, j, actors, r, lang))
		}
	})
}
