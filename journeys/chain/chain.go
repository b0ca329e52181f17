// Package chain builds the effect chain report: goals, the measures that show them, the
// proposals that serve them and the findings those proposals address, with the blind
// spots where the chain breaks. It is pure: callers read the store and the gap report.
package chain

import (
	"slices"
	"sort"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
)

// BlindSpotKind names one way the effect chain breaks.
type BlindSpotKind string

// Blind spot kinds.
const (
	// UnaddressedFinding: a critical or high finding that no proposal addresses.
	UnaddressedFinding BlindSpotKind = "unaddressed_finding"
	// ProposalWithoutGoal: a proposal that serves no goal.
	ProposalWithoutGoal BlindSpotKind = "proposal_without_goal"
	// GoalWithoutMeasure: a goal no measure shows.
	GoalWithoutMeasure BlindSpotKind = "goal_without_measure"
	// MeasureWithoutBaselineOrTarget: a measure that lacks a baseline or a target.
	MeasureWithoutBaselineOrTarget BlindSpotKind = "measure_without_baseline_or_target"
	// TestStageWithoutTest: a proposal in the test stage that has no test.
	TestStageWithoutTest BlindSpotKind = "test_stage_without_test"
	// AdoptedStillOpen: an adopted proposal whose findings are still open.
	AdoptedStillOpen BlindSpotKind = "adopted_still_open"
)

// BlindSpotKinds lists every BlindSpotKind, in the order reports show them.
var BlindSpotKinds = []BlindSpotKind{UnaddressedFinding, ProposalWithoutGoal, GoalWithoutMeasure,
	MeasureWithoutBaselineOrTarget, TestStageWithoutTest, AdoptedStillOpen}

// BlindSpot is one break in the chain: its kind and the id it is about (a fingerprint,
// proposal, goal or measure id). Findings lists the open fingerprints of an adopted
// proposal.
type BlindSpot struct {
	Kind     BlindSpotKind `json:"kind"`
	ID       string        `json:"id"`
	Findings []string      `json:"findings,omitempty"`
}

// FindingRef is a finding as the chain shows it. Open is false when the finding is no
// longer in the project's report, or the project dismissed it.
type FindingRef struct {
	Fingerprint string        `json:"fingerprint"`
	Rule        gaps.Rule     `json:"rule,omitempty"`
	Severity    gaps.Severity `json:"severity,omitempty"`
	Journey     string        `json:"journey,omitempty"`
	Open        bool          `json:"open"`
}

// ProposalLink is a proposal in the chain: its stage, last decision, tests and the
// findings it addresses (named in its addresses or by a triage decision).
type ProposalLink struct {
	ID           string                 `json:"id"`
	Title        string                 `json:"title"`
	Stage        journeys.ProposalStage `json:"stage"`
	LastDecision *journeys.Decision     `json:"lastDecision,omitempty"`
	Tests        []journeys.Test        `json:"tests"`
	Findings     []FindingRef           `json:"findings"`
}

// GoalLink is a goal with its measures (as views: latest, computed now, progress) and
// the proposals that serve it.
type GoalLink struct {
	Goal      journeys.Goal          `json:"goal"`
	Measures  []journeys.MeasureView `json:"measures"`
	Proposals []ProposalLink         `json:"proposals"`
}

// FindingLink is an open finding with the proposals that address it and the goals they
// serve, read from the findings' side.
type FindingLink struct {
	Finding   FindingRef `json:"finding"`
	Proposals []string   `json:"proposals"`
	Goals     []string   `json:"goals"`
}

// Report is the effect chain report. Goals is set when read from the goals (the
// default), Findings when read from the findings.
type Report struct {
	From       string        `json:"from"`
	Goals      []GoalLink    `json:"goals,omitempty"`
	Findings   []FindingLink `json:"findings,omitempty"`
	BlindSpots []BlindSpot   `json:"blindSpots"`
	// Priorities ranks where open findings happen, by Score (ScoreFormula), both ways.
	Priorities []Place `json:"priorities"`
	// ScoreFormula says how Priorities are scored.
	ScoreFormula gaps.Text `json:"scoreFormula"`
}

// Directions of reading.
const (
	FromGoals    = "goals"
	FromFindings = "findings"
)

// Input is what the report is built from: the project's goals, its measures as views,
// its proposal records, and the findings of its gap report with triage attached
// (dismissed ones included, so that they read as closed).
type Input struct {
	Goals     []journeys.Goal
	Measures  []journeys.MeasureView
	Proposals []journeys.ProposalRecord
	Findings  []gaps.Finding
}

// open reports whether a finding of the report still needs closing.
func open(f *gaps.Finding) bool {
	return f.Triage == nil || f.Triage.Status != journeys.TriageDismissed
}

