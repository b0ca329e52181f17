package embedded_test

import (
	"fmt"
	"testing"

	"github.com/glapp/glapp/graph/storetest"
	"github.com/glapp/glapp/journeys"
)

// BenchmarkPutJourney measures replacing a journey of 50 and of 200 steps. It alternates
// between two versions so that every write stores something rather than taking the
// idempotent path.
func BenchmarkPutJourney(b *testing.B) {
	for _, steps := range []int{50, 200} {
		b.Run(fmt.Sprintf("steps=%d", steps), func(b *testing.B) {
			s := benchStore(b)
			docs := [2]*journeys.Journey{storetest.GenerateJourney("resa", steps, "A"), storetest.GenerateJourney("resa", steps, "B")}
			for i := 0; b.Loop(); i++ {
				if _, _, err := s.PutJourney(b.Context(), "p1", docs[i%2], journeys.Precondition{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkGetJourney measures reading and assembling a 50-step journey.
func BenchmarkGetJourney(b *testing.B) {
	s := benchStore(b)
	if _, _, err := s.PutJourney(b.Context(), "p1", storetest.GenerateJourney("resa", 50, "A"), journeys.Precondition{}); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := s.GetJourney(b.Context(), "p1", "resa"); err != nil {
			b.Fatal(err)
		}
	}
}

func benchStore(b *testing.B) journeys.Store {
	s := mustOpen(b, b.TempDir())
	if _, err := s.CreateProject(b.Context(), &journeys.Project{ID: "p1", Name: "Bänk"}); err != nil {
		b.Fatal(err)
	}
	return s
}
