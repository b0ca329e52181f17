package gaps

import (
	"slices"

	"github.com/glapp/glapp/journeys"
)

// OpenFindings computes the open_findings metric: how many of findings, with the
// project's triage attached (ApplyTriage), are still open (untriaged or confirmed) in the
// journeys inScope names, and, when actors is not empty, involve one of those actors.
// Counted is every finding in scope, open or not; Journeys is how many journeys were in
// scope. Nothing is unknown: a finding is there or it is not.
func OpenFindings(findings []Finding, inScope map[string]bool, actors []string) journeys.MetricValue {
	out := journeys.MetricValue{Journeys: len(inScope)}
	open := 0
	for i := range findings {
		x := &findings[i]
		if !inScope[x.Journey] {
			continue
		}
		if len(actors) > 0 && !slices.ContainsFunc(actors, x.involves) {
			continue
		}
		out.Counted++
		if x.Triage == nil || x.Triage.Status == journeys.TriageConfirmed {
			open++
		}
	}
	if out.Journeys > 0 {
		v := float64(open)
		out.Value = &v
	}
	return out
}
