package gaps_test

import (
	"testing"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
	"github.com/google/go-cmp/cmp"
)

// unknownJourney is a journey whose hand-overs between different actors have an owner
// and every other field unknown, and whose second step says nothing about itself.
func unknownJourney() *journeys.Journey {
	return journey(
		steps(
			step("s1", "vc", entry),
			step("s2", "psy", func(s *journeys.Step) { s.WaitDays, s.Emotion, s.Channel = nil, nil, "" }),
			step("s3", "psy", terminal, stepWait(nil, nil))),
		handovers(
			handover("h1", "s1", "s2", ref, information(journeys.InformationUnknown),
				acknowledged(nil), followUp(nil), func(h *journeys.Handover) { h.WaitDays = nil }),
			handover("h2", "s2", "s3", internal, information(""), responsible(nil), wait(nil, nil))))
}

func TestUnknowns_AreNotGaps(t *testing.T) {
	r := analyze(t, unknownJourney())
	if len(r.Findings) != 0 {
		t.Errorf("findings = %v; want none: unknown values are neither fine nor gaps", describe(r))
	}
}

func TestUnknowns_ListWhatToAskNext(t *testing.T) {
	r := analyze(t, unknownJourney())
	type row struct {
		Subject, Element, Stage string
		Fields                  []string
		Count                   int
	}
	var got []row
	for _, u := range r.Unknowns {
		got = append(got, row{u.Subject, string(u.Element), u.Stage, u.Fields, u.Count})
		if len(u.Questions) != len(u.Fields) {
			t.Errorf("%s: %d questions for %d fields", u.Subject, len(u.Questions), len(u.Fields))
		}
		for _, q := range u.Questions {
			if q.SV == "" || q.EN == "" {
				t.Errorf("%s: question %+v lacks a language", u.Subject, q)
			}
		}
	}
	want := []row{
		{"s2", "step", "Söka hjälp", []string{"waitDays", "emotion", "channel"}, 3},
		{"s3", "step", "Söka hjälp", []string{"waitDays"}, 1},
		{"h1", "handover", "Söka hjälp", []string{"information", "acknowledged", "followUp", "waitDays"}, 4},
		{"h2", "handover", "Söka hjälp", []string{"information", "waitDays"}, 2},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Unknowns mismatch (-want +got):\n%s", diff)
	}
	if name := r.Unknowns[2].Name.SV; name != "överlämningen från Vårdcentral (”Steg s1”) till Vuxenpsykiatri (”Steg s2”)" {
		t.Errorf("Unknowns[2].Name.SV = %q", name)
	}
	if q := r.Unknowns[2].Questions[1].EN; q != "Does the receiver confirm that the person has arrived?" {
		t.Errorf("question for acknowledged = %q", q)
	}
}

func TestUnknowns_PartlyKnownWaitIsKnown(t *testing.T) {
	j := journey(
		steps(step("s1", "vc", entry, stepWait(ptr(2), nil)), step("s2", "psy", terminal, stepWait(nil, ptr(2)))),
		handovers(handover("h1", "s1", "s2", ref, wait(ptr(3), nil))))
	if r := analyze(t, j); len(r.Unknowns) != 0 {
		t.Errorf("Unknowns = %+v; want none: one of expected and observed is enough", r.Unknowns)
	}
}

func TestUnknowns_NullResponsibleIsAGapNotAnUnknown(t *testing.T) {
	r := analyze(t, pair("vc", "psy", ref, responsible(nil)))
	if len(r.Unknowns) != 0 {
		t.Errorf("Unknowns = %+v; want none", r.Unknowns)
	}
	if fs := ofRule(r, gaps.RuleUnownedHandover); len(fs) != 1 {
		t.Errorf("unowned_handover = %v; want h1", subjects(fs))
	}
}
