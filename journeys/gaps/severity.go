package gaps

import (
	"slices"
	"strings"

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
	// Because holds the ids that made the modifier apply, as far as the finding lists
	// them: the crisis steps its subject or path touches (none when the crisis lies on
	// the part of a long path the finding leaves out), or the insights that validate or
	// reject it, at most EvidenceLimit of each.
	Because []string `json:"because,omitempty" example:"s4"`
}

// rate returns d's severity, the modifiers that applied and the sentence that says so,
// given the insights tied to it.
//
// The spec's three modifiers each move the severity one level, independently: crisis
// path +1, validated negative evidence +1, rejected evidence -1. A finding with both
// validated negative and rejected insights keeps its base as far as evidence goes: the
// people who told us confirmed one thing and rejected another, and the report names
// both. The levels are summed before the result is kept within low..critical, so that
// a critical finding raised for a crisis and lowered by rejected evidence stays
// critical, whatever the order.
//
// crisis_without_contact_person never gets crisis_path: the crisis is what that rule is
// about, and counting it twice would say the same thing twice.
func (a *analysis) rate(d *draft, evidence []int32) (Severity, []Modifier, Text) {
	mods := []Modifier{}
	var crisisWhy Text
	if d.rule != RuleCrisisWithoutContactPerson {
		if why, ids, ok := a.crisisOf(d); ok {
			mods = append(mods, Modifier{ModifierCrisisPath, +1, ids})
			crisisWhy = why
		}
	}
	var validated, rejected []string
	for _, i := range evidence {
		in := &a.j.Insights[i]
		switch {
		case in.Status == journeys.StatusValidated && negative(in):
			validated = appendUpTo(validated, in.ID)
		case in.Status == journeys.StatusRejected:
			rejected = appendUpTo(rejected, in.ID)
		}
	}
	if validated != nil {
		mods = append(mods, Modifier{ModifierValidatedNegativeEvidence, +1, validated})
	}
	if rejected != nil {
		mods = append(mods, Modifier{ModifierRejectedEvidence, -1, rejected})
	}
	levels := 0
	for _, m := range mods {
		levels += m.Change
	}
	sev := d.base.shift(levels)
	return sev, mods, severityReason(d.base, d.baseCase, sev, levels, mods, crisisWhy)
}

// appendUpTo appends id to ids unless ids already holds EvidenceLimit.
func appendUpTo(ids []string, id string) []string {
	if len(ids) >= EvidenceLimit {
		return ids
	}
	return append(ids, id)
}

// crisisOf reports whether d is on a crisis step: its subject is a crisis step or a
// hand-over to or from one, or its path goes through one. It returns the words for how,
// and the ids of the crisis steps the finding lists (at most EvidenceLimit). Only the
// finding's own subject and path count, never the rest of the journey.
func (a *analysis) crisisOf(d *draft) (Text, []string, bool) {
	var ids []string
	seen := map[int32]bool{}
	note := func(s int32) {
		if a.j.Steps[s].Crisis && !seen[s] {
			seen[s] = true
			ids = appendUpTo(ids, a.j.Steps[s].ID)
		}
	}
	touch := func(nodes []int32) {
		for _, n := range nodes {
			if s, ok := a.asStep(n); ok {
				note(s)
				continue
			}
			h := a.asHandover(n)
			note(a.from[h])
			note(a.to[h])
		}
	}
	touch(d.subject)
	if ids != nil {
		if _, isStep := a.asStep(d.subject[0]); isStep && len(d.subject) == 1 {
			return reasonCrisisStep, ids, true
		}
		if len(d.subject) == 1 {
			return reasonCrisisHandover, ids, true
		}
		return reasonCrisisPath, ids, true // a loop's hand-overs are its path
	}
	touch(d.path)
	if ids != nil || d.crisis {
		return reasonCrisisPath, ids, true
	}
	return Text{}, nil, false
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

// severityReason says in words why a finding has severity sev: its base (and the case
// that set it, for rules whose base depends on the case), each modifier with the ids
// behind it, and where the sum of levels ran past low or critical.
func severityReason(base Severity, baseCase Text, sev Severity, levels int, mods []Modifier, crisisWhy Text) Text {
	lower := func(s Severity) Text {
		l := s.Label()
		return Text{strings.ToLower(l.SV), strings.ToLower(l.EN)}
	}
	parts := []Text{say(reasonBase, sev.Label(), lower(base))}
	if baseCase != (Text{}) {
		parts[0] = say(reasonBaseCase, sev.Label(), lower(base), baseCase)
	}
	if len(mods) == 0 {
		parts = append(parts, reasonNoModifier)
	}
	for _, m := range mods {
		var t Text
		switch m.Kind {
		case ModifierCrisisPath:
			t = crisisWhy
		case ModifierValidatedNegativeEvidence:
			t = reasonValidated
		case ModifierRejectedEvidence:
			t = reasonRejected
		}
		if len(m.Because) > 0 {
			t = say(reasonWithIDs, t, strings.Join(m.Because, ", "))
		}
		parts = append(parts, t)
	}
	switch r := base.Rank() + levels; {
	case r > len(Severities):
		parts = append(parts, say(reasonCapHigh, lower(sev)))
	case r < 1:
		parts = append(parts, say(reasonCapLow, lower(sev)))
	}
	var out Text
	for i, p := range parts {
		sep := ", "
		if i == 0 {
			sep = ""
		}
		out.SV += sep + p.SV
		out.EN += sep + p.EN
	}
	out.SV += "."
	out.EN += "."
	return out
}
