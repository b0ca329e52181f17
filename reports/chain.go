package reports

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/chain"
	"github.com/glapp/glapp/journeys/gaps"
)

// EffectChain reads the project's goals, measures (with their values now), proposals
// with tests and decisions, and its gap report with triage applied, and builds the
// effect chain report read from `from` (chain.FromGoals or chain.FromFindings). Each
// list is read whole, page by page: the project limits bound them.
func (s Service) EffectChain(ctx context.Context, projectID, from string) (*chain.Report, error) {
	if _, err := s.Store.GetProject(ctx, projectID); err != nil {
		return nil, err
	}
	goals, err := journeys.AllItems(func(p journeys.Page) (*journeys.List[journeys.Goal], error) {
		return s.Store.ListGoals(ctx, projectID, p)
	})
	if err != nil {
		return nil, err
	}
	measures, err := journeys.AllItems(func(p journeys.Page) (*journeys.List[journeys.Measure], error) {
		return s.Store.ListMeasures(ctx, projectID, p)
	})
	if err != nil {
		return nil, err
	}
	props, err := journeys.AllItems(func(p journeys.Page) (*journeys.List[journeys.Proposal], error) {
		return s.Store.ListProposals(ctx, projectID, journeys.ProposalFilter{}, p)
	})
	if err != nil {
		return nil, err
	}
	in := chain.Input{Goals: goals}
	for _, p := range props {
		rec := journeys.ProposalRecord{Proposal: p}
		if rec.Tests, err = journeys.AllItems(func(pg journeys.Page) (*journeys.List[journeys.Test], error) {
			return s.Store.ListTests(ctx, projectID, p.ID, pg)
		}); err != nil {
			return nil, err
		}
		if rec.Decisions, err = journeys.AllItems(func(pg journeys.Page) (*journeys.List[journeys.Decision], error) {
			return s.Store.ListDecisions(ctx, projectID, p.ID, pg)
		}); err != nil {
			return nil, err
		}
		in.Proposals = append(in.Proposals, rec)
	}
	report, err := s.Project(ctx, projectID, gaps.Filter{}, Options{IncludeDismissed: true})
	if err != nil {
		return nil, err
	}
	in.Findings = report.Findings
	var js []*journeys.Journey
	if len(measures) > 0 {
		if err := s.Store.EachJourney(ctx, projectID, func(j *journeys.Journey) error {
			js = append(js, j)
			return nil
		}); err != nil {
			return nil, err
		}
	}
	for _, m := range measures {
		in.Measures = append(in.Measures, journeys.ViewMeasure(m, measureNow(&m, js, report.Findings)))
	}
	r := chain.Build(in, from)
	return &r, nil
}

// MeasureNow is a computed measure's value now, as GET of the measure answers it, or nil
// for a manual measure: its metric on the project's journeys in its scope; open_findings
// reads the project's gap report with triage applied, dismissed findings included so
// that they count as closed, over the as_is journeys unless the scope names journeys.
func (s Service) MeasureNow(ctx context.Context, projectID string, m *journeys.Measure) (*journeys.MetricValue, error) {
	if m.Metric == nil {
		return nil, nil
	}
	var js []*journeys.Journey
	if err := s.Store.EachJourney(ctx, projectID, func(j *journeys.Journey) error {
		if m.Scope.InScope(j) {
			js = append(js, j)
		}
		return nil
	}); err != nil {
		return nil, err
	}
	var findings []gaps.Finding
	if *m.Metric == journeys.MetricOpenFindings {
		var f gaps.Filter
		if m.Scope == nil || len(m.Scope.Journeys) == 0 {
			f.JourneyKind = journeys.KindAsIs
		}
		report, err := s.Project(ctx, projectID, f, Options{IncludeDismissed: true})
		if err != nil {
			return nil, err
		}
		findings = report.Findings
	}
	return measureNow(m, js, findings), nil
}

// measureNow is a computed measure's value now, as GET of the measure answers it; nil
// for a measure entered by hand.
func measureNow(m *journeys.Measure, js []*journeys.Journey, findings []gaps.Finding) *journeys.MetricValue {
	if m.Metric == nil {
		return nil
	}
	var inScope []*journeys.Journey
	ids := map[string]bool{}
	for _, j := range js {
		if m.Scope.InScope(j) {
			inScope = append(inScope, j)
			ids[j.ID] = true
		}
	}
	var v journeys.MetricValue
	if *m.Metric == journeys.MetricOpenFindings {
		v = gaps.OpenFindings(m, findings, ids)
	} else {
		v = journeys.Evaluate(*m.Metric, m.Scope, inScope)
	}
	return &v
}

