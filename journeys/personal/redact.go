package personal

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Redaction kinds: the keys of the counts Redact returns, and the words of the markers it
// writes ("[PNR]", "[E-POST]", ...). Reports show the counts, never the values.
const (
	RedactedPNR          = "PNR"
	RedactedCoordination = "SAMORDNINGSNUMMER"
	RedactedReserve      = "RESERVNUMMER"
	RedactedEmail        = "E-POST"
	RedactedPhone        = "TELEFON"
)

// Kinds lists the redaction kinds, in the order the markers are documented.
var Kinds = []string{RedactedPNR, RedactedCoordination, RedactedReserve, RedactedEmail, RedactedPhone}

// Contains reports whether s holds personal data that Redact would replace.
func Contains(s string) bool {
	out, _ := Redact(s)
	return out != s
}

// HasMarker reports whether s holds a marker Redact writes, such as "[PNR]": a value that
// was personal data before it was redacted.
func HasMarker(s string) bool {
	if !strings.Contains(s, "[") {
		return false
	}
	for _, k := range Kinds {
		if strings.Contains(s, "["+k+"]") {
			return true
		}
	}
	return false
}

// Redact replaces the personal data in s with markers and counts the replacements by
// kind: Swedish personal identity numbers ("[PNR]"), coordination numbers
// ("[SAMORDNINGSNUMMER]"), regional reserve numbers ("[RESERVNUMMER]"), e-mail addresses
// ("[E-POST]") and Swedish phone numbers ("[TELEFON]"). It leaves dates, times, years,
// amounts, case numbers and numbers that fail an identity number's check digit alone. The
// counts are nil when nothing was replaced.
//
// It is idempotent, Redact(Redact(s)) == Redact(s): it repeats until a pass changes
// nothing. That ends, because every replacement removes digits or an "@" and a marker has
// neither.
func Redact(s string) (string, map[string]int) {
	var counts map[string]int
	for {
		out := redactOnce(s, &counts)
		if out == s {
			return s, counts
		}
		s = out
	}
}

// redactOnce makes one pass: e-mail addresses first (they may hold digits that would
// otherwise be taken for a number and leave the rest of the address behind), then
// identity numbers, which carry a check digit and so are the surer reading of a run of
// digits, then phone numbers.
func redactOnce(s string, counts *map[string]int) string {
	if !strings.ContainsAny(s, "0123456789@") {
		return s
	}
	if strings.Contains(s, "@") {
		s = replaceSpans(s, spansOf(emailPattern.FindAllStringIndex(s, -1), RedactedEmail), counts)
	}
	var ids []span
	for _, m := range findIDNumbers(s) {
		ids = append(ids, span{m.start, m.end, m.kind.marker()})
	}
	s = replaceSpans(s, ids, counts)
	return replaceSpans(s, findPhones(s), counts)
}

// span is a piece of a string, s[start:end], to be replaced by the marker of kind.
type span struct {
	start, end int
	kind       string
}

func spansOf(locs [][]int, kind string) []span {
	out := make([]span, len(locs))
	for i, l := range locs {
		out[i] = span{l[0], l[1], kind}
	}
	return out
}

// replaceSpans replaces each span (sorted, not overlapping) with its marker and counts it.
func replaceSpans(s string, spans []span, counts *map[string]int) string {
	if len(spans) == 0 {
		return s
	}
	if *counts == nil {
		*counts = map[string]int{}
	}
	var b strings.Builder
	b.Grow(len(s))
	last := 0
	for _, sp := range spans {
		b.WriteString(s[last:sp.start])
		b.WriteString("[" + sp.kind + "]")
		(*counts)[sp.kind]++
		last = sp.end
	}
	b.WriteString(s[last:])
	return b.String()
}

// emailPattern matches an e-mail address, Swedish letters included on both sides of the
// "@" ("åsa.öberg@kommun.se").
var emailPattern = regexp.MustCompile(`[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)*\.\p{L}{2,}`)

func isLetter(r rune) bool { return unicode.IsLetter(r) }

