package gaps

import (
	"testing"

	"github.com/glapp/glapp/journeys"
)

func TestOpenFindings(t *testing.T) {
	decided := func(s journeys.TriageStatus) *journeys.Triage { return &journeys.Triage{Status: s} }
	findings := []Finding{
		{Journey: "a", Subject: []string{"vc"}, Rule: RuleDeadEnd, Severity: SeverityHigh},     // open: untriaged
		{Journey: "a", Subject: []string{"kommun"}, Triage: decided(journeys.TriageConfirmed)}, // open: confirmed
		{Journey: "a", Subject: []string{"vc"}, Triage: decided(journeys.TriageDismissed)},     // closed
		{Journey: "a", Subject: []string{"vc"}, Triage: decided(journeys.TriageAddressed)},     // closed
		{Journey: "b", Subject: []string{"vc"}},                                                // open, journey b
	}
	tests := []struct {
		name          string
		inScope       map[string]bool
		m             journeys.Measure
		value         *float64
		counted, jour int
	}{
		{"OneJourney", map[string]bool{"a": true}, journeys.Measure{}, ptrTo(2.0), 4, 1},
		{"TwoJourneys", map[string]bool{"a": true, "b": true}, journeys.Measure{}, ptrTo(3.0), 5, 2},
		{"Actor", map[string]bool{"a": true, "b": true}, journeys.Measure{Scope: &journeys.MeasureScope{Actors: []string{"kommun"}}}, ptrTo(1.0), 1, 2},
		{"Rule", map[string]bool{"a": true, "b": true}, journeys.Measure{MetricRule: string(RuleDeadEnd)}, ptrTo(1.0), 1, 2},
		{"MinSeverity", map[string]bool{"a": true, "b": true}, journeys.Measure{MetricMinSeverity: string(SeverityMedium)}, ptrTo(1.0), 1, 2},
		{"NoneInScope", map[string]bool{"c": true}, journeys.Measure{}, ptrTo(0.0), 0, 1},
		{"NoJourneys", nil, journeys.Measure{}, nil, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := OpenFindings(&tt.m, findings, tt.inScope)
			if (got.Value == nil) != (tt.value == nil) || got.Value != nil && *got.Value != *tt.value ||
				got.Counted != tt.counted || got.Journeys != tt.jour || got.Unknown != 0 {
				t.Errorf("OpenFindings(%+v, %v) = %+v (value %v); want value %v, counted %d, journeys %d", tt.m, tt.inScope, got, got.Value, tt.value, tt.counted, tt.jour)
			}
		})
	}
}

func ptrTo[T any](v T) *T { return &v }

func TestCheckMeasure(t *testing.T) {
	ok := journeys.Measure{MetricRule: string(RuleDeadEnd), MetricMinSeverity: string(SeverityHigh)}
	if v := CheckMeasure(&ok); len(v) != 0 {
		t.Errorf("CheckMeasure(%+v) = %v; want none", ok, v)
	}
	bad := journeys.Measure{MetricRule: "no_such_rule", MetricMinSeverity: "huge"}
	if v := CheckMeasure(&bad); len(v) != 2 || v[0].Pointer != "/metricRule" || v[1].Pointer != "/metricMinSeverity" {
		t.Errorf("CheckMeasure(%+v) = %v; want /metricRule and /metricMinSeverity", bad, v)
	}
}
