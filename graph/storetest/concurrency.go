package storetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/glapp/glapp/journeys"
)

// testConcurrency checks that writes are atomic and serialised: run it with -race.
func testConcurrency(t *testing.T, open opener) {
	const n = 50

	t.Run("UpdateJourneyWithOneVersion", func(t *testing.T) {
		// Twenty clients edit from the same read: exactly one wins, the rest are told the
		// journey moved on, and the journey takes exactly one step.
		s := open(t)
		mustCreateProject(t, s, "p1")
		j := mustPutJourney(t, s, "p1", SpecExample(t))
		var ok, stale atomic.Int32
		var wg sync.WaitGroup
		for i := range 20 {
			wg.Go(func() {
				_, err := s.UpdateJourney(t.Context(), "p1", j.ID, journeys.Precondition{IfVersion: j.Version, Required: true}, func(doc *journeys.Journey) error {
					doc.Steps[0].Title = fmt.Sprintf("Ringer, försök %d", i)
					return nil
				})
				switch journeys.ErrorCode(err) {
				case "":
					ok.Add(1)
				case journeys.PreconditionFailed:
					stale.Add(1)
				default:
					t.Errorf("UpdateJourney() = %v; want success or PRECONDITION_FAILED", err)
				}
			})
		}
		wg.Wait()
		if ok.Load() != 1 || stale.Load() != 19 {
			t.Fatalf("20 updates from version %d: %d succeeded, %d stale; want 1 and 19", j.Version, ok.Load(), stale.Load())
		}
		if got := mustGetJourney(t, s, "p1", j.ID); got.Version != j.Version+1 {
			t.Fatalf("version after the race = %d; want %d", got.Version, j.Version+1)
		}
	})

	t.Run("PutActor", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p1")
		var created atomic.Int32
		var wg sync.WaitGroup
		for range n {
			wg.Go(func() {
				a := journeys.Actor{ID: "vc", Name: "Vårdcentral", Sector: journeys.SectorRegion}
				_, c, err := s.PutActor(t.Context(), "p1", &a)
				if err != nil {
					t.Errorf("PutActor(%q) = %v; want nil error", a.ID, err)
				}
				if c {
					created.Add(1)
				}
			})
		}
		wg.Wait()
		if got := created.Load(); got != 1 {
			t.Errorf("%d concurrent PutActor(%q) reported created %d times; want once", n, "vc", got)
		}
		list, err := s.ListActors(t.Context(), "p1", journeys.Page{})
		if err != nil || len(list.Items) != 1 || list.Items[0].Version != 1 {
			t.Errorf("ListActors() = %+v, %v; want one actor at version 1", list, err)
		}
	})

	t.Run("CreateProject", func(t *testing.T) {
		s := open(t)
		var ok, conflict atomic.Int32
		var wg sync.WaitGroup
		for range n {
			wg.Go(func() {
				_, err := s.CreateProject(t.Context(), &journeys.Project{ID: "p1", Name: "Projekt"})
				switch journeys.ErrorCode(err) {
				case "":
					ok.Add(1)
				case journeys.Conflict:
					conflict.Add(1)
				default:
					t.Errorf("CreateProject(%q) = %v; want nil or CONFLICT", "p1", err)
				}
			})
		}
		wg.Wait()
		if ok.Load() != 1 || conflict.Load() != n-1 {
			t.Errorf("%d concurrent CreateProject(%q) = %d successes, %d conflicts; want 1 and %d", n, "p1", ok.Load(), conflict.Load(), n-1)
		}
	})

	t.Run("ReadersSeeWholeJourneys", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p1")
		a, b := GenerateJourney("resa", 60, "A"), GenerateJourney("resa", 60, "B")
		mustPutJourney(t, s, "p1", a)

		var done atomic.Bool
		var reads atomic.Int32
		var wg sync.WaitGroup
		for range 4 {
			wg.Go(func() {
				for !done.Load() {
					got, err := s.GetJourney(t.Context(), "p1", "resa")
					if err != nil {
						t.Errorf("GetJourney(%q) = %v; want nil error", "resa", err)
						return
					}
					if !got.SameContent(a) && !got.SameContent(b) {
						t.Errorf("GetJourney(%q) = version %d, a mix of A and B; want A or B whole", "resa", got.Version)
						return
					}
					reads.Add(1)
				}
			})
		}
		for i := range n {
			doc := a
			if i%2 == 0 {
				doc = b
			}
			if _, _, err := s.PutJourney(t.Context(), "p1", doc, journeys.Precondition{}); err != nil {
				t.Errorf("PutJourney(%q) = %v; want nil error", doc.ID, err)
			}
		}
		done.Store(true)
		wg.Wait()
		if got := mustGetJourney(t, s, "p1", "resa"); got.Version != n+1 {
			t.Errorf("GetJourney(%q).Version = %d after %d alternating writes; want %d", "resa", got.Version, n, n+1)
		}
		t.Logf("%d concurrent reads", reads.Load())
	})
}

// testContext checks that a store refuses work for a request that is already over,
// and says why in a way callers can detect.
func testContext(t *testing.T, open opener) {
	t.Run("Cancelled", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p1")
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		_, err := s.GetProject(ctx, "p1")
		if !errors.Is(err, context.Canceled) {
			t.Errorf("GetProject(cancelled) = %v; want an error wrapping context.Canceled", err)
		}
		_, _, err = s.PutJourney(ctx, "p1", GenerateJourney("resa", 3, "a"), journeys.Precondition{})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("PutJourney(cancelled) = %v; want an error wrapping context.Canceled", err)
		}
		_, err = s.GetJourney(t.Context(), "p1", "resa")
		wantCode(t, err, journeys.NotFound, "GetJourney(%q) after cancelled put", "resa")
	})
}
