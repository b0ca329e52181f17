package gaps

import (
	"slices"
	"strings"

	"github.com/glapp/glapp/journeys"
)

// selfNavigation finds self_navigation: one finding per advice_to_contact or
// self_referral hand-over between different actors, where the person must find the next
// door alone. Its severity rises with the number of such hand-offs on one path through
// it: one medium, two high, three or more critical. Its path lists those hand-offs in the
// order the person meets them (so the crisis modifier applies when one of them leads to
// or from a crisis step).
//
// Journeys loop, so "on one path" is read as the most distinct self-navigation hand-offs
// one walk through the journey can meet, this one included. Inside a loop (a strongly
// connected component) a walk can take every hand-over, so each component counts all its
// inner self-navigation hand-offs; between components the graph is acyclic, and the best
// walk ending in and starting from each component follows by dynamic programming in
// topological order. The count is exact for that reading and takes linear time, where
// the most hand-offs on a simple path would be NP-hard to find. Hand-offs inside one loop
// are listed in id order, since a walk may take them in several; between equally heavy
// walks the one by smaller hand-over ids wins, so the path does not depend on the order
// of the document's arrays.
//
// A walk can meet every hand-over of a dense journey, so the walk through each hand-off
// is never listed whole: each chain of pieces knows its count, whether it touches a
// crisis step, and the PathLimit/2 hand-offs at its far end, and through reads the near
// end by following at most that many pieces. Each finding thus costs O(PathLimit), not
// the length of its walk.
func (a *analysis) selfNavigation() {
	var selfNav []int32
	for h := range int32(len(a.j.Handovers)) {
		if a.isSelfNavigation(h) {
			selfNav = append(selfNav, h)
		}
	}
	if len(selfNav) == 0 {
		return // spare the component analysis in the common clean case
	}
	w := a.walks()
	for _, h := range selfNav {
		t := w.through(h)
		from, to := a.from[h], a.to[h]
		msg, args := msgSelfNavigation, []any{a.stepPhrase(from), name(a.stepActorOf(to)), a.title(to)}
		if t.count > 1 {
			msg, args = msgSelfNavigationMany, append(args, t.count)
		}
		baseCase := caseSelfNavigationOne
		if t.count > 1 {
			baseCase = say(caseSelfNavigationMany, t.count)
		}
		d := draft{rule: RuleSelfNavigation, base: selfNavSeverity(t.count), baseCase: baseCase,
			path: a.handoverNodes(t.hs), crisis: t.crisis, text: say(msg, args...)}
		if len(t.hs) < t.count {
			d.pathLength = t.count
		}
		a.addHandover(d, h)
	}
}

// selfNavSeverity rates a self-navigation hand-off by the most such hand-offs on one
// path through it: each extra door the person must find alone makes it likelier they stop.
func selfNavSeverity(n int) Severity {
	switch {
	case n <= 1:
		return SeverityMedium
	case n == 2:
		return SeverityHigh
	}
	return SeverityCritical
}

// isSelfNavigation reports whether hand-over h leaves the person to contact another
// actor on their own.
func (a *analysis) isSelfNavigation(h int32) bool {
	t := a.j.Handovers[h].Type
	return (t == journeys.HandoverAdviceToContact || t == journeys.HandoverSelfReferral) && a.crossActor(h)
}

func (a *analysis) handoverNodes(hs []int32) []int32 {
	out := make([]int32, len(hs))
	for i, h := range hs {
		out[i] = a.handoverNode(h)
	}
	return out
}

// piece is a run of self-navigation hand-offs on a best walk, linked to the pieces met
// before it (in an up chain) or after it (in a down chain). Chains share their tails, so
// the best walks of all components together cost linear memory. Each piece also sums up
// its whole chain: count hand-offs, crisis when any of them touches a crisis step, and
// far, the at most PathLimit/2 hand-offs at the chain's far end (the first ones of the
// walk for an up chain, the last ones for a down chain), in walk order.
type piece struct {
	hs     []int32
	next   *piece
	count  int
	crisis bool
	far    []int32
}

