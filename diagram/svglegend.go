package diagram

import (
	"fmt"
	"strconv"
)

// legend writes the key to the symbols and the numbered findings below the map.
func (s *svg) legend() {
	l := s.l
	lg := &l.legend
	s.printf(`<g class="legend">` + "\n")
	s.printf(`<text class="head" x="%s" y="%s">%s</text>`+"\n", num(margin), num(lg.keyHead), esc(say(wKey, l.lang)))
	for i := range lg.key {
		s.keyItem(&lg.key[i])
	}
	if lg.findHead > 0 {
		head := fmt.Sprintf("%s (%d)", say(wFindings, l.lang), len(l.marks))
		s.printf(`<text class="head" x="%s" y="%s">%s</text>`+"\n", num(margin), num(lg.findHead), esc(head))
		if len(l.marks) == 0 {
			s.printf(`<text x="%s" y="%s">%s</text>`+"\n", num(margin), num(lg.findHead+8+legendLead), esc(say(wNoFindings, l.lang)))
		}
	}
	for i := range lg.entries {
		s.entry(&lg.entries[i])
	}
	s.printf("</g>\n")
}

// keyItem writes one symbol of the key and its meaning.
func (s *svg) keyItem(it *keyItem) {
	l := s.l
	x, y := it.at.x, it.at.y
	s.printf(`<g class="key">`)
	switch it.kind {
	case keyLine:
		s.printf(`<path class="ln %s" d="M%s,%s H%s" marker-end="url(#%s)"/>`,
			looks[it.line].class, num(x), num(y-3.5), num(x+l.symbolWidth(it)), looks[it.line].head)
	case keyCrisis, keyEntry, keyTerminal:
		s.pill(it.kind, x, y-10)
	case keyEmotion:
		s.emotion(-2, x, y)
	case keySeverity:
		r := l.markR + ringGap
		s.printf(`<g class="sev-%s">`, it.sev)
		s.dot(point{x + r, y - 3.5}, it.sev, "")
		s.printf("</g>")
	}
	s.printf(`<text x="%s" y="%s">%s</text></g>`+"\n", num(x+l.symbolWidth(it)+6), num(y), esc(it.label))
}

// entry writes one numbered finding of the legend.
func (s *svg) entry(e *entry) {
	m := &s.l.marks[e.mark]
	s.printf(`<g class="legend-entry sev-%s" data-finding="%d">`, m.f.Severity, m.n)
	s.dot(e.at, m.f.Severity, strconv.Itoa(m.n))
	s.printf(`<text><tspan class="entry-head" x="%s" y="%s">%s</tspan>`, num(e.textX), num(e.y), esc(e.head))
	for k, ln := range e.lines {
		s.printf(`<tspan x="%s" y="%s">%s</tspan>`, num(e.textX), num(e.y+float64(k+1)*legendLead), esc(ln))
	}
	s.printf("</text></g>\n")
}