// Words of the effect chain report.
var (
	ecTitle        = gaps.Text{SV: "Effektkedjan", EN: "The effect chain"}
	ecFromFindings = gaps.Text{SV: "Läst från fynden: varje öppet fynd, förslagen som åtgärdar det och målen de tjänar.", EN: "Read from the findings: each open finding, the proposals that address it and the goals they serve."}
	ecGoal         = gaps.Text{SV: "Mål", EN: "Goal"}
	ecNoGoals      = gaps.Text{SV: "Inga effektmål.", EN: "No effect goals."}
	ecNoFindings   = gaps.Text{SV: "Inga öppna fynd.", EN: "No open findings."}
	ecMeasures     = gaps.Text{SV: "Mätpunkter", EN: "Measures"}
	ecMeasureHead  = gaps.Text{SV: "| Mätpunkt | Utgångsläge | Målvärde | Senaste | Beräknat nu | Framsteg |", EN: "| Measure | Baseline | Target | Latest | Computed now | Progress |"}
	ecProposals    = gaps.Text{SV: "Förslag", EN: "Proposals"}
	ecNone         = gaps.Text{SV: "inga", EN: "none"}
	ecStage        = gaps.Text{SV: "steg", EN: "stage"}
	ecLastDecision = gaps.Text{SV: "senaste beslut", EN: "last decision"}
	ecTests        = gaps.Text{SV: "tester", EN: "tests"}
	ecOpen         = gaps.Text{SV: "öppet", EN: "open"}
	ecClosed       = gaps.Text{SV: "stängt", EN: "closed"}
	ecFindingHead  = gaps.Text{SV: "| Fynd | Regel | Allvarlighet | Resa | Förslag | Mål |", EN: "| Finding | Rule | Severity | Journey | Proposals | Goals |"}
	ecBlindSpots   = gaps.Text{SV: "Blinda fläckar", EN: "Blind spots"}
	ecNoBlind      = gaps.Text{SV: "Inga blinda fläckar.", EN: "No blind spots."}
	ecStillOpen    = gaps.Text{SV: "fortfarande öppna", EN: "still open"}
	ecPriority     = gaps.Text{SV: "Prioritering – var glappen uppstår", EN: "Priority – where the gaps happen"}
	ecPriorityHead = gaps.Text{SV: "| Poäng | Regel | Var | Allvarlighet | Resor | Underlag | Fynd | Förslag |", EN: "| Score | Rule | Where | Severity | Journeys | Evidence | Findings | Proposals |"}

	blindSpotLabels = map[chain.BlindSpotKind]gaps.Text{
		chain.UnaddressedFinding:             {SV: "Kritiskt eller allvarligt fynd som inget förslag åtgärdar", EN: "Critical or high finding no proposal addresses"},
		chain.ProposalWithoutGoal:            {SV: "Förslag som inte tjänar något mål", EN: "Proposal that serves no goal"},
		chain.GoalWithoutMeasure:             {SV: "Mål utan mätpunkt", EN: "Goal without a measure"},
		chain.MeasureWithoutBaselineOrTarget: {SV: "Mätpunkt utan utgångsläge eller målvärde", EN: "Measure without baseline or target"},
		chain.TestStageWithoutTest:           {SV: "Förslag i test utan test", EN: "Proposal in test without a test"},
		chain.AdoptedStillOpen:               {SV: "Infört förslag vars fynd fortfarande är öppna", EN: "Adopted proposal whose findings are still open"},
	}
)