// chainEnd is how many hand-offs a self-navigation path shows at each of its ends.
const chainEnd = PathLimit / 2

// newPiece puts hs in front of chain, in an up chain (hs come after the chain on the
// walk) or a down chain (hs come before it).
func (w *selfNavWalks) newPiece(hs []int32, chain *piece, up bool) *piece {
	p := &piece{hs: hs, next: chain, count: len(hs)}
	for _, h := range hs {
		if w.a.nodeInCrisis(w.a.handoverNode(h)) {
			p.crisis = true
			break
		}
	}
	var far []int32
	if chain != nil {
		p.count += chain.count
		p.crisis = p.crisis || chain.crisis
		far = chain.far
	}
	if up {
		p.far = firstOf(far, hs)
	} else {
		p.far = lastOf(hs, far)
	}
	return p
}

// firstOf returns the first chainEnd hand-offs of x followed by y.
func firstOf(x, y []int32) []int32 {
	out := slices.Clone(x[:min(len(x), chainEnd)])
	return append(out, y[:min(len(y), chainEnd-len(out))]...)
}

// lastOf returns the last chainEnd hand-offs of x followed by y.
func lastOf(x, y []int32) []int32 {
	out := slices.Clone(y[max(0, len(y)-chainEnd):])
	n := chainEnd - len(out)
	return append(slices.Clone(x[max(0, len(x)-n):]), out...)
}

// selfNavWalks holds, per component, the best walks (most self-navigation hand-offs)
// that end in it (up) and that start from it (down).
type selfNavWalks struct {
	a     *analysis
	comp  []int32
	inner [][]int32 // self-navigation hand-offs inside each component
	// innerCrisis says whether any of a component's inner hand-offs touches a crisis
	// step, computed once: through asks it for every inner hand-off, and scanning the
	// component each time made a dense journey quadratic.
	innerCrisis []bool
	// upBefore: best walk ending just before the component; upTail: ending in it.
	upBefore, upTail []*piece
	// downAfter: best walk starting just after the component; downHead: starting in it.
	downAfter, downHead []*piece
}

// walks computes the best walks for every component.
func (a *analysis) walks() *selfNavWalks {
	comp, count := a.components()
	w := &selfNavWalks{
		a: a, comp: comp, inner: make([][]int32, count),
		upBefore: make([]*piece, count), upTail: make([]*piece, count),
		downAfter: make([]*piece, count), downHead: make([]*piece, count),
	}
	for h := range int32(len(a.j.Handovers)) {
		if a.isSelfNavigation(h) && comp[a.from[h]] == comp[a.to[h]] {
			c := comp[a.from[h]]
			w.inner[c] = append(w.inner[c], h)
		}
	}
	w.innerCrisis = make([]bool, count)
	for c, hs := range w.inner {
		slices.SortFunc(hs, func(x, y int32) int { return strings.Compare(a.j.Handovers[x].ID, a.j.Handovers[y].ID) })
		w.innerCrisis[c] = slices.ContainsFunc(hs, func(h int32) bool { return a.nodeInCrisis(a.handoverNode(h)) })
	}
	memberStart, members := groupBy(int(count), comp, nil)
	edgesOf := func(c int32, fn func(h, other int32)) {
		for _, s := range members[memberStart[c]:memberStart[c+1]] {
			for _, h := range a.out(s) {
				if d := comp[a.to[h]]; d != c {
					fn(h, d)
				}
			}
		}
	}
	up, down := make([]int, count), make([]int, count)
	bestIn, bestInValue := make([]int32, count), make([]int, count)
	for c := range bestIn {
		bestIn[c] = -1
	}
	for c := count - 1; c >= 0; c-- { // topological order: predecessors first
		if e := bestIn[c]; e >= 0 {
			w.upBefore[c] = w.extend(w.upTail[comp[a.from[e]]], e, true)
			up[c] = bestInValue[c]
		}
		up[c] += len(w.inner[c])
		w.upTail[c] = w.withInner(c, w.upBefore[c], true)
		edgesOf(c, func(h, d int32) {
			if v := up[c] + a.selfNavCount(h); bestIn[d] < 0 || v > bestInValue[d] || v == bestInValue[d] && a.idLess(h, bestIn[d]) {
				bestIn[d], bestInValue[d] = h, v
			}
		})
	}
	for c := range count { // reverse topological order: successors first
		best, bestValue := int32(-1), 0
		edgesOf(c, func(h, d int32) {
			if v := a.selfNavCount(h) + down[d]; best < 0 || v > bestValue || v == bestValue && a.idLess(h, best) {
				best, bestValue = h, v
			}
		})
		if best >= 0 {
			w.downAfter[c] = w.extend(w.downHead[comp[a.to[best]]], best, false)
		}
		down[c] = bestValue + len(w.inner[c])
		w.downHead[c] = w.withInner(c, w.downAfter[c], false)
	}
	return w
}

