package gaps

import (
	"slices"

	"github.com/glapp/glapp/journeys"
)

// CheckMeasure returns the violations of a measure's open_findings filter that only the
// gap engine can see: a rule that does not exist, a severity that is not one.
func CheckMeasure(m *journeys.Measure) []journeys.Violation {
	var v []journeys.Violation
	if r := m.MetricRule; r != "" && !slices.ContainsFunc(catalogue, func(i RuleInfo) bool { return string(i.Rule) == r }) {
		v = append(v, journeys.Violation{Pointer: "/metricRule", Detail: "No gap rule has this id; GET /api/v1/rules lists them."})
	}
	if s := m.MetricMinSeverity; s != "" && !slices.Contains(Severities, Severity(s)) {
		v = append(v, journeys.Violation{Pointer: "/metricMinSeverity", Detail: "Must be one of: low, medium, high, critical."})
	}
	return v
}

// OpenFindings computes the open_findings metric of measure m: how many of findings,
// with the project's triage attached (ApplyTriage), are still open (untriaged or
// confirmed) in the journeys inScope names, of m's MetricRule and at least its
// MetricMinSeverity when set, and, when its scope names actors, involving one of them.
// Counted is every finding that passes, open or not; Journeys is how many journeys were
// in scope. Nothing is unknown: a finding is there or it is not.
func OpenFindings(m *journeys.Measure, findings []Finding, inScope map[string]bool) journeys.MetricValue {
	var actors []string
	if m.Scope != nil {
		actors = m.Scope.Actors
	}
	rule, least := Rule(m.MetricRule), Severity(m.MetricMinSeverity)
	out := journeys.MetricValue{Journeys: len(inScope)}
	open := 0
	for i := range findings {
		x := &findings[i]
		if !inScope[x.Journey] {
			continue
		}
		if rule != "" && x.Rule != rule || x.Severity.Rank() < least.Rank() {
			continue
		}
		if len(actors) > 0 && !slices.ContainsFunc(actors, x.Involves) {
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
