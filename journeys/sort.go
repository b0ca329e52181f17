package journeys

import (
	"slices"
	"strconv"
	"strings"
)

// sortViolations orders violations by pointer (numerically for array indexes), so that
// responses are stable.
func sortViolations(v []Violation) {
	slices.SortStableFunc(v, func(a, b Violation) int { return comparePointers(a.Pointer, b.Pointer) })
}

// comparePointers compares JSON pointers segment by segment, numerically where both
// segments are numbers.
func comparePointers(a, b string) int {
	as, bs := strings.Split(a, "/"), strings.Split(b, "/")
	for i := 0; i < len(as) && i < len(bs); i++ {
		if as[i] == bs[i] {
			continue
		}
		ai, aerr := strconv.Atoi(as[i])
		bi, berr := strconv.Atoi(bs[i])
		if aerr == nil && berr == nil {
			return ai - bi
		}
		return strings.Compare(as[i], bs[i])
	}
	return len(as) - len(bs)
}
