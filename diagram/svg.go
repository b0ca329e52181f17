package diagram

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
)

// SVG writes j as a swimlane map in SVG, with r's findings as numbered markers (r may be
// nil: then there are none). The drawing is sized for A3 landscape (see geometry.go);
// its text stays text, so that it can be searched, selected and read aloud; and every
// step, hand-over and finding carries a data-step, data-handover or data-finding
// attribute and CSS classes, for a web page to style and to hook clicks onto.
func SVG(w io.Writer, j *journeys.Journey, actors map[string]journeys.Actor, r *gaps.JourneyReport, opt Options) error {
	if len(j.Steps)+len(j.Handovers) > MaxSVGElements {
		return fmt.Errorf("%w: %d steps and hand-overs, at most %d", ErrTooLarge, len(j.Steps)+len(j.Handovers), MaxSVGElements)
	}
	s := &svg{doc{l: newLayout(j, actors, r, opt.lang())}}
	s.l.ctx = opt.Context
	if err := s.l.placeUntil(); err != nil {
		return err
	}
	s.document()
	return s.flush(w)
}

// placeUntil runs place, and returns the context's error if it stopped the layout.
func (l *layout) placeUntil() (err error) {
	defer func() {
		if p := recover(); p != nil {
			st, ok := p.(stop)
			if !ok {
				panic(p)
			}
			err = st.err
		}
	}()
	if l.ctx != nil {
		if err := l.ctx.Err(); err != nil {
			return err
		}
	}
	l.place()
	return nil
}

// svg writes one drawing.
type svg struct{ doc }

// document writes the whole drawing, back to front: lanes, cards, arrows (on top of the
// cards they touch, so that no arrow head hides), markers, legend.
func (s *svg) document() {
	l := s.l
	mm := 25.4 / 72
	s.printf(`<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="%smm" height="%smm" viewBox="0 0 %s %s" role="graphics-document document" aria-labelledby="gd-title gd-desc" xml:lang="%s" class="glapp-journey" data-journey="%s">`+"\n",
		num(l.width*mm), num(l.height*mm), num(l.width), num(l.height), l.lang, attr(l.j.ID))
	s.printf("<title id=\"gd-title\">%s</title>\n", esc(l.j.Title))
	s.printf("<desc id=\"gd-desc\">%s</desc>\n", esc(say(wSwimlane, l.lang)+". "+l.subtitleText()+"."))
	s.printf("<style>\n%s</style>\n", css())
	s.defs()
	s.printf(`<rect class="bg" x="0" y="0" width="%s" height="%s"/>`+"\n", num(l.width), num(l.height))
	s.header()
	s.lanes()
	for i := range l.cards {
		s.card(i)
	}
	for i := range l.edges {
		s.edge(i)
	}
	for i := range l.clusters {
		s.cluster(i)
	}
	s.legend()
	s.printf("</svg>\n")
}

// defs writes the arrow heads, one per line colour.
func (s *svg) defs() {
	s.printf("<defs>\n")
	for _, k := range []line{lineSolid, lineJoint, lineThin} {
		lk := &looks[k]
		s.arrowHead(lk.head, lk.size, lk.colour)
	}
	for _, sev := range gaps.Severities {
		s.arrowHead(sevHead(sev), sevLines[sev].head, severityColours[sev])
	}
	s.printf("</defs>\n")
}

// arrowHead writes one arrow head.
func (s *svg) arrowHead(id string, size float64, colour string) {
	s.printf(`<marker id="%s" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="%s" markerHeight="%s" orient="auto"><path d="M0,0.5 L10,5 L0,9.5 z" fill="%s"/></marker>`+"\n",
		id, num(size), num(size), colour)
}

// sevHead is the id of the arrow head of a hand-over whose worst finding is sev.
func sevHead(sev gaps.Severity) string { return "gd-head-" + string(sev) }

// header writes the title, the subtitle and the stage headers.
func (s *svg) header() {
	l := s.l
	s.printf(`<text class="jtitle" x="%s" y="%s">%s</text>`+"\n", num(margin), num(margin+titleSize), esc(l.title))
	s.printf(`<text class="jsub" x="%s" y="%s">%s</text>`+"\n", num(margin), num(margin+titleSize+16), esc(l.subtitle))
	for c := range l.cols {
		x := l.cols[c].x
		id := ""
		if st := l.cols[c].stage; st != nil {
			id = fmt.Sprintf(` data-stage="%s"`, attr(st.ID))
		}
		s.printf(`<g class="stage"%s><rect x="%s" y="%s" width="%s" height="%s" rx="4"/>`,
			id, num(x-8), num(l.headTop), num(l.cardW+16), num(colHeadH-4))
		lines := wrap(l.stageName(c), l.cardW+8, stageSize, true, 2)
		top := l.headTop + (colHeadH-4-float64(len(lines))*14)/2 + 11
		s.printf("<title>%s</title>", esc(l.stageName(c)))
		s.tspans(x+l.cardW/2, top, 14, lines, "")
		s.printf("</g>\n")
	}
}

