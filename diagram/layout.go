package diagram

import (
	"cmp"
	"context"
	"math"
	"slices"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
)

// layout is the structure every format draws: the lanes grouped by sector, the stage
// columns, one card per step in its lane and column, one edge per hand-over, and the
// findings numbered and tied to the element each is drawn on. Computing it once for all
// three formats keeps them in agreement. place (geometry.go) adds the positions the SVG
// needs; Mermaid and DOT leave positions to their own layout engines.
type layout struct {
	j    *journeys.Journey
	lang string
	// hasReport is false when the caller gave no report: then nothing is said about
	// findings at all, rather than "no findings".
	hasReport bool
	// ctx stops place when done (see tick); nil never stops it.
	ctx   context.Context
	ticks int
	// actor resolves an actor id, as newLayout describes.
	actor func(id string) journeys.Actor

	groups []group  // sectors with at least one lane, in sectorOrder
	lanes  []lane   // in drawing order: the lanes of groups[0], then of groups[1], …
	cols   []column // the stages in order, then one for steps without a known stage
	cards  []card   // one per step, in the journey's order
	edges  []edge   // one per hand-over whose ends are steps of the journey
	marks  []mark   // one per finding, in the report's order: marks[i] is number i+1
	// journeyMarks are the marks about the journey as a whole, drawn at its title.
	journeyMarks []int
	// clusters are the markers the map shows: one per element with findings (see
	// marks.go), once place has run.
	clusters []cluster

	geometry // positions, once place has run
}

// group is one sector band and the lanes in it.
type group struct {
	sector journeys.Sector
	lanes  []int
	y      float64 // top of the band
}

// lane is one actor's row.
type lane struct {
	actor journeys.Actor
	// rows is the most cards any one of the lane's cells holds; cards in a cell are
	// stacked, so the lane is that many cards high.
	rows int
	y, h float64
}

// column is one stage.
type column struct {
	stage *journeys.Stage // nil for the column of steps without a stage
	x     float64         // left edge of the cards
}

// card is one step.
type card struct {
	step  *journeys.Step
	lane  int
	col   int
	row   int   // place in its cell's stack, from the top
	marks []int // indices into layout.marks
	rect
	lines []string // the title as wrapped on the card
}

// edge is one hand-over.
type edge struct {
	h        *journeys.Handover
	from, to int // indices into layout.cards
	marks    []int
	route    []point // the arrow, from the sender's card to the receiver's
}

// target is the kind of element a finding's marker is drawn on.
type target int

const (
	onJourney target = iota
	onStep
	onHandover
)

// mark is one numbered finding.
type mark struct {
	n     int
	f     *gaps.Finding
	on    target
	index int   // index into cards or edges, by on
	at    point // centre of the marker in its cluster's open list, once placed
}

// cluster is the one marker an element's findings share: it shows how many there are, in
// the colour of the worst, and opens (on hover, focus or click) into the numbered
// markers of each, so that a hand-over with eight findings carries one marker, not eight.
type cluster struct {
	on    target
	index int   // index into cards or edges, by on
	marks []int // indices into layout.marks, most severe first
	at    point // centre of the marker
	r     float64
	// leader is the point on its arrow that a hand-over's marker placed beside the arrow
	// (where the arrow had no room) points to; nil for markers on their element.
	leader *point
	open   rect // the box the open list of numbered markers covers
}

// newLayout works out the structure of j's map. actors resolves the actors the steps
// name; actors the journey document carries fill in for any the map lacks, and an actor
// nobody knows gets a lane named by its id, in a group of its own at the end. r may be
// nil.
func newLayout(j *journeys.Journey, actors map[string]journeys.Actor, r *gaps.JourneyReport, lang string) *layout {
	l := &layout{j: j, lang: lang, hasReport: r != nil, actor: resolver(j, actors)}
	order := timeOrder(j)
	l.cards = make([]card, len(j.Steps))
	for i := range j.Steps {
		l.cards[i] = card{step: &j.Steps[i]}
	}
	l.addLanes(order)
	l.addColumns()
	l.stack(order)
	l.addEdges()
	if r != nil {
		l.number(r.Findings)
	}
	return l
}

// resolver returns a function that finds an actor by id as newLayout describes.
func resolver(j *journeys.Journey, actors map[string]journeys.Actor) func(string) journeys.Actor {
	return func(id string) journeys.Actor {
		if a, ok := actors[id]; ok {
			return a
		}
		for _, a := range j.Actors {
			if a.ID == id {
				return a
			}
		}
		return journeys.Actor{ID: id, Name: id, Sector: otherSector}
	}
}

// timeOrder returns the step indices in the order the person meets them: by the fewest
// hand-overs from an entry step, then as the document lists them. Steps no entry leads
// to come last. Lanes and stacked cards follow this order, so that the map reads from
// where the person comes in.
func timeOrder(j *journeys.Journey) []int {
	index := make(map[string]int, len(j.Steps))
	for i := range j.Steps {
		index[j.Steps[i].ID] = i
	}
	next := make([][]int, len(j.Steps))
	for _, h := range j.Handovers {
		from, okf := index[h.From]
		to, okt := index[h.To]
		if okf && okt {
			next[from] = append(next[from], to)
		}
	}
	depth := make([]int, len(j.Steps))
	var queue []int
	for i := range j.Steps {
		depth[i] = math.MaxInt
		if j.Steps[i].Entry {
			depth[i] = 0
			queue = append(queue, i)
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for _, t := range next[s] {
			if depth[t] == math.MaxInt {
				depth[t] = depth[s] + 1
				queue = append(queue, t)
			}
		}
	}
	order := make([]int, len(j.Steps))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(depth[a], depth[b]) })
	return order
}

