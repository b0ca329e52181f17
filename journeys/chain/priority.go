package chain

import (
	"slices"
	"sort"

	"github.com/glapp/glapp/journeys/gaps"
)

// Place is where open findings of one rule happen: the actor pair of a hand-over, the
// actor of a step, or else the stage, across every journey that shares it, ranked by
// Score (ScoreFormula).
type Place struct {
	Rule gaps.Rule `json:"rule"`
	// Actors is the hand-over's pair, Actor the step's actor, Stage the stage's name: the
	// first of them the findings carry names the place.
	Actors   *gaps.ActorPair `json:"actors,omitempty"`
	Actor    *gaps.ActorRef  `json:"actor,omitempty"`
	Stage    string          `json:"stage,omitempty"`
	Severity gaps.Severity   `json:"severity"`
	Journeys []string        `json:"journeys"`
	Evidence int             `json:"evidence"`
	Score    int             `json:"score"`
	// Findings holds the fingerprints of the place's open findings; Proposals the
	// proposals that address any of them.
	Findings  []string `json:"findings"`
	Proposals []string `json:"proposals"`
}

// ScoreFormula says how a place's score is made, in the report's words.
var ScoreFormula = gaps.Text{
	SV: "poäng = allvarlighetsvikt (låg 1, medel 2, hög 4, kritisk 8) × antal resor med samma glapp + antal insikter som underlag",
	EN: "score = severity weight (low 1, medium 2, high 4, critical 8) × journeys sharing the gap + insights in evidence",
}

// severityWeight doubles with each level, so that one critical gap outweighs a high one
// shared by a journey fewer.
func severityWeight(s gaps.Severity) int { return 1 << max(s.Rank()-1, 0) }

func placeKey(f *gaps.Finding) string {
	switch {
	case f.Actors != nil:
		return string(f.Rule) + "\x00pair\x00" + f.Actors.From.ID + "\x00" + f.Actors.To.ID
	case f.Actor != nil:
		return string(f.Rule) + "\x00actor\x00" + f.Actor.ID
	case f.Stage != "":
		return string(f.Rule) + "\x00stage\x00" + f.Stage
	}
	return string(f.Rule) + "\x00journey\x00" + f.Journey
}

// Priorities groups the open findings by place and ranks the places by score, highest
// first (then by rule and key, so the order is stable). addressed maps a proposal id to
// the fingerprints it addresses.
func Priorities(findings []gaps.Finding, addressed map[string][]string) []Place {
	byKey := map[string]*Place{}
	var keys []string
	for i := range findings {
		f := &findings[i]
		if !open(f) {
			continue
		}
		k := placeKey(f)
		p, ok := byKey[k]
		if !ok {
			p = &Place{Rule: f.Rule, Journeys: []string{}, Proposals: []string{}}
			switch {
			case f.Actors != nil:
				p.Actors = f.Actors
			case f.Actor != nil:
				p.Actor = f.Actor
			default:
				p.Stage = f.Stage
			}
			byKey[k] = p
			keys = append(keys, k)
		}
		if f.Severity.Rank() > p.Severity.Rank() || p.Severity == "" {
			p.Severity = f.Severity
		}
		if !slices.Contains(p.Journeys, f.Journey) {
			p.Journeys = append(p.Journeys, f.Journey)
		}
		p.Evidence += f.EvidenceCount
		p.Findings = append(p.Findings, f.Fingerprint)
		for id, fps := range addressed {
			if slices.Contains(fps, f.Fingerprint) && !slices.Contains(p.Proposals, id) {
				p.Proposals = append(p.Proposals, id)
			}
		}
	}
	out := make([]Place, 0, len(keys))
	sort.Strings(keys)
	for _, k := range keys {
		p := byKey[k]
		slices.Sort(p.Journeys)
		slices.Sort(p.Proposals)
		p.Score = severityWeight(p.Severity)*len(p.Journeys) + p.Evidence
		out = append(out, *p)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	return out
}
