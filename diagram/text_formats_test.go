package diagram

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
)

// textCase is a journey the Mermaid and DOT tests run on, with its actors.
type textCase struct {
	j      *journeys.Journey
	actors map[string]journeys.Actor
}

// textCases returns the demo journeys, the hostile journey and the loops.
func textCases(t *testing.T) []textCase {
	t.Helper()
	js, actors := demoJourneys(t)
	var cases []textCase
	for i := range js {
		cases = append(cases, textCase{&js[i], actors})
	}
	for _, f := range []func() (*journeys.Journey, map[string]journeys.Actor){hostileJourney, loopJourney} {
		j, a := f()
		cases = append(cases, textCase{j, a})
	}
	return cases
}

// The shapes every line of a Mermaid chart must have; anything else would be a line
// that user text broke out of its quotes.
var mermaidLine = regexp.MustCompile(`^(` +
	`---|title: "([^"\\]|\\.)*"|flowchart LR|%% [^\n]*|` +
	` *subgraph \w+\["[^"]*"\]| *end|` +
	` *s_\w+\["[^"]*"\]|` +
	` *s_\w+ (-->|-\.->|==>)\|"[^"|]*"\| s_\w+|` +
	` *classDef \w+ [^"]*| *class [\w,]+ \w+| *linkStyle \d+ [^"]*` +
	`)$`)

func TestMermaid(t *testing.T) {
	for _, c := range textCases(t) {
		r := analyze(c.j, c.actors)
		for _, lang := range []string{"sv", "en"} {
			out := string(render(t, Mermaid, c.j, c.actors, r, lang))
			l := newLayout(c.j, c.actors, r, lang)
			checkMermaid(t, c.j, l, r, out)
		}
	}
}

func checkMermaid(t *testing.T, j *journeys.Journey, l *layout, r *gaps.JourneyReport, out string) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	count := map[string]int{}
	var body []string // the lines that draw, not the comments
	for _, ln := range lines {
		if !mermaidLine.MatchString(ln) {
			t.Errorf("%s: line %q is not a Mermaid statement this package writes", j.ID, ln)
		}
		f := strings.Fields(ln)
		if len(f) > 0 {
			count[f[0]]++
		}
		if !strings.HasPrefix(ln, "%%") {
			body = append(body, ln)
		}
	}
	if count["subgraph"] != len(l.groups)+len(l.lanes) || count["end"] != count["subgraph"] {
		t.Errorf("%s: %d subgraphs and %d ends; want one per sector and lane, %d", j.ID, count["subgraph"], count["end"], len(l.groups)+len(l.lanes))
	}
	arrows := map[line]string{lineSolid: " -->", lineThin: " -->", lineDashed: " -.->", lineJoint: " ==>"}
	edges := 0
	for _, ln := range body {
		if regexp.MustCompile(` (-->|-\.->|==>)\|"`).MatchString(ln) {
			edges++
		}
	}
	if edges != len(l.edges) {
		t.Errorf("%s: %d edges; want %d", j.ID, edges, len(l.edges))
	}
	for i := range l.edges {
		h := l.edges[i].h
		want := arrows[lineOf(h.Type)] + "|\"" + mermaidText(labelOf(handoverLabels, h.Type, l.lang))
		if !strings.Contains(out, want) {
			t.Errorf("%s: no edge %q for %s", j.ID, want, h.ID)
		}
	}
	all := strings.Join(body, "\n")
	for i := range l.marks {
		if n := strings.Count(all, fmt.Sprintf("[%d]", i+1)); n != 1 {
			t.Errorf("%s: finding %d is tagged %d times; want once", j.ID, i+1, n)
		}
		if !strings.Contains(out, defuse(r.Findings[i].Explanation.In(l.lang))) {
			t.Errorf("%s: the comment legend lacks finding %d's explanation", j.ID, i+1)
		}
	}
	for i := range l.cards {
		if l.cards[i].step.Crisis && !regexp.MustCompile(`(?m)^  class [\w,]+ crisis$`).MatchString(out) {
			t.Errorf("%s: no crisis class", j.ID)
		}
	}
}