// addLanes gives every actor that takes a step a lane, ordered by sector and, within a
// sector, by when the person first meets the actor.
func (l *layout) addLanes(order []int) {
	laneOf := map[string]int{}
	for _, i := range order {
		id := l.cards[i].step.Actor
		if _, ok := laneOf[id]; !ok {
			laneOf[id] = len(l.lanes)
			l.lanes = append(l.lanes, lane{actor: l.actor(id)})
		}
	}
	perm := make([]int, len(l.lanes))
	for i := range perm {
		perm[i] = i
	}
	slices.SortStableFunc(perm, func(a, b int) int {
		return cmp.Compare(sectorRank(l.lanes[a].actor.Sector), sectorRank(l.lanes[b].actor.Sector))
	})
	sorted := make([]lane, len(perm))
	moved := make([]int, len(perm))
	for to, from := range perm {
		sorted[to] = l.lanes[from]
		moved[from] = to
	}
	l.lanes = sorted
	for i := range l.cards {
		l.cards[i].lane = moved[laneOf[l.cards[i].step.Actor]]
	}
	for i := range l.lanes {
		s := l.lanes[i].actor.Sector
		if sectorRank(s) == len(sectorOrder) {
			s = otherSector
		}
		if len(l.groups) == 0 || l.groups[len(l.groups)-1].sector != s {
			l.groups = append(l.groups, group{sector: s})
		}
		g := &l.groups[len(l.groups)-1]
		g.lanes = append(g.lanes, i)
	}
}

// sectorRank is s's place in sectorOrder; unknown sectors rank after all known ones.
func sectorRank(s journeys.Sector) int {
	if i := slices.Index(sectorOrder, s); i >= 0 {
		return i
	}
	return len(sectorOrder)
}

// addColumns makes one column per stage, in order (stages with the same order keep the
// document's order), and puts every card in its stage's column. Steps without a stage,
// or naming a stage the journey does not have, share a last column.
func (l *layout) addColumns() {
	stages := make([]*journeys.Stage, len(l.j.Stages))
	for i := range l.j.Stages {
		stages[i] = &l.j.Stages[i]
	}
	slices.SortStableFunc(stages, func(a, b *journeys.Stage) int { return cmp.Compare(a.Order, b.Order) })
	colOf := make(map[string]int, len(stages))
	for _, s := range stages {
		if _, dup := colOf[s.ID]; !dup {
			colOf[s.ID] = len(l.cols)
			l.cols = append(l.cols, column{stage: s})
		}
	}
	loose := -1
	for i := range l.cards {
		c, ok := colOf[l.cards[i].step.Stage]
		if !ok {
			if loose < 0 {
				loose = len(l.cols)
				l.cols = append(l.cols, column{})
			}
			c = loose
		}
		l.cards[i].col = c
	}
}

// stack gives each card its row in its cell, in the order the person meets them.
func (l *layout) stack(order []int) {
	type cell struct{ lane, col int }
	filled := map[cell]int{}
	for _, i := range order {
		c := &l.cards[i]
		k := cell{c.lane, c.col}
		c.row = filled[k]
		filled[k]++
		l.lanes[c.lane].rows = max(l.lanes[c.lane].rows, filled[k])
	}
}

// addEdges makes one edge per hand-over between steps of the journey. A hand-over that
// names a step the journey lacks cannot be drawn; validation refuses such documents, so
// it is left out rather than failing the whole drawing.
func (l *layout) addEdges() {
	index := l.stepIndex()
	for i := range l.j.Handovers {
		h := &l.j.Handovers[i]
		from, okf := index[h.From]
		to, okt := index[h.To]
		if okf && okt {
			l.edges = append(l.edges, edge{h: h, from: from, to: to})
		}
	}
}

// stepIndex maps step ids to card indices.
func (l *layout) stepIndex() map[string]int {
	index := make(map[string]int, len(l.cards))
	for i := range l.cards {
		index[l.cards[i].step.ID] = i
	}
	return index
}

// number gives each finding its number, in the report's order (most severe first), and
// ties it to the first element of its subject that the map draws: a step, a hand-over,
// or else the journey's title. A ping-pong loop is thus marked where it begins.
func (l *layout) number(findings []gaps.Finding) {
	steps := l.stepIndex()
	handovers := make(map[string]int, len(l.edges))
	for i := range l.edges {
		handovers[l.edges[i].h.ID] = i
	}
	l.marks = make([]mark, len(findings))
	for i := range findings {
		m := mark{n: i + 1, f: &findings[i], on: onJourney}
		for _, id := range findings[i].Subject {
			if c, ok := steps[id]; ok {
				m.on, m.index = onStep, c
				break
			}
			if e, ok := handovers[id]; ok {
				m.on, m.index = onHandover, e
				break
			}
		}
		l.marks[i] = m
		switch m.on {
		case onStep:
			l.cards[m.index].marks = append(l.cards[m.index].marks, i)
		case onHandover:
			l.edges[m.index].marks = append(l.edges[m.index].marks, i)
		default:
			l.journeyMarks = append(l.journeyMarks, i)
		}
	}
}

// stageName returns the name of column c.
func (l *layout) stageName(c int) string {
	if s := l.cols[c].stage; s != nil {
		return s.Name
	}
	return say(wNoStage, l.lang)
}

// actorName returns the name of a lane's actor, or its id when it has none.
func actorName(a *journeys.Actor) string {
	if a.Name != "" {
		return a.Name
	}
	return a.ID
}

// worst returns the most severe of the given marks' findings, or "" when there are none.
func (l *layout) worst(marks []int) gaps.Severity {
	var w gaps.Severity
	for _, m := range marks {
		if s := l.marks[m].f.Severity; s.Rank() > w.Rank() {
			w = s
		}
	}
	return w
}
