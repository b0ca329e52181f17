package diagram

import (
	"fmt"
	"strings"

	"github.com/glapp/glapp/journeys/gaps"
)

// The SVG is drawn in points: one user unit is 1/72 inch, and the width and height the
// SVG declares in millimetres keep that scale. A3 landscape is 1190.55 × 841.89 pt, and
// the card width is chosen so that a journey's stages fill that width; so printed on A3
// the map is at full size, the steps, lanes and stages are set in 12 pt and no text is
// smaller than 10.5 pt. The same sizes read as 12 px on a screen 1,280 px wide with the
// map fitted to its width. A journey with more stages than A3 holds at the smallest card
// width grows wider instead of shrinking its text.
const (
	a3Width = 1190.55

	margin      = 24.0
	titleSize   = 18.0
	subSize     = 10.5
	headerH     = 44.0 // title and subtitle
	colHeadH    = 34.0 // stage names, up to two lines
	stageSize   = 12.0
	laneHeadW   = 140.0
	laneSize    = 12.0
	sectorH     = 18.0
	sectorSize  = 11.0
	firstGap    = 22.0 // between the lane names and the first column
	gutter      = 56.0 // between columns: arrows and their markers run here
	minCardW    = 128.0
	maxCardW    = 210.0
	cardH       = 64.0 // the least height of a card
	cardPad     = 8.0
	titleFont   = 12.0
	titleLead   = 14.5
	titleLines  = 6    // a longer title is cut, its whole text in the card's <title>
	smallFont   = 10.5 // the smallest text anywhere: 10.5 pt at A3
	stackGap    = 18.0
	lanePadTop  = 14.0 // room for the markers on the cards' top edges
	lanePadBot  = 8.0
	loopRoom    = 10.0 // below the last lane, for loops that run underneath it
	markR       = 9.5  // radius of a finding marker with up to two digits
	markR3      = 11.5 // with three or more
	ringGap     = 2.5  // the second ring of a critical marker lies this far out
	pillH       = 15.0
	legendSize  = 11.0
	legendLead  = 14.0
	legendHeadF = 13.0
)

// point is a position in user units.
type point struct{ x, y float64 }

// rect is a box in user units.
type rect struct{ x, y, w, h float64 }

func (r rect) right() float64  { return r.x + r.w }
func (r rect) bottom() float64 { return r.y + r.h }
func (r rect) centre() point   { return point{r.x + r.w/2, r.y + r.h/2} }

// grow returns r made larger by d on every side.
func (r rect) grow(d float64) rect { return rect{r.x - d, r.y - d, r.w + 2*d, r.h + 2*d} }

// hitsCircle reports whether a circle of radius rad at c overlaps r.
func (r rect) hitsCircle(c point, rad float64) bool {
	nx := min(max(c.x, r.x), r.right())
	ny := min(max(c.y, r.y), r.bottom())
	return (c.x-nx)*(c.x-nx)+(c.y-ny)*(c.y-ny) < rad*rad
}

// geometry holds the positions the SVG draws at.
type geometry struct {
	width, height float64
	cardW         float64
	cardH         float64 // every card is as high as the one with the longest title
	markR         float64
	title         string // the journey's title, cut to fit one line
	subtitle      string
	headTop       float64 // top of the stage headers
	mapTop        float64 // top of the first sector band
	mapBottom     float64 // bottom of the last lane
	sipLabels     []rect  // one per joint-planning edge, by edge index; zero when none
	legend        legend
}

