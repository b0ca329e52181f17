package diagram

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The SVG is drawn without font files, so text is measured with a table of advance widths.
// The table holds Helvetica's widths (the metrics Arial and Liberation Sans share) in
// thousandths of an em for the printable ASCII characters; other letters are measured as
// the letter they are built on (å as a), which holds for the Latin alphabets the project
// writes in.
var asciiWidths = [95]int16{
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space … /
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0 … ?
	1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ … O
	667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P … _
	333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` … o
	556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p … ~
}

// punctuationWidths covers the non-ASCII punctuation Swedish text uses.
var punctuationWidths = map[rune]int16{
	'–': 556, '—': 1000, '‘': 222, '’': 222, '“': 333, '”': 333, '„': 333, '…': 1000,
	'·': 278, '−': 584, '«': 556, '»': 556, '×': 584, '•': 350, '°': 400, '§': 556, '\u00a0': 278,
}

// widthSafety widens every estimate a little, so that text set in a fallback font that
// runs wider than Arial (DejaVu Sans, on a Linux machine without Arial) still fits.
const widthSafety = 1.10

// boldFactor is how much wider bold text runs than regular text, on average.
const boldFactor = 1.07

// textWidth estimates the width of s set at size points, in points.
func textWidth(s string, size float64, bold bool) float64 {
	return float64(ems(s)) * emScale(size, bold)
}

// ems returns the advance width of s in thousandths of an em.
func ems(s string) int {
	n := 0
	for _, r := range s {
		n += int(runeWidth(r))
	}
	return n
}

// emScale is the width in points of a thousandth of an em at size points.
func emScale(size float64, bold bool) float64 {
	f := size / 1000 * widthSafety
	if bold {
		f *= boldFactor
	}
	return f
}

// runeWidth returns r's advance width in thousandths of an em.
func runeWidth(r rune) int16 {
	if r >= ' ' && r <= '~' {
		return asciiWidths[r-' ']
	}
	if w, ok := punctuationWidths[r]; ok {
		return w
	}
	if base, ok := baseLetters[r]; ok {
		return asciiWidths[base-' ']
	}
	if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) || r >= 0x1F300 {
		return 1000
	}
	return 600
}

// baseLetters maps the Latin letters with diacritics to the ASCII letters they are built
// on.
var baseLetters = func() map[rune]rune {
	const from = "åäàáâãāæøöòóôõōéèêëēüúùûūíìîïīçñýÿÅÄÀÁÂÃĀÆØÖÒÓÔÕŌÉÈÊËĒÜÚÙÛŪÍÌÎÏĪÇÑÝ"
	const to = "aaaaaaaaoooooooeeeeeuuuuuiiiiicnyyAAAAAAAAOOOOOOOEEEEEUUUUUIIIIICNY"
	letters := []rune(from)
	if len(letters) != len(to) {
		panic("diagram: the letter tables differ in length")
	}
	m := make(map[rune]rune, len(to))
	for i, r := range letters {
		m[r] = rune(to[i])
	}
	return m
}()

// ellipsis ends a line that was cut short.
const ellipsis = "…"

// wrap breaks s into lines no wider than width at size points, at spaces where it can and
// inside a word only when the word alone is too wide. When maxLines > 0 and more lines
// would be needed, the last line kept ends with an ellipsis, so that a reader sees that
// there is more (the full text is in the element's title).
//
// Widths are summed in whole thousandths of an em, so that a line measured again later
// comes out exactly as wide as it was when it was filled, and every piece of text is
// measured once, so that wrapping takes time linear in the length of s.
func wrap(s string, width, size float64, bold bool, maxLines int) []string {
	limit := int(width / emScale(size, bold))
	space := ems(" ")
	var lines []string
	line, lineW := "", 0
	for _, word := range strings.Fields(s) {
		if maxLines > 0 && len(lines) > maxLines {
			break // the rest would be cut off anyway
		}
		w := ems(word)
		switch {
		case line == "":
			line, lineW = word, w
		case lineW+space+w <= limit:
			line, lineW = line+" "+word, lineW+space+w
		default:
			lines = append(lines, line)
			line, lineW = word, w
		}
		for lineW > limit {
			head, used := splitToFit(line, limit)
			lines = append(lines, head)
			line, lineW = line[used:], lineW-ems(line[:used])
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	if maxLines > 0 && len(lines) > maxLines {
		// The last line takes as much of the rest as fits, not only its own words.
		last := strings.Join(lines[maxLines-1:], " ")
		lines = lines[:maxLines]
		lines[maxLines-1] = ellipsize(last, width, size, bold)
	}
	return lines
}

// splitToFit splits a word too wide for a line of limit ems into the longest head that
// fits and the rest: after a slash or a hyphen where the head can end at one (so that
// "Förälder/vårdnadshavare" breaks after the slash), else anywhere, with a hyphen added.
// It returns the head and how many bytes of word it took. The head holds at least one
// character, so that wrapping always ends.
func splitToFit(word string, limit int) (head string, used int) {
	hyphen := ems("-")
	soft, hard, w := 0, 0, 0
	for i, r := range word {
		next := i + utf8.RuneLen(r)
		w += int(runeWidth(r))
		if next == len(word) || (hard > 0 && w+hyphen > limit) {
			break
		}
		if (r == '/' || r == '-') && w <= limit {
			soft = next
		}
		hard = next
	}
	switch {
	case soft > 0:
		return word[:soft], soft
	case hard > 0 && ems(word[:hard])+hyphen <= limit:
		return word[:hard] + "-", hard
	case hard > 0:
		return word[:hard], hard
	}
	return word, len(word)
}

// fitLine returns s when it fits width on one line, and s cut short with an ellipsis
// otherwise.
func fitLine(s string, width, size float64, bold bool) string {
	if textWidth(s, size, bold) <= width {
		return s
	}
	return ellipsize(s, width, size, bold)
}

// ellipsize cuts s to the longest head that fits width with an ellipsis after it, and
// ends it with the ellipsis even when s fitted: it is called for text that goes on.
func ellipsize(s string, width, size float64, bold bool) string {
	limit := int(width/emScale(size, bold)) - ems(ellipsis)
	cut, w := 0, 0
	for i, r := range s {
		w += int(runeWidth(r))
		if w > limit {
			break
		}
		cut = i + utf8.RuneLen(r)
	}
	return strings.TrimRightFunc(s[:cut], func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }) + ellipsis
}

// oneLine turns every run of white space and control characters in s, new lines
// included, into one space, for formats where a new line in user text would end a
// statement.
func oneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }), " ")
}

// esc escapes s for XML text. Characters XML cannot hold at all (most control
// characters) become U+FFFD, so that hostile input cannot make the document ill-formed.
func esc(s string) string { return xmlEscape(s, false) }

// attr escapes s for a double-quoted XML attribute; tabs and new lines become character
// references so that they survive attribute value normalisation.
func attr(s string) string { return xmlEscape(s, true) }

func xmlEscape(s string, inAttr bool) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&quot;")
		case r == '\'':
			b.WriteString("&apos;")
		case r == '\r' || (inAttr && (r == '\n' || r == '\t')):
			fmt.Fprintf(&b, "&#%d;", r)
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r < 0x20 || (r >= 0xD800 && r <= 0xDFFF) || r == 0xFFFE || r == 0xFFFF:
			b.WriteRune('\uFFFD')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
