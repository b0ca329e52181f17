package storetest

import (
	"context"
	"testing"

	"github.com/glapp/glapp/journeys"
)

// testStamp checks that every write moves its project's stamp in its own transaction as
// journeys.StampChangeOf says, so that no cached read outlives what fed it: each of
// changingWrites (one at least for every write method of journeys.Store), the element
// edits, evidence, goals and measures, and proposals, which no cached read shows; and
// that writes which change nothing or are refused leave it where it was.
func testStamp(t *testing.T, open opener) {
	stamp := func(t *testing.T, s journeys.Store, id string) (journeys.Stamp, bool) {
		t.Helper()
		st, err := s.Stamp(t.Context(), id)
		if journeys.ErrorCode(err) == journeys.NotFound {
			return st, false
		}
		if err != nil {
			t.Fatalf("Stamp(%q) = %v; want nil error", id, err)
		}
		return st, true
	}
	// moved checks how the stamp moved: at least as want says, and exactly when exact.
	moved := func(t *testing.T, name string, before, after journeys.Stamp, want journeys.StampChange, exact bool) {
		t.Helper()
		got := journeys.StampChange{Revision: after.Revision != before.Revision, Inputs: after.Inputs != before.Inputs}
		if after.Revision < before.Revision || after.Inputs < before.Inputs {
			t.Errorf("%s moved the stamp back: %+v -> %+v", name, before, after)
		}
		if (want.Revision && !got.Revision) || (want.Inputs && !got.Inputs) || (exact && got != want) {
			t.Errorf("%s moved the stamp %+v -> %+v (%+v); want %+v", name, before, after, got, want)
		}
	}

	t.Run("EveryWrite", func(t *testing.T) {
		for _, tt := range changingWrites() {
			t.Run(tt.name, func(t *testing.T) {
				s, _ := auditFixture(t, open, tt)
				before, _ := stamp(t, s, tt.logID())
				if err := tt.call(journeys.WithPrincipal(t.Context(), lead), s); err != nil {
					t.Fatalf("%s = %v; want nil error", tt.name, err)
				}
				after, exists := stamp(t, s, tt.logID())
				if !exists {
					return // deleted: nothing left to read
				}
				// A journey write may also upsert carried actors, which moves Inputs.
				exact := tt.action != "journey.put"
				moved(t, tt.name, before, after, journeys.StampChangeOf(tt.action), exact && tt.log == "")
			})
		}
	})

	t.Run("NoChangeOrRefused", func(t *testing.T) {
		for _, tt := range silentWrites() {
			t.Run(tt.name, func(t *testing.T) {
				s, _ := auditFixture(t, open, tt)
				before, _ := stamp(t, s, tt.logID())
				_ = tt.call(journeys.WithPrincipal(t.Context(), lead), s)
				after, _ := stamp(t, s, tt.logID())
				if after != before {
					t.Errorf("%s moved the stamp %+v -> %+v; want it unchanged", tt.name, before, after)
				}
			})
		}
	})

	t.Run("OtherWrites", func(t *testing.T) {
		s := open(t)
		ctx := journeys.WithPrincipal(t.Context(), lead)
		mustCreateProject(t, s, "p")
		mustPutJourney(t, s, "p", GenerateJourney("resa", 5, "a"))
		src := journeys.Source{ID: journeys.SourceIDFor("csv:int-1"), Kind: journeys.SourceInterview}
		ev := journeys.Evidence{ID: journeys.EvidenceID("csv:1"), Origin: "csv:1", Text: "Ingen ringde tillbaka.", Kind: journeys.InsightQuote, Source: src.ID}
		goal := journeys.Goal{ID: "top", Title: "Ingen tappas bort", Perspective: journeys.PerspectivePerson}
		measure := journeys.Measure{ID: "m1", Goal: "top", Name: "Ansvarig", Direction: journeys.DirectionIncrease}
		both := journeys.StampChange{Revision: true, Inputs: true}
		steps := []struct {
			name string
			want journeys.StampChange
			call func(context.Context, journeys.Backend) error
		}{
			{"ElementEdit", journeys.StampChange{Revision: true}, func(c context.Context, s journeys.Backend) error {
				c = journeys.WithAuditDetail(c, "step.update", "resa", "s1")
				_, err := s.UpdateJourney(c, "p", "resa", journeys.Precondition{}, func(j *journeys.Journey) error { j.Steps[1].Title = "Nytt steg"; return nil })
				return err
			}},
			{"ImportEvidence", both, func(c context.Context, s journeys.Backend) error {
				_, err := s.ImportEvidence(c, "p", "", func(source func(*journeys.Source) error, evidence func(*journeys.Evidence) error) error {
					sc, e := src, ev
					if err := source(&sc); err != nil {
						return err
					}
					return evidence(&e)
				})
				return err
			}},
			{"UpdateEvidence", both, func(c context.Context, s journeys.Backend) error {
				_, err := s.UpdateEvidence(c, "p", ev.ID, func(e *journeys.Evidence) error { e.Status = journeys.StatusValidated; return nil })
				return err
			}},
			{"DeleteEvidence", both, func(c context.Context, s journeys.Backend) error { return s.DeleteEvidence(c, "p", ev.ID) }},
			{"PutGoal", both, func(c context.Context, s journeys.Backend) error { _, _, err := s.PutGoal(c, "p", &goal); return err }},
			{"PutMeasure", both, func(c context.Context, s journeys.Backend) error {
				_, _, err := s.PutMeasure(c, "p", &measure)
				return err
			}},
			{"DeleteMeasure", both, func(c context.Context, s journeys.Backend) error { return s.DeleteMeasure(c, "p", "m1") }},
			{"DeleteGoal", both, func(c context.Context, s journeys.Backend) error { return s.DeleteGoal(c, "p", "top") }},
			{"PutProposal", journeys.StampChange{}, func(c context.Context, s journeys.Backend) error {
				_, _, err := s.PutProposal(c, "p", &journeys.Proposal{ID: "sip", Title: "SIP"})
				return err
			}},
			{"DeleteProposal", journeys.StampChange{}, func(c context.Context, s journeys.Backend) error { return s.DeleteProposal(c, "p", "sip") }},
		}
		for _, st := range steps {
			before, _ := stamp(t, s, "p")
			if err := st.call(ctx, s); err != nil {
				t.Fatalf("%s = %v; want nil error", st.name, err)
			}
			after, _ := stamp(t, s, "p")
			moved(t, st.name, before, after, st.want, true)
		}
	})

	t.Run("RecreatedProject", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p")
		old, _ := stamp(t, s, "p")
		if err := s.DeleteProject(t.Context(), "p"); err != nil {
			t.Fatal(err)
		}
		mustCreateProject(t, s, "p")
		fresh, _ := stamp(t, s, "p")
		if fresh.Revision == old.Revision || fresh.Inputs == old.Inputs {
			t.Errorf("Stamp of a project created again = %+v; want other counters than its predecessor's %+v", fresh, old)
		}
		if _, exists := stamp(t, s, "nope"); exists {
			t.Errorf("Stamp(%q) found a project that does not exist", "nope")
		}
	})
}
