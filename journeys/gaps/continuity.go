package gaps

// deadEnds finds dead_end: a step that is not terminal and has no valid outgoing
// hand-over. The journey stops there and nobody said it should.
func (a *analysis) deadEnds() {
	for s := range int32(a.nSteps) {
		if !a.j.Steps[s].Terminal && len(a.out(s)) == 0 {
			a.addStep(draft{rule: RuleDeadEnd, text: say(msgDeadEnd, a.stepPhrase(s))}, s)
		}
	}
}

// crisesWithoutContactPerson finds crisis_without_contact_person: a crisis step whose
// contactPerson is null or empty. The spec makes this null a gap, not an unknown: in a
// crisis, a contact person nobody can name is one the person does not have.
func (a *analysis) crisesWithoutContactPerson() {
	for s := range int32(a.nSteps) {
		st := &a.j.Steps[s]
		if st.Crisis && (st.ContactPerson == nil || *st.ContactPerson == "") {
			a.addStep(draft{rule: RuleCrisisWithoutContactPerson, text: say(msgCrisis, a.stepPhrase(s))}, s)
		}
	}
}

// unreachableSteps finds unreachable_step: a step that no path from an entry step reaches,
// following hand-overs forwards. Each such step is its own finding, so that each can be
// connected or removed on its own.
func (a *analysis) unreachableSteps() {
	entries := a.stepsWhere(func(s int32) bool { return a.j.Steps[s].Entry })
	r := a.search(entries, forward, nil)
	for s := range int32(a.nSteps) {
		if !r.seen(s) {
			a.addStep(draft{rule: RuleUnreachableStep, text: say(msgUnreachable, a.stepPhrase(s))}, s)
		}
	}
}
