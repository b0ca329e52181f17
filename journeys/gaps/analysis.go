package gaps

import (
	"context"

	"github.com/glapp/glapp/journeys"
)

// analysis is one run of the rules over one journey. Rules add drafts; findings turns
// them into Findings with evidence, severity and fingerprint, the same way for every rule.
type analysis struct {
	*graph
	settings journeys.Settings
	drafts   []draft
}

// draft is a finding as a rule reports it, in node positions rather than ids.
type draft struct {
	rule Rule
	// base overrides the rule's base severity for rules whose base depends on the case
	// (information_loss, self_navigation, long_wait); empty means the rule's own.
	base Severity
	// baseCase says which case set base, for those rules; empty for the others.
	baseCase Text
	// subject holds the defining nodes; nil means the journey itself.
	subject []int32
	// path is the whole path, or for a rule that cuts it itself (self_navigation) its
	// ends, with pathLength its whole length and crisis whether any of it touches a
	// crisis step.
	path       []int32
	pathLength int
	crisis     bool
	actors     *ActorPair
	actor      *ActorRef
	stage      string
	text       Text
}

// add records d, with its rule's base severity unless the rule set one.
func (a *analysis) add(d draft) {
	if d.base == "" {
		d.base = d.rule.base()
	}
	a.drafts = append(a.drafts, d)
}

// addHandover adds d as a finding about hand-over h alone: its subject, its actor pair,
// and the stage of its from-step, where the person is when they are handed over.
func (a *analysis) addHandover(d draft, h int32) {
	d.subject = []int32{a.handoverNode(h)}
	d.actors = a.pair(h)
	d.stage = a.stage(a.from[h])
	a.add(d)
}

// addStep adds d as a finding about step s alone.
func (a *analysis) addStep(d draft, s int32) {
	d.subject = []int32{s}
	d.actor = a.actorRef(s)
	d.stage = a.stage(s)
	a.add(d)
}

// findings completes every draft, or returns ctx's error when ctx is done.
func (a *analysis) findings(ctx context.Context) ([]Finding, error) {
	out := make([]Finding, 0, len(a.drafts))
	e := newEvidenceCollector(a.graph)
	for i := range a.drafts {
		if err := stopped(ctx, i); err != nil {
			return nil, err
		}
		d := &a.drafts[i]
		insights := e.collect(d.subject)
		sev, mods, reason := a.rate(d, insights)
		subject := []string{a.j.ID}
		if d.subject != nil {
			subject = a.ids(d.subject)
		}
		// The fingerprint is over the whole subject, so cutting it for the report
		// leaves triage decisions where they were.
		fp := fingerprint(a.j.ID, d.rule, subject)
		subject, subjectLength := ends(subject)
		path, pathLength := ends(d.path)
		if d.pathLength > 0 {
			pathLength = d.pathLength
		}
		out = append(out, Finding{
			Rule:           d.rule,
			Category:       d.rule.category(),
			Severity:       sev,
			BaseSeverity:   d.base,
			Modifiers:      mods,
			SeverityReason: reason,
			Journey:        a.j.ID,
			Subject:        subject,
			SubjectLength:  subjectLength,
			Path:           a.ids(path),
			PathLength:     pathLength,
			Actors:         d.actors,
			Actor:          d.actor,
			Stage:          d.stage,
			Explanation:    d.text,
			Evidence:       a.evidence(a.strongest(insights)),
			EvidenceCount:  len(insights),
			Fingerprint:    fp,
		})
	}
	return out, nil
}

// ids returns the ids of nodes, or nil for none.
func (a *analysis) ids(nodes []int32) []string {
	if len(nodes) == 0 {
		return nil
	}
	out := make([]string, len(nodes))
	for i, n := range nodes {
		out[i] = a.nodeID(n)
	}
	return out
}
