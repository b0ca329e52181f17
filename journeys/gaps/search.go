package gaps

import "slices"

// walker runs breadth-first searches over the journey's steps. It can run many searches
// with the same buffers: a step is seen in the current search when its stamp is the
// search's number, so a new search costs nothing to reset.
//
// Searches are canonical: when several hand-overs reach a step at the same distance, the
// step keeps the one with the smallest id. Paths a search reports thus depend on the
// journey's ids and links, not on the order of the document's arrays, so that reordering
// a document cannot change a finding's subject, path or severity.
type walker struct {
	g          *graph
	stamp      []int32
	run        int32
	depth, via []int32
	// order lists the steps reached in the current search, nearest first.
	order []int32
}

// seed is where a search starts: a step, and the hand-over that led there (-1 for none).
type seed struct{ step, via int32 }

// direction says whether a search follows hand-overs forwards or backwards.
type direction bool

const (
	forward  direction = false
	backward direction = true
)

func (g *graph) walker() *walker {
	n := g.nSteps
	return &walker{g: g, stamp: make([]int32, n), depth: make([]int32, n), via: make([]int32, n), order: make([]int32, 0, n)}
}

// search returns a walker that has searched from sources along the hand-overs follow
// accepts (nil: every one).
func (g *graph) search(sources []int32, dir direction, follow func(h int32) bool) *walker {
	seeds := make([]seed, len(sources))
	for i, s := range sources {
		seeds[i] = seed{s, -1}
	}
	w := g.walker()
	w.walk(seeds, dir, follow)
	return w
}

// seen reports whether the current search reached step s.
func (w *walker) seen(s int32) bool { return w.stamp[s] == w.run }

// walk runs a new multi-source search from seeds, along valid hand-overs that follow
// accepts, forwards or backwards. It visits each step and hand-over at most once.
func (w *walker) walk(seeds []seed, dir direction, follow func(h int32) bool) {
	w.run++
	w.order = w.order[:0]
	for _, s := range seeds {
		w.reach(s.step, s.via, 0)
	}
	for i := 0; i < len(w.order); i++ {
		v := w.order[i]
		edges, ends := w.g.out(v), w.g.to
		if dir == backward {
			edges, ends = w.g.in(v), w.g.from
		}
		for _, h := range edges {
			if follow == nil || follow(h) {
				w.reach(ends[h], h, w.depth[v]+1)
			}
		}
	}
}

// reach records step s as reached by hand-over h at distance d: the first time, or again
// at the same distance by a hand-over with a smaller id.
func (w *walker) reach(s, h, d int32) {
	switch {
	case !w.seen(s):
		w.stamp[s], w.depth[s], w.via[s] = w.run, d, h
		w.order = append(w.order, s)
	case w.depth[s] == d && w.g.idLess(h, w.via[s]):
		w.via[s] = h
	}
}

// nearest returns the path the current forward search found to the nearest step that want
// accepts (the one with the smallest id among the nearest), or nil when it reached none.
func (w *walker) nearest(want func(s int32) bool) []int32 {
	best := int32(-1)
	for _, s := range w.order {
		if best >= 0 && w.depth[s] > w.depth[best] {
			break
		}
		if want(s) && (best < 0 || w.g.j.Steps[s].ID < w.g.j.Steps[best].ID) {
			best = s
		}
	}
	if best < 0 {
		return nil
	}
	return w.pathTo(best)
}

// pathTo returns the nodes of the path the current forward search found to step t, from
// where it started to t: step, hand-over, step, ... A seed's hand-over is not included.
func (w *walker) pathTo(t int32) []int32 {
	var rev []int32
	for v := t; ; {
		rev = append(rev, v)
		h := w.via[v]
		if w.depth[v] == 0 {
			break
		}
		rev = append(rev, w.g.handoverNode(h))
		v = w.g.from[h]
	}
	slices.Reverse(rev)
	return rev
}

// idLess reports whether hand-over a has a smaller id than hand-over b; -1 (no hand-over)
// comes first.
func (g *graph) idLess(a, b int32) bool {
	if a < 0 || b < 0 {
		return a < b
	}
	return g.j.Handovers[a].ID < g.j.Handovers[b].ID
}

// stepsWhere returns the steps for which keep is true, in document order.
func (g *graph) stepsWhere(keep func(s int32) bool) []int32 {
	var out []int32
	for s := range int32(g.nSteps) {
		if keep(s) {
			out = append(out, s)
		}
	}
	return out
}
