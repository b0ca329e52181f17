package diagram

import (
	"bytes"
	"encoding/xml"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
)

// xnode is an element of a parsed SVG.
type xnode struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Nodes   []xnode    `xml:",any"`
	Text    string     `xml:",chardata"`
}

// parseSVG parses b strictly, failing the test if it is not well-formed XML.
func parseSVG(t *testing.T, b []byte) *xnode {
	t.Helper()
	var root xnode
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	if err := d.Decode(&root); err != nil {
		t.Fatalf("the SVG is not well-formed: %v", err)
	}
	if root.XMLName.Local != "svg" || root.XMLName.Space != "http://www.w3.org/2000/svg" {
		t.Fatalf("root element = %v; want svg in the SVG namespace", root.XMLName)
	}
	return &root
}

func (n *xnode) attr(name string) (string, bool) {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}

func (n *xnode) hasClass(c string) bool {
	v, _ := n.attr("class")
	return slices.Contains(strings.Fields(v), c)
}

// walk calls f on n and every element below it, depth first.
func (n *xnode) walk(f func(*xnode)) {
	f(n)
	for i := range n.Nodes {
		n.Nodes[i].walk(f)
	}
}

// child returns n's first child element named name, or nil.
func (n *xnode) child(name string) *xnode {
	for i := range n.Nodes {
		if n.Nodes[i].XMLName.Local == name {
			return &n.Nodes[i]
		}
	}
	return nil
}

// all returns the elements below n (n included) that f accepts.
func (n *xnode) all(f func(*xnode) bool) []*xnode {
	var out []*xnode
	n.walk(func(x *xnode) {
		if f(x) {
			out = append(out, x)
		}
	})
	return out
}

// texts returns the text of every text or tspan element below n, in order, leaving out
// those with one of the classes skip.
func (n *xnode) texts(skip ...string) []string {
	var out []string
	n.walk(func(x *xnode) {
		if (x.XMLName.Local == "tspan" || x.XMLName.Local == "text") && !slices.ContainsFunc(skip, x.hasClass) && strings.TrimSpace(x.Text) != "" {
			out = append(out, x.Text)
		}
	})
	return out
}

// squeeze removes all white space, to compare wrapped text with the text it came from.
func squeeze(s string) string { return strings.Join(strings.Fields(s), "") }

// checkSVG checks the parts of the SVG of j that tests rely on: every step and hand-over
// drawn once with its data attribute and a title, one marker per finding, the legend
// listing every explanation, crisis steps marked, titles on the drawing.
func checkSVG(t *testing.T, b []byte, j *journeys.Journey, r *gaps.JourneyReport, lang string) {
	t.Helper()
	root := parseSVG(t, b)
	if root.child("title") == nil || root.child("desc") == nil {
		t.Error("the drawing has no title or no desc")
	}
	if got := strings.TrimSpace(root.child("title").Text); got != strings.TrimSpace(j.Title) && !strings.ContainsRune(j.Title, 0) {
		t.Errorf("drawing title = %q; want %q", got, j.Title)
	}
	steps := map[string][]*xnode{}
	handovers := map[string][]*xnode{}
	var markers []*xnode
	root.walk(func(x *xnode) {
		if v, ok := x.attr("data-step"); ok {
			steps[v] = append(steps[v], x)
		}
		if v, ok := x.attr("data-handover"); ok {
			handovers[v] = append(handovers[v], x)
		}
		if x.hasClass("finding") {
			markers = append(markers, x)
		}
	})
	for _, s := range j.Steps {
		got := steps[s.ID]
		if len(got) != 1 {
			t.Errorf("step %q drawn %d times; want once", s.ID, len(got))
			continue
		}
		if got[0].child("title") == nil {
			t.Errorf("step %q has no title", s.ID)
		}
		if got[0].hasClass("step") != true || got[0].hasClass("crisis") != s.Crisis {
			v, _ := got[0].attr("class")
			t.Errorf("step %q has class %q; want step, and crisis = %v", s.ID, v, s.Crisis)
		}
	}
	if len(steps) != len(j.Steps) {
		t.Errorf("%d elements with data-step; want %d", len(steps), len(j.Steps))
	}
	drawable := 0
	for _, h := range j.Handovers {
		if j.StepByID(h.From) == nil || j.StepByID(h.To) == nil {
			if len(handovers[h.ID]) != 0 {
				t.Errorf("hand-over %q to a missing step drawn", h.ID)
			}
			continue
		}
		drawable++
		got := handovers[h.ID]
		if len(got) != 1 {
			t.Errorf("hand-over %q drawn %d times; want once", h.ID, len(got))
			continue
		}
		if got[0].child("title") == nil || !got[0].hasClass("handover") {
			t.Errorf("hand-over %q has no title or no class handover", h.ID)
		}
	}
	if len(handovers) != drawable {
		t.Errorf("%d elements with data-handover; want %d", len(handovers), drawable)
	}
	checkFindings(t, root, markers, r, lang)
}

