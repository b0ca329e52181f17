package gaps

import (
	"cmp"
	"context"
	"slices"

	"github.com/glapp/glapp/journeys"
)

// JourneyReport is the gap report for one journey: its findings, ranked, and the unknowns that
// the next interview should settle.
type JourneyReport struct {
	Journey  JourneyInfo `json:"journey"`
	Summary  Summary     `json:"summary"`
	Findings []Finding   `json:"findings"`
	Unknowns []Unknown   `json:"unknowns"`
	// Resolved lists, in a report read with ?since=, the baseline's findings that are
	// found no longer.
	Resolved []Finding `json:"resolved,omitempty"`
}

// JourneyInfo names the journey a report is about, with the fields project gap reports filter
// and group by.
type JourneyInfo struct {
	ID          string               `json:"id"`
	Title       string               `json:"title"`
	Kind        journeys.JourneyKind `json:"kind"`
	TargetGroup string               `json:"targetGroup,omitempty"`
	AgeGroup    journeys.AgeGroup    `json:"ageGroup,omitempty"`
}

// Summary counts findings by category and by severity. Every category and severity is
// present, with 0 where nothing was found, so that clients can draw a fixed table.
type Summary struct {
	ByCategory map[Category]int `json:"byCategory"`
	BySeverity map[Severity]int `json:"bySeverity"`
	Total      int              `json:"total"`
	// Since counts the findings against a baseline, in a report read with ?since=.
	Since *SinceCounts `json:"since,omitempty"`
}

// Summarize counts findings by category and severity. Call it again after ApplyTriage has
// left dismissed findings out, so that the counts match what is shown.
func Summarize(findings []Finding) Summary {
	s := Summary{
		ByCategory: make(map[Category]int, len(Categories)),
		BySeverity: make(map[Severity]int, len(Severities)),
		Total:      len(findings),
	}
	for _, c := range Categories {
		s.ByCategory[c] = 0
	}
	for _, sev := range Severities {
		s.BySeverity[sev] = 0
	}
	for i := range findings {
		s.ByCategory[findings[i].Category]++
		s.BySeverity[findings[i].Severity]++
	}
	return s
}

// Analyze runs every gap rule on j and returns its report. actors are the project's
// actors (their sector, kind and ageGroup decide several rules); actors the journey
// document carries fill in for any the map lacks. s holds the project's thresholds; its
// zero value means DefaultSettings.
//
// Analyze only reads j. It takes time linear in the journey's steps plus hand-overs, and
// looks at ctx between rules and while it completes findings: when ctx is done it stops
// and returns ctx's error.
func Analyze(ctx context.Context, j *journeys.Journey, actors map[string]journeys.Actor, s journeys.Settings) (JourneyReport, error) {
	if s.IsZero() {
		s = journeys.DefaultSettings()
	}
	if err := ctx.Err(); err != nil {
		return JourneyReport{}, err
	}
	a := &analysis{graph: newGraph(j, actors), settings: s}
	for _, rule := range catalogue {
		if err := ctx.Err(); err != nil {
			return JourneyReport{}, err
		}
		finders[rule.Rule](a)
	}
	findings, err := a.findings(ctx)
	if err != nil {
		return JourneyReport{}, err
	}
	SortFindings(findings)
	return JourneyReport{
		Journey: JourneyInfo{
			ID: j.ID, Title: j.Title, Kind: j.Kind, TargetGroup: j.TargetGroup, AgeGroup: j.AgeGroup,
		},
		Summary:  Summarize(findings),
		Findings: findings,
		Unknowns: a.unknowns(),
	}, nil
}

// SortFindings ranks findings: most severe first, then those with the most evidence, then
// by fingerprint so that the order is the same on every read.
func SortFindings(findings []Finding) {
	slices.SortFunc(findings, func(a, b Finding) int { return compareFindingPtrs(&a, &b) })
}

// compareFindingPtrs is the ranking order; it takes pointers so that sorts over many
// findings need not copy them.
func compareFindingPtrs(a, b *Finding) int {
	return cmp.Or(
		cmp.Compare(b.Severity.Rank(), a.Severity.Rank()),
		cmp.Compare(b.EvidenceCount, a.EvidenceCount),
		cmp.Compare(a.Fingerprint, b.Fingerprint),
	)
}
