package storetest

import (
	"testing"

	"github.com/glapp/glapp/journeys"
	"github.com/google/go-cmp/cmp"
)

// testLimits checks that a store configured with limits refuses a journey write, whole or
// by an edit, that would cross them, with LIMIT_EXCEEDED, and stores nothing.
func testLimits(t *testing.T, open func(t *testing.T, limits journeys.Limits) journeys.Backend) {
	// GenerateJourney(id, n) has n steps and n-1 hand-overs.
	limits := journeys.Limits{Steps: 4, Handovers: 3, Insights: 10}

	t.Run("PutJourney", func(t *testing.T) {
		s := open(t, limits)
		mustCreateProject(t, s, "p1")
		_, _, err := s.PutJourney(t.Context(), "p1", GenerateJourney("resa", 5, "a"), journeys.Precondition{})
		wantCode(t, err, journeys.LimitExceeded, "PutJourney(%q) with 5 steps over a limit of 4", "resa")
		_, err = s.GetJourney(t.Context(), "p1", "resa")
		wantCode(t, err, journeys.NotFound, "GetJourney(%q) after a refused create", "resa")

		v1 := mustPutJourney(t, s, "p1", GenerateJourney("resa", 4, "a"))
		_, _, err = s.PutJourney(t.Context(), "p1", GenerateJourney("resa", 5, "b"), journeys.Precondition{IfVersion: v1.Version})
		wantCode(t, err, journeys.LimitExceeded, "PutJourney(%q) replacing with 5 steps", "resa")
		if got := mustGetJourney(t, s, "p1", "resa"); !cmp.Equal(got, v1) {
			t.Errorf("GetJourney(%q) after a refused replace = version %d %q; want version %d unchanged", "resa", got.Version, got.Title, v1.Version)
		}
	})

	t.Run("UpdateJourney", func(t *testing.T) {
		s := open(t, limits)
		mustCreateProject(t, s, "p1")
		v1 := mustPutJourney(t, s, "p1", GenerateJourney("resa", 4, "a"))
		_, err := s.UpdateJourney(t.Context(), "p1", v1.ID, journeys.Precondition{IfVersion: v1.Version}, func(j *journeys.Journey) error {
			j.Handovers = append(j.Handovers, journeys.Handover{ID: "extra", From: "s0", To: "s2", Type: journeys.HandoverReferral})
			return nil
		})
		wantCode(t, err, journeys.LimitExceeded, "UpdateJourney(%q) adding a 4th hand-over over a limit of 3", v1.ID)
		if got := mustGetJourney(t, s, "p1", v1.ID); !cmp.Equal(got, v1) {
			t.Errorf("GetJourney(%q) after a refused update = version %d with %d hand-overs; want version %d unchanged", v1.ID, got.Version, len(got.Handovers), v1.Version)
		}
	})
}
