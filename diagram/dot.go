package diagram

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
)

// DOT writes j as a Graphviz digraph (rankdir=LR), for people who lay maps out with
// Graphviz: one cluster per sector holding one cluster per actor lane, in the SVG's
// order; the stages as ranks, so that dot draws them as columns; a node per step; an
// edge per hand-over with the SVG's line styles; r's findings as numbers after the
// labels of the elements they are about; and a legend node listing them. r may be nil.
func DOT(w io.Writer, j *journeys.Journey, actors map[string]journeys.Actor, r *gaps.JourneyReport, opt Options) error {
	d := &dot{doc{l: newLayout(j, actors, r, opt.lang())}}
	d.write()
	return d.flush(w)
}

// dot writes one graph. Step nodes are named by their ids, quoted; the stage and legend
// nodes get names no step id can take.
type dot struct{ doc }

// font is the font list the graph asks for; Graphviz takes the first it has.
const font = "Helvetica,Arial,sans-serif"

func (d *dot) write() {
	l := d.l
	names := newNamer()
	for i := range l.cards {
		names.used[l.cards[i].step.ID] = true
	}
	d.printf("digraph %s {\n", dotQuote(l.j.ID))
	d.printf("  graph [rankdir=LR, newrank=true, labelloc=t, labeljust=l, fontname=%s, fontsize=16, nodesep=0.35, ranksep=0.7, label=%s];\n",
		dotQuote(font), dotQuote(l.headline()+"\n"+l.subtitleText()))
	d.printf("  node [shape=box, style=\"rounded,filled\", fillcolor=\"#FFFFFF\", color=\"#6B7280\", fontcolor=%s, fontname=%s, fontsize=10];\n",
		dotQuote(inkColour), dotQuote(font))
	d.printf("  edge [color=%s, fontcolor=%s, fontname=%s, fontsize=9];\n", dotQuote(arrowColour), dotQuote(mutedColour), dotQuote(font))
	stages := d.stages(names)
	for _, g := range l.groups {
		d.printf("  subgraph %s {\n    label=%s; style=filled; color=%s; fillcolor=%s; fontsize=12;\n",
			dotQuote(names.name("cluster_", string(g.sector))), dotQuote(labelOf(sectorLabels, g.sector, l.lang)),
			dotQuote(sectorFills[g.sector]), dotQuote(sectorFills[g.sector]))
		for _, li := range g.lanes {
			a := &l.lanes[li].actor
			d.printf("    subgraph %s {\n      label=%s; style=filled; color=\"#9CA3AF\"; fillcolor=\"#FFFFFF\"; fontsize=11;\n",
				dotQuote(names.name("cluster_lane_", a.ID)), dotQuote(actorName(a)))
			for i := range l.cards {
				if l.cards[i].lane == li {
					d.node(i)
				}
			}
			d.printf("    }\n")
		}
		d.printf("  }\n")
	}
	for i := range l.edges {
		d.edge(i)
	}
	for c, id := range stages {
		d.printf("  { rank=same; %s;", dotQuote(id))
		for i := range l.cards {
			if l.cards[i].col == c {
				d.printf(" %s;", dotQuote(l.cards[i].step.ID))
			}
		}
		d.printf(" }\n")
	}
	d.legend(names)
	d.printf("}\n")
}

// stages writes a header node per stage, chained left to right by invisible edges, and
// returns their names; each stage's steps are then put on its header's rank.
func (d *dot) stages(names *namer) []string {
	l := d.l
	ids := make([]string, len(l.cols))
	for c := range l.cols {
		ids[c] = names.name("stage_", strconv.Itoa(c))
		d.printf("  %s [shape=plaintext, style=\"\", fontsize=12, label=%s];\n", dotQuote(ids[c]), dotQuote(l.stageName(c)))
	}
	if len(ids) > 1 {
		quoted := make([]string, len(ids))
		for k, id := range ids {
			quoted[k] = dotQuote(id)
		}
		d.printf("  %s [style=invis];\n", strings.Join(quoted, " -> "))
	}
	return ids
}

// node writes step i's node.
func (d *dot) node(i int) {
	l := d.l
	c := &l.cards[i]
	facts := l.cardFacts(i)
	if tags := l.tags(c.marks); tags != "" {
		facts += " " + tags
	}
	attrs := []string{
		"label=" + dotQuote(strings.Join(append(wrapChars(c.step.Title), facts), "\n")),
		"tooltip=" + dotQuote(l.stepTitle(i)),
	}
	if sev := l.worst(c.marks); sev != "" {
		attrs = append(attrs, "fillcolor="+dotQuote(severityTints[sev]))
	}
	switch {
	case c.step.Crisis:
		attrs = append(attrs, "color="+dotQuote(crisisColour), "penwidth=2.5")
	case c.step.Entry:
		attrs = append(attrs, "color="+dotQuote(inkColour), "penwidth=2")
	}
	if c.step.Terminal {
		attrs = append(attrs, "peripheries=2")
	}
	d.printf("      %s [%s];\n", dotQuote(c.step.ID), strings.Join(attrs, ", "))
}

// edge writes hand-over i's edge. An edge back to an earlier stage does not constrain
// the ranks, so that the stages stay in order as columns.
func (d *dot) edge(i int) {
	l := d.l
	e := &l.edges[i]
	k := lineOf(e.h.Type)
	label := labelOf(handoverLabels, e.h.Type, l.lang)
	if tags := l.tags(e.marks); tags != "" {
		label += " " + tags
	}
	attrs := []string{"label=" + dotQuote(label), "tooltip=" + dotQuote(l.handoverTitle(i))}
	if looks[k].dot != "" {
		attrs = append(attrs, looks[k].dot)
	}
	if sev := l.worst(e.marks); sev != "" {
		attrs = append(attrs, "color="+dotQuote(severityColours[sev]), "fontcolor="+dotQuote(severityColours[sev]))
	}
	if l.cards[e.to].col < l.cards[e.from].col {
		attrs = append(attrs, "constraint=false")
	}
	d.printf("  %s -> %s [%s];\n", dotQuote(l.cards[e.from].step.ID), dotQuote(l.cards[e.to].step.ID), strings.Join(attrs, ", "))
}

// legend writes the numbered findings as one note, left-justified, when there is a
// report.
func (d *dot) legend(names *namer) {
	l := d.l
	if !l.hasReport {
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%d)\\l", dotEscape(say(wFindings, l.lang)), len(l.marks))
	if len(l.marks) == 0 {
		b.WriteString(dotEscape(say(wNoFindings, l.lang)) + "\\l")
	}
	for _, ln := range l.legendLines() {
		for k, part := range wrap(ln, 640, smallFont, false, 0) {
			if k > 0 {
				b.WriteString("      ")
			}
			b.WriteString(dotEscape(part) + "\\l")
		}
	}
	d.printf("  %s [shape=note, fontsize=9, label=\"%s\"];\n", dotQuote(names.name("legend", "")), b.String())
}

// dotQuote writes s as a quoted DOT string. New lines in s become DOT's centred line
// breaks; every other backslash and quote is escaped, so that no input can end the
// string or smuggle in an escape sequence such as \N.
func dotQuote(s string) string { return `"` + dotEscape(s) + `"` }

func dotEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r < 0x20:
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
