package diagram

import (
	"cmp"
	"math"
	"slices"
)

// Arrows never cross a card. They leave and enter cards at their sides and run in the
// gutters between columns and in the channels between lanes, which hold no cards; where
// several arrows share a gutter or a channel each gets a track of its own. Arrows that go
// back in time leave their card at the left and come into the earlier card from the right,
// so that a loop reads as a loop. Corners are rounded when the SVG draws them.

// side is a side of a card.
type side int

const (
	sideLeft side = iota
	sideRight
	sideTop
	sideBottom
)

// routeKind is the shape of an arrow.
type routeKind int

const (
	// direct: out of the card, one vertical run in a gutter, into the other card.
	direct routeKind = iota
	// viaChannel: out into a gutter, along a channel between lanes past the columns in
	// between, down or up another gutter, into the other card.
	viaChannel
	// straight: between two cards stacked in one cell.
	straight
)

// plan is an arrow being routed.
type plan struct {
	kind      routeKind
	out, in   side
	gOut, gIn int // gutters, each to the right of the column of that index
	ch        int // channel, for viaChannel
	p0, p1    point
	x1, x2    float64 // tracks in gOut and gIn (direct uses x2 only)
	cy        float64 // track in the channel
}

// route gives every edge its arrow.
func (l *layout) route() {
	plans := make([]plan, len(l.edges))
	for i := range l.edges {
		l.tick()
		plans[i] = l.plan(i)
	}
	l.assignPorts(plans)
	l.assignChannels(plans)
	l.assignGutters(plans)
	l.sipLabels = make([]rect, len(l.edges))
	for i := range l.edges {
		e := &l.edges[i]
		e.route = plans[i].points()
		if lineOf(e.h.Type) == lineJoint {
			mid := along(e.route, length(e.route)/2)
			w := textWidth(say(wSIP, l.lang), smallFont, true) + 10
			l.sipLabels[i] = rect{mid.x - w/2, mid.y - pillH/2, w, pillH}
		}
	}
}

// plan decides the shape of edge i's arrow and the sides it leaves and enters by.
func (l *layout) plan(i int) plan {
	e := &l.edges[i]
	a, b := &l.cards[e.from], &l.cards[e.to]
	var p plan
	switch {
	case a.col == b.col && a.lane == b.lane && b.row == a.row+1:
		return plan{kind: straight, out: sideBottom, in: sideTop}
	case a.col == b.col && a.lane == b.lane && b.row == a.row-1:
		return plan{kind: straight, out: sideTop, in: sideBottom}
	case a.col == b.col:
		// Within one column, and a step handing over to itself: out of the right side,
		// round through the gutter, back into the right side.
		return plan{kind: direct, out: sideRight, in: sideRight, gOut: a.col, gIn: a.col}
	case b.col > a.col:
		p = plan{kind: direct, out: sideRight, in: sideLeft, gOut: a.col, gIn: b.col - 1}
	default:
		p = plan{kind: direct, out: sideLeft, in: sideRight, gOut: a.col - 1, gIn: b.col}
	}
	if p.gOut != p.gIn && !l.clearRow(a, b) {
		p.kind = viaChannel
		p.ch = channelFor(a.lane, b.lane, b.col > a.col)
	}
	return p
}

// clearRow reports whether a horizontal line level with card a can run to card b's
// column without crossing a card in the columns between.
func (l *layout) clearRow(a, b *card) bool {
	lo, hi := min(a.col, b.col), max(a.col, b.col)
	for i := range l.cards {
		c := &l.cards[i]
		if c.col > lo && c.col < hi && c.y < a.bottom() && c.bottom() > a.y {
			return false
		}
	}
	return true
}

// channelFor picks the channel an arrow from lane la to lane lb runs along: next to the
// receiving lane for arrows forward in time and next to the sending lane for arrows back,
// so that the two arrows of a ping-pong pair do not share a channel. Channel k lies
// above lane k.
func channelFor(la, lb int, forward bool) int {
	switch {
	case forward && lb > la:
		return lb
	case forward && lb < la:
		return lb + 1
	case forward:
		return la
	case lb > la:
		return la + 1
	case lb < la:
		return la
	}
	return la + 1
}