// Phone numbers. Swedish numbers are written with the trunk prefix 0 (070-123 45 67,
// 08-123 456 78, 0470-123 45) or the country code (+46 70 123 45 67, 0046 8 123 456 78,
// +46 (0)70-123 45 67). A national number has 8 to 10 digits with the 0, a mobile number
// (07x) exactly 10; after the country code there are 7 to 9 (9 for a mobile).
//
// To keep case numbers, amounts and times apart, we ask for more than the digit count:
//   - a national number starts with 0 and a non-zero digit, and is not glued to a number
//     before it ("2026-0123-45678" is one reference, not a phone number);
//   - a landline number is written with its area code set apart ("08-123 45 67",
//     "(08) 123 45 67"); bare digits starting 01-09 are more often a reference than a
//     phone number, so only mobile numbers (070, 072, 073, 076, 079) may be written bare;
//   - digit groups after the first have at least two digits, so "0 1 2 3 4 5 6 7" is not
//     a number, and at least five together, as every subscriber number has;
//   - a number right after a word that names a reference (OCR, Dnr, faktura, kundnummer,
//     referens, ...) is that reference.

// phoneSeparator reports whether r may stand between the digit groups of a phone number.
func phoneSeparator(r rune) bool {
	switch r {
	case ' ', '-', '\u00a0', '\u2010', '\u2011', '\u2013':
		return true
	}
	return false
}

// digitGroups reads digit groups joined by single separators from s[i:], at most max of
// them, and returns the end offset of each group and its length.
func digitGroups(s string, i, max int) (ends, sizes []int) {
	for len(ends) < max && i < len(s) && isDigit(s[i]) {
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		ends, sizes = append(ends, j), append(sizes, j-i)
		r, n := utf8.DecodeRuneInString(s[j:])
		if j >= len(s) || !phoneSeparator(r) || j+n >= len(s) || !isDigit(s[j+n]) {
			break
		}
		i = j + n
	}
	return ends, sizes
}

// findPhones returns the Swedish phone numbers in s, left to right. Each number found is
// taken as already replaced by its marker when the next one's left context is read
// (floor), as the next pass would see it: a chain of numbers ("070-123 45 67/070-...")
// is found in one pass, not one number per pass over the whole text.
func findPhones(s string) []span {
	var out []span
	floor := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '+' && s[i] != '0' && s[i] != '(' {
			continue
		}
		if end, ok := phoneAt(s, i, floor); ok {
			out = append(out, span{i, end, RedactedPhone})
			i, floor = end-1, end
		}
	}
	return out
}

// phoneAt reports whether a phone number starts at s[i], and where it ends. A floor above
// 0 says s[:floor] ends with a number about to be replaced by its marker, which is neither
// a letter nor a digit.
func phoneAt(s string, i, floor int) (int, bool) {
	if !phoneStartBoundary(s, i, floor) || referenceContext(s, i, floor) {
		return 0, false
	}
	switch {
	case strings.HasPrefix(s[i:], "+46"):
		return internationalPhone(s, i+3)
	case strings.HasPrefix(s[i:], "0046"):
		return internationalPhone(s, i+4)
	case s[i] == '(':
		// "(08) 123 45 67": the area code in parentheses sets it apart.
		ends, sizes := digitGroups(s, i+1, 1)
		if len(ends) == 0 || sizes[0] < 2 || sizes[0] > 4 || s[i+1] != '0' || s[i+2] == '0' || ends[0] >= len(s) || s[ends[0]] != ')' {
			return 0, false
		}
		j := ends[0] + 1
		if j < len(s) && s[j] == ' ' {
			j++
		}
		rest, restSizes := digitGroups(s, j, 4)
		return bestPhone(rest, restSizes, sizes[0], func(total int, sizes []int) bool {
			return total >= 8 && total <= 10
		})
	case s[i] == '0' && i+1 < len(s) && '1' <= s[i+1] && s[i+1] <= '9':
		ends, sizes := digitGroups(s, i, 5)
		mobile := strings.HasPrefix(s[i:], "07") && i+2 < len(s) && strings.IndexByte("02369", s[i+2]) >= 0
		return bestPhone(ends, sizes, 0, func(total int, sizes []int) bool {
			if mobile {
				return total == 10
			}
			return total >= 8 && total <= 10 && len(sizes) > 1 && sizes[0] <= 4
		})
	}
	return 0, false
}

