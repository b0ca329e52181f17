package reports_test

import (
	"testing"

	"github.com/glapp/glapp/graph/embedded"
	"github.com/glapp/glapp/graph/storetest"
	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
	"github.com/glapp/glapp/reports"
)

// TestImportedEvidenceCounts checks that evidence imported apart from the journey counts
// in its gap report as the journey's own insights do: two negative voices from two sources
// about one hand-over make it an evidence hotspot.
func TestImportedEvidenceCounts(t *testing.T) {
	ctx := t.Context()
	s, err := embedded.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.CreateProject(ctx, &journeys.Project{ID: "p", Name: "p"}); err != nil {
		t.Fatal(err)
	}
	j := storetest.SpecExample(t)
	j.Insights = nil
	if _, _, err := s.PutJourney(ctx, "p", j, journeys.Precondition{}); err != nil {
		t.Fatal(err)
	}
	svc := reports.Service{Store: s}
	hotspots := func() int {
		r, err := svc.Journey(ctx, "p", j.ID, reports.Options{})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, f := range r.Findings {
			if f.Rule == "evidence_hotspot" {
				n++
			}
		}
		return n
	}
	if n := hotspots(); n != 0 {
		t.Fatalf("before the import: %d hotspots; want 0", n)
	}
	minus2 := -2
	_, err = s.ImportEvidence(ctx, "p", "", func(source func(*journeys.Source) error, evidence func(*journeys.Evidence) error) error {
		for i, origin := range []string{"csv:a", "csv:b"} {
			e := journeys.Evidence{ID: journeys.EvidenceID(origin), Origin: origin, Text: "Ingen hörde av sig.", Kind: journeys.InsightQuote,
				Sentiment: &minus2, Source: []string{"int-1", "int-2"}[i], About: []string{"handover:" + j.ID + "/h1"}}
			if err := evidence(&e); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := hotspots(); n != 1 {
		t.Fatalf("after importing two negative voices about h1: %d hotspots; want 1", n)
	}
	ps, err := svc.Project(ctx, "p", gaps.Filter{Rule: "evidence_hotspot"}, reports.Options{})
	if err != nil || len(ps.Findings) != 1 || len(ps.Findings[0].Evidence) != 2 {
		t.Fatalf("project report: %v, %v; want one hotspot with both imported insights as evidence", ps, err)
	}
}