// portReq is one end of an arrow waiting for its place on a card's side.
type portReq struct {
	edge int
	out  bool
	key  float64 // where the arrow heads: ports are ordered by it so that arrows do not cross at the card
}

// assignPorts spreads the arrows that meet one side of one card along that side.
func (l *layout) assignPorts(plans []plan) {
	sides := make([][]portReq, 4*len(l.cards))
	add := func(c int, s side, r portReq) { sides[4*c+int(s)] = append(sides[4*c+int(s)], r) }
	for i := range l.edges {
		e, p := &l.edges[i], &plans[i]
		towardsIn, towardsOut := l.heading(p, e.to), l.heading(p, e.from)
		if e.from == e.to { // a loop on one card: out above, back in below
			towardsIn, towardsOut = towardsIn-1, towardsOut+1
		}
		add(e.from, p.out, portReq{i, true, towardsIn})
		add(e.to, p.in, portReq{i, false, towardsOut})
	}
	for k, reqs := range sides {
		slices.SortFunc(reqs, func(a, b portReq) int {
			return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(a.edge, b.edge), cmp.Compare(boolInt(b.out), boolInt(a.out)))
		})
		c, s := &l.cards[k/4], side(k%4)
		for n, r := range reqs {
			at := c.port(s, n, len(reqs))
			if r.out {
				plans[r.edge].p0 = at
			} else {
				plans[r.edge].p1 = at
			}
		}
	}
}

// heading returns where an arrow planned as p runs after leaving (or before reaching)
// the other card, other: the channel for arrows that take one, the card otherwise. It is
// a y for ports on the left and right sides and an x for ports on the top and bottom.
func (l *layout) heading(p *plan, other int) float64 {
	c := &l.cards[other]
	switch {
	case p.kind == straight:
		return c.centre().x
	case p.kind == viaChannel:
		top, bottom := l.channelY(p.ch)
		return (top + bottom) / 2
	}
	return c.centre().y
}

// port returns the place of port n of count on side s of card c. Ports on the top and
// bottom keep to the left part of the card, away from the markers at its top right.
func (c *card) port(s side, n, count int) point {
	f := float64(n+1) / float64(count+1)
	switch s {
	case sideLeft:
		return point{c.x, c.y + f*c.h}
	case sideRight:
		return point{c.right(), c.y + f*c.h}
	case sideTop:
		return point{c.x + c.w*(0.25+0.4*f), c.y}
	}
	return point{c.x + c.w*(0.25+0.4*f), c.bottom()}
}

// interval is a run of an arrow along a gutter or a channel that needs a track.
type interval struct {
	lo, hi float64
	edge   int
	second bool // the run into the receiving card, for viaChannel arrows
	// inner marks the run of an arrow that turns back into the column it left (within
	// one column): it takes the tracks nearest the cards, the shortest innermost, so
	// that such arrows nest instead of crossing the arrows that pass on.
	inner bool
}

// trackGap is the least distance along a track between two runs that share it.
const trackGap = 6.0

// tracks gives each interval a track so that intervals that overlap (or nearly touch) are
// on different tracks, and returns the number of tracks used.
func tracks(runs []interval, tick func()) ([]int, int) {
	order := make([]int, len(runs))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		ra, rb := &runs[a], &runs[b]
		if ra.inner != rb.inner {
			return boolInt(rb.inner) - boolInt(ra.inner)
		}
		if ra.inner {
			return cmp.Or(cmp.Compare(ra.hi-ra.lo, rb.hi-rb.lo), cmp.Compare(ra.lo, rb.lo), cmp.Compare(a, b))
		}
		return cmp.Or(cmp.Compare(ra.lo, rb.lo), cmp.Compare(ra.hi, rb.hi), cmp.Compare(a, b))
	})
	track := make([]int, len(runs))
	var used [][]interval
	innerTracks := 0
	for _, i := range order {
		tick()
		r := runs[i]
		first := innerTracks // the tracks of inner runs are theirs alone
		if r.inner {
			first = 0
		}
		t := first + slices.IndexFunc(used[first:], func(on []interval) bool {
			return !slices.ContainsFunc(on, func(o interval) bool { return o.lo < r.hi+trackGap && r.lo < o.hi+trackGap })
		})
		if t < first {
			t = len(used)
			used = append(used, nil)
		}
		used[t] = append(used[t], r)
		track[i] = t
		if r.inner {
			innerTracks = len(used)
		}
	}
	return track, len(used)
}

