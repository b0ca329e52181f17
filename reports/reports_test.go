package reports_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/glapp/glapp/graph/embedded"
	"github.com/glapp/glapp/graph/storetest"
	"github.com/glapp/glapp/internal/stress"
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

// TestProject_StopsWhenContextIsDone checks that a client that hangs up part way through
// a project report stops the analyses and the report returns the context's error.
func TestProject_StopsWhenContextIsDone(t *testing.T) {
	ctx := t.Context()
	s, err := embedded.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.CreateProject(ctx, &journeys.Project{ID: "p", Name: "p"}); err != nil {
		t.Fatal(err)
	}
	for _, a := range stress.Actors {
		if _, _, err := s.PutActor(ctx, "p", &a); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 4 {
		j := stress.Dense(30)
		j.ID = fmt.Sprintf("dense-%d", i)
		if _, _, err := s.PutJourney(ctx, "p", j, journeys.Precondition{}); err != nil {
			t.Fatal(err)
		}
	}
	svc := reports.Service{Store: s}
	// Each dense journey has thousands of findings, so the engine looks at the context
	// dozens of times per journey: after 30 looks the work is well under way.
	for _, looks := range []int{0, 30} {
		if _, err := svc.Project(stress.CancelAfter(looks), "p", gaps.Filter{}, reports.Options{}); !errors.Is(err, context.Canceled) {
			t.Errorf("project report cancelled after %d looks = %v; want context.Canceled", looks, err)
		}
	}
	if _, err := svc.Journey(stress.CancelAfter(30), "p", "dense-0", reports.Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("journey report cancelled part way = %v; want context.Canceled", err)
	}
	if ps, err := svc.Project(ctx, "p", gaps.Filter{}, reports.Options{}); err != nil || len(ps.Journeys) != 4 {
		t.Fatalf("project report = %v; want all 4 journeys", err)
	}
}
