package diagram

import (
	"math"
	"testing"

	"github.com/glapp/glapp/journeys"
)

// placed lays j out as the SVG does.
func placed(t *testing.T, j *journeys.Journey, actors map[string]journeys.Actor) *layout {
	t.Helper()
	l := newLayout(j, actors, analyze(j, actors), "sv")
	l.place()
	return l
}

// layouts returns the layouts the geometry tests check: every demo journey, the loops,
// the hostile journey and a big one.
func layouts(t *testing.T) map[string]*layout {
	t.Helper()
	out := map[string]*layout{}
	js, actors := demoJourneys(t)
	for i := range js {
		out[js[i].ID] = placed(t, &js[i], actors)
	}
	for _, f := range []func() (*journeys.Journey, map[string]journeys.Actor){loopJourney, hostileJourney} {
		j, a := f()
		out[j.ID] = placed(t, j, a)
	}
	big, a := bigJourney(200)
	out[big.ID] = placed(t, big, a)
	return out
}

// crosses reports whether the segment from p to q passes through the inside of r.
func crosses(p, q point, r rect) bool {
	const eps = 0.5
	in := rect{r.x + eps, r.y + eps, r.w - 2*eps, r.h - 2*eps}
	switch {
	case p.y == q.y:
		return p.y > in.y && p.y < in.bottom() && max(p.x, q.x) > in.x && min(p.x, q.x) < in.right()
	case p.x == q.x:
		return p.x > in.x && p.x < in.right() && max(p.y, q.y) > in.y && min(p.y, q.y) < in.bottom()
	}
	return true // the router draws only horizontal and vertical runs
}

func TestLayout_ArrowsCrossNoCard(t *testing.T) {
	for name, l := range layouts(t) {
		for i := range l.edges {
			e := &l.edges[i]
			for k := 1; k < len(e.route); k++ {
				p, q := e.route[k-1], e.route[k]
				for c := range l.cards {
					if crosses(p, q, l.cards[c].rect) {
						t.Errorf("%s: the arrow of %s crosses the card of %s (%v → %v)", name, e.h.ID, l.cards[c].step.ID, p, q)
					}
				}
			}
		}
	}
}

func TestLayout_ArrowsShareNoTrack(t *testing.T) {
	for name, l := range layouts(t) {
		type run struct {
			edge   int
			p, q   point
			isVert bool
		}
		var runs []run
		for i := range l.edges {
			r := l.edges[i].route
			for k := 2; k < len(r)-1; k++ { // inner runs only: the ends meet cards at ports
				runs = append(runs, run{i, r[k-1], r[k], r[k-1].x == r[k].x})
			}
		}
		for a := range runs {
			for b := a + 1; b < len(runs); b++ {
				ra, rb := runs[a], runs[b]
				if ra.edge == rb.edge || ra.isVert != rb.isVert {
					continue
				}
				var same bool
				if ra.isVert {
					same = ra.p.x == rb.p.x && overlap(ra.p.y, ra.q.y, rb.p.y, rb.q.y)
				} else {
					same = ra.p.y == rb.p.y && overlap(ra.p.x, ra.q.x, rb.p.x, rb.q.x)
				}
				if same {
					t.Errorf("%s: the arrows of %s and %s run on top of each other", name, l.edges[ra.edge].h.ID, l.edges[rb.edge].h.ID)
				}
			}
		}
	}
}

// overlap reports whether the ranges [a0, a1] and [b0, b1] (in any order) share more
// than a point.
func overlap(a0, a1, b0, b1 float64) bool {
	return min(max(a0, a1), max(b0, b1))-max(min(a0, a1), min(b0, b1)) > 1
}

// TestLayout_MarkersDoNotOverlap checks the markers the map shows, one per element with
// findings: no two overlap, none on a hand-over covers a card, and every finding sits in
// exactly one of them.
func TestLayout_MarkersDoNotOverlap(t *testing.T) {
	for name, l := range layouts(t) {
		seen := make([]int, len(l.marks))
		for a := range l.clusters {
			ka := &l.clusters[a]
			for _, m := range ka.marks {
				seen[m]++
			}
			for b := a + 1; b < len(l.clusters); b++ {
				kb := &l.clusters[b]
				if d := math.Hypot(ka.at.x-kb.at.x, ka.at.y-kb.at.y); d < ka.r+kb.r {
					t.Errorf("%s: the markers of clusters %d and %d overlap (%.1f apart)", name, a, b, d)
				}
			}
			if ka.on != onHandover {
				continue
			}
			for c := range l.cards {
				if l.cards[c].rect.hitsCircle(ka.at, ka.r) {
					t.Errorf("%s: the marker of hand-over %s covers the card of %s", name, l.edges[ka.index].h.ID, l.cards[c].step.ID)
				}
			}
		}
		for m, n := range seen {
			if n != 1 {
				t.Errorf("%s: finding %d is in %d clusters; want 1", name, m+1, n)
			}
		}
	}
}

func TestLayout_TextFits(t *testing.T) {
	for name, l := range layouts(t) {
		for i := range l.cards {
			c := &l.cards[i]
			if len(c.lines) == 0 || len(c.lines) > titleLines {
				t.Errorf("%s: %s's title takes %d lines; want 1 to %d", name, c.step.ID, len(c.lines), titleLines)
			}
			for _, ln := range c.lines {
				if w := textWidth(ln, titleFont, false); w > l.cardW-2*cardPad {
					t.Errorf("%s: line %q of %s is %.1f wide; the card holds %.1f", name, ln, c.step.ID, w, l.cardW-2*cardPad)
				}
			}
		}
		for _, e := range l.legend.entries {
			if e.textX < margin || e.y > l.height-margin {
				t.Errorf("%s: legend entry %d lies outside the drawing", name, e.mark+1)
			}
		}
	}
}

func TestLayout_LanesFollowSectors(t *testing.T) {
	j, actors := loopJourney()
	l := placed(t, j, actors)
	var got []journeys.Sector
	for _, ln := range l.lanes {
		got = append(got, ln.actor.Sector)
	}
	want := []journeys.Sector{journeys.SectorRegion, journeys.SectorMunicipality, journeys.SectorFamily, otherSector}
	if len(got) != len(want) {
		t.Fatalf("lanes of sectors %q; want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("lane %d is of sector %q; want %q", i, got[i], want[i])
		}
	}
	// s7 shares s1's cell and comes after it, so it is stacked below it.
	s1, s7 := &l.cards[0], &l.cards[6]
	if s1.lane != s7.lane || s1.col != s7.col || s7.row != s1.row+1 {
		t.Errorf("s1 at lane %d col %d row %d, s7 at lane %d col %d row %d; want s7 right below s1", s1.lane, s1.col, s1.row, s7.lane, s7.col, s7.row)
	}
}
