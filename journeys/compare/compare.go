package compare

import (
	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
)

// Kind is which comparison applies to two journeys; it follows from their kinds.
type Kind string

// Comparisons.
const (
	// KindImprovement compares a current or desired state with another (as_is against
	// to_be): findings, metrics and elements.
	KindImprovement Kind = "improvement"
	// KindConformance compares a lived journey with the planned journey it follows
	// (basedOn): deviations.
	KindConformance Kind = "conformance"
)

// Kinds lists every Kind.
var Kinds = []Kind{KindImprovement, KindConformance}

// Side names one of the two journeys compared.
type Side struct {
	ID      string               `json:"id"`
	Title   string               `json:"title"`
	Kind    journeys.JourneyKind `json:"kind"`
	BasedOn string               `json:"basedOn,omitempty"`
}

func sideOf(j *journeys.Journey) Side {
	return Side{ID: j.ID, Title: j.Title, Kind: j.Kind, BasedOn: j.BasedOn}
}

// Comparison is the answer of a compare: the two journeys, which comparison applied, and
// its result (Improvement or Deviations, by Kind).
type Comparison struct {
	Kind Kind `json:"kind"`
	From Side `json:"from"`
	To   Side `json:"to"`
	// Linked says whether one journey names the other as basedOn. An improvement
	// comparison of two unlinked journeys is still made, and Note says so.
	Linked      bool         `json:"linked"`
	Note        *gaps.Text   `json:"note,omitempty"`
	Improvement *Improvement `json:"improvement,omitempty"`
	Deviations  []Deviation  `json:"deviations,omitempty"`
}

var (
	noteUnlinked = gaps.Text{
		SV: "Ingen av resorna anger den andra som sin grund (basedOn); jämförelsen görs ändå, element för element.",
		EN: "Neither journey names the other as the one it builds on (basedOn); the comparison is made all the same, element by element."}
	noteLivedFrom = gaps.Text{
		SV: "Den levda resan står som ”from”; den jämförs med planen den följer, som står som ”to”.",
		EN: "The lived journey is given as “from”; it is compared with the plan it follows, given as “to”."}
)

// KindOf says which comparison applies to from and to, and returns the plan and the
// lived journey for a conformance comparison. A lived journey is compared only with the
// journey it names as basedOn, and two lived journeys not at all: either is an INVALID
// error naming the parameter to change.
func KindOf(from, to *journeys.Journey) (Kind, error) {
	if err := CheckPair(from.ID, to.ID); err != nil {
		return "", err
	}
	fromLived, toLived := from.Kind == journeys.KindLived, to.Kind == journeys.KindLived
	switch {
	case fromLived && toLived:
		return "", journeys.InvalidError("Two lived journeys are not compared with each other; compare each with the planned journey it follows.",
			[]journeys.Violation{{Parameter: "from", Detail: "Name the planned journey the lived one is based on."}})
	case toLived && to.BasedOn != from.ID:
		return "", journeys.InvalidError("A lived journey is compared with the planned journey it follows (its basedOn).",
			[]journeys.Violation{{Parameter: "from", Detail: "Name the journey that the lived journey's basedOn names" + orNone(to.BasedOn) + "."}})
	case fromLived && from.BasedOn != to.ID:
		return "", journeys.InvalidError("A lived journey is compared with the planned journey it follows (its basedOn).",
			[]journeys.Violation{{Parameter: "to", Detail: "Name the journey that the lived journey's basedOn names" + orNone(from.BasedOn) + "."}})
	case fromLived || toLived:
		return KindConformance, nil
	}
	return KindImprovement, nil
}

// CheckPair refuses to compare a journey with itself (INVALID), so that a caller can say
// so before it reads either journey.
func CheckPair(fromID, toID string) error {
	if fromID == toID {
		return journeys.InvalidError("A journey is compared with another journey, not with itself.",
			[]journeys.Violation{{Parameter: "to", Detail: "Name a different journey than from."}})
	}
	return nil
}

func orNone(basedOn string) string {
	if basedOn == "" {
		return " (it names none)"
	}
	return " (" + basedOn + ")"
}

// Journeys compares from with to. For an improvement comparison fromReport and toReport
// are the two journeys' gap reports (with the project's triage applied); a conformance
// comparison does not read them and they may be nil. Call KindOf first: Journeys returns
// its error too.
func Journeys(from, to *journeys.Journey, fromReport, toReport *gaps.JourneyReport) (*Comparison, error) {
	kind, err := KindOf(from, to)
	if err != nil {
		return nil, err
	}
	c := &Comparison{Kind: kind, From: sideOf(from), To: sideOf(to),
		Linked: from.BasedOn == to.ID || to.BasedOn == from.ID}
	if kind == KindConformance {
		plan, lived := from, to
		if from.Kind == journeys.KindLived {
			plan, lived = to, from
			c.Note = &noteLivedFrom
		}
		c.Deviations = Deviations(plan, lived)
		return c, nil
	}
	if !c.Linked {
		c.Note = &noteUnlinked
	}
	c.Improvement = Improve(from, to, fromReport, toReport)
	return c, nil
}
