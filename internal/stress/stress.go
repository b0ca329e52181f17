// Package stress builds the two journeys that once made Glapp's cost per request unbounded,
// for benchmarks and for the tests that keep reports linear in a journey's size: a dense
// journey where every step hands over to every other, and a long chain. Both are valid
// journeys full of gaps, as a careless or hostile client could send.
package stress

import (
	"fmt"

	"github.com/glapp/glapp/journeys"
)

// Actors is the project both journeys run in: region, municipality and civil society, so
// that every rule has something to find.
var Actors = map[string]journeys.Actor{
	"vc":  {ID: "vc", Name: "Vårdcentral", Sector: journeys.SectorRegion, Kind: "primary_care", AgeGroup: journeys.AgeAny},
	"psy": {ID: "psy", Name: "Vuxenpsykiatri", Sector: journeys.SectorRegion, Kind: "psychiatry", AgeGroup: journeys.AgeAdult},
	"soc": {ID: "soc", Name: "Socialtjänst", Sector: journeys.SectorMunicipality, Kind: "social_services", AgeGroup: journeys.AgeAdult},
	"ngo": {ID: "ngo", Name: "Brukarföreningen", Sector: journeys.SectorCivilSociety, Kind: "peer_support", AgeGroup: journeys.AgeAny},
}

var actorIDs = []string{"vc", "psy", "soc", "ngo"}

// Dense returns a journey of n steps in which every step hands over to every other one
// (n·(n-1) hand-overs), each an advice to contact another actor with nobody responsible
// and nothing known, and an insight about every step. Dense(80) is the journey of 80
// steps and 6,320 hand-overs (0.5 MB of JSON) that once made a 399 MB gap report.
func Dense(n int) *journeys.Journey {
	j := base("dense", n)
	for a := range n {
		for b := range n {
			if a != b {
				j.Handovers = append(j.Handovers, handover(len(j.Handovers), a, b, journeys.HandoverAdviceToContact))
			}
		}
	}
	return j
}

// Chain returns a journey of n steps in a chain, each handing over to the next by advice
// to contact another actor, from an entry step to a terminal one, with an insight about
// every step. Chain(10_000) once made a 122 MB gap report and an SVG that never came.
func Chain(n int) *journeys.Journey {
	j := base("chain", n)
	for i := 1; i < n; i++ {
		j.Handovers = append(j.Handovers, handover(len(j.Handovers), i-1, i, journeys.HandoverAdviceToContact))
	}
	j.Steps[n-1].Terminal = true
	return j
}

// base returns a journey of n steps spread over the actors, with one negative insight per
// step from two sources, so that evidence is plentiful.
func base(id string, n int) *journeys.Journey {
	j := &journeys.Journey{
		ID: id, Title: "Stressresa " + id, Kind: journeys.KindAsIs, AgeGroup: journeys.AgeAdult,
		Stages: []journeys.Stage{{ID: "a", Name: "Söka", Order: 1}, {ID: "b", Name: "Behandlas", Order: 2}},
	}
	neg := -2
	for i := range n {
		j.Steps = append(j.Steps, journeys.Step{
			ID: fmt.Sprintf("s%d", i), Title: fmt.Sprintf("Steg %d", i), Stage: []string{"a", "b"}[2*i/n],
			Actor: actorIDs[i%len(actorIDs)], Channel: journeys.ChannelPhone, Entry: i == 0,
		})
		j.Insights = append(j.Insights, journeys.Insight{
			ID: fmt.Sprintf("i%d", i), Text: "Jag fick ett nummer och sedan var det upp till mig.",
			Kind: journeys.InsightQuote, Status: journeys.StatusValidated, Sentiment: &neg,
			Source: fmt.Sprintf("int-%d", i%2), About: []string{fmt.Sprintf("s%d", i)},
		})
	}
	return j
}

// handover returns hand-over number k from step a to step b, with every field that a
// rule reads left unknown or bad.
func handover(k, a, b int, t journeys.HandoverType) journeys.Handover {
	no := false
	return journeys.Handover{
		ID: fmt.Sprintf("h%d", k), From: fmt.Sprintf("s%d", a), To: fmt.Sprintf("s%d", b), Type: t,
		Information: journeys.InformationNone, Acknowledged: &no, FollowUp: &no,
	}
}
