package neo4j

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/glapp/glapp/demo"
	"github.com/glapp/glapp/graph/storetest"
	"github.com/glapp/glapp/journeys"
)

// howToRun says how to run the tests that need a Neo4j server.
const howToRun = `NEO4J_URI is not set; to run the store contract against Neo4j, start one
(docker compose up -d neo4j) and run:
  NEO4J_URI=neo4j://localhost:7687 NEO4J_USERNAME=neo4j NEO4J_PASSWORD=... go test ./graph/neo4j/ -run 'TestContract|TestRecipes' -v
The suite empties the database it is given (NEO4J_DATABASE, default neo4j): use one you can throw away.`

// TestContract runs the store contract, unchanged, against a real Neo4j. Every subtest
// starts from an empty database.
func TestContract(t *testing.T) {
	s := mustOpenServer(t)
	storetest.Run(t, func(t *testing.T, limits journeys.Limits) journeys.Backend {
		emptyDatabase(t, s)
		s.Limits = limits // the one store serves every subtest: set each time
		return s
	})
	clock := s.Now
	storetest.RunClock(t, func(t *testing.T, now func() time.Time) journeys.Backend {
		emptyDatabase(t, s)
		s.Now = now
		t.Cleanup(func() { s.Now = clock })
		return s
	})
	storetest.RunBackup(t, func(t *testing.T) journeys.Backend {
		emptyDatabase(t, s)
		return s
	}, nil)
}

// TestRecipes runs every Cypher recipe of docs/graph-model.md against the demo project on
// a real Neo4j, so that what analysts paste into Neo4j Browser is known to run.
func TestRecipes(t *testing.T) {
	s := mustOpenServer(t)
	emptyDatabase(t, s)
	ctx := t.Context()
	if _, err := demo.Load(ctx, s); err != nil {
		t.Fatalf("demo.Load() = %v; want nil error", err)
	}
	recipes := docRecipes(t)
	if len(recipes) == 0 {
		t.Fatal("docs/graph-model.md holds no ```cypher blocks")
	}
	rows := 0
	for _, st := range recipes {
		n, err := read(ctx, s, func(ctx context.Context, tx tx) (int, error) {
			recs, err := tx.run(ctx, st, map[string]any{"projectId": demo.ProjectID})
			return len(recs), err
		})
		if err != nil {
			t.Errorf("%s: %v", st.name, err)
		}
		rows += n
	}
	if rows == 0 {
		t.Errorf("every recipe found nothing in the demo project, which is built to show every gap")
	}
}

// mustOpenServer opens the store on the Neo4j that NEO4J_URI names, or skips the test
// saying how to run it. It closes the store when the test ends.
func mustOpenServer(t *testing.T) *Store {
	t.Helper()
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		t.Skip("SKIP: " + howToRun)
	}
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	s, err := Open(ctx, Config{
		URI:      uri,
		Username: os.Getenv("NEO4J_USERNAME"),
		Password: os.Getenv("NEO4J_PASSWORD"),
		Database: os.Getenv("NEO4J_DATABASE"),
	})
	if err != nil {
		t.Fatalf("Open(%s) = %v", redact(uri), err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// emptyDatabase deletes everything in the database but the suite's marker. The first
// time, it refuses to touch a database holding nodes the suite did not make.
func emptyDatabase(t *testing.T, s *Store) {
	t.Helper()
	ctx := t.Context()
	_, err := write(ctx, s, func(ctx context.Context, tx *writeTx) (struct{}, error) {
		recs, err := tx.run(ctx, testStatement(t, "guard.cypher"), nil)
		if err != nil {
			return struct{}{}, err
		}
		r := columnsOf("guard", recs[0])
		if nodes, markers := r.int64("nodes"), r.int64("markers"); nodes > 0 && markers == 0 {
			return struct{}{}, fmt.Errorf("the database holds %d nodes that this suite did not create; refusing to empty it (set NEO4J_DATABASE to a scratch database)", nodes)
		}
		if _, err := tx.run(ctx, testStatement(t, "mark.cypher"), nil); err != nil {
			return struct{}{}, err
		}
		_, err = tx.run(ctx, testStatement(t, "wipe.cypher"), nil)
		return struct{}{}, err
	})
	if err != nil {
		t.Fatalf("empty the database: %v", err)
	}
}

// testStatement reads one of the suite's own statements from testdata.
func testStatement(t *testing.T, name string) statement {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return statement{name: "testdata/" + name, cypher: string(data)}
}

// docRecipes returns the ```cypher blocks of docs/graph-model.md, each named by the line
// it starts on.
func docRecipes(t *testing.T) []statement {
	t.Helper()
	const path = "../../docs/graph-model.md"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []statement
	var block []string
	start := -1
	for i, line := range strings.Split(string(data), "\n") {
		switch {
		case start < 0 && strings.TrimSpace(line) == "```cypher":
			start, block = i+2, nil
		case start >= 0 && strings.TrimSpace(line) == "```":
			out = append(out, statement{name: path + ":" + strconv.Itoa(start), cypher: strings.Join(block, "\n")})
			start = -1
		case start >= 0:
			block = append(block, line)
		}
	}
	return out
}
