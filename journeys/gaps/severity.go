package gaps

import (
	"slices"

	"github.com/glapp/glapp/journeys"
)

// Severity says how badly a gap lets the person down.
type Severity string

// Severities, from least to most severe.
const (
	SeverityLow      Severity = "low"
	SeverityMedium   Severity = "medium"
	SeverityHigh     Severity = "high"
	SeverityCritical Severity = "critical"
)

// Severities lists every Severity from least to most severe.
var Severities = []Severity{SeverityLow, SeverityMedium, SeverityHigh, SeverityCritical}

// worstFirst is Severities from most to least severe, the order reports show them in.
var worstFirst = func() []Severity {
	s := slices.Clone(Severities)
	slices.Reverse(s)
	return s
}()

// Rank orders severities: 1 for low up to 4 for critical, 0 for anything else, so that an
// unset minimum lets every finding through.
func (s Severity) Rank() int { return slices.Index(Severities, s) + 1 }

// ParseSeverity returns the Severity named s, and whether there is one.
func ParseSeverity(s string) (Severity, bool) {
	sev := Severity(s)
	return sev, sev.Rank() > 0
}

// shift moves s by levels, staying within low..critical.
func (s Severity) shift(levels int) Severity {
	r := min(max(s.Rank()+levels, 1), len(Severities))
	return Severities[r-1]
}

// ModifierKind names a reason a finding's severity differs from its rule's base.
type ModifierKind string

// Severity modifiers, as the spec names them.
const (
	// ModifierCrisisPath: the finding is on a crisis step, on a hand-over to or from one,
	// or its path goes through one.
	ModifierCrisisPath ModifierKind = "crisis_path"
	// ModifierValidatedNegativeEvidence: a validated insight with negative sentiment is tied
	// to the finding's subject, so the gap is confirmed by what people told us.
	ModifierValidatedNegativeEvidence ModifierKind = "validated_negative_evidence"
	// ModifierRejectedEvidence: an insight tied to the subject was rejected and no validated
	// negative insight backs the finding, so we are less sure the gap is real.
	ModifierRejectedEvidence ModifierKind = "rejected_evidence"
)

// ModifierKinds lists every ModifierKind.
var ModifierKinds = []ModifierKind{ModifierCrisisPath, ModifierValidatedNegativeEvidence, ModifierRejectedEvidence}

// Modifier is one severity modifier that applied to a finding, and by how many levels it
// moved the severity.
type Modifier struct {
	Kind   ModifierKind `json:"kind"`
	Change int          `json:"change" example:"1"`
}

// rate returns d's severity and the modifiers that applied, given the insights tied to it.
//
// crisis_without_contact_person never gets crisis_path: the crisis is what that rule is
// about, and counting it twice would make every such finding critical whatever the
// evidence says. The evidence modifiers exclude each other: validated negative evidence
// confirms the gap, and a rejected insight only lowers a finding nothing confirms.
func (a *analysis) rate(d *draft, evidence []int32) (Severity, []Modifier) {
	mods := []Modifier{}
	if d.rule != RuleCrisisWithoutContactPerson && a.touchesCrisis(d) {
		mods = append(mods, Modifier{ModifierCrisisPath, +1})
	}
	validated, rejected := false, false
	for _, i := range evidence {
		in := &a.j.Insights[i]
		switch {
		case in.Status == journeys.StatusValidated && negative(in):
			validated = true
		case in.Status == journeys.StatusRejected:
			rejected = true
		}
	}
	switch {
	case validated:
		mods = append(mods, Modifier{ModifierValidatedNegativeEvidence, +1})
	case rejected:
		mods = append(mods, Modifier{ModifierRejectedEvidence, -1})
	}
	sev := d.base
	for _, m := range mods {
		sev = sev.shift(m.Change)
	}
	return sev, mods
}

// touchesCrisis reports whether d is on a crisis step: one of its subject or path steps is
// a crisis step, or one of its subject or path hand-overs leads to or from one.
func (a *analysis) touchesCrisis(d *draft) bool {
	if d.crisis {
		return true
	}
	for _, nodes := range [][]int32{d.subject, d.path} {
		for _, n := range nodes {
			if a.nodeInCrisis(n) {
				return true
			}
		}
	}
	return false
}

func (a *analysis) nodeInCrisis(n int32) bool {
	if s, ok := a.asStep(n); ok {
		return a.j.Steps[s].Crisis
	}
	h := a.asHandover(n)
	return a.j.Steps[a.from[h]].Crisis || a.j.Steps[a.to[h]].Crisis
}

// negative reports whether in speaks against the journey: negative sentiment.
func negative(in *journeys.Insight) bool { return in.Sentiment != nil && *in.Sentiment < 0 }
