package reports_test

import (
	"bytes"
	"testing"

	"github.com/glapp/glapp/journeys/gaps"
	"github.com/glapp/glapp/reports"
)

// TestGolden_DemoReports writes the demo project's gap reports as Markdown and CSV in both
// languages: each journey's report and the whole project's. The API, "glapp report" and
// the web page serve these bytes, so any change to them is a reviewed diff.
func TestGolden_DemoReports(t *testing.T) {
	demo := demoReports(t)
	for _, r := range demo {
		t.Run(r.Journey.ID, func(t *testing.T) {
			for _, lang := range []string{"sv", "en"} {
				var md bytes.Buffer
				if err := reports.WriteMarkdown(t.Context(), &md, mustCombine(t, []gaps.JourneyReport{r}, gaps.Filter{}), lang); err != nil {
					t.Fatal(err)
				}
				golden(t, r.Journey.ID+"."+lang+".md", md.Bytes())
			}
		})
	}
	pr := mustCombine(t, demo, gaps.Filter{})
	for _, lang := range []string{"sv", "en"} {
		var md, csv bytes.Buffer
		if err := reports.WriteMarkdown(t.Context(), &md, pr, lang); err != nil {
			t.Fatal(err)
		}
		golden(t, "project."+lang+".md", md.Bytes())
		if err := reports.WriteCSV(t.Context(), &csv, pr.Findings, lang); err != nil {
			t.Fatal(err)
		}
		golden(t, "project."+lang+".csv", csv.Bytes())
		var unknowns bytes.Buffer
		if err := reports.WriteUnknownsCSV(t.Context(), &unknowns, pr.Unknowns, lang); err != nil {
			t.Fatal(err)
		}
		golden(t, "project-unknowns."+lang+".csv", unknowns.Bytes())
	}
}
