package neo4j

import (
	"maps"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/glapp/glapp/graph/storetest"
	"github.com/glapp/glapp/journeys"
)

// notInContract lists the statements that only store methods the contract never calls
// run, each with the test of this package that runs them instead. Every entry is a gap in
// graph/storetest to close there, not a place for dead statements: TestContractModel
// fails once the contract runs one of them, so that its entry goes.
var notInContract = map[string]string{}

// TestContractModel runs the whole store contract against the store's Go code on fakeDB,
// a model of the statements, with every unit of work run twice as a driver retry would
// run it. It needs no server, so it runs everywhere; it cannot prove the Cypher right,
// which is TestContract's job against a real Neo4j. It also checks that the contract
// exercised every statement the store has, but for the two that only Open runs and those
// of notInContract.
func TestContractModel(t *testing.T) {
	var mu sync.Mutex
	var dbs []*fakeDB
	storetest.Run(t, func(t *testing.T, limits journeys.Limits) journeys.Backend {
		s, db := newFakeStore(t)
		s.Limits = limits
		mu.Lock()
		dbs = append(dbs, db)
		mu.Unlock()
		return s
	})

	ran := map[string]bool{}
	for _, db := range dbs {
		for _, name := range db.statementsRun() {
			ran[name] = true
		}
	}
	for _, name := range slices.Sorted(maps.Keys(loaded)) {
		_, exempt := notInContract[name]
		switch {
		case ran[name] && exempt:
			t.Errorf("the contract now runs %s; remove it from notInContract", name)
		case !ran[name] && !exempt && name != qSchema.name && name != qPing.name:
			t.Errorf("the contract never ran %s; a statement no behaviour needs is dead, or the contract misses a behaviour", name)
		}
	}
}

// TestContractModelClock runs the part of the contract that needs the store's clock on
// fakeDB.
func TestContractModelClock(t *testing.T) {
	storetest.RunClock(t, func(t *testing.T, now func() time.Time) journeys.Backend {
		s, _ := newFakeStore(t)
		s.Now = now
		return s
	})
}

// TestContractModelBackup runs the part of the contract about Backup, which a Neo4j
// store refuses: the database's own tools copy it.
func TestContractModelBackup(t *testing.T) {
	storetest.RunBackup(t, func(t *testing.T) journeys.Backend {
		s, _ := newFakeStore(t)
		return s
	}, nil)
}
