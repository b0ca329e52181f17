package neo4j

import (
	"slices"
	"strings"
	"testing"

	"github.com/glapp/glapp/graph/storetest"
)

// TestFoldKey checks that equal fold keys mean exactly strings.EqualFold, on the letters
// where simple lower-casing and case folding part ways.
func TestFoldKey(t *testing.T) {
	words := []string{
		"Beroende", "BEROENDE", "beroende", "Ångest och NPF", "ÅNGEST OCH NPF", "ångest och npf",
		"k", "K", "\u212a", // Kelvin sign folds with k
		"å", "Å", "\u212b", // Ångström sign folds with å
		"σ", "Σ", "ς", // final sigma folds with sigma
		"ß", "ẞ", "ss", // sharp s does not fold to ss
		"", "\xff", "\ufffd", // invalid UTF-8 reads as the replacement character
	}
	for _, a := range words {
		for _, b := range words {
			if got, want := foldKey(a) == foldKey(b), strings.EqualFold(a, b); got != want {
				t.Errorf("foldKey(%q) == foldKey(%q) is %v; strings.EqualFold says %v", a, b, got, want)
			}
		}
	}
}

// TestElementBatches checks the rows of the spec's example journey: one per element,
// in document order, and one about-row per id an insight is about.
func TestElementBatches(t *testing.T) {
	j := storetest.SpecExample(t)
	j.Insights[0].About = append(j.Insights[0].About, "s1", j.ID)
	var got []string
	for _, b := range elementBatches(j, nil) {
		got = append(got, b.st.name)
		for i, row := range b.rows {
			if b.st != qJourneyAbout && row["position"] != i {
				t.Errorf("%s row %d has position %v; want %d", b.st.name, i, row["position"], i)
			}
		}
	}
	want := []string{qJourneyStages.name, qJourneySteps.name, qJourneyHandovers.name, qJourneyInsights.name, qJourneyAbout.name}
	if !slices.Equal(got, want) {
		t.Errorf("elementBatches() runs %q; want %q (stages, steps, hand-overs, insights, about)", got, want)
	}
	about := elementBatches(j, nil)[4].rows
	if len(about) != 3 || about[0]["about"] != "h1" || about[1]["about"] != "s1" || about[2]["about"] != j.ID {
		t.Errorf("about rows = %v; want h1, s1 and the journey", about)
	}
	steps := elementBatches(j, nil)[1].rows
	if steps[1]["stage"] != "seek" || steps[1]["waitExpected"] != nil || steps[0]["waitObserved"] != 2 || steps[1]["emotion"] != nil {
		t.Errorf("step rows = %v; want unknown values as nulls and known ones as numbers", steps)
	}
	handovers := elementBatches(j, nil)[2].rows
	if h := handovers[0]; h["responsible"] != nil || h["acknowledged"] != false || h["followUp"] != nil || h["information"] != "none" {
		t.Errorf("hand-over row = %v; want responsible null, acknowledged false, followUp null, information none", h)
	}
}
