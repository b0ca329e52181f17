package diagram

import (
	"fmt"
	"io"
	"strings"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
)

// Mermaid writes j as a Mermaid flowchart (flowchart LR), for people who paste the map
// into a wiki or an issue: one subgraph per sector holding one subgraph per actor lane,
// in the SVG's order; a node per step; an edge per hand-over, labelled with its type and
// drawn dotted for self-navigation and thick for joint planning; and r's findings as
// numbers after the labels of the elements they are about ("[1][4]"), listed in %%
// comments. r may be nil. Mermaid lays the chart out itself, so the stages are named in
// the nodes rather than drawn as columns.
func Mermaid(w io.Writer, j *journeys.Journey, actors map[string]journeys.Actor, r *gaps.JourneyReport, opt Options) error {
	m := &mermaid{doc: doc{l: newLayout(j, actors, r, opt.lang())}}
	m.write()
	return m.flush(w)
}

// mermaid writes one chart.
type mermaid struct {
	doc
	ids []string // node id of each card
}

func (m *mermaid) write() {
	l := m.l
	names := newNamer()
	m.ids = make([]string, len(l.cards))
	for i := range l.cards {
		m.ids[i] = names.name("s_", l.cards[i].step.ID)
	}
	m.printf("---\ntitle: %s\n---\nflowchart LR\n", yamlQuote(defuse(l.headline())))
	m.printf("%%%% %s\n", defuse(say(wSwimlane, l.lang)+". "+l.subtitleText()))
	if l.hasReport {
		m.printf("%%%% %s (%d):\n", say(wFindings, l.lang), len(l.marks))
		for _, ln := range l.legendLines() {
			m.printf("%%%% %s\n", defuse(ln))
		}
	}
	for _, g := range l.groups {
		m.printf("  subgraph %s[\"%s\"]\n", names.name("sector_", string(g.sector)), mermaidText(labelOf(sectorLabels, g.sector, l.lang)))
		for _, li := range g.lanes {
			a := &l.lanes[li].actor
			m.printf("    subgraph %s[\"%s\"]\n", names.name("lane_", a.ID), mermaidText(actorName(a)))
			for i := range l.cards {
				if l.cards[i].lane == li {
					m.printf("      %s[\"%s\"]\n", m.ids[i], m.nodeLabel(i))
				}
			}
			m.printf("    end\n")
		}
		m.printf("  end\n")
	}
	for i := range l.edges {
		e := &l.edges[i]
		label := labelOf(handoverLabels, e.h.Type, l.lang)
		if tags := l.tags(e.marks); tags != "" {
			label += " " + tags
		}
		m.printf("  %s %s|\"%s\"| %s\n", m.ids[e.from], looks[lineOf(e.h.Type)].mermaid, mermaidText(label), m.ids[e.to])
	}
	m.styles()
}

// nodeLabel is a step's label: its title over a few lines, then its facts and finding
// numbers.
func (m *mermaid) nodeLabel(i int) string {
	l := m.l
	lines := wrapChars(l.cards[i].step.Title)
	facts := l.cardFacts(i)
	if tags := l.tags(l.cards[i].marks); tags != "" {
		facts += " " + tags
	}
	for k := range lines {
		lines[k] = mermaidText(lines[k])
	}
	return strings.Join(append(lines, mermaidText(facts)), "<br/>")
}

// styles writes the class definitions, the classes of the nodes, and the styles of the
// links that are not drawn as Mermaid draws them by default.
func (m *mermaid) styles() {
	l := m.l
	m.printf("  classDef step fill:#FFFFFF,stroke:#6B7280,color:%s\n", inkColour)
	m.printf("  classDef entry stroke:%s,stroke-width:2px\n", inkColour)
	m.printf("  classDef terminal stroke:%s,stroke-width:2px,stroke-dasharray:4 2\n", inkColour)
	m.printf("  classDef crisis stroke:%s,stroke-width:3px\n", crisisColour)
	for i := len(gaps.Severities) - 1; i >= 0; i-- {
		sev := gaps.Severities[i]
		m.printf("  classDef %s fill:%s,color:%s\n", mermaidSevClass(sev), severityTints[sev], inkColour)
	}
	for _, class := range []struct {
		name string
		has  func(c *card) bool
	}{
		{"step", func(*card) bool { return true }},
		{mermaidSevClass(gaps.SeverityCritical), func(c *card) bool { return l.worst(c.marks) == gaps.SeverityCritical }},
		{mermaidSevClass(gaps.SeverityHigh), func(c *card) bool { return l.worst(c.marks) == gaps.SeverityHigh }},
		{mermaidSevClass(gaps.SeverityMedium), func(c *card) bool { return l.worst(c.marks) == gaps.SeverityMedium }},
		{mermaidSevClass(gaps.SeverityLow), func(c *card) bool { return l.worst(c.marks) == gaps.SeverityLow }},
		{"entry", func(c *card) bool { return c.step.Entry }},
		{"terminal", func(c *card) bool { return c.step.Terminal }},
		{"crisis", func(c *card) bool { return c.step.Crisis }},
	} {
		var ids []string
		for i := range l.cards {
			if class.has(&l.cards[i]) {
				ids = append(ids, m.ids[i])
			}
		}
		if len(ids) > 0 {
			m.printf("  class %s %s\n", strings.Join(ids, ","), class.name)
		}
	}
	for i := range l.edges {
		if style := l.edgeStyle(i); style != "" {
			m.printf("  linkStyle %d %s\n", i, style)
		}
	}
}

// edgeStyle returns the CSS a Mermaid link needs beyond its arrow syntax: the colour of
// its worst finding, the green of joint planning, the thinner line of an internal step.
func (l *layout) edgeStyle(i int) string {
	e := &l.edges[i]
	k := lineOf(e.h.Type)
	var parts []string
	if sev := l.worst(e.marks); sev != "" {
		parts = append(parts, "stroke:"+severityColours[sev])
	} else if k == lineJoint || k == lineThin {
		parts = append(parts, "stroke:"+looks[k].colour)
	}
	if k == lineThin {
		parts = append(parts, "stroke-width:1px")
	}
	return strings.Join(parts, ",")
}

// mermaidSevClass is the class of nodes whose worst finding has severity sev.
func mermaidSevClass(sev gaps.Severity) string {
	return "sev" + strings.ToUpper(string(sev[:1])) + string(sev[1:])
}

// mermaidText escapes s for a quoted Mermaid label. Mermaid reads #name; and #123; as
// entity codes and draws labels as HTML, so every character that could end the string,
// start markup or an entity is written as an entity code.
func mermaidText(s string) string {
	var b strings.Builder
	for _, r := range oneLine(s) {
		switch r {
		case '"':
			b.WriteString("#quot;")
		case '#', '&', '<', '>', '`', '|', '%':
			fmt.Fprintf(&b, "#%d;", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// defuse makes user text safe for a %% comment: one line, and no %% in it, which
// Mermaid would read as the start of a directive wherever it stands.
func defuse(s string) string {
	s = oneLine(s)
	for strings.Contains(s, "%%") {
		s = strings.ReplaceAll(s, "%%", "% %")
	}
	return s
}

// yamlQuote writes s as a double-quoted YAML scalar, for Mermaid's front matter.
func yamlQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20:
			fmt.Fprintf(&b, "\\x%02x", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
