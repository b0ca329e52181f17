package journeys_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/glapp/glapp/journeys"
)

func TestCheck_Limits(t *testing.T) {
	j := mustSpecExample(t)
	refs := journeys.Refs{Limits: journeys.Limits{Steps: len(j.Steps), Handovers: len(j.Handovers), Insights: len(j.Insights)}}
	if err := j.Check(refs); err != nil {
		t.Fatalf("Check at the limits = %v; want nil", err)
	}
	// One step and one hand-over more, as an element POST would add.
	last := j.Steps[len(j.Steps)-1]
	j.Steps = append(j.Steps, journeys.Step{ID: "extra", Title: "Extra", Actor: last.Actor})
	j.Handovers = append(j.Handovers, journeys.Handover{ID: "hextra", From: last.ID, To: "extra", Type: journeys.HandoverInternal})
	err := j.Check(refs)
	var e *journeys.Error
	if !errors.As(err, &e) || e.Code != journeys.LimitExceeded {
		t.Fatalf("Check over the limits = %v; want LIMIT_EXCEEDED", err)
	}
	if len(e.Violations) != 2 || e.Violations[0].Pointer != "/steps" || e.Violations[1].Pointer != "/handovers" {
		t.Fatalf("violations = %+v; want /steps and /handovers", e.Violations)
	}
	for _, want := range []string{
		fmt.Sprintf("%d steps; the limit is %d", len(j.Steps), len(j.Steps)-1),
		fmt.Sprintf("%d hand-overs; the limit is %d", len(j.Handovers), len(j.Handovers)-1),
	} {
		if !strings.Contains(e.Violations[0].Detail+e.Violations[1].Detail, want) {
			t.Errorf("violations %+v do not say %q", e.Violations, want)
		}
	}
}

func TestCheck_DefaultLimits(t *testing.T) {
	j := mustSpecExample(t)
	d := journeys.DefaultLimits()
	for len(j.Insights) <= d.Insights {
		j.Insights = append(j.Insights, journeys.Insight{ID: fmt.Sprintf("x%d", len(j.Insights)), Text: "x", Kind: journeys.InsightQuote})
	}
	if err := j.Check(journeys.Refs{}); journeys.ErrorCode(err) != journeys.LimitExceeded {
		t.Fatalf("Check with %d insights and zero Limits = %v; want LIMIT_EXCEEDED by the default of %d", len(j.Insights), err, d.Insights)
	}
}