// Build makes the effect chain report, read from goals or from findings.
func Build(in Input, from string) Report {
	byFP := make(map[string]*gaps.Finding, len(in.Findings))
	for i := range in.Findings {
		byFP[in.Findings[i].Fingerprint] = &in.Findings[i]
	}
	// addressed maps a proposal to the fingerprints it addresses, from its own list and
	// from triage decisions naming it.
	addressed := map[string][]string{}
	for _, r := range in.Proposals {
		addressed[r.Proposal.ID] = append(addressed[r.Proposal.ID], r.Proposal.Addresses...)
	}
	for i := range in.Findings {
		f := &in.Findings[i]
		if f.Triage != nil && f.Triage.Status == journeys.TriageAddressed && f.Triage.Proposal != "" {
			addressed[f.Triage.Proposal] = append(addressed[f.Triage.Proposal], f.Fingerprint)
		}
	}
	for id, fps := range addressed {
		slices.Sort(fps)
		addressed[id] = slices.Compact(fps)
	}
	ref := func(fp string) FindingRef {
		f, ok := byFP[fp]
		if !ok {
			return FindingRef{Fingerprint: fp}
		}
		return FindingRef{Fingerprint: fp, Rule: f.Rule, Severity: f.Severity, Journey: f.Journey, Open: open(f)}
	}
	props := sortedProposals(in.Proposals)
	link := func(r journeys.ProposalRecord) ProposalLink {
		l := ProposalLink{ID: r.Proposal.ID, Title: r.Proposal.Title, Stage: r.Proposal.Stage, Tests: r.Tests, Findings: []FindingRef{}}
		if l.Tests == nil {
			l.Tests = []journeys.Test{}
		}
		if n := len(r.Decisions); n > 0 {
			d := r.Decisions[n-1]
			l.LastDecision = &d
		}
		for _, fp := range addressed[r.Proposal.ID] {
			l.Findings = append(l.Findings, ref(fp))
		}
		return l
	}

	out := Report{From: FromGoals, BlindSpots: blindSpots(in, props, addressed, ref),
		Priorities: Priorities(in.Findings, addressed), ScoreFormula: ScoreFormula}
	if from == FromFindings {
		out.From = FromFindings
		out.Findings = []FindingLink{}
		for i := range in.Findings {
			f := &in.Findings[i]
			if !open(f) {
				continue
			}
			fl := FindingLink{Finding: ref(f.Fingerprint), Proposals: []string{}, Goals: []string{}}
			for _, r := range props {
				if slices.Contains(addressed[r.Proposal.ID], f.Fingerprint) {
					fl.Proposals = append(fl.Proposals, r.Proposal.ID)
					fl.Goals = append(fl.Goals, r.Proposal.Goals...)
				}
			}
			slices.Sort(fl.Goals)
			fl.Goals = slices.Compact(fl.Goals)
			out.Findings = append(out.Findings, fl)
		}
		return out
	}
	out.Goals = []GoalLink{}
	goals := slices.Clone(in.Goals)
	sort.Slice(goals, func(i, j int) bool { return goals[i].ID < goals[j].ID })
	for _, g := range goals {
		gl := GoalLink{Goal: g, Measures: []journeys.MeasureView{}, Proposals: []ProposalLink{}}
		for _, m := range in.Measures {
			if m.Goal == g.ID {
				gl.Measures = append(gl.Measures, m)
			}
		}
		sort.Slice(gl.Measures, func(i, j int) bool { return gl.Measures[i].ID < gl.Measures[j].ID })
		for _, r := range props {
			if slices.Contains(r.Proposal.Goals, g.ID) {
				gl.Proposals = append(gl.Proposals, link(r))
			}
		}
		out.Goals = append(out.Goals, gl)
	}
	return out
}

func sortedProposals(rs []journeys.ProposalRecord) []journeys.ProposalRecord {
	out := slices.Clone(rs)
	sort.Slice(out, func(i, j int) bool { return out[i].Proposal.ID < out[j].Proposal.ID })
	return out
}

func blindSpots(in Input, props []journeys.ProposalRecord, addressed map[string][]string, ref func(string) FindingRef) []BlindSpot {
	out := []BlindSpot{}
	covered := map[string]bool{}
	for _, fps := range addressed {
		for _, fp := range fps {
			covered[fp] = true
		}
	}
	for i := range in.Findings {
		f := &in.Findings[i]
		if open(f) && !covered[f.Fingerprint] && f.Severity.Rank() >= gaps.SeverityHigh.Rank() {
			out = append(out, BlindSpot{Kind: UnaddressedFinding, ID: f.Fingerprint})
		}
	}
	for _, r := range props {
		if len(r.Proposal.Goals) == 0 {
			out = append(out, BlindSpot{Kind: ProposalWithoutGoal, ID: r.Proposal.ID})
		}
	}
	measured := map[string]bool{}
	for _, m := range in.Measures {
		measured[m.Goal] = true
	}
	for _, g := range in.Goals {
		if !measured[g.ID] {
			out = append(out, BlindSpot{Kind: GoalWithoutMeasure, ID: g.ID})
		}
	}
	for _, m := range in.Measures {
		if m.Baseline == nil || m.Target == nil {
			out = append(out, BlindSpot{Kind: MeasureWithoutBaselineOrTarget, ID: m.ID})
		}
	}
	for _, r := range props {
		if r.Proposal.Stage == journeys.StageTest && len(r.Tests) == 0 {
			out = append(out, BlindSpot{Kind: TestStageWithoutTest, ID: r.Proposal.ID})
		}
	}
	for _, r := range props {
		if r.Proposal.Stage != journeys.StageAdopted {
			continue
		}
		var still []string
		for _, fp := range addressed[r.Proposal.ID] {
			if ref(fp).Open {
				still = append(still, fp)
			}
		}
		if len(still) > 0 {
			out = append(out, BlindSpot{Kind: AdoptedStillOpen, ID: r.Proposal.ID, Findings: still})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := slices.Index(BlindSpotKinds, out[i].Kind), slices.Index(BlindSpotKinds, out[j].Kind)
		return a < b || a == b && out[i].ID < out[j].ID
	})
	return out
}
