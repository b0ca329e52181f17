package diagram

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/glapp/glapp/journeys/gaps"
)

// Helpers the two text formats, Mermaid and DOT, share: they say the same things in
// different syntaxes.

// severityTints are light fills for the elements findings are about, in the text
// formats, where a node cannot carry a marker: dark text on them keeps its contrast.
var severityTints = map[gaps.Severity]string{
	gaps.SeverityCritical: "#FDE2E2",
	gaps.SeverityHigh:     "#FFEDD5",
	gaps.SeverityMedium:   "#DBEAFE",
	gaps.SeverityLow:      "#E5E7EB",
}

// tags returns the numbers of the given marks as the text formats append them to a
// label: "[1][4]".
func (l *layout) tags(marks []int) string {
	var b strings.Builder
	for _, m := range marks {
		fmt.Fprintf(&b, "[%d]", l.marks[m].n)
	}
	return b.String()
}

// cardFacts returns the short facts a text format shows under a step's title: stage,
// channel and the entry, end and crisis badges.
func (l *layout) cardFacts(i int) string {
	c := &l.cards[i]
	facts := []string{l.stageName(c.col)}
	if c.step.Channel != "" {
		facts = append(facts, labelOf(channelLabels, c.step.Channel, l.lang))
	}
	for _, f := range []struct {
		on bool
		w  word
	}{{c.step.Entry, wEntry}, {c.step.Terminal, wTerminal}, {c.step.Crisis, wCrisis}} {
		if f.on {
			facts = append(facts, say(f.w, l.lang))
		}
	}
	return strings.Join(facts, " · ")
}

// legendLines returns the numbered findings as the text formats list them, one line each:
// "[1] Kritisk · Bollas runt: explanation".
func (l *layout) legendLines() []string {
	lines := make([]string, len(l.marks))
	for i := range l.marks {
		m := &l.marks[i]
		lines[i] = fmt.Sprintf("[%d] %s · %s: %s", m.n, m.f.Severity.Label().In(l.lang), m.f.Rule.Label().In(l.lang), oneLine(m.f.Explanation.In(l.lang)))
	}
	return lines
}

// headline returns the journey's title with the numbers of the findings about the whole
// journey after it.
func (l *layout) headline() string {
	t := oneLine(l.j.Title)
	if tags := l.tags(l.journeyMarks); tags != "" {
		t += " " + tags
	}
	return t
}

// namer makes identifiers that the text formats accept out of element ids, which may
// hold any character: letters, digits and underscores only, with a prefix that keeps
// the kinds of element apart, and a counter where two ids would come out the same.
type namer struct{ used map[string]bool }

func newNamer() *namer { return &namer{used: map[string]bool{}} }

// name returns a fresh identifier for raw, with the given prefix.
func (n *namer) name(prefix, raw string) string {
	var b strings.Builder
	b.WriteString(prefix)
	for _, r := range raw {
		if r < 128 && (r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	id := b.String()
	for k := 2; n.used[id]; k++ {
		id = b.String() + "_" + strconv.Itoa(k)
	}
	n.used[id] = true
	return id
}

// wrapChars wraps s for a text format, whose own renderer does not wrap: lines of about
// the width of a card.
func wrapChars(s string) []string { return wrap(oneLine(s), 170, titleFont, false, 0) }
