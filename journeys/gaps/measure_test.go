package gaps

import (
	"testing"

	"github.com/glapp/glapp/journeys"
)

func TestOpenFindings(t *testing.T) {
	decided := func(s journeys.TriageStatus) *journeys.Triage { return &journeys.Triage{Status: s} }
	findings := []Finding{
		{Journey: "a", Subject: []string{"vc"}},                                                // open: untriaged
		{Journey: "a", Subject: []string{"kommun"}, Triage: decided(journeys.TriageConfirmed)}, // open: confirmed
		{Journey: "a", Subject: []string{"vc"}, Triage: decided(journeys.TriageDismissed)},     // closed
		{Journey: "a", Subject: []string{"vc"}, Triage: decided(journeys.TriageAddressed)},     // closed
		{Journey: "b", Subject: []string{"vc"}},                                                // open, journey b
	}
	tests := []struct {
		name          string
		inScope       map[string]bool
		actors        []string
		value         *float64
		counted, jour int
	}{
		{"OneJourney", map[string]bool{"a": true}, nil, ptrTo(2.0), 4, 1},
		{"TwoJourneys", map[string]bool{"a": true, "b": true}, nil, ptrTo(3.0), 5, 2},
		{"Actor", map[string]bool{"a": true, "b": true}, []string{"kommun"}, ptrTo(1.0), 1, 2},
		{"NoneInScope", map[string]bool{"c": true}, nil, ptrTo(0.0), 0, 1},
		{"NoJourneys", nil, nil, nil, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := OpenFindings(findings, tt.inScope, tt.actors)
			if (got.Value == nil) != (tt.value == nil) || got.Value != nil && *got.Value != *tt.value ||
				got.Counted != tt.counted || got.Journeys != tt.jour || got.Unknown != 0 {
				t.Errorf("OpenFindings(%v, %v) = %+v (value %v); want value %v, counted %d, journeys %d", tt.inScope, tt.actors, got, got.Value, tt.value, tt.counted, tt.jour)
			}
		})
	}
}

func ptrTo[T any](v T) *T { return &v }