// tspans writes lines as one text element, one tspan a line.
func (s *svg) tspans(x, y, lead float64, lines []string, class string) {
	if class != "" {
		class = fmt.Sprintf(` class="%s"`, class)
	}
	s.printf("<text%s>", class)
	for i, ln := range lines {
		s.printf(`<tspan x="%s" y="%s">%s</tspan>`, num(x), num(y+float64(i)*lead), esc(ln))
	}
	s.printf("</text>")
}

// lanes writes the sector bands and the lanes with their actors' names.
func (s *svg) lanes() {
	l := s.l
	w := l.width - 2*margin
	for _, g := range l.groups {
		s.printf(`<g class="sector %s" data-sector="%s"><rect x="%s" y="%s" width="%s" height="%s"/><text x="%s" y="%s">%s</text></g>`+"\n",
			sectorClass(g.sector), attr(string(g.sector)), num(margin), num(g.y), num(w), num(sectorH),
			num(margin+8), num(g.y+13.5), esc(strings.ToUpper(labelOf(sectorLabels, g.sector, l.lang))))
		for _, li := range g.lanes {
			ln := &l.lanes[li]
			class := "lane"
			if li%2 == 1 {
				class += " alt"
			}
			s.printf(`<g class="%s" data-actor="%s"><title>%s</title><rect x="%s" y="%s" width="%s" height="%s"/>`,
				class, attr(ln.actor.ID), esc(actorName(&ln.actor)), num(margin), num(ln.y), num(w), num(ln.h))
			maxLines := max(int((ln.h-8)/14.5), 1)
			lines := wrap(actorName(&ln.actor), laneHeadW-16, laneSize, true, maxLines)
			s.tspans(margin+8, ln.y+(ln.h-float64(len(lines))*14.5)/2+11, 14.5, lines, "")
			s.printf("</g>\n")
		}
	}
}

// card writes step i's card.
func (s *svg) card(i int) {
	l, c := s.l, &s.l.cards[i]
	st := c.step
	class := "step"
	for _, f := range []struct {
		on   bool
		name string
	}{{st.Crisis, "crisis"}, {st.Entry, "entry"}, {st.Terminal, "terminal"}} {
		if f.on {
			class += " " + f.name
		}
	}
	if sev := l.worst(c.marks); sev != "" {
		class += " has-finding worst-" + string(sev)
	}
	s.printf(`<g class="%s" data-step="%s"><title>%s</title>`, class, attr(st.ID), esc(l.stepTitle(i)))
	s.printf(`<rect class="card" x="%s" y="%s" width="%s" height="%s" rx="5"/>`, num(c.x), num(c.y), num(c.w), num(c.h))
	s.tspans(c.x+cardPad, c.y+18, titleLead, c.lines, "title")
	base := c.bottom() - 7
	right := c.right() - cardPad
	for _, p := range []struct {
		on   bool
		kind keyKind
	}{{st.Terminal, keyTerminal}, {st.Entry, keyEntry}} {
		if p.on {
			w := l.pillWidth(pillText(p.kind, l.lang))
			s.pill(p.kind, right-w, base-10)
			right -= w + 4
		}
	}
	if st.Emotion != nil {
		w := emotionWidth(*st.Emotion)
		s.emotion(*st.Emotion, right-w, base)
		right -= w + 6
	}
	if st.Channel != "" {
		label := fitLine(labelOf(channelLabels, st.Channel, l.lang), right-c.x-cardPad, smallFont, false)
		s.printf(`<text class="channel" x="%s" y="%s">%s</text>`, num(c.x+cardPad), num(base), esc(label))
	}
	if st.Crisis {
		p := l.crisisPill(c)
		s.pill(keyCrisis, p.x, p.y)
	}
	s.printf("</g>\n")
}

// pill writes a badge (crisis, entry, end) with its top left corner at x, y.
func (s *svg) pill(k keyKind, x, y float64) {
	text := pillText(k, s.l.lang)
	w := s.l.pillWidth(text)
	class := map[keyKind]string{keyCrisis: "pill-crisis", keyEntry: "pill-entry", keyTerminal: "pill-terminal"}[k]
	s.printf(`<g class="pill %s"><rect x="%s" y="%s" width="%s" height="%s" rx="%s"/><text x="%s" y="%s">%s</text></g>`,
		class, num(x), num(y), num(w), num(pillH), num(pillH/2), num(x+w/2), num(y+11.2), esc(text))
}

// emotion writes an emotion as a coloured dot and its signed value, from x on baseline y.
func (s *svg) emotion(e int, x, y float64) {
	class := "emo-zero"
	switch {
	case e < 0:
		class = "emo-neg"
	case e > 0:
		class = "emo-pos"
	}
	s.printf(`<g class="emotion"><circle class="%s" cx="%s" cy="%s" r="3.5"/><text x="%s" y="%s">%s</text></g>`,
		class, num(x+3.5), num(y-3.2), num(x+9), num(y), esc(emotionText(e)))
}