// checkFindings checks the markers and the legend against the report.
func checkFindings(t *testing.T, root *xnode, markers []*xnode, r *gaps.JourneyReport, lang string) {
	t.Helper()
	want := 0
	if r != nil {
		want = len(r.Findings)
	}
	if len(markers) != want {
		t.Fatalf("%d finding markers; want %d", len(markers), want)
	}
	entries := root.all(func(x *xnode) bool { return x.hasClass("legend-entry") })
	if len(entries) != want {
		t.Fatalf("%d legend entries; want %d", len(entries), want)
	}
	// The markers sit in their elements' clusters, so in the drawing's order; the n-th
	// finding is the one whose data-finding is n.
	byNumber := map[string]*xnode{}
	for _, m := range markers {
		v, _ := m.attr("data-finding")
		byNumber[v] = m
	}
	for i := range want {
		f := &r.Findings[i]
		n := strconv.Itoa(i + 1)
		m := byNumber[n]
		if m == nil {
			t.Errorf("no marker for finding %s", n)
			continue
		}
		if v, _ := m.attr("data-finding"); v != n || !m.hasClass("sev-"+string(f.Severity)) {
			cls, _ := m.attr("class")
			t.Errorf("marker %d: data-finding %q, class %q; want %s and sev-%s", i, v, cls, n, f.Severity)
		}
		if title := m.child("title"); title == nil || !strings.Contains(squeeze(title.Text), squeeze(sanitized(f.Explanation.In(lang)))) {
			t.Errorf("marker %s's title does not hold the explanation", n)
		}
		e := entries[i]
		if v, _ := e.attr("data-finding"); v != n {
			t.Errorf("legend entry %d is for finding %q; want %s", i, v, n)
		}
		head := strings.Join(e.texts(), " ")
		if !strings.Contains(head, f.Severity.Label().In(lang)) {
			t.Errorf("legend entry %s does not name the severity %q: %q", n, f.Severity.Label().In(lang), head)
		}
		if got, want := squeeze(strings.Join(e.texts("entry-head", "num"), " ")), squeeze(sanitized(f.Explanation.In(lang))); got != want {
			t.Errorf("legend entry %s reads\n%q\nwant the explanation\n%q", n, got, want)
		}
	}
}

// sanitized is s as XML can carry it: characters XML cannot hold become U+FFFD.
func sanitized(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\n' && r != '\t' && r != '\r' {
			return '\uFFFD'
		}
		return r
	}, s)
}

func TestSVG_Demo(t *testing.T) {
	eachDemo(t, func(t *testing.T, j *journeys.Journey, actors map[string]journeys.Actor, r *gaps.JourneyReport, lang string) {
		checkSVG(t, render(t, SVG, j, actors, r, lang), j, r, lang)
	})
}

func TestSVG_NoReport(t *testing.T) {
	js, actors := demoJourneys(t)
	j := &js[0]
	b := render(t, SVG, j, actors, nil, "sv")
	checkSVG(t, b, j, nil, "sv")
	if bytes.Contains(b, []byte(">Fynd")) || bytes.Contains(b, []byte("Inga fynd")) {
		t.Error("an SVG drawn without a report speaks of findings")
	}
}

func TestSVG_Escaping(t *testing.T) {
	j, actors := hostileJourney()
	r := analyze(j, actors)
	if len(r.Findings) == 0 {
		t.Fatal("the hostile journey has no findings; the legend's escaping goes untested")
	}
	for _, lang := range []string{"sv", "en"} {
		b := render(t, SVG, j, actors, r, lang)
		checkSVG(t, b, j, r, lang)
		if bytes.Contains(b, []byte("<script")) || bytes.Contains(b, []byte("<b>")) || bytes.Contains(b, []byte("\x00")) {
			t.Errorf("%s: user markup reached the SVG unescaped", lang)
		}
		root := parseSVG(t, b)
		for _, s := range j.Steps {
			card := root.all(func(x *xnode) bool { v, _ := x.attr("data-step"); return v == s.ID })[0]
			if got := strings.SplitN(card.child("title").Text, "\n", 2)[0]; got != sanitized(strings.SplitN(s.Title, "\n", 2)[0]) {
				t.Errorf("step %q's title reads back as %q", s.ID, got)
			}
		}
	}
}

