package main

import (
	"fmt"

	"github.com/glapp/glapp/graph/embedded"
	"github.com/glapp/glapp/journeys"
)

// openStore opens the store the environment names: the embedded store in dataDir.
func openStore(dataDir string, getenv func(string) string) (journeys.Store, error) {
	s, err := embedded.Open(dataDir)
	if err != nil {
		return nil, fmt.Errorf("open embedded store in %s: %w", dataDir, err)
	}
	return s, nil
}
