package gaps

import (
	"cmp"
	"slices"

	"github.com/glapp/glapp/journeys"
)

// evidenceCollector gathers the insights tied to a finding's subject: those whose about
// names any of the subject's ids. It stamps insights instead of allocating a set per
// finding, so collecting costs only the insights found.
type evidenceCollector struct {
	g     *graph
	mark  []int32
	stamp int32
}

func newEvidenceCollector(g *graph) *evidenceCollector {
	return &evidenceCollector{g: g, mark: make([]int32, len(g.j.Insights))}
}

// collect returns the positions of the insights about subject (the journey itself when
// subject is nil), once each, in document order.
func (e *evidenceCollector) collect(subject []int32) []int32 {
	e.stamp++
	var out []int32
	take := func(insights []int32) {
		for _, i := range insights {
			if e.mark[i] != e.stamp {
				e.mark[i] = e.stamp
				out = append(out, i)
			}
		}
	}
	if subject == nil {
		take(e.g.journeyInsights)
	}
	for _, n := range subject {
		take(e.g.about(n))
	}
	slices.Sort(out)
	return out
}

// strongest returns at most EvidenceLimit of the insights at the given positions (in
// document order): all of them when they fit, else the strongest by evidenceStrength, ties
// to the earlier in the document, shown in document order.
func (a *analysis) strongest(insights []int32) []int32 {
	if len(insights) <= EvidenceLimit {
		return insights
	}
	ranked := slices.Clone(insights)
	slices.SortStableFunc(ranked, func(x, y int32) int {
		return cmp.Compare(evidenceStrength(&a.j.Insights[y]), evidenceStrength(&a.j.Insights[x]))
	})
	ranked = ranked[:EvidenceLimit]
	slices.Sort(ranked)
	return ranked
}

// evidenceStrength orders insights by how strongly they back a gap: validated before
// unsure (a hypothesis or no status) before rejected, then the more negative sentiment
// first, as the severity modifiers weigh them.
func evidenceStrength(in *journeys.Insight) int {
	status := 1
	switch in.Status {
	case journeys.StatusValidated:
		status = 2
	case journeys.StatusRejected:
		status = 0
	}
	sentiment := 0
	if in.Sentiment != nil {
		sentiment = -*in.Sentiment
	}
	return status*10 + sentiment
}

// evidence shows the insights at the given positions as a finding's evidence.
func (a *analysis) evidence(insights []int32) []Evidence {
	out := make([]Evidence, len(insights))
	for k, i := range insights {
		in := &a.j.Insights[i]
		status := in.Status
		if status == "" {
			status = journeys.StatusHypothesis
		}
		var sentiment *int
		if in.Sentiment != nil {
			sentiment = new(*in.Sentiment)
		}
		out[k] = Evidence{ID: in.ID, Text: in.Text, Kind: in.Kind, Status: status, Sentiment: sentiment, Source: in.Source}
	}
	return out
}

// evidenceHotspots finds evidence_hotspot: a step or hand-over with at least
// MinNegativeInsights insights of negative sentiment that are not rejected, from at least
// MinSources different sources. An insight without a source counts towards the insights
// but not towards the sources: we cannot tell it is another voice. A minimum below 1
// (which Settings.Validate refuses) is read as 1, so that a step with no evidence at all
// is never a hotspot.
func (a *analysis) evidenceHotspots() {
	minInsights := max(1, a.settings.EvidenceHotspot.MinNegativeInsights)
	minSources := max(1, a.settings.EvidenceHotspot.MinSources)
	var sources []string
	for n := range int32(a.nSteps + len(a.j.Handovers)) {
		about := a.about(n)
		if len(about) < minInsights || !a.validNode(n) {
			continue
		}
		count := 0
		sources = sources[:0]
		for _, i := range about {
			in := &a.j.Insights[i]
			if !negative(in) || in.Status == journeys.StatusRejected {
				continue
			}
			count++
			if in.Source != "" && !slices.Contains(sources, in.Source) {
				sources = append(sources, in.Source)
			}
		}
		if count < minInsights || len(sources) < minSources {
			continue
		}
		d := draft{rule: RuleEvidenceHotspot, subject: []int32{n},
			text: say(msgHotspot, a.nodePhrase(n), count, len(sources))}
		if s, ok := a.asStep(n); ok {
			d.actor, d.stage = a.actorRef(s), a.stage(s)
		} else {
			h := a.asHandover(n)
			d.actors, d.stage = a.pair(h), a.stage(a.from[h])
		}
		a.add(d)
	}
}
