package storetest

import (
	"testing"
	"time"

	"github.com/glapp/glapp/journeys"
)

// ClockOpener opens a fresh, empty store whose clock is now, as Run's open does.
type ClockOpener = func(t *testing.T, now func() time.Time) journeys.Backend

// RunClock runs the part of the contract that needs the store's clock: the times a write
// stamps (createdAt, updatedAt), and that a write which changes nothing leaves them. It
// is apart from Run because a store's clock is not part of journeys.Store; open sets it.
func RunClock(t *testing.T, open ClockOpener) {
	t.Run("Audit", func(t *testing.T) { testAuditClock(t, open) })
	t.Run("Idempotency", func(t *testing.T) { testIdempotencyClock(t, open) })
	t.Run("Project", func(t *testing.T) {
		c := newClock()
		s := open(t, c.now)
		p := mustCreateProject(t, s, "p1")
		wantTime(t, "CreateProject().CreatedAt", p.CreatedAt, c.at(0))
		wantTime(t, "CreateProject().UpdatedAt", p.UpdatedAt, c.at(0))
		c.tick()
		p, err := s.UpdateProject(t.Context(), "p1", func(p *journeys.Project) error { p.Name = "Nytt namn"; return nil })
		if err != nil {
			t.Fatalf("UpdateProject() = %v", err)
		}
		wantTime(t, "UpdateProject().UpdatedAt", p.UpdatedAt, c.at(1))
		wantTime(t, "UpdateProject().CreatedAt", p.CreatedAt, c.at(0))
		c.tick()
		if p, err = s.UpdateProject(t.Context(), "p1", func(*journeys.Project) error { return nil }); err != nil {
			t.Fatalf("UpdateProject(no change) = %v", err)
		}
		wantTime(t, "UpdateProject(no change).UpdatedAt", p.UpdatedAt, c.at(1))
	})

	t.Run("Entities", func(t *testing.T) {
		c := newClock()
		s := open(t, c.now)
		mustCreateProject(t, s, "p1")
		ctx := t.Context()
		// Each put is written at tick 0, again unchanged at tick 1, and changed at tick 2.
		puts := []struct {
			name string
			put  func(change bool) (*time.Time, error)
		}{
			{"PutActor", func(change bool) (*time.Time, error) {
				a := journeys.Actor{ID: "vc", Name: "Vårdcentral", Sector: journeys.SectorRegion}
				if change {
					a.Name = "Vårdcentralen"
				}
				got, _, err := s.PutActor(ctx, "p1", &a)
				return stampOf(got, err, func(a *journeys.Actor) *time.Time { return a.UpdatedAt })
			}},
			{"PutSource", func(change bool) (*time.Time, error) {
				src := journeys.Source{ID: "int-01", Kind: journeys.SourceInterview}
				if change {
					src.Pseudonym = "Deltagare 1"
				}
				got, _, err := s.PutSource(ctx, "p1", &src)
				return stampOf(got, err, func(s *journeys.Source) *time.Time { return s.UpdatedAt })
			}},
			{"PutTriage", func(change bool) (*time.Time, error) {
				tr := journeys.Triage{Fingerprint: fingerprintA, Status: journeys.TriageConfirmed}
				if change {
					tr.Status, tr.Reason = journeys.TriageDismissed, "Inte ett glapp."
				}
				got, _, err := s.PutTriage(ctx, "p1", &tr)
				return stampOf(got, err, func(t *journeys.Triage) *time.Time { return t.UpdatedAt })
			}},
		}
		for _, step := range []struct {
			name   string
			change bool
			want   int
		}{{"first", false, 0}, {"same again", false, 0}, {"changed", true, 2}} {
			for _, p := range puts {
				at, err := p.put(step.change)
				if err != nil {
					t.Fatalf("%s(%s) = %v", p.name, step.name, err)
				}
				wantStamp(t, p.name+"("+step.name+").UpdatedAt", at, c.at(step.want))
			}
			c.tick()
		}
	})

	t.Run("Journey", func(t *testing.T) {
		c := newClock()
		s := open(t, c.now)
		mustCreateProject(t, s, "p1")
		ctx := t.Context()
		j := GenerateJourney("resa", 6, "a")
		got := mustPutJourney(t, s, "p1", j)
		wantStamp(t, "PutJourney().UpdatedAt", got.UpdatedAt, c.at(0))
		a, err := s.GetActor(ctx, "p1", "reg")
		if err != nil {
			t.Fatalf("GetActor(carried) = %v", err)
		}
		wantStamp(t, "GetActor(carried by PutJourney).UpdatedAt", a.UpdatedAt, c.at(0))
		c.tick()
		got = mustPutJourney(t, s, "p1", GenerateJourney("resa", 6, "a"))
		wantStamp(t, "PutJourney(same again).UpdatedAt", got.UpdatedAt, c.at(0))
		c.tick()
		got, err = s.UpdateJourney(ctx, "p1", "resa", journeys.Precondition{}, func(j *journeys.Journey) error { j.Title += " (ändrad)"; return nil })
		if err != nil {
			t.Fatalf("UpdateJourney() = %v", err)
		}
		wantStamp(t, "UpdateJourney().UpdatedAt", got.UpdatedAt, c.at(2))
		got = mustGetJourney(t, s, "p1", "resa")
		wantStamp(t, "GetJourney() after UpdateJourney: UpdatedAt", got.UpdatedAt, c.at(2))
		c.tick()
		if got, err = s.UpdateJourney(ctx, "p1", "resa", journeys.Precondition{}, func(*journeys.Journey) error { return nil }); err != nil {
			t.Fatalf("UpdateJourney(no change) = %v", err)
		}
		wantStamp(t, "UpdateJourney(no change).UpdatedAt", got.UpdatedAt, c.at(2))
	})
}

// clock is a test clock that moves only when told, by a minute a tick.
type clock struct{ ticks int }

// clockStart is what a new clock reads.
var clockStart = time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)

func newClock() *clock { return &clock{} }

func (c *clock) tick()                { c.ticks++ }
func (*clock) at(ticks int) time.Time { return clockStart.Add(time.Duration(ticks) * time.Minute) }
func (c *clock) now() time.Time       { return c.at(c.ticks) }

func stampOf[T any](v *T, err error, at func(*T) *time.Time) (*time.Time, error) {
	if err != nil {
		return nil, err
	}
	return at(v), nil
}

func wantTime(t *testing.T, what string, got, want time.Time) {
	t.Helper()
	if !got.Equal(want) {
		t.Errorf("%s = %v; want the store's clock, %v", what, got, want)
	}
}

func wantStamp(t *testing.T, what string, got *time.Time, want time.Time) {
	t.Helper()
	if got == nil {
		t.Errorf("%s = nil; want the store's clock, %v", what, want)
		return
	}
	wantTime(t, what, *got, want)
}
