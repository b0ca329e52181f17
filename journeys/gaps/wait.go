package gaps

import (
	"strings"

	"github.com/glapp/glapp/journeys"
)

// longWaits finds long_wait on hand-overs and steps. The wait is observed days where
// known, else expected days; with neither it is an unknown, not a gap. A wait equal to
// the threshold is within it.
//
// Thresholds: a hand-over's by its type; a step's by whether it is an entry step. Where
// the receiving actor (a hand-over's to-step actor, or a step's own actor) is of kind
// "bup", compared without regard to case because kind is free text, the BUP cap lowers
// the threshold to the cap.
func (a *analysis) longWaits() {
	lw := a.settings.LongWait
	for h := range int32(len(a.j.Handovers)) {
		ho := &a.j.Handovers[h]
		if !a.valid(h) {
			continue
		}
		limit := a.capForBUP(lw.ForHandover(ho.Type), a.to[h])
		if days, word, ok := waited(ho.WaitDays); ok && days > limit {
			a.addHandover(draft{rule: RuleLongWait, base: waitSeverity(days, limit), baseCase: say(caseLongWait, days, limit),
				text: say(msgLongWaitHandover, a.handoverPhrase(h), days, word, limit)}, h)
		}
	}
	for s := range int32(a.nSteps) {
		st := &a.j.Steps[s]
		limit := lw.OtherStep
		if st.Entry {
			limit = lw.EntryStep
		}
		limit = a.capForBUP(limit, s)
		if days, word, ok := waited(st.WaitDays); ok && days > limit {
			a.addStep(draft{rule: RuleLongWait, base: waitSeverity(days, limit), baseCase: say(caseLongWait, days, limit),
				text: say(msgLongWaitStep, a.stepPhrase(s), days, word, limit)}, s)
		}
	}
}

// capForBUP returns limit, lowered to the BUP cap when step s's actor is child and
// adolescent psychiatry.
func (a *analysis) capForBUP(limit int, s int32) int {
	if strings.EqualFold(a.stepActorOf(s).Kind, "bup") {
		return min(limit, a.settings.LongWait.BUPCap)
	}
	return limit
}

// waited returns the days waited, observed where known else expected, with the word that
// says which; ok is false when neither is known.
func waited(w *journeys.WaitDays) (days int, word Text, ok bool) {
	switch {
	case w == nil:
		return 0, Text{}, false
	case w.Observed != nil:
		return *w.Observed, wordObserved, true
	case w.Expected != nil:
		return *w.Expected, wordExpected, true
	}
	return 0, Text{}, false
}

// waitSeverity rates a wait above limit by how far above it is, in units of the limit
// (one day when the limit is 0): up to one unit over (at most twice the limit) medium, up
// to three units over (at most four times) high, more critical. A wait twice the care
// guarantee is a breach; four times it means the person is likely lost to care.
func waitSeverity(days, limit int) Severity {
	unit := max(limit, 1)
	switch over := days - limit; {
	case over <= unit:
		return SeverityMedium
	case over <= 3*unit:
		return SeverityHigh
	default:
		return SeverityCritical
	}
}
