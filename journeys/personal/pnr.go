package personal

import "unicode/utf8"

// This file decides whether a string of digits is a Swedish identity number. It is the one
// checker that both the redactor and the tests use, so that "the output holds no personal
// number" means the same thing everywhere.
//
// What counts (Skatteverket SKV 704 and SKV 707; Inera's list of regional reserve numbers):
//
//   - Personal identity number (personnummer): YYMMDD-NNNC or YYYYMMDD-NNNC, separator "-",
//     "+" (a person of 100 or more) or none; the date must exist; C is the Luhn check digit
//     over the ten-digit form. A twelve-digit number must start with century 18, 19 or 20.
//   - Coordination number (samordningsnummer): the same with 60 added to the day (61-91).
//     Counted and marked as SAMORDNINGSNUMMER, not PNR, so that reports can tell them apart.
//   - Reserve number (reservnummer), twelve characters: a valid date YYYYMMDD, then "-" or
//     nothing, then four characters of which at least one is a letter and at least one a
//     digit (Socialstyrelsen's recommendation, and the regional formats of Västra
//     Götaland "19121212M061", Värmland "19121212SF2B" and the national one
//     "19121212-AB12" all fit it); and two all-digit regional formats with their own
//     check digits: Region Stockholm's "99" + year + serial + Luhn digit, and Inera
//     Carelink's YYYYMM + day 32-59 + serial + Luhn digit.
//     We ask for a digit among the four so that a date followed by a word ("20260314-MEMO")
//     is left alone; a reserve number written with four letters is missed, a risk we accept
//     because no regional format we found uses one.
//
// A number that fails its check digit is not an identity number: it is left as it is.

// idKind is what sort of identity number a match is.
type idKind int

const (
	idNone idKind = iota
	idPNR
	idCoordination
	idReserve
)

// marker is the text that replaces a number of this kind, and the key it is counted under.
func (k idKind) marker() string {
	switch k {
	case idPNR:
		return RedactedPNR
	case idCoordination:
		return RedactedCoordination
	case idReserve:
		return RedactedReserve
	}
	return ""
}

// isDigit reports whether b is an ASCII digit. Identity numbers are written in ASCII
// digits; other scripts' digits are not looked at.
func isDigit(b byte) bool { return '0' <= b && b <= '9' }

// isIDSeparator reports whether r may stand between the date and the serial number of an
// identity number: the hyphen and plus Skatteverket uses, and the dashes word processors
// put in place of a typed hyphen.
func isIDSeparator(r rune) bool {
	switch r {
	case '-', '+', '\u2010', '\u2011', '\u2012', '\u2013', '\u2212':
		return true
	}
	return false
}

