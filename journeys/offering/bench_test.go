package offering_test

import (
	"fmt"
	"testing"

	"github.com/glapp/glapp/demo"
	"github.com/glapp/glapp/journeys/offering"
)

// BenchmarkBuild measures the offering report over the demo's actors, needs and measures
// and its five journeys copied 20 times (100 journeys), the size of a large project.
func BenchmarkBuild(b *testing.B) {
	actors, err := demo.Actors()
	if err != nil {
		b.Fatal(err)
	}
	needs, _ := demo.Needs()
	measures, _ := demo.Measures()
	in := offering.Input{Actors: actors, Needs: needs, Measures: measures}
	for i := range 20 {
		js, err := demo.Journeys()
		if err != nil {
			b.Fatal(err)
		}
		for k := range js {
			j := js[k]
			j.ID = fmt.Sprintf("%s-%d", j.ID, i)
			in.Journeys = append(in.Journeys, &j)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		r := offering.Build(in)
		if len(r.Burden) == 0 || r.Counts[offering.UncoveredNeed] == 0 {
			b.Fatalf("Build() = %d burdens, %v; want the demo's findings", len(r.Burden), r.Counts)
		}
	}
}
