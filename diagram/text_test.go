package diagram

import (
	"slices"
	"strings"
	"testing"
)

func TestWrap(t *testing.T) {
	for _, c := range []struct {
		name     string
		in       string
		width    float64
		maxLines int
		want     []string
	}{
		{"fits", "Ringer vårdcentralen", 200, 3, []string{"Ringer vårdcentralen"}},
		{"wraps at spaces", "Ringer vårdcentralen om ångest", 90, 3, []string{"Ringer", "vårdcentralen om", "ångest"}},
		{"ellipsis after the last line", "ett två tre fyra fem sex sju åtta nio tio", 40, 2, []string{"ett två", "tre fyr…"}},
		{"breaks after a slash", "Förälder/vårdnadshavare", 80, 3, []string{"Förälder/", "vårdnadshavare"}},
		{"hyphenates a word too long for a line", "Beroendemottagningen", 70, 3, []string{"Beroendemot-", "tagningen"}},
		{"no limit", "a b c", 1, 0, []string{"a", "b", "c"}},
		{"empty", "   ", 100, 3, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := wrap(c.in, c.width, 10.0, false, c.maxLines)
			if !slices.Equal(got, c.want) {
				t.Errorf("wrap(%q, %v) = %q; want %q", c.in, c.width, got, c.want)
			}
			for _, ln := range got {
				if w := textWidth(ln, 10.0, false); w > c.width && len([]rune(ln)) > 1 {
					t.Errorf("line %q is %.1f wide; want at most %v", ln, w, c.width)
				}
			}
		})
	}
}

func TestWrap_KeepsEveryWord(t *testing.T) {
	in := "Personen lämnas från Vårdcentralen Åby vid ”Läkarbesök på vårdcentralen – alkoholvanorna kommer fram (AUDIT)” till Socialtjänsten"
	for _, width := range []float64{80, 150, 400} {
		if got := strings.Join(wrap(in, width, 9.5, false, 0), " "); got != in {
			t.Errorf("width %v: wrapped and joined again %q; want %q", width, got, in)
		}
	}
}

func TestTextWidth(t *testing.T) {
	if a, b := textWidth("Åby", 10, false), textWidth("Aby", 10, false); a != b {
		t.Errorf("Å measures %v, A %v; a letter with a ring is as wide as the letter", a, b)
	}
	if a, b := textWidth("iiii", 10, false), textWidth("MMMM", 10, false); a >= b {
		t.Errorf("iiii (%v) is not narrower than MMMM (%v)", a, b)
	}
	if a, b := textWidth("Kris", 10, true), textWidth("Kris", 10, false); a <= b {
		t.Errorf("bold (%v) is not wider than regular (%v)", a, b)
	}
}

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		`<a href="x">&'`: "&lt;a href=&quot;x&quot;&gt;&amp;&apos;",
		"a\x00b\x1fc":    "a\uFFFDb\uFFFDc",
		"line\nnext":     "line\nnext",
	} {
		if got := esc(in); got != want {
			t.Errorf("esc(%q) = %q; want %q", in, got, want)
		}
	}
	if got := attr("a\nb\tc\rd"); got != "a&#10;b&#9;c&#13;d" {
		t.Errorf("attr kept raw white space: %q", got)
	}
}

// TestWrap_Long wraps a megabyte of text: quadratic wrapping would not finish in the
// test's time.
func TestWrap_Long(t *testing.T) {
	word := strings.Repeat("å", 1<<20)
	lines := wrap(word, 100, 10.0, false, 0)
	if got := strings.Join(lines, ""); len(got) < len(word) {
		t.Errorf("wrapping one long word lost text: %d bytes of %d", len(got), len(word))
	}
	if got := wrap(strings.Repeat("ord ", 1<<18), 100, 10.0, false, 3); len(got) != 3 || !strings.HasSuffix(got[2], ellipsis) {
		t.Errorf("wrap to 3 lines = %d lines, last %q", len(got), got[len(got)-1])
	}
	if got := ellipsize(word, 100, 10.0, false); textWidth(got, 10.0, false) > 100 {
		t.Errorf("ellipsize gave %q, too wide", got)
	}
}