// edge writes hand-over i's arrow, with a wide invisible copy that is easy to click.
func (s *svg) edge(i int) {
	l, e := s.l, &s.l.edges[i]
	k := lineOf(e.h.Type)
	class := "handover type-" + strings.ReplaceAll(string(e.h.Type), "_", "-")
	head := looks[k].head
	// A hand-over with findings is drawn in the colour of the worst, heavier the worse
	// it is (style.go), so that the lines that fail stand out before any marker is read.
	if sev := l.worst(e.marks); sev != "" {
		class += " has-finding worst-" + string(sev)
		head = sevHead(sev)
	}
	d := pathData(e.route)
	s.printf(`<g class="%s" data-handover="%s"><title>%s</title><path class="hit" d="%s"/><path class="ln %s" d="%s" marker-end="url(#%s)"/>`,
		class, attr(e.h.ID), esc(l.handoverTitle(i)), d, looks[k].class, d, head)
	if r := l.sipLabels[i]; r.w > 0 {
		s.printf(`<g class="sip"><rect x="%s" y="%s" width="%s" height="%s" rx="3"/><text x="%s" y="%s">%s</text></g>`,
			num(r.x), num(r.y), num(r.w), num(r.h), num(r.x+r.w/2), num(r.y+11.2), esc(say(wSIP, l.lang)))
	}
	s.printf("</g>\n")
}

// cornerR is the radius of an arrow's rounded corners.
const cornerR = 8.0

// pathData returns the SVG path through pts with rounded corners.
func pathData(pts []point) string {
	var b strings.Builder
	fmt.Fprintf(&b, "M%s,%s", num(pts[0].x), num(pts[0].y))
	for i := 1; i < len(pts)-1; i++ {
		prev, cur, next := pts[i-1], pts[i], pts[i+1]
		din, dout := math.Hypot(cur.x-prev.x, cur.y-prev.y), math.Hypot(next.x-cur.x, next.y-cur.y)
		r := min(cornerR, din/2, dout/2)
		if r < 0.5 {
			fmt.Fprintf(&b, " L%s,%s", num(cur.x), num(cur.y))
			continue
		}
		a := point{cur.x - (cur.x-prev.x)/din*r, cur.y - (cur.y-prev.y)/din*r}
		c := point{cur.x + (next.x-cur.x)/dout*r, cur.y + (next.y-cur.y)/dout*r}
		fmt.Fprintf(&b, " L%s,%s Q%s,%s %s,%s", num(a.x), num(a.y), num(cur.x), num(cur.y), num(c.x), num(c.y))
	}
	last := pts[len(pts)-1]
	fmt.Fprintf(&b, " L%s,%s", num(last.x), num(last.y))
	return b.String()
}

// cluster writes cluster i: its marker with the number of findings, and the box of their
// numbered markers that opens on hover and focus (style.go), each with its full title.
func (s *svg) cluster(i int) {
	l, k := s.l, &s.l.clusters[i]
	on := l.j.ID
	switch k.on {
	case onStep:
		on = l.cards[k.index].step.ID
	case onHandover:
		on = l.edges[k.index].h.ID
	}
	worst := l.worst(k.marks)
	s.printf(`<g class="cluster sev-%s" data-on="%s" data-count="%d">`, worst, attr(on), len(k.marks))
	if p := k.leader; p != nil {
		s.printf(`<line class="leader" x1="%s" y1="%s" x2="%s" y2="%s"/>`, num(p.x), num(p.y), num(k.at.x), num(k.at.y))
	}
	s.printf(`<g class="sum"><title>%s</title>`, esc(l.clusterTitle(i)))
	s.dot(k.at, worst, strconv.Itoa(len(k.marks)))
	s.printf("</g>\n")
	b := k.open
	s.printf(`<g class="members"><rect class="members-bg" x="%s" y="%s" width="%s" height="%s" rx="4"/>`, num(b.x), num(b.y), num(b.w), num(b.h))
	for _, m := range k.marks {
		mk := &l.marks[m]
		s.printf(`<g class="finding sev-%s" data-finding="%d" data-rule="%s" data-on="%s"><title>%s</title>`,
			mk.f.Severity, mk.n, attr(string(mk.f.Rule)), attr(on), esc(l.markTitle(m)))
		s.dot(mk.at, mk.f.Severity, strconv.Itoa(mk.n))
		s.printf("</g>")
	}
	s.printf("</g></g>\n")
}

// dot writes a marker's circle (with the second ring of a critical one) and its text.
func (s *svg) dot(c point, sev gaps.Severity, text string) {
	if sev == gaps.SeverityCritical {
		s.printf(`<circle class="ring" cx="%s" cy="%s" r="%s"/>`, num(c.x), num(c.y), num(s.l.markR+ringGap))
	}
	s.printf(`<circle class="dot" cx="%s" cy="%s" r="%s"/>`, num(c.x), num(c.y), num(s.l.markR))
	if text != "" {
		s.printf(`<text class="num" x="%s" y="%s">%s</text>`, num(c.x), num(c.y+4), esc(text))
	}
}

// num formats a coordinate with at most two decimals, the same way on every machine.
func num(f float64) string {
	f = math.Round(f*100) / 100
	if f == 0 {
		f = 0 // no "-0"
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}