// place computes every position the SVG needs: lanes, columns, cards, arrows, markers
// and the legend. Mermaid and DOT do not call it.
func (l *layout) place() {
	g := &l.geometry
	nc := max(len(l.cols), 1)
	g.cardW = min(max((a3Width-2*margin-laneHeadW-firstGap)/float64(nc)-gutter, minCardW), maxCardW)
	g.width = 2*margin + laneHeadW + firstGap + float64(nc)*(g.cardW+gutter)
	g.markR = markR
	if len(l.marks) >= 100 {
		g.markR = markR3
	}
	g.title = fitLine(l.j.Title, g.width-2*margin-2*l.markStep(), titleSize, true)
	g.subtitle = fitLine(l.subtitleText(), g.width-2*margin, subSize, false)
	g.headTop = margin + headerH
	g.mapTop = g.headTop + colHeadH
	for c := range l.cols {
		l.cols[c].x = margin + laneHeadW + firstGap + float64(c)*(g.cardW+gutter)
	}
	lines := 1
	for i := range l.cards {
		c := &l.cards[i]
		c.lines = wrap(c.step.Title, g.cardW-2*cardPad, titleFont, false, titleLines)
		lines = max(lines, len(c.lines))
	}
	// The title's first baseline is 18 below the top; the last line keeps 22 free below
	// it for the channel, the emotion and the badges.
	g.cardH = max(cardH, 18+float64(lines-1)*titleLead+22)
	y := g.mapTop
	for gi := range l.groups {
		l.groups[gi].y = y
		y += sectorH
		for _, li := range l.groups[gi].lanes {
			ln := &l.lanes[li]
			ln.y = y
			ln.h = lanePadTop + float64(ln.rows)*g.cardH + float64(ln.rows-1)*stackGap + lanePadBot
			y += ln.h
		}
	}
	g.mapBottom = y
	for i := range l.cards {
		c := &l.cards[i]
		ln := &l.lanes[c.lane]
		c.rect = rect{l.cols[c.col].x, ln.y + lanePadTop + float64(c.row)*(g.cardH+stackGap), g.cardW, g.cardH}
	}
	l.route()
	l.placeMarks()
	l.placeLegend(g.mapBottom + loopRoom + 18)
	g.height = g.legend.bottom + margin
}

// subtitleText says what kind of journey this is, for whom, and how much it holds.
func (l *layout) subtitleText() string {
	parts := []string{labelOf(kindLabels, l.j.Kind, l.lang)}
	if l.j.TargetGroup != "" {
		parts = append(parts, say(wTargetGroup, l.lang)+": "+l.j.TargetGroup)
	}
	parts = append(parts, fmt.Sprintf("%d %s, %d %s", len(l.j.Steps), say(wSteps, l.lang), len(l.j.Handovers), say(wHandovers, l.lang)))
	if l.hasReport {
		parts = append(parts, l.findingCounts())
	}
	return strings.Join(parts, " · ")
}

// findingCounts says how many findings there are, by severity: "12 fynd: 4 Kritisk, …".
func (l *layout) findingCounts() string {
	if len(l.marks) == 0 {
		return say(wNoFindings, l.lang)
	}
	var bySev []string
	for i := len(gaps.Severities) - 1; i >= 0; i-- {
		sev := gaps.Severities[i]
		n := 0
		for _, m := range l.marks {
			if m.f.Severity == sev {
				n++
			}
		}
		if n > 0 {
			bySev = append(bySev, fmt.Sprintf("%d %s", n, strings.ToLower(sev.Label().In(l.lang))))
		}
	}
	return fmt.Sprintf("%d %s: %s", len(l.marks), strings.ToLower(say(wFindings, l.lang)), strings.Join(bySev, ", "))
}

// markStep is the distance between the centres of two stacked markers: wide enough for
// the second ring of critical ones.
func (l *layout) markStep() float64 { return 2*(l.markR+ringGap) + 2 }

// markRadius is the outer radius of mark m, its ring included.
func (l *layout) markRadius(m int) float64 {
	if l.marks[m].f.Severity == gaps.SeverityCritical {
		return l.markR + ringGap
	}
	return l.markR
}

// gutterX returns the left and right edge of the gutter to the right of column c.
func (l *layout) gutterX(c int) (float64, float64) {
	x := l.cols[c].x + l.cardW
	return x, x + gutter
}

// channelY returns the top and bottom of the free band between lane k-1 and lane k
// (k = 0 is above the first lane, k = len(lanes) below the last): from the lowest card
// above to the highest card below.
func (l *layout) channelY(k int) (float64, float64) {
	top := l.mapTop
	if k > 0 {
		ln := &l.lanes[k-1]
		top = ln.y + ln.h - lanePadBot
	}
	bottom := l.mapBottom + loopRoom
	if k < len(l.lanes) {
		bottom = l.lanes[k].y + lanePadTop
	}
	return top, bottom
}

// crisisPill returns the box of a crisis card's "Kris" badge, which sits on the card's
// top edge at the left.
func (l *layout) crisisPill(c *card) rect {
	w := textWidth(strings.ToUpper(say(wCrisis, l.lang)), smallFont, true) + 10
	return rect{c.x + cardPad, c.y - pillH/2, w, pillH}
}
