package gaps_test

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
	"github.com/google/go-cmp/cmp"
)

// propertyRuns is how many random journeys each property is checked on.
const propertyRuns = 1500

// randomSize draws a journey size from 1 to 80 steps.
func randomSize(r *rand.Rand) int { return 1 + r.IntN(80) }

func TestProperty_CleanJourneysHaveNoFindings(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for seed := range uint64(propertyRuns) {
		j := generate(seed, randomSize(r), 0)
		if v := j.Validate(journeys.Refs{Actors: testActors}); len(v) > 0 {
			t.Fatalf("seed %d: generated journey is not valid: %v", seed, v)
		}
		rep := mustAnalyze(t, j, testActors, journeys.DefaultSettings())
		if len(rep.Findings) > 0 || len(rep.Unknowns) > 0 {
			t.Fatalf("seed %d (%d steps, %d hand-overs): findings %v, unknowns %+v; want none in a clean journey",
				seed, len(j.Steps), len(j.Handovers), describe(rep), rep.Unknowns)
		}
	}
}

// The generator must make journeys worth checking: loops, branches, joins and every
// hand-over type, or a clean result would prove little.
func TestProperty_GeneratorCoversTheShapes(t *testing.T) {
	var loops, branches, joins, crises int
	types := map[journeys.HandoverType]bool{}
	for seed := range uint64(200) {
		j := generate(seed, 60, 0)
		out, in := map[string]int{}, map[string]int{}
		index := map[string]int{}
		for i, s := range j.Steps {
			index[s.ID] = i
			if s.Crisis {
				crises++
			}
		}
		for _, h := range j.Handovers {
			out[h.From]++
			in[h.To]++
			types[h.Type] = true
			if index[h.To] < index[h.From] {
				loops++
			}
		}
		for _, n := range out {
			if n > 1 {
				branches++
			}
		}
		for _, n := range in {
			if n > 1 {
				joins++
			}
		}
	}
	if loops == 0 || branches == 0 || joins == 0 || crises == 0 || len(types) != len(journeys.HandoverTypes) {
		t.Errorf("generator made %d loops, %d branches, %d joins, %d crises, types %v; want all shapes", loops, branches, joins, crises, types)
	}
}

// Each gap put into a clean journey is found, and only it.
func TestProperty_OneInjectedGapIsFoundAlone(t *testing.T) {
	type injection struct {
		rule gaps.Rule
		// apply spoils one element of j and returns its id, or "" when j has none to spoil.
		apply func(j *journeys.Journey, r *rand.Rand) string
	}
	crossActor := func(j *journeys.Journey, h journeys.Handover) bool {
		return j.StepByID(h.From).Actor != j.StepByID(h.To).Actor
	}
	pickHandover := func(j *journeys.Journey, r *rand.Rand, ok func(journeys.Handover) bool) *journeys.Handover {
		var idx []int
		for i, h := range j.Handovers {
			if ok(h) {
				idx = append(idx, i)
			}
		}
		if len(idx) == 0 {
			return nil
		}
		return &j.Handovers[idx[r.IntN(len(idx))]]
	}
	onCross := func(rule gaps.Rule, spoil func(*journeys.Handover)) injection {
		return injection{rule, func(j *journeys.Journey, r *rand.Rand) string {
			h := pickHandover(j, r, func(h journeys.Handover) bool { return crossActor(j, h) && h.Type != journeys.HandoverJointPlanning })
			if h == nil {
				return ""
			}
			spoil(h)
			return h.ID
		}}
	}
	injections := []injection{
		onCross(gaps.RuleUnacknowledgedHandover, func(h *journeys.Handover) { h.Acknowledged = ptr(false) }),
		onCross(gaps.RuleInformationLoss, func(h *journeys.Handover) { h.Information = journeys.InformationPartial }),
		onCross(gaps.RuleUnownedHandover, func(h *journeys.Handover) { h.Responsible = nil }),
		onCross(gaps.RuleNoFollowUp, func(h *journeys.Handover) {
			h.Type, h.FollowUp, h.WaitDays.Observed = journeys.HandoverDischarge, ptr(false), ptr(0)
		}),
		onCross(gaps.RuleLongWait, func(h *journeys.Handover) { h.WaitDays.Observed = ptr(400) }),
		{gaps.RuleCrisisWithoutContactPerson, func(j *journeys.Journey, r *rand.Rand) string {
			s := &j.Steps[r.IntN(len(j.Steps))]
			s.Crisis, s.ContactPerson = true, nil
			return s.ID
		}},
		{gaps.RuleDeadEnd, func(j *journeys.Journey, r *rand.Rand) string {
			last := &j.Steps[len(j.Steps)-1]
			for _, h := range j.Handovers {
				if h.From == last.ID {
					return ""
				}
			}
			last.Terminal = false
			return last.ID
		}},
		{gaps.RuleEvidenceHotspot, func(j *journeys.Journey, r *rand.Rand) string {
			s := j.Steps[r.IntN(len(j.Steps))].ID
			j.Insights = append(j.Insights,
				journeys.Insight{ID: "x1", Text: "x", Kind: journeys.InsightQuote, Sentiment: ptr(-1), Source: "x-a", About: []string{s}},
				journeys.Insight{ID: "x2", Text: "x", Kind: journeys.InsightQuote, Sentiment: ptr(-2), Source: "x-b", About: []string{s}})
			return s
		}},
	}
	r := rand.New(rand.NewPCG(3, 4))
	applied := map[gaps.Rule]int{}
	for seed := range uint64(propertyRuns / 3) {
		for _, inj := range injections {
			j := generate(seed, 2+r.IntN(60), 0)
			id := inj.apply(j, r)
			if id == "" {
				continue
			}
			applied[inj.rule]++
			rep := mustAnalyze(t, j, testActors, journeys.DefaultSettings())
			want := []string{string(inj.rule) + ":" + id}
			var got []string
			for _, f := range rep.Findings {
				got = append(got, string(f.Rule)+":"+f.Subject[0])
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("seed %d: injected %s on %s; findings mismatch (-want +got):\n%s", seed, inj.rule, id, diff)
			}
		}
	}
	for _, inj := range injections {
		if applied[inj.rule] < 20 {
			t.Errorf("%s was injected only %d times; the property proves little", inj.rule, applied[inj.rule])
		}
	}
}

