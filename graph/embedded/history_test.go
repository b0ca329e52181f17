package embedded

import (
	"testing"

	"github.com/glapp/glapp/graph/storetest"
)

func TestPruneHistoryBatches(t *testing.T) {
	defer func(n int) { historyPruneBatch = n }(historyPruneBatch)
	historyPruneBatch = 3
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	storetest.RunPruneBatches(t, s)
}