func TestSVG_Deterministic(t *testing.T) {
	js, actors := demoJourneys(t)
	big, bigActors := bigJourney(120)
	for _, c := range []struct {
		j      *journeys.Journey
		actors map[string]journeys.Actor
	}{{&js[1], actors}, {big, bigActors}} {
		r := analyze(c.j, c.actors)
		first := render(t, SVG, c.j, c.actors, r, "sv")
		for range 5 {
			// A fresh map each time, so that an order leaking from map iteration shows.
			again := make(map[string]journeys.Actor, len(c.actors))
			for k, v := range c.actors {
				again[k] = v
			}
			if got := render(t, SVG, c.j, again, r, "sv"); !bytes.Equal(got, first) {
				t.Fatalf("%s: two renderings of the same input differ", c.j.ID)
			}
		}
	}
}

func TestSVG_LoopsAndLooseSteps(t *testing.T) {
	j, actors := loopJourney()
	r := analyze(j, actors)
	b := render(t, SVG, j, actors, r, "sv")
	checkSVG(t, b, j, r, "sv")
	root := parseSVG(t, b)
	var heads []string
	for _, st := range root.all(func(x *xnode) bool { return x.hasClass("stage") }) {
		heads = append(heads, strings.Join(st.texts(), " "))
	}
	if want := []string{"Först", "Senare", "Utan fas"}; !slices.Equal(heads, want) {
		t.Errorf("stage columns %q; want %q (by order, then the steps without a known stage)", heads, want)
	}
	var sectors []string
	for _, s := range root.all(func(x *xnode) bool { return x.hasClass("sector") }) {
		v, _ := s.attr("data-sector")
		sectors = append(sectors, v)
	}
	if want := []string{"region", "municipality", "family", ""}; !slices.Equal(sectors, want) {
		t.Errorf("sector bands %q; want %q", sectors, want)
	}
	for _, id := range []string{"h3", "h6", "h11"} {
		p := root.all(func(x *xnode) bool { v, _ := x.attr("data-handover"); return v == id })[0].all(func(x *xnode) bool { return x.hasClass("ln") })
		if len(p) != 1 || !strings.Contains(attrOf(p[0], "d"), "Q") {
			t.Errorf("hand-over %s back in time is not drawn as a rounded route: %v", id, p)
		}
	}
}

func attrOf(n *xnode, name string) string { v, _ := n.attr(name); return v }

func TestSVG_PrintSize(t *testing.T) {
	js, actors := demoJourneys(t)
	mm := regexp.MustCompile(`^([0-9.]+)mm$`)
	for i := range js {
		root := parseSVG(t, render(t, SVG, &js[i], actors, analyze(&js[i], actors), "sv"))
		m := mm.FindStringSubmatch(attrOf(root, "width"))
		if m == nil {
			t.Fatalf("%s: width %q is not in millimetres", js[i].ID, attrOf(root, "width"))
		}
		if w, _ := strconv.ParseFloat(m[1], 64); w > 420.5 || w < 400 {
			t.Errorf("%s: width %s mm; want the width of A3 landscape, 420 mm", js[i].ID, m[1])
		}
		vb := strings.Fields(attrOf(root, "viewBox"))
		if len(vb) != 4 {
			t.Fatalf("%s: viewBox %q", js[i].ID, attrOf(root, "viewBox"))
		}
	}
	// Every font size the style sheet sets is at least 9 pt (one user unit is 1 pt).
	for _, m := range regexp.MustCompile(`font-size:([0-9.]+)px`).FindAllStringSubmatch(css(), -1) {
		if size, _ := strconv.ParseFloat(m[1], 64); size < 9 {
			t.Errorf("font size %s px is below 9 pt", m[1])
		}
	}
}

func BenchmarkSVG_200Steps(b *testing.B) {
	j, actors := bigJourney(200)
	r := analyze(j, actors)
	b.ReportAllocs()
	for b.Loop() {
		if err := SVG(io.Discard, j, actors, r, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestRender_Degenerate(t *testing.T) {
	for name, j := range map[string]*journeys.Journey{
		"empty":        {ID: "e", Title: "Tom"},
		"no stages":    {ID: "n", Title: "Utan faser", Steps: []journeys.Step{{ID: "s", Title: "Ett steg", Actor: "x", Entry: true}}},
		"empty titles": {ID: "t", Steps: []journeys.Step{{ID: "s", Actor: "", Entry: true}, {ID: "u", Actor: ""}}, Handovers: []journeys.Handover{{ID: "h", From: "s", To: "u"}}},
	} {
		t.Run(name, func(t *testing.T) {
			r := analyze(j, nil)
			checkSVG(t, render(t, SVG, j, nil, r, "sv"), j, r, "sv")
			checkMermaid(t, j, newLayout(j, nil, r, "sv"), r, string(render(t, Mermaid, j, nil, r, "sv")))
			checkDOTSyntax(t, j.ID, string(render(t, DOT, j, nil, r, "en")))
		})
	}
}