// On any journey, clean or not: reports are deterministic, fingerprints unique, findings
// ranked, summaries add up, and reordering the document changes no finding.
func TestProperty_ReportInvariants(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for seed := range uint64(propertyRuns / 3) {
		j := generate(seed, randomSize(r), 0.2)
		rep := mustAnalyze(t, j, testActors, journeys.DefaultSettings())
		fps := map[string]bool{}
		for i, f := range rep.Findings {
			if fps[f.Fingerprint] {
				t.Fatalf("seed %d: fingerprint %s twice", seed, f.Fingerprint)
			}
			fps[f.Fingerprint] = true
			if i > 0 && rep.Findings[i-1].Severity.Rank() < f.Severity.Rank() {
				t.Fatalf("seed %d: findings not ranked by severity", seed)
			}
			if f.Explanation.SV == "" || f.Explanation.EN == "" || len(f.Subject) == 0 {
				t.Fatalf("seed %d: incomplete finding %+v", seed, f)
			}
		}
		total := 0
		for _, n := range rep.Summary.BySeverity {
			total += n
		}
		if total != len(rep.Findings) || rep.Summary.Total != len(rep.Findings) {
			t.Fatalf("seed %d: summary %+v for %d findings", seed, rep.Summary, len(rep.Findings))
		}

		shuffled := generate(seed, len(j.Steps), 0.2)
		r.Shuffle(len(shuffled.Steps), func(a, b int) { shuffled.Steps[a], shuffled.Steps[b] = shuffled.Steps[b], shuffled.Steps[a] })
		r.Shuffle(len(shuffled.Handovers), func(a, b int) {
			shuffled.Handovers[a], shuffled.Handovers[b] = shuffled.Handovers[b], shuffled.Handovers[a]
		})
		r.Shuffle(len(shuffled.Insights), func(a, b int) {
			shuffled.Insights[a], shuffled.Insights[b] = shuffled.Insights[b], shuffled.Insights[a]
		})
		again := mustAnalyze(t, shuffled, testActors, journeys.DefaultSettings())
		if diff := cmp.Diff(essence(rep), essence(again)); diff != "" {
			t.Fatalf("seed %d: reordering the document changed the findings (-before +after):\n%s", seed, diff)
		}
	}
}

// essence keeps what must not depend on the order of a document's arrays.
func essence(r gaps.JourneyReport) []string {
	var out []string
	for _, f := range r.Findings {
		out = append(out, f.Fingerprint+" "+string(f.Severity)+" "+f.Explanation.EN+" "+strings.Join(f.Path, ","))
	}
	slices.Sort(out)
	return out
}
