package diagram

import (
	"fmt"

	"github.com/glapp/glapp/journeys"
)

// Journeys built for the tests, beside the demo's.

func ptr[T any](v T) *T { return &v }

// hostile is text that breaks every format that does not escape it: XML markup and
// entities, a CDATA end, quotes of both kinds, Mermaid's entity codes, link and comment
// syntax, DOT's escapes, control characters and a new line.
const hostile = `<b>"Tom & Jerry's"</b> ]]> &amp; #quot; %% --> |x| end \N \" ` + "\x01\x00\n" + `<script>alert(1)</script>`

// hostileJourney is a small journey whose every piece of user text, and some of its
// ids, is hostile.
func hostileJourney() (*journeys.Journey, map[string]journeys.Actor) {
	actors := map[string]journeys.Actor{
		`a<&>"1`: {ID: `a<&>"1`, Name: "Actor " + hostile, Sector: journeys.SectorRegion},
		"a2":     {ID: "a2", Name: hostile, Sector: journeys.SectorMunicipality},
	}
	j := &journeys.Journey{
		ID: `j"<&>`, Title: "Journey " + hostile, Kind: journeys.KindAsIs, TargetGroup: hostile,
		Stages: []journeys.Stage{{ID: "st", Name: "Stage " + hostile, Order: 1}},
		Steps: []journeys.Step{
			{ID: `s"1<`, Title: "First " + hostile, Stage: "st", Actor: `a<&>"1`, Channel: journeys.ChannelPhone, Entry: true, Emotion: ptr(-2)},
			{ID: "s-2", Title: "Second " + hostile, Stage: "st", Actor: "a2", Channel: journeys.ChannelVisit, Crisis: true},
			{ID: "s_2", Title: "Third " + hostile, Actor: "a2"},
		},
		Handovers: []journeys.Handover{
			{ID: `h'1&`, From: `s"1<`, To: "s-2", Type: journeys.HandoverAdviceToContact, Information: journeys.InformationNone, Acknowledged: ptr(false), FollowUp: ptr(false)},
			{ID: "h2", From: "s-2", To: "s_2", Type: journeys.HandoverJointPlanning},
		},
		Insights: []journeys.Insight{},
	}
	return j, actors
}

// loopJourney goes back in time and round in loops: hand-overs to earlier stages, a
// step handing over to itself, steps without a stage or with a stage the journey lacks,
// an actor nobody knows, stages listed out of order, and a hand-over to a missing step.
func loopJourney() (*journeys.Journey, map[string]journeys.Actor) {
	actors := map[string]journeys.Actor{
		"reg": {ID: "reg", Name: "Regionen", Sector: journeys.SectorRegion},
		"kom": {ID: "kom", Name: "Kommunen", Sector: journeys.SectorMunicipality},
		"fam": {ID: "fam", Name: "Familjen", Sector: journeys.SectorFamily},
	}
	j := &journeys.Journey{
		ID: "loops", Title: "Loopar och steg utan fas", Kind: journeys.KindLived,
		Stages: []journeys.Stage{{ID: "later", Name: "Senare", Order: 2}, {ID: "first", Name: "Först", Order: 1}},
		Steps: []journeys.Step{
			{ID: "s1", Title: "Kommer in", Stage: "first", Actor: "reg", Entry: true},
			{ID: "s2", Title: "Hos kommunen", Stage: "later", Actor: "kom"},
			{ID: "s3", Title: "Tillbaka till början", Stage: "first", Actor: "kom"},
			{ID: "s4", Title: "Utan fas", Actor: "okand"},
			{ID: "s5", Title: "Fas som inte finns", Stage: "nowhere", Actor: "reg", Crisis: true},
			{ID: "s6", Title: "Slut", Stage: "later", Actor: "fam", Terminal: true},
			{ID: "s7", Title: "Också först, under s1", Stage: "first", Actor: "reg"},
		},
		Handovers: []journeys.Handover{
			{ID: "h1", From: "s1", To: "s2", Type: journeys.HandoverReferral},
			{ID: "h2", From: "s2", To: "s3", Type: journeys.HandoverAdviceToContact},
			{ID: "h3", From: "s3", To: "s1", Type: journeys.HandoverSelfReferral},
			{ID: "h4", From: "s3", To: "s4", Type: journeys.HandoverJointPlanning},
			{ID: "h5", From: "s4", To: "s5", Type: journeys.HandoverDischarge},
			{ID: "h6", From: "s5", To: "s5", Type: journeys.HandoverInternal},
			{ID: "h7", From: "s5", To: "s6", Type: journeys.HandoverConsultation},
			{ID: "h8", From: "s2", To: "s6", Type: journeys.HandoverReferral},
			{ID: "h9", From: "s1", To: "s7", Type: journeys.HandoverInternal},
			{ID: "h10", From: "s7", To: "s1", Type: journeys.HandoverInternal},
			{ID: "h11", From: "s6", To: "s2", Type: journeys.HandoverReferral},
			{ID: "dangling", From: "s6", To: "gone", Type: journeys.HandoverReferral},
		},
	}
	return j, actors
}

// bigJourney is a journey of n steps among 12 actors in every ordered sector (the lanes
// of the "unknown" sector, drawn under Other, are not in it) and 8 stages, with
// forward jumps and hand-overs back in time, for the benchmark and the geometry tests
// at size. It is built by arithmetic, so it is the same on every run.
func bigJourney(n int) (*journeys.Journey, map[string]journeys.Actor) {
	actors := map[string]journeys.Actor{}
	for a := range 12 {
		id := fmt.Sprintf("a%02d", a)
		actors[id] = journeys.Actor{ID: id, Name: fmt.Sprintf("Aktör nummer %d med ett långt namn", a), Sector: sectorOrder[a%len(sectorOrder)]}
	}
	j := &journeys.Journey{ID: "big", Title: fmt.Sprintf("En stor resa med %d steg", n), Kind: journeys.KindAsIs}
	for s := range 8 {
		j.Stages = append(j.Stages, journeys.Stage{ID: fmt.Sprintf("st%d", s), Name: fmt.Sprintf("Fas %d", s+1), Order: s})
	}
	for i := range n {
		j.Steps = append(j.Steps, journeys.Step{
			ID: fmt.Sprintf("s%03d", i), Title: fmt.Sprintf("Steg %d där något händer som tar några ord att beskriva", i),
			Stage: fmt.Sprintf("st%d", i*8/n), Actor: fmt.Sprintf("a%02d", (i*7)%12), Channel: journeys.Channels[i%len(journeys.Channels)],
			Entry: i == 0, Terminal: i == n-1, Crisis: i%23 == 11, Emotion: ptr(i%7 - 3),
		})
	}
	hand := func(from, to int, t journeys.HandoverType) {
		j.Handovers = append(j.Handovers, journeys.Handover{
			ID: fmt.Sprintf("h%03d-%03d", from, to), From: j.Steps[from].ID, To: j.Steps[to].ID, Type: t,
			Information:  journeys.InformationLevels[(from+to)%len(journeys.InformationLevels)],
			Acknowledged: ptr(from%3 == 0), FollowUp: ptr(to%4 == 0),
		})
	}
	for i := 0; i+1 < n; i++ {
		hand(i, i+1, journeys.HandoverTypes[i%len(journeys.HandoverTypes)])
		if i%5 == 0 && i+3 < n {
			hand(i, i+3, journeys.HandoverReferral)
		}
		if i%7 == 6 && i >= 5 {
			hand(i, i-5, journeys.HandoverAdviceToContact)
		}
	}
	return j, actors
}