func TestMermaid_Escaping(t *testing.T) {
	j, actors := hostileJourney()
	j.Title += " %%{init: {'theme': 'dark'}}%%"
	out := string(render(t, Mermaid, j, actors, analyze(j, actors), "sv"))
	if strings.Contains(out, "%%{") {
		t.Error("user text can open a Mermaid directive")
	}
	if strings.ContainsAny(out, "\x00\x01") {
		t.Error("control characters reached the chart")
	}
	for _, ln := range strings.Split(out, "\n") {
		if strings.HasPrefix(ln, "%%") || strings.HasPrefix(ln, "title:") {
			continue // comments and the title are not read as HTML
		}
		for _, bad := range []string{"<b>", "<script", "&amp;"} {
			if strings.Contains(ln, bad) {
				t.Errorf("line %q holds %q unescaped", ln, bad)
			}
		}
	}
	for _, want := range []string{"#60;b#62;#quot;Tom #38; Jerry's#quot;", `s_s_1_["`, `s_s_2["`, `s_s_2_2["`} {
		if !strings.Contains(out, want) {
			t.Errorf("the chart lacks %q", want)
		}
	}
}

func TestDOT(t *testing.T) {
	for _, c := range textCases(t) {
		r := analyze(c.j, c.actors)
		out := string(render(t, DOT, c.j, c.actors, r, "en"))
		l := newLayout(c.j, c.actors, r, "en")
		checkDOTSyntax(t, c.j.ID, out)
		if !strings.HasPrefix(out, "digraph ") || !strings.Contains(out, "rankdir=LR") {
			t.Errorf("%s: not a left-to-right digraph", c.j.ID)
		}
		if n := strings.Count(out, `subgraph "cluster_`); n != len(l.groups)+len(l.lanes) {
			t.Errorf("%s: %d clusters; want one per sector and lane, %d", c.j.ID, n, len(l.groups)+len(l.lanes))
		}
		for i := range l.edges {
			e := &l.edges[i]
			if !strings.Contains(out, dotQuote(e.h.From)+" -> "+dotQuote(e.h.To)+` [label="`+dotEscape(labelOf(handoverLabels, e.h.Type, "en"))) {
				t.Errorf("%s: no edge for %s", c.j.ID, e.h.ID)
			}
		}
		for i := range l.marks {
			if !strings.Contains(out, fmt.Sprintf("[%d]", i+1)) {
				t.Errorf("%s: finding %d is not tagged", c.j.ID, i+1)
			}
		}
		if !strings.Contains(out, "shape=note") {
			t.Errorf("%s: no legend", c.j.ID)
		}
	}
}

// checkDOTSyntax checks that every string in out is closed and that braces and brackets
// balance outside strings: what a label that escaped its quotes would break.
func checkDOTSyntax(t *testing.T, name, out string) {
	t.Helper()
	braces, brackets := 0, 0
	inString, escaped := false, false
	for _, r := range out {
		switch {
		case escaped:
			escaped = false
		case inString && r == '\\':
			escaped = true
		case r == '"':
			inString = !inString
		case inString && r == '\n':
			t.Errorf("%s: a string runs over a line end", name)
		case inString:
		case r == '{':
			braces++
		case r == '}':
			braces--
		case r == '[':
			brackets++
		case r == ']':
			brackets--
		}
	}
	if inString || braces != 0 || brackets != 0 {
		t.Errorf("%s: unbalanced DOT (in a string at the end %v, braces %d, brackets %d)", name, inString, braces, brackets)
	}
}

func TestDOT_Escaping(t *testing.T) {
	j, actors := hostileJourney()
	out := string(render(t, DOT, j, actors, analyze(j, actors), "sv"))
	checkDOTSyntax(t, j.ID, out)
	if !strings.Contains(out, `\\N \\\"`) {
		t.Error(`the backslashes of \N and \" in user text are not escaped`)
	}
	if strings.Contains(out, "\x00") || strings.Contains(out, "\x01") {
		t.Error("control characters reached the graph")
	}
}

func TestLang(t *testing.T) {
	js, actors := demoJourneys(t)
	j := &js[0]
	sv := render(t, SVG, j, actors, nil, "sv")
	for _, lang := range []string{"", "de"} {
		if got := render(t, SVG, j, actors, nil, lang); string(got) != string(sv) {
			t.Errorf("Lang %q does not draw in Swedish", lang)
		}
	}
	if en := render(t, SVG, j, actors, nil, "en"); !strings.Contains(string(en), ">MUNICIPALITY<") || strings.Contains(string(en), ">KOMMUN<") {
		t.Error(`Lang "en" does not label the sectors in English`)
	}
}