// luhnValid reports whether the last digit of digits is the Luhn check digit of the
// others.
func luhnValid(digits string) bool {
	sum := 0
	double := false
	for i := len(digits) - 1; i >= 0; i-- {
		d := int(digits[i] - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return len(digits) > 1 && sum%10 == 0
}

// atoi2 reads two ASCII digits.
func atoi2(s string) int { return int(s[0]-'0')*10 + int(s[1]-'0') }

// daysIn returns the number of days in month m of a year that is (leap) or is not a leap
// year.
func daysIn(m int, leap bool) int {
	switch m {
	case 2:
		if leap {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// dateKind checks the date part of an identity number, yymmdd (6 digits, century unknown)
// or yyyymmdd (8 digits), and says whether it is a birth date (idPNR), a birth date with
// 60 added to the day (idCoordination), or neither.
func dateKind(date string) idKind {
	var year, leap = 0, false
	switch len(date) {
	case 6:
		// Without a century the year may be 19YY or 20YY; 2000 was a leap year, so
		// every YY divisible by four may have a 29 February.
		leap = atoi2(date[0:2])%4 == 0
	case 8:
		century := atoi2(date[0:2])
		if century < 18 || century > 20 {
			return idNone
		}
		year = century*100 + atoi2(date[2:4])
		leap = isLeap(year)
		date = date[2:]
	default:
		return idNone
	}
	m, d := atoi2(date[2:4]), atoi2(date[4:6])
	kind := idPNR
	if d > 60 {
		d -= 60
		kind = idCoordination
	}
	if m < 1 || m > 12 || d < 1 || d > daysIn(m, leap) {
		return idNone
	}
	return kind
}

// personalNumberKind checks a personal identity or coordination number given as its date
// (6 or 8 digits) and its four last digits, and returns its kind, or idNone.
func personalNumberKind(date, serial string) idKind {
	if len(serial) != 4 || !allDigits(date) || !allDigits(serial) {
		return idNone
	}
	kind := dateKind(date)
	if kind == idNone || !luhnValid(date[len(date)-6:]+serial) {
		return idNone
	}
	return kind
}

// allDigitReserve reports whether twelve digits are one of the all-digit regional reserve
// numbers: Region Stockholm's 99 + year (Inera gives 1980-2299 but its own examples hold
// 1945, so any year 1800-2299) + five-digit serial + a Luhn digit
// over positions 5-11, or Inera Carelink's yyyymm + day 32-59 + three digits + a Luhn
// digit over the last ten.
func allDigitReserve(d string) bool {
	if len(d) != 12 || !allDigits(d) {
		return false
	}
	if d[0:2] == "99" {
		y := atoi2(d[2:4])*100 + atoi2(d[4:6])
		return y >= 1800 && y <= 2299 && luhnValid(d[4:12])
	}
	century, m, day := atoi2(d[0:2]), atoi2(d[4:6]), atoi2(d[6:8])
	return century >= 18 && century <= 20 && m >= 1 && m <= 12 && day >= 32 && day <= 59 && luhnValid(d[2:12])
}

// reserveSuffix reports whether s is the four-character tail of a reserve number: ASCII
// letters and digits with at least one of each.
func reserveSuffix(s string) bool {
	if len(s) != 4 {
		return false
	}
	letters, digits := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case isDigit(c):
			digits++
		case 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z':
			letters++
		default:
			return false
		}
	}
	return letters > 0 && digits > 0
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

// isAlnumAt reports whether the rune at s[i] is a letter or digit, so that a number glued
// to letters on its right ("19121212AB12X") is not taken for a reserve number's end.
func isAlnumAt(s string, i int) bool {
	if i < 0 || i >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return isDigit(s[i]) || isLetter(r)
}

// idMatch is one identity number found in a string: s[start:end] is of kind.
type idMatch struct {
	start, end int
	kind       idKind
}

// findIDNumbers returns the identity numbers in s, left to right, without overlaps. A
// number is a maximal run of ASCII digits (so a number glued to more digits is not one),
// optionally split once by a separator after its date, as described at the top of this
// file.
func findIDNumbers(s string) []idMatch {
	var out []idMatch
	for i := 0; i < len(s); {
		if !isDigit(s[i]) || (i > 0 && isDigit(s[i-1])) {
			i++
			continue
		}
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if m, ok := idNumberAt(s, i, j); ok {
			out = append(out, m)
			i = m.end
			continue
		}
		i = j
	}
	return out
}

// idNumberAt checks the identity number that may start with the digit run s[i:j].
func idNumberAt(s string, i, j int) (idMatch, bool) {
	run := s[i:j]
	switch len(run) {
	case 10, 12:
		if k := personalNumberKind(run[:len(run)-4], run[len(run)-4:]); k != idNone {
			return idMatch{i, j, k}, true
		}
		if allDigitReserve(run) {
			return idMatch{i, j, idReserve}, true
		}
	case 6, 8:
		sep, size := utf8.DecodeRuneInString(s[j:])
		hasSep := j < len(s) && isIDSeparator(sep)
		if hasSep {
			k := j + size
			e := k
			for e < len(s) && isDigit(s[e]) {
				e++
			}
			if kind := personalNumberKind(run, s[k:e]); kind != idNone {
				return idMatch{i, e, kind}, true
			}
		}
		if len(run) == 8 && dateKind(run) == idPNR && (!hasSep || sep == '-') {
			k := j
			if hasSep {
				k += size
			}
			if k+4 <= len(s) && reserveSuffix(s[k:k+4]) && !isAlnumAt(s, k+4) {
				return idMatch{i, k + 4, idReserve}, true
			}
		}
	}
	return idMatch{}, false
}

// containsPersonalNumber reports whether s holds a personal identity, coordination or
// reserve number that the redactor would have replaced.
func containsPersonalNumber(s string) bool { return len(findIDNumbers(s)) > 0 }
