package gaps

import "github.com/glapp/glapp/journeys"

// The rules in this file look at one hand-over between different actors at a time. Each
// fires only on a known bad value: a null acknowledged or followUp, and an information
// that is absent or "unknown", are unknowns (reported by unknowns), not gaps.

// crossActorHandovers calls fn with every valid hand-over between different actors.
func (a *analysis) crossActorHandovers(fn func(h int32, ho *journeys.Handover)) {
	for h := range int32(len(a.j.Handovers)) {
		if a.crossActor(h) {
			fn(h, &a.j.Handovers[h])
		}
	}
}

// unacknowledgedHandovers finds unacknowledged_handover: acknowledged is false.
func (a *analysis) unacknowledgedHandovers() {
	a.crossActorHandovers(func(h int32, ho *journeys.Handover) {
		if ho.Acknowledged != nil && !*ho.Acknowledged {
			to := a.stepActorOf(a.to[h])
			a.addHandover(draft{rule: RuleUnacknowledgedHandover,
				text: say(msgUnacknowledged, a.handoverPhrase(h), name(to))}, h)
		}
	})
}

// informationLoss finds information_loss: information is none (base high) or partial
// (base medium, because some of the story does follow the person).
func (a *analysis) informationLoss() {
	a.crossActorHandovers(func(h int32, ho *journeys.Handover) {
		d := draft{rule: RuleInformationLoss}
		switch ho.Information {
		case journeys.InformationNone:
			d.base, d.baseCase, d.text = SeverityHigh, caseInformationNone, say(msgInformationNone, a.handoverPhrase(h))
		case journeys.InformationPartial:
			d.base, d.baseCase, d.text = SeverityMedium, caseInformationPartial, say(msgInformationPartial, a.handoverPhrase(h))
		default:
			return
		}
		a.addHandover(d, h)
	})
}

// noFollowUp finds no_follow_up: a discharge, referral or advice_to_contact whose followUp
// is false. Other types are left out as the spec says: a consultation or a joint planning
// keeps the sender involved, and a self-referral has no sender who could follow up.
func (a *analysis) noFollowUp() {
	a.crossActorHandovers(func(h int32, ho *journeys.Handover) {
		switch ho.Type {
		case journeys.HandoverDischarge, journeys.HandoverReferral, journeys.HandoverAdviceToContact:
		default:
			return
		}
		if ho.FollowUp != nil && !*ho.FollowUp {
			a.addHandover(draft{rule: RuleNoFollowUp, text: say(msgNoFollowUp, a.handoverPhrase(h))}, h)
		}
	})
}

// ageTransitions finds age_transition: a hand-over from an actor whose ageGroup is child
// to one whose ageGroup is adult, of any type but joint_planning. Actors for any age, or
// with no ageGroup, make no transition.
func (a *analysis) ageTransitions() {
	a.crossActorHandovers(func(h int32, ho *journeys.Handover) {
		from, to := a.stepActorOf(a.from[h]), a.stepActorOf(a.to[h])
		if from.AgeGroup == journeys.AgeChild && to.AgeGroup == journeys.AgeAdult && ho.Type != journeys.HandoverJointPlanning {
			a.addHandover(draft{rule: RuleAgeTransition, text: say(msgAgeTransition, a.handoverPhrase(h))}, h)
		}
	})
}
