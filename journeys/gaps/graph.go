package gaps

import "github.com/glapp/glapp/journeys"

// graph indexes one journey for the rules: steps and hand-overs by position, adjacency in
// compressed arrays, each step's actor, and the insights about each element. Rules work
// on int32 positions rather than ids so that a 100,000-step journey costs a few maps and
// flat slices, not a map lookup per edge.
//
// Steps and hand-overs share one node numbering, so a finding's subject and path can mix
// them: node n < nSteps is step n, node nSteps+h is hand-over h.
type graph struct {
	j          *journeys.Journey
	nSteps     int
	stepAt     map[string]int32
	handoverAt map[string]int32
	// stepActor holds, per step, its actor's position in actors.
	stepActor []int32
	// actors holds the actors that take a step in the journey, in order of first step.
	actors  []journeys.Actor
	actorAt map[string]int32
	// lookup resolves any actor id, including ones that take no step (a hand-over's
	// responsible actor): the project's actors first, then those the document carries.
	lookup map[string]journeys.Actor
	// from and to hold each hand-over's step positions, -1 when the id names no step (a
	// journey the store refused; the engine skips such hand-overs instead of failing).
	from, to []int32
	// joint marks joint_planning hand-overs: the searches ask for every hand-over, and a
	// flat slice of bools stays in cache where the hand-over structs would not.
	joint []bool
	// Hand-overs leaving step s are outList[outStart[s]:outStart[s+1]]; likewise in*.
	outStart, outList []int32
	inStart, inList   []int32
	// Insights about node n are aboutList[aboutStart[n]:aboutStart[n+1]].
	aboutStart, aboutList []int32
	journeyInsights       []int32
	stageName             map[string]string
}

func newGraph(j *journeys.Journey, projectActors map[string]journeys.Actor) *graph {
	g := &graph{
		j:          j,
		nSteps:     len(j.Steps),
		stepAt:     make(map[string]int32, len(j.Steps)),
		handoverAt: make(map[string]int32, len(j.Handovers)),
		stepActor:  make([]int32, len(j.Steps)),
		actorAt:    map[string]int32{},
		lookup:     projectActors,
		from:       make([]int32, len(j.Handovers)),
		to:         make([]int32, len(j.Handovers)),
		joint:      make([]bool, len(j.Handovers)),
		stageName:  make(map[string]string, len(j.Stages)),
	}
	if len(j.Actors) > 0 {
		g.lookup = make(map[string]journeys.Actor, len(projectActors)+len(j.Actors))
		for _, a := range j.Actors {
			g.lookup[a.ID] = a
		}
		for id, a := range projectActors {
			g.lookup[id] = a
		}
	}
	for _, st := range j.Stages {
		g.stageName[st.ID] = st.Name
	}
	for i := range j.Steps {
		s := &j.Steps[i]
		g.stepAt[s.ID] = int32(i)
		a, ok := g.actorAt[s.Actor]
		if !ok {
			a = int32(len(g.actors))
			g.actorAt[s.Actor] = a
			g.actors = append(g.actors, g.actor(s.Actor))
		}
		g.stepActor[i] = a
	}
	for h := range j.Handovers {
		ho := &j.Handovers[h]
		g.handoverAt[ho.ID] = int32(h)
		g.from[h], g.to[h] = g.stepIndex(ho.From), g.stepIndex(ho.To)
		g.joint[h] = ho.Type == journeys.HandoverJointPlanning
		if g.from[h] < 0 || g.to[h] < 0 {
			g.from[h], g.to[h] = -1, -1
		}
	}
	g.outStart, g.outList = groupBy(g.nSteps, g.from, nil)
	g.inStart, g.inList = groupBy(g.nSteps, g.to, nil)
	g.indexInsights()
	return g
}

func (g *graph) stepIndex(id string) int32 {
	if i, ok := g.stepAt[id]; ok {
		return i
	}
	return -1
}

// indexInsights ties each insight to the steps, hand-overs and journey its about names.
func (g *graph) indexInsights() {
	var nodes, insights []int32
	for i := range g.j.Insights {
		for _, id := range g.j.Insights[i].About {
			n := g.nodeOf(id)
			switch {
			case n >= 0:
				nodes, insights = append(nodes, n), append(insights, int32(i))
			case id == g.j.ID:
				g.journeyInsights = append(g.journeyInsights, int32(i))
			}
		}
	}
	g.aboutStart, g.aboutList = groupBy(g.nSteps+len(g.j.Handovers), nodes, insights)
}

// groupBy groups vals by keys into compressed rows: row k is list[start[k]:start[k+1]],
// in the order of vals. A key of -1 leaves its value out; nil vals means 0, 1, 2, ...
// It is a counting sort, so grouping costs time linear in len(keys).
func groupBy(n int, keys, vals []int32) (start, list []int32) {
	start = make([]int32, n+1)
	for _, k := range keys {
		if k >= 0 {
			start[k+1]++
		}
	}
	for i := 1; i <= n; i++ {
		start[i] += start[i-1]
	}
	list = make([]int32, start[n])
	next := make([]int32, n)
	copy(next, start[:n])
	for i, k := range keys {
		if k < 0 {
			continue
		}
		v := int32(i)
		if vals != nil {
			v = vals[i]
		}
		list[next[k]] = v
		next[k]++
	}
	return start, list
}

// out returns the hand-overs leaving step s.
func (g *graph) out(s int32) []int32 { return g.outList[g.outStart[s]:g.outStart[s+1]] }

// in returns the hand-overs arriving at step s.
func (g *graph) in(s int32) []int32 { return g.inList[g.inStart[s]:g.inStart[s+1]] }

// about returns the insights about node n.
func (g *graph) about(n int32) []int32 { return g.aboutList[g.aboutStart[n]:g.aboutStart[n+1]] }

// nodeOf returns the node a step or hand-over id names, or -1.
func (g *graph) nodeOf(id string) int32 {
	if s, ok := g.stepAt[id]; ok {
		return s
	}
	if h, ok := g.handoverAt[id]; ok {
		return g.handoverNode(h)
	}
	return -1
}

func (g *graph) handoverNode(h int32) int32 { return int32(g.nSteps) + h }

// asStep returns the step node n is, if it is one.
func (g *graph) asStep(n int32) (int32, bool) { return n, n < int32(g.nSteps) }

// asHandover returns the hand-over node n is; n must not be a step.
func (g *graph) asHandover(n int32) int32 { return n - int32(g.nSteps) }

// nodeID returns the id of node n.
func (g *graph) nodeID(n int32) string {
	if s, ok := g.asStep(n); ok {
		return g.j.Steps[s].ID
	}
	return g.j.Handovers[g.asHandover(n)].ID
}

// valid reports whether hand-over h joins two steps of the journey.
func (g *graph) valid(h int32) bool { return g.from[h] >= 0 }

// validNode reports whether node n is a step or a valid hand-over.
func (g *graph) validNode(n int32) bool {
	_, isStep := g.asStep(n)
	return isStep || g.valid(g.asHandover(n))
}

// crossActor reports whether hand-over h joins steps of different actors. This is what
// the spec's "between different actors" means: the from-step's actor differs from the
// to-step's actor; the hand-over's responsible actor plays no part in it.
func (g *graph) crossActor(h int32) bool {
	return g.valid(h) && g.stepActor[g.from[h]] != g.stepActor[g.to[h]]
}