// WriteEffectChainMarkdown writes the effect chain report as Markdown in lang (sv or en).
func WriteEffectChainMarkdown(w io.Writer, r *chain.Report, lang string) error {
	b := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	p("# %s\n\n", ecTitle.In(lang))
	if r.From == chain.FromFindings {
		p("%s\n\n", ecFromFindings.In(lang))
		if len(r.Findings) == 0 {
			p("%s\n\n", ecNoFindings.In(lang))
		} else {
			p("%s\n|---|---|---|---|---|---|\n", ecFindingHead.In(lang))
			for _, f := range r.Findings {
				p("| `%s` | %s | %s | %s | %s | %s |\n", f.Finding.Fingerprint, cell(f.Finding.Rule.Label().In(lang)),
					f.Finding.Severity.Label().In(lang), cell(f.Finding.Journey), list(f.Proposals, lang), list(f.Goals, lang))
			}
			p("\n")
		}
	} else {
		if len(r.Goals) == 0 {
			p("%s\n\n", ecNoGoals.In(lang))
		}
		for _, g := range r.Goals {
			p("## %s: %s (`%s`)\n\n", ecGoal.In(lang), cell(g.Goal.Title), g.Goal.ID)
			p("### %s\n\n", ecMeasures.In(lang))
			if len(g.Measures) == 0 {
				p("%s\n\n", ecNone.In(lang))
			} else {
				p("%s\n|---|---|---|---|---|---|\n", ecMeasureHead.In(lang))
				for _, m := range g.Measures {
					var base, target, latest, now, progress string
					if m.Baseline != nil {
						base = num(m.Baseline.Value)
					}
					if m.Target != nil {
						target = num(m.Target.Value)
					}
					if m.Latest != nil {
						latest = num(m.Latest.Value) + " (" + m.Latest.At + ")"
					}
					if m.Computed != nil && m.Computed.Value != nil {
						now = num(*m.Computed.Value)
					}
					if m.Progress != nil {
						progress = strconv.Itoa(int(*m.Progress*100+0.5)) + " %"
					}
					p("| %s | %s | %s | %s | %s | %s |\n", cell(m.Name), dash(base), dash(target), dash(latest), dash(now), dash(progress))
				}
				p("\n")
			}
			p("### %s\n\n", ecProposals.In(lang))
			if len(g.Proposals) == 0 {
				p("%s\n", ecNone.In(lang))
			}
			for _, pr := range g.Proposals {
				p("- **%s** (`%s`), %s %s", cell(pr.Title), pr.ID, ecStage.In(lang), pr.Stage)
				if d := pr.LastDecision; d != nil {
					p(", %s %s → %s (%s)", ecLastDecision.In(lang), d.From, d.To, cell(d.DecidedBy))
				}
				p(", %s %d\n", ecTests.In(lang), len(pr.Tests))
				for _, f := range pr.Findings {
					state := ecClosed
					if f.Open {
						state = ecOpen
					}
					p("  - `%s` %s", f.Fingerprint, state.In(lang))
					if f.Rule != "" {
						p(": %s, %s, %s", f.Rule.Label().In(lang), f.Severity.Label().In(lang), cell(f.Journey))
					}
					p("\n")
				}
			}
			p("\n")
		}
	}
	if len(r.Priorities) > 0 {
		p("## %s\n\n%s.\n\n%s\n|---|---|---|---|---|---|---|---|\n", ecPriority.In(lang), upperFirst(r.ScoreFormula.In(lang)), ecPriorityHead.In(lang))
		for _, pl := range r.Priorities {
			where := pl.Stage
			switch {
			case pl.Actors != nil:
				where = pl.Actors.From.Name + " → " + pl.Actors.To.Name
			case pl.Actor != nil:
				where = pl.Actor.Name
			}
			p("| %d | %s | %s | %s | %d | %d | %d | %s |\n", pl.Score, cell(pl.Rule.Label().In(lang)), dash(cell(where)),
				pl.Severity.Label().In(lang), len(pl.Journeys), pl.Evidence, len(pl.Findings), list(pl.Proposals, lang))
		}
		p("\n")
	}
	p("## %s\n\n", ecBlindSpots.In(lang))
	if len(r.BlindSpots) == 0 {
		p("%s\n", ecNoBlind.In(lang))
	}
	for _, s := range r.BlindSpots {
		p("- %s: `%s`", labelIn(blindSpotLabels, s.Kind, lang), s.ID)
		if len(s.Findings) > 0 {
			p(" (%s: %s)", ecStillOpen.In(lang), list(s.Findings, lang))
		}
		p("\n")
	}
	return b.Flush()
}

func num(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

func dash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

func list(ids []string, lang string) string {
	if len(ids) == 0 {
		return ecNone.In(lang)
	}
	out := ""
	for i, id := range ids {
		if i > 0 {
			out += ", "
		}
		out += "`" + id + "`"
	}
	return out
}

// cell keeps text on one line and out of the table's columns.
func cell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "\r", " ").Replace(s)
}
