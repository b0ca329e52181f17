package diagram

import (
	"math"

	"github.com/glapp/glapp/journeys/gaps"
)

// Finding markers are placed where a reader looks for them: one per step card on its top
// edge at the right corner; one per hand-over on its arrow, near its middle; one after
// the journey's title for findings about the whole journey. Each shows how many findings
// its element has, in the colour of the worst, and a marker never covers another marker,
// a card, an arrow head or an arrow's SIP label. A hand-over marker that finds no room on
// its arrow sits beside it, with a dotted leader line to the arrow. The numbered markers
// of the findings themselves sit in a small box beside their cluster's marker, shown
// when it opens; the legend lists them in full.

// circle is a placed marker, kept so that later markers stay clear of it.
type circle struct {
	c point
	r float64
}

// placeMarks gives every element's cluster its place, and every finding its place in
// its cluster's open box.
func (l *layout) placeMarks() {
	step := l.markStep()
	l.clusters = l.clusters[:0]
	if len(l.journeyMarks) > 0 {
		at := point{margin + textWidth(l.title, titleSize, true) + 6 + step/2, margin + titleSize - 6}
		l.addCluster(cluster{on: onJourney, marks: l.journeyMarks, at: at})
	}
	taken := newSpace()
	for i := range l.cards {
		c := &l.cards[i]
		if len(c.marks) == 0 {
			continue
		}
		k := l.addCluster(cluster{on: onStep, index: i, marks: c.marks, at: point{c.right() - step/2 - 2, c.y}})
		taken.addCircle(circle{k.at, k.r})
	}
	for _, o := range l.obstacles() {
		taken.addRect(o)
	}
	for i := range l.edges {
		e := &l.edges[i]
		if len(e.marks) == 0 {
			continue
		}
		k := cluster{on: onHandover, index: i, marks: e.marks}
		k.r = l.clusterRadius(e.marks)
		k.at = l.freeSpot(e.route, k.r, taken)
		if near := nearest(e.route, k.at); math.Hypot(near.x-k.at.x, near.y-k.at.y) > k.r {
			k.leader = &near
		}
		taken.addCircle(circle{k.at, k.r})
		l.addCluster(k)
	}
}

// clusterRadius is the outer radius of the marker for marks, with the ring of a
// critical one.
func (l *layout) clusterRadius(marks []int) float64 {
	if l.worst(marks) == gaps.SeverityCritical {
		return l.markR + ringGap
	}
	return l.markR
}

// openPerRow is how many numbered markers a cluster's open box holds in a row.
const openPerRow = 6

// addCluster completes k (its radius and its open box, to the right of the marker or,
// where the drawing ends, to its left) and appends it.
func (l *layout) addCluster(k cluster) *cluster {
	k.r = l.clusterRadius(k.marks)
	step := l.markStep()
	n := len(k.marks)
	cols := min(n, openPerRow)
	rows := (n + openPerRow - 1) / openPerRow
	w, h := float64(cols)*step+6, float64(rows)*step+6
	x := k.at.x + k.r + 4
	if x+w > l.width-4 {
		x = k.at.x - k.r - 4 - w
	}
	y := max(k.at.y-step/2-3, 4)
	k.open = rect{x, y, w, h}
	for j, m := range k.marks {
		l.marks[m].at = point{x + 3 + step/2 + float64(j%openPerRow)*step, y + 3 + step/2 + float64(j/openPerRow)*step}
	}
	l.clusters = append(l.clusters, k)
	return &l.clusters[len(l.clusters)-1]
}

// obstacles returns what hand-over markers must not cover: the cards with their crisis
// badges, the arrow heads, and the SIP labels.
func (l *layout) obstacles() []rect {
	var out []rect
	for i := range l.cards {
		c := &l.cards[i]
		out = append(out, c.rect.grow(2))
		if c.step.Crisis {
			out = append(out, l.crisisPill(c))
		}
	}
	for i := range l.edges {
		out = append(out, head(l.edges[i].route))
	}
	for _, r := range l.sipLabels {
		if r.w > 0 {
			out = append(out, r)
		}
	}
	return out
}

// searchStep is how far apart the places tried along an arrow are.
const searchStep = 4.0

