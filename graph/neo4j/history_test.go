package neo4j

import (
	"testing"

	"github.com/glapp/glapp/graph/storetest"
)

func TestPruneHistoryBatches(t *testing.T) {
	defer func(n int) { pruneBatch = n }(pruneBatch)
	pruneBatch = 3
	s, _ := newFakeStore(t)
	storetest.RunPruneBatches(t, s)
}
