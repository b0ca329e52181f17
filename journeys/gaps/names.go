package gaps

import "github.com/glapp/glapp/journeys"

// The helpers in this file name actors, steps and stages for findings and explanations.
// Findings carry names as well as ids so that reports read well without the project's
// actors at hand.

// actor resolves an actor id; an actor neither the project nor the document knows is
// named by its id, so that explanations never come out blank.
func (g *graph) actor(id string) journeys.Actor {
	if a, ok := g.lookup[id]; ok {
		return a
	}
	return journeys.Actor{ID: id, Name: id}
}

// stepActorOf returns the actor of step s.
func (g *graph) stepActorOf(s int32) *journeys.Actor { return &g.actors[g.stepActor[s]] }

// takesStep reports whether the actor with the given id takes any step in the journey.
func (g *graph) takesStep(id string) bool { _, ok := g.actorAt[id]; return ok }

// stage returns the name of step s's stage, or "".
func (g *graph) stage(s int32) string { return g.stageName[g.j.Steps[s].Stage] }

// actorRef names step s's actor for a finding.
func (g *graph) actorRef(s int32) *ActorRef {
	a := g.stepActorOf(s)
	return &ActorRef{ID: a.ID, Name: name(a)}
}

// pair names the sending and receiving actors of hand-over h for a finding.
func (g *graph) pair(h int32) *ActorPair {
	return &ActorPair{From: *g.actorRef(g.from[h]), To: *g.actorRef(g.to[h])}
}

// name returns an actor's name, or its id when it has none.
func name(a *journeys.Actor) string {
	if a.Name != "" {
		return a.Name
	}
	return a.ID
}

// title returns step s's title, or its id when it has none.
func (g *graph) title(s int32) string {
	if t := g.j.Steps[s].Title; t != "" {
		return t
	}
	return g.j.Steps[s].ID
}