// selfNavCount is 1 for a self-navigation hand-over and 0 for any other.
func (a *analysis) selfNavCount(h int32) int {
	if a.isSelfNavigation(h) {
		return 1
	}
	return 0
}

// extend returns chain with hand-over h put in front when h is a self-navigation hand-off.
func (w *selfNavWalks) extend(chain *piece, h int32, up bool) *piece {
	if w.a.isSelfNavigation(h) {
		return w.newPiece([]int32{h}, chain, up)
	}
	return chain
}

// withInner returns chain with component c's inner hand-offs put in front, if it has any.
func (w *selfNavWalks) withInner(c int32, chain *piece, up bool) *piece {
	if len(w.inner[c]) == 0 {
		return chain
	}
	return w.newPiece(w.inner[c], chain, up)
}

// walkThrough is the best walk through a self-navigation hand-off: how many such
// hand-offs it meets, whether any touches a crisis step, and the hand-offs themselves in
// walk order, all of them up to PathLimit, else the first and last PathLimit/2.
type walkThrough struct {
	count  int
	crisis bool
	hs     []int32
}

// through returns the best walk through self-navigation hand-over h.
func (w *selfNavWalks) through(h int32) walkThrough {
	a, b := w.comp[w.a.from[h]], w.comp[w.a.to[h]]
	before, middle, after := w.upTail[a], []int32{h}, w.downHead[b]
	if a == b {
		before, middle, after = w.upBefore[a], w.inner[a], w.downAfter[a]
	}
	t := walkThrough{count: len(middle)}
	var first, last []int32 // of before (up) and after (down), at most chainEnd each
	if before != nil {
		t.count += before.count
		t.crisis = before.crisis
		first = before.far
	}
	if after != nil {
		t.count += after.count
		t.crisis = t.crisis || after.crisis
		last = after.far
	}
	if a == b {
		t.crisis = t.crisis || w.innerCrisis[a]
	} else {
		t.crisis = t.crisis || w.a.nodeInCrisis(w.a.handoverNode(h))
	}
	// The near ends: the last hand-offs of before and the first of after, read by
	// following pieces only as far as needed: chainEnd hand-offs, or all of a short walk.
	need := chainEnd
	if t.count <= PathLimit {
		need = PathLimit
	}
	var beforeNear [][]int32
	for p, n := before, 0; p != nil && n < need; p = p.next {
		hs := p.hs[max(0, len(p.hs)-(need-n)):]
		beforeNear = append(beforeNear, hs)
		n += len(hs)
	}
	var near []int32
	for i := len(beforeNear) - 1; i >= 0; i-- {
		near = append(near, beforeNear[i]...)
	}
	var afterNear []int32
	for p := after; p != nil && len(afterNear) < need; p = p.next {
		afterNear = append(afterNear, p.hs[:min(len(p.hs), need-len(afterNear))]...)
	}
	if t.count <= PathLimit { // the whole walk is at hand
		t.hs = append(append(near, middle...), afterNear...)
		return t
	}
	head := firstOf(firstOf(first, middle), afterNear)
	tail := lastOf(near, lastOf(middle, last))
	t.hs = append(head, tail...)
	return t
}