// internationalPhone reads the national part of a number after +46 or 0046 at s[i:]: an
// optional separator, an optional "(0)", then 7 to 9 digits starting with a non-zero digit.
func internationalPhone(s string, i int) (int, bool) {
	if r, n := utf8.DecodeRuneInString(s[i:]); i < len(s) && phoneSeparator(r) {
		i += n
	}
	if strings.HasPrefix(s[i:], "(0)") {
		i += 3
		if r, n := utf8.DecodeRuneInString(s[i:]); i < len(s) && phoneSeparator(r) {
			i += n
		}
	}
	if i >= len(s) || s[i] < '1' || s[i] > '9' {
		return 0, false
	}
	mobile := s[i] == '7' && i+1 < len(s) && strings.IndexByte("02369", s[i+1]) >= 0
	ends, sizes := digitGroups(s, i, 5)
	return bestPhone(ends, sizes, 0, func(total int, sizes []int) bool {
		if mobile {
			return total == 9
		}
		return total >= 7 && total <= 9
	})
}

// bestPhone picks the longest run of leading groups that makes a valid number, so that a
// number followed by another figure ("070-123 45 67 12 gånger") is still found. Groups
// after the first need at least two digits (the first may be Stockholm's "8" after +46),
// and together at least five: no Swedish subscriber number is shorter, while case
// numbers and times are ("0312-2026", "0930-1130"). extra counts digits read before the
// groups (a parenthesised area code); then every group is the subscriber's.
func bestPhone(ends, sizes []int, extra int, valid func(total int, sizes []int) bool) (int, bool) {
	for n := len(ends); n > 0; n-- {
		total, subscriber, ok := extra, 0, true
		for k := 0; k < n; k++ {
			total += sizes[k]
			if k > 0 || extra > 0 {
				subscriber += sizes[k]
			}
			if k > 0 && sizes[k] < 2 {
				ok = false
			}
		}
		if ok && (subscriber == 0 || subscriber >= 5) && valid(total, sizes[:n]) {
			return ends[n-1], true
		}
	}
	return 0, false
}

// phoneStartBoundary reports whether a number may start at s[i]: not inside a word or a
// longer number, and not right after a number and a separator ("2026-0123 456 789").
// It looks no further back than floor (see phoneAt).
func phoneStartBoundary(s string, i, floor int) bool {
	if i == floor {
		return true
	}
	prev, n := utf8.DecodeLastRuneInString(s[floor:i])
	if isDigit(s[i-1]) || isLetter(prev) || prev == '+' {
		return false
	}
	if strings.ContainsRune("-–./,:", prev) && i-n > floor && isDigit(s[i-n-1]) {
		return false
	}
	return true
}

// referenceWords name the references that look like phone numbers. A token equal to one
// of exact, or starting with one of prefixes, right before a number makes it a reference.
var (
	referenceExact    = []string{"id", "bg", "pg", "ref", "nr", "dnr", "ocr", "artnr", "art.nr", "orgnr", "org.nr", "kundnr", "ordernr", "fakturanr", "ärendenr", "arendenr", "avinr", "lopnr", "löpnr"}
	referencePrefixes = []string{"ocr", "referens", "faktura", "kundnummer", "ordernummer", "order-", "ärende", "arende", "diarie", "journalnummer", "remissnummer", "bankgiro", "plusgiro", "konto", "clearing", "artikel", "avtal", "organisationsnummer", "kvitto", "bokningsnummer", "beställningsnummer", "löpnummer", "avi"}
)

// referenceContext reports whether the word before s[i] (past spaces and a colon) names a
// reference number. It looks no further back than floor (see phoneAt).
func referenceContext(s string, i, floor int) bool {
	j := i
	for j > floor && (s[j-1] == ' ' || s[j-1] == ':' || s[j-1] == '#') {
		j--
	}
	k := j
	for k > floor && j-k < 40 {
		r, n := utf8.DecodeLastRuneInString(s[floor:k])
		if !isLetter(r) && r != '.' && r != '-' && !unicode.IsDigit(r) {
			break
		}
		k -= n
	}
	word := strings.ToLower(strings.TrimRight(s[k:j], ".-"))
	if word == "" {
		return false
	}
	for _, w := range referenceExact {
		if word == w {
			return true
		}
	}
	for _, p := range referencePrefixes {
		if strings.HasPrefix(word, p) {
			return true
		}
	}
	return false
}
