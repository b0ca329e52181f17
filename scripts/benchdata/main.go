// Command benchdata fills an embedded store with generated journeys for measuring
// reports: go run ./scripts/benchdata -data-dir /tmp/bench -journeys 1000 -steps 50
package main

import (
	"context"
	"flag"
	"fmt"
	"log"

	"github.com/glapp/glapp/graph/embedded"
	"github.com/glapp/glapp/graph/storetest"
	"github.com/glapp/glapp/journeys"
)

func main() {
	dir := flag.String("data-dir", "", "directory of the embedded store to fill (required)")
	project := flag.String("project", "bench", "project id")
	n := flag.Int("journeys", 1000, "number of journeys")
	steps := flag.Int("steps", 50, "steps per journey")
	flag.Parse()
	if *dir == "" {
		log.Fatal("-data-dir is required")
	}
	ctx := context.Background()
	s, err := embedded.Open(*dir)
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()
	if _, err := s.CreateProject(ctx, &journeys.Project{ID: *project, Name: "Benchmark"}); err != nil && journeys.ErrorCode(err) != journeys.Conflict {
		log.Fatal(err)
	}
	for i := range *n {
		j := storetest.GenerateJourney(fmt.Sprintf("j%05d", i), *steps, "A")
		if _, _, err := s.PutJourney(ctx, *project, j, journeys.Precondition{}); err != nil {
			log.Fatal(err)
		}
	}
	fmt.Printf("%d journeys of %d steps in project %q in %s\n", *n, *steps, *project, *dir)
}