// spread returns the position of track t of n, centred in [lo, hi] and at most gap apart.
func spread(t, n int, lo, hi, gap float64) float64 {
	if n > 1 {
		gap = min(gap, (hi-lo)/float64(n-1))
	}
	return (lo+hi)/2 + (float64(t)-float64(n-1)/2)*gap
}

// assignChannels gives every viaChannel arrow its track in its channel.
func (l *layout) assignChannels(plans []plan) {
	runs := make([][]interval, len(l.lanes)+1)
	for i := range plans {
		p := &plans[i]
		if p.kind != viaChannel {
			continue
		}
		a, _ := l.gutterX(p.gOut)
		b, _ := l.gutterX(p.gIn)
		runs[p.ch] = append(runs[p.ch], interval{lo: min(a, b), hi: max(a, b) + gutter, edge: i})
	}
	for ch, rs := range runs {
		track, n := tracks(rs, l.tick)
		top, bottom := l.channelY(ch)
		for k, r := range rs {
			plans[r.edge].cy = spread(track[k], n, top+4, bottom-4, 6)
		}
	}
}

// assignGutters gives every vertical run of an arrow its track in its gutter.
func (l *layout) assignGutters(plans []plan) {
	runs := make([][]interval, len(l.cols))
	addRun := func(g int, y0, y1 float64, edge int, second bool) {
		runs[g] = append(runs[g], interval{lo: min(y0, y1), hi: max(y0, y1), edge: edge, second: second})
	}
	for i := range plans {
		p := &plans[i]
		switch p.kind {
		case direct:
			if p.p0.y != p.p1.y || p.out == p.in {
				addRun(p.gIn, p.p0.y, p.p1.y, i, true)
				runs[p.gIn][len(runs[p.gIn])-1].inner = p.out == p.in
			}
		case viaChannel:
			addRun(p.gOut, p.p0.y, p.cy, i, false)
			addRun(p.gIn, p.cy, p.p1.y, i, true)
		}
	}
	for g, rs := range runs {
		track, n := tracks(rs, l.tick)
		lo, hi := l.gutterX(g)
		for k, r := range rs {
			x := spread(track[k], n, lo+10, hi-10, 9)
			if r.second {
				plans[r.edge].x2 = x
			} else {
				plans[r.edge].x1 = x
			}
		}
	}
}

// points returns the corners of the arrow, from its start to its head.
func (p *plan) points() []point {
	switch {
	case p.kind == viaChannel:
		return []point{p.p0, {p.x1, p.p0.y}, {p.x1, p.cy}, {p.x2, p.cy}, {p.x2, p.p1.y}, p.p1}
	case p.kind == straight && p.p0.x != p.p1.x:
		mid := (p.p0.y + p.p1.y) / 2
		return []point{p.p0, {p.p0.x, mid}, {p.p1.x, mid}, p.p1}
	case p.kind == straight || (p.p0.y == p.p1.y && p.out != p.in):
		return []point{p.p0, p.p1}
	}
	return []point{p.p0, {p.x2, p.p0.y}, {p.x2, p.p1.y}, p.p1}
}

// length returns the length of the line through pts.
func length(pts []point) float64 {
	var d float64
	for i := 1; i < len(pts); i++ {
		d += math.Hypot(pts[i].x-pts[i-1].x, pts[i].y-pts[i-1].y)
	}
	return d
}

// along returns the point at distance d along the line through pts.
func along(pts []point, d float64) point {
	for i := 1; i < len(pts); i++ {
		seg := math.Hypot(pts[i].x-pts[i-1].x, pts[i].y-pts[i-1].y)
		if d <= seg && seg > 0 {
			f := d / seg
			return point{pts[i-1].x + f*(pts[i].x-pts[i-1].x), pts[i-1].y + f*(pts[i].y-pts[i-1].y)}
		}
		d -= seg
	}
	return pts[len(pts)-1]
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