// freeSpot returns a place for a marker of radius r on the arrow through route: the free
// place nearest the arrow's middle, keeping clear of its ends so that the arrow head
// shows; failing that, the free place nearest its middle beside it; failing that (a
// place so crowded that nothing nearby is free), the middle.
func (l *layout) freeSpot(route []point, r float64, taken *space) point {
	total := length(route)
	lo, hi := r+3, total-r-10
	if hi < lo {
		lo, hi = total/2, total/2
	}
	mid := (lo + hi) / 2
	tries := []point{along(route, mid)}
	for k := 1.0; mid-k*searchStep >= lo || mid+k*searchStep <= hi; k++ {
		for _, d := range []float64{mid + k*searchStep, mid - k*searchStep} {
			if d >= lo && d <= hi {
				tries = append(tries, along(route, d))
			}
		}
	}
	for _, p := range tries {
		if l.free(p, r, taken) {
			return p
		}
	}
	// Beside the arrow: rings of places round its middle, wider and wider.
	step := l.markStep()
	mid0 := along(route, mid)
	for ring := 1.0; ring <= 8; ring++ {
		for k := range 12 {
			a := float64(k) * math.Pi / 6
			q := point{mid0.x + ring*step*math.Cos(a), mid0.y + ring*step*math.Sin(a)}
			if l.free(q, r, taken) {
				return q
			}
		}
	}
	return along(route, total/2)
}

// free reports whether a marker of radius r at p stays within the lanes and clear of
// what is taken.
func (l *layout) free(p point, r float64, taken *space) bool {
	if p.x-r < l.cols[0].x-firstGap+2 || p.x+r > l.width-margin ||
		p.y-r < l.mapTop || p.y+r > l.mapBottom+loopRoom {
		return false
	}
	return !taken.hits(circle{p, r})
}

// space holds the boxes and markers that a new marker must keep clear of, filed by the
// cells of a grid they touch, so that a big journey's thousand markers do not each test
// every other.
type space struct {
	rects   map[cell][]rect
	circles map[cell][]circle
}

// cell is a square of the grid space files things in.
type cell struct{ x, y int }

// cellSize is the side of a cell: a few markers wide.
const cellSize = 64.0

func newSpace() *space { return &space{rects: map[cell][]rect{}, circles: map[cell][]circle{}} }

// cells returns the cells the box r touches.
func cells(r rect) []cell {
	var out []cell
	for x := int(math.Floor(r.x / cellSize)); x <= int(math.Floor(r.right()/cellSize)); x++ {
		for y := int(math.Floor(r.y / cellSize)); y <= int(math.Floor(r.bottom()/cellSize)); y++ {
			out = append(out, cell{x, y})
		}
	}
	return out
}

// bounds returns the box around c.
func (c circle) bounds() rect { return rect{c.c.x - c.r, c.c.y - c.r, 2 * c.r, 2 * c.r} }

func (s *space) addRect(r rect) {
	for _, k := range cells(r) {
		s.rects[k] = append(s.rects[k], r)
	}
}

func (s *space) addCircle(c circle) {
	for _, k := range cells(c.bounds()) {
		s.circles[k] = append(s.circles[k], c)
	}
}

// hits reports whether c overlaps a box, or comes closer than 1.5 to a marker.
func (s *space) hits(c circle) bool {
	for _, k := range cells(c.bounds().grow(2)) {
		for _, o := range s.rects[k] {
			if o.hitsCircle(c.c, c.r+1) {
				return true
			}
		}
		for _, q := range s.circles[k] {
			if math.Hypot(c.c.x-q.c.x, c.c.y-q.c.y) < c.r+q.r+1.5 {
				return true
			}
		}
	}
	return false
}

// headLength is how far back from its tip an arrow head reaches, with a little room.
const headLength = 12.0

// head returns the box around the head of the arrow through route.
func head(route []point) rect {
	tip := route[len(route)-1]
	back := along(route, max(length(route)-headLength, 0))
	const half = 5.0
	return rect{min(tip.x, back.x) - half, min(tip.y, back.y) - half, math.Abs(tip.x-back.x) + 2*half, math.Abs(tip.y-back.y) + 2*half}
}

// nearest returns the point of the line through pts nearest to p.
func nearest(pts []point, p point) point {
	best, bestD := pts[0], math.Inf(1)
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		dx, dy := b.x-a.x, b.y-a.y
		f := 0.0
		if l2 := dx*dx + dy*dy; l2 > 0 {
			f = min(max(((p.x-a.x)*dx+(p.y-a.y)*dy)/l2, 0), 1)
		}
		q := point{a.x + f*dx, a.y + f*dy}
		if d := math.Hypot(p.x-q.x, p.y-q.y); d < bestD {
			best, bestD = q, d
		}
	}
	return best
}
