package gaps

import (
	"fmt"
	"slices"
	"strings"
)

// pingPong finds ping_pong: a path on which the person is handed away from an actor A and
// later handed back to A (A → B → … → A) with no joint_planning hand-over anywhere on it.
// The path need not be a cycle of the graph: being sent back to the same actor is the
// bounce, whichever of its steps the person lands on.
//
// Enumerating paths would be exponential, so for each actor A it runs one breadth-first
// search seeded at the targets of every non-joint_planning hand-over that leaves A, over
// non-joint_planning hand-overs between steps of other actors. Each such hand-over from a
// reached step into one of A's steps closes a loop, which the search's parent pointers
// give back as the shortest way there. One finding per loop: its subject is the loop's
// hand-overs, so a cycle that each of its actors' searches finds is reported once, from
// the actor with the smallest id. Time: (steps + hand-overs) times the number of actors,
// which is small.
func (a *analysis) pingPong() {
	actors := make([]int32, len(a.actors))
	for i := range actors {
		actors[i] = int32(i)
	}
	slices.SortFunc(actors, func(x, y int32) int { return strings.Compare(a.actors[x].ID, a.actors[y].ID) })
	p := pingPongSearch{analysis: a, walker: a.walker(), reported: map[string]bool{}}
	// Group the hand-overs that leave an actor by that actor, in one pass.
	leaving := make([]int32, len(a.j.Handovers))
	for h := range int32(len(leaving)) {
		leaving[h] = -1
		if p.follows(h) && a.crossActor(h) {
			leaving[h] = a.stepActor[a.from[h]]
		}
	}
	p.leavingStart, p.leaving = groupBy(len(a.actors), leaving, nil)
	for _, actor := range actors {
		p.loopsOf(actor)
	}
}

// pingPongSearch holds what the per-actor searches share.
type pingPongSearch struct {
	*analysis
	walker *walker
	// The hand-overs that may start a loop away from actor A are
	// leaving[leavingStart[A]:leavingStart[A+1]].
	leavingStart, leaving []int32
	seeds                 []seed
	reported              map[string]bool
}

// follows reports whether a loop may run along hand-over h.
func (p *pingPongSearch) follows(h int32) bool {
	return p.valid(h) && !p.joint[h]
}

// loopsOf reports the loops that leave actor and come back to it.
func (p *pingPongSearch) loopsOf(actor int32) {
	away := func(h int32) bool { return p.follows(h) && p.stepActor[p.to[h]] != actor }
	p.seeds = p.seeds[:0]
	for _, h := range p.leaving[p.leavingStart[actor]:p.leavingStart[actor+1]] {
		p.seeds = append(p.seeds, seed{p.to[h], h})
	}
	if len(p.seeds) == 0 {
		return
	}
	p.walker.walk(p.seeds, forward, away)
	for _, v := range p.walker.order {
		for _, h := range p.out(v) {
			if p.follows(h) && p.stepActor[p.to[h]] == actor {
				p.report(actor, h)
			}
		}
	}
}

// report adds the loop that hand-over back closes, unless another actor's search found it.
func (p *pingPongSearch) report(actor, back int32) {
	loop := []int32{back}
	for v := p.from[back]; ; {
		h := p.walker.via[v]
		loop = append(loop, h)
		if v = p.from[h]; p.stepActor[v] == actor {
			break
		}
	}
	slices.Reverse(loop)
	first, last := loop[0], loop[len(loop)-1]
	// Only a cycle (back to the very step it left) can be found again from another of its
	// actors' searches, as a rotation of the same hand-overs.
	if p.to[last] == p.from[first] {
		key := fmt.Sprint(slices.Sorted(slices.Values(loop)))
		if p.reported[key] {
			return
		}
		p.reported[key] = true
	}

	subject := make([]int32, len(loop))
	path := []int32{p.from[first]}
	for i, h := range loop {
		subject[i] = p.handoverNode(h)
		path = append(path, subject[i], p.to[h])
	}
	left, to := p.from[first], p.to[first]
	p.add(draft{
		rule:    RulePingPong,
		subject: subject,
		path:    path,
		actors:  p.pair(first),
		stage:   p.stage(left),
		text: say(msgPingPong, name(p.stepActorOf(left)), p.title(left),
			name(p.stepActorOf(to)), p.title(p.to[last])),
	})
}
