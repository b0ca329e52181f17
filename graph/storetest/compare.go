package storetest

import (
	"slices"
	"testing"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/compare"
	"github.com/glapp/glapp/reports"
)

// testCompare checks what comparisons read from a store: a journey's basedOn and its
// steps' planned survive a write, and the conformance report finds every lived journey
// that follows a plan, and only those, through EachJourney.
func testCompare(t *testing.T, open opener) {
	s := open(t)
	mustCreateProject(t, s, "p1")
	plan := GenerateJourney("plan", 4, "plan")
	plan.Kind = journeys.KindToBe
	mustPutJourney(t, s, "p1", plan)
	lived := func(id, basedOn string, realises ...string) *journeys.Journey {
		j := GenerateJourney(id, len(realises), id)
		j.Kind, j.BasedOn = journeys.KindLived, basedOn
		for i, p := range realises {
			j.Steps[i].Planned = p
		}
		return j
	}
	whole := mustPutJourney(t, s, "p1", lived("lived-1", "plan", "s0", "s1", "s2", "s3"))
	mustPutJourney(t, s, "p1", lived("lived-2", "plan", "s0", "s2", "s3")) // skips s1
	other := GenerateJourney("other", 3, "x")
	mustPutJourney(t, s, "p1", other)
	mustPutJourney(t, s, "p1", lived("lived-3", "other", "s0", "s1", "s2"))

	got := mustGetJourney(t, s, "p1", "lived-1")
	if got.BasedOn != "plan" || got.Steps[1].Planned != "s1" || !got.SameContent(whole) {
		t.Errorf("GetJourney(lived-1) basedOn, planned = %q, %q; want plan, s1", got.BasedOn, got.Steps[1].Planned)
	}
	svc := reports.Service{Store: s}
	r, err := svc.Conformance(t.Context(), "p1", "plan")
	if err != nil {
		t.Fatalf("Conformance(plan) = %v", err)
	}
	if r.Lived != 2 {
		t.Errorf("Conformance(plan) read %d lived journeys; want 2 (lived-3 follows another plan)", r.Lived)
	}
	i := slices.IndexFunc(r.Steps, func(s compare.StepConformance) bool { return s.ID == "s1" })
	if i < 0 || r.Steps[i].Missed != 1 {
		t.Errorf("Conformance(plan) steps = %+v; want s1 missed once", r.Steps)
	}
	c, err := svc.Compare(t.Context(), "p1", "plan", "lived-2")
	if err != nil {
		t.Fatalf("Compare(plan, lived-2) = %v", err)
	}
	if !slices.ContainsFunc(c.Deviations, func(d compare.Deviation) bool {
		return d.Kind == compare.DeviationMissing && slices.Equal(d.Planned, []string{"s1"})
	}) {
		t.Errorf("Compare(plan, lived-2) deviations = %+v; want s1 missing", c.Deviations)
	}
	if _, err := svc.Compare(t.Context(), "p1", "plan", "ghost"); journeys.ErrorCode(err) != journeys.NotFound {
		t.Errorf("Compare(plan, ghost) = %v; want NOT_FOUND", err)
	}
}
