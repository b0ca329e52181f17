package reports_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/chain"
	"github.com/glapp/glapp/journeys/gaps"
	"github.com/glapp/glapp/reports"
)

// TestGolden_EffectChain writes an effect chain on the demo project's findings, read both
// ways, as Markdown in both languages: a goal with a measure and a proposal in test
// addressing the first finding, a goal with nothing, and an adopted proposal with no goal.
func TestGolden_EffectChain(t *testing.T) {
	pr := mustCombine(t, demoReports(t), gaps.Filter{})
	if len(pr.Findings) < 2 {
		t.Fatal("the demo has too few findings")
	}
	first, second := pr.Findings[0].Fingerprint, pr.Findings[1].Fingerprint
	at := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	m := journeys.Measure{ID: "responsible-share", Goal: "fewer-lost", Name: "Överlämningar med ansvarig", Direction: journeys.DirectionIncrease,
		Baseline: &journeys.Baseline{Value: 0.4}, Target: &journeys.Target{Value: 0.9},
		Observations: []journeys.Observation{{At: "2026-09-01", Value: 0.65}}}
	in := chain.Input{
		Goals:    []journeys.Goal{{ID: "fewer-lost", Title: "Ingen tappas bort"}, {ID: "shorter-waits", Title: "Kortare väntan"}},
		Measures: []journeys.MeasureView{journeys.ViewMeasure(m, nil)},
		Proposals: []journeys.ProposalRecord{
			{Proposal: journeys.Proposal{ID: "shared-plan", Title: "Gemensam plan", Stage: journeys.StageTest, Goals: []string{"fewer-lost"}, Addresses: []string{first}},
				Tests: []journeys.Test{{ID: "pilot-1", Kind: journeys.TestPilot, Status: journeys.TestRunning}},
				Decisions: []journeys.Decision{{ID: "d1", At: &at, From: journeys.StageIdea, To: journeys.StageAnalysis, Outcome: journeys.OutcomeGo, DecidedBy: "styrgrupp"},
					{ID: "d2", At: &at, From: journeys.StageAnalysis, To: journeys.StageTest, Outcome: journeys.OutcomeGo, DecidedBy: "styrgrupp"}}},
			{Proposal: journeys.Proposal{ID: "call-back", Title: "Återkoppling", Stage: journeys.StageAdopted, Addresses: []string{second}}},
		},
		Findings: pr.Findings,
	}
	for _, from := range []string{chain.FromGoals, chain.FromFindings} {
		r := chain.Build(in, from)
		for _, lang := range []string{"sv", "en"} {
			var md bytes.Buffer
			if err := reports.WriteEffectChainMarkdown(&md, &r, lang); err != nil {
				t.Fatal(err)
			}
			golden(t, "effect-chain-"+from+"."+lang+".md", md.Bytes())
		}
	}
}
