package gaps

// unownedHandovers finds unowned_handover, in two cases the spec names:
//
//   - a hand-over between different actors whose responsible is null (or empty). Here,
//     unlike elsewhere, null is the gap and not an unknown: the spec says so, because a
//     hand-over nobody has written an owner for is one nobody holds. Between steps of one
//     actor a null responsible is that actor, so it is neither a gap nor an unknown.
//   - a hand-over, between any steps, whose responsible actor is neither the sending nor
//     the receiving actor and takes no step anywhere in the journey: the person is
//     entrusted to someone who never meets them.
func (a *analysis) unownedHandovers() {
	for h := range int32(len(a.j.Handovers)) {
		if !a.valid(h) {
			continue
		}
		ho := &a.j.Handovers[h]
		d := draft{rule: RuleUnownedHandover}
		switch {
		case ho.Responsible == nil || *ho.Responsible == "":
			if !a.crossActor(h) {
				continue
			}
			d.text = say(msgUnownedNobody, a.handoverPhrase(h))
		case a.outsider(h, *ho.Responsible):
			resp := a.actor(*ho.Responsible)
			d.text = say(msgUnownedOutsider, a.handoverPhrase(h), name(&resp))
		default:
			continue
		}
		a.addHandover(d, h)
	}
}

// outsider reports whether actor id is neither hand-over h's sender nor its receiver and
// takes no step in the journey.
func (a *analysis) outsider(h int32, id string) bool {
	return id != a.stepActorOf(a.from[h]).ID && id != a.stepActorOf(a.to[h]).ID && !a.takesStep(id)
}
