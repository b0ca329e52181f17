package neo4j

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/glapp/glapp/graph/storetest"
	"github.com/glapp/glapp/journeys"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// These tests run the store on fakeDB (fakedb_test.go) to check what the contract cannot
// see: which statements a call sends, and what happens when the database fails.

// TestPutJourneyBatches checks that writing a journey costs the same statements whatever
// its size (one UNWIND batch per kind of element, not a round trip per node, and one read
// of the evidence to link again to the new elements), all in one transaction with its
// audit entry, and that writing the same content again writes nothing but the lock, and
// records nothing. The answer is the planned document (journeys.PlanPutJourney), so no
// statement reads the journey back.
func TestPutJourneyBatches(t *testing.T) {
	want := []string{
		// version_latest: a journey created again continues after the versions kept.
		"project_lock.cypher", "journey_get.cypher", "version_latest.cypher", "actor_upsert.cypher",
		"journey_put.cypher", "journey_clear.cypher", "journey_stages.cypher", "journey_steps.cypher",
		"journey_handovers.cypher", "journey_insights.cypher", "journey_about.cypher", "evidence_in_journey.cypher",
		"project_unlock.cypher", "audit_append.cypher",
	}
	for _, steps := range []int{11, 200} {
		s, db := newFakeStore(t)
		ctx := t.Context()
		mustCreate(t, s, "p1")
		db.resetLog()
		if _, _, err := s.PutJourney(ctx, "p1", storetest.GenerateJourney("resa", steps, "a"), journeys.Precondition{}); err != nil {
			t.Fatalf("PutJourney(%d steps) = %v", steps, err)
		}
		if got := db.statementsRun(); !slices.Equal(got, want) {
			t.Errorf("PutJourney(%d steps) ran %q; want %q", steps, got, want)
		}

		db.resetLog()
		if _, _, err := s.PutJourney(ctx, "p1", storetest.GenerateJourney("resa", steps, "a"), journeys.Precondition{}); err != nil {
			t.Fatalf("PutJourney(%d steps) again = %v", steps, err)
		}
		same := []string{"project_lock.cypher", "journey_get.cypher", "project_unlock.cypher"}
		if got := db.statementsRun(); !slices.Equal(got, same) {
			t.Errorf("PutJourney(%d steps) of the same content ran %q; want %q", steps, got, same)
		}
	}
}

// TestReadStatements checks what the reads behind a journey's document, report and
// diagram and the project report cost in round trips, so that a regression fails: a
// journey with its actors is one statement, whatever its size; a stamp is one; the
// project's journeys are read a page of eachBatch at a time, two statements a page (a
// short page is the last).
func TestReadStatements(t *testing.T) {
	s, db := newFakeStore(t)
	ctx := t.Context()
	mustCreate(t, s, "p1")
	for i := range 2*eachBatch + 1 {
		j := storetest.GenerateJourney("resa"+string(rune('a'+i%26))+string(rune('a'+i/26)), 60, "a")
		if _, _, err := s.PutJourney(ctx, "p1", j, journeys.Precondition{}); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		name string
		call func() error
		want []string
	}{
		{"GetJourney", func() error { _, err := s.GetJourney(ctx, "p1", "resaaa"); return err }, []string{"journey_get.cypher"}},
		{"Stamp", func() error { _, err := s.Stamp(ctx, "p1"); return err }, []string{"project_stamp.cypher"}},
		{"EachJourney", func() error { return s.EachJourney(ctx, "p1", func(*journeys.Journey) error { return nil }) },
			[]string{"journey_each.cypher", "actor_all.cypher", "journey_each.cypher", "actor_all.cypher", "journey_each.cypher", "actor_all.cypher"}},
	} {
		db.resetLog()
		if err := c.call(); err != nil {
			t.Fatalf("%s = %v", c.name, err)
		}
		if got := db.statementsRun(); !slices.Equal(got, c.want) {
			t.Errorf("%s ran %q; want %q", c.name, got, c.want)
		}
	}
}

// TestPutActorStatements checks that an unchanged actor is not written again, nor
// audited.
func TestPutActorStatements(t *testing.T) {
	s, db := newFakeStore(t)
	mustCreate(t, s, "p1")
	a := journeys.Actor{ID: "vc", Name: "Vårdcentral", Sector: journeys.SectorRegion}
	for i, want := range [][]string{
		{"project_lock.cypher", "actor_get.cypher", "actor_upsert.cypher", "project_unlock.cypher", "audit_append.cypher"},
		{"project_lock.cypher", "actor_get.cypher", "project_unlock.cypher"},
	} {
		db.resetLog()
		if _, _, err := s.PutActor(t.Context(), "p1", &a); err != nil {
			t.Fatal(err)
		}
		if got := db.statementsRun(); !slices.Equal(got, want) {
			t.Errorf("PutActor() #%d ran %q; want %q", i+1, got, want)
		}
	}
}

// TestDatabaseErrors checks that driver errors reach callers as the codes the contract
// promises, through the store's methods.
func TestDatabaseErrors(t *testing.T) {
	t.Run("ConstraintViolationIsConflict", func(t *testing.T) {
		s, db := newFakeStore(t)
		// A concurrent create that committed first: the constraint refuses this one.
		db.before = func(st statement, _ *fakeState) error {
			if st == qProjectCreate {
				return &neo4j.Neo4jError{Code: codeConstraintViolation}
			}
			return nil
		}
		_, err := s.CreateProject(t.Context(), &journeys.Project{ID: "p1", Name: "Projekt"})
		if journeys.ErrorCode(err) != journeys.Conflict || !strings.Contains(journeys.ErrorMessage(err), `"p1" already exists`) {
			t.Errorf("CreateProject() losing to a concurrent create = %v; want CONFLICT saying the project exists", err)
		}
	})
	t.Run("ConnectivityIsUnavailable", func(t *testing.T) {
		s, db := newFakeStore(t)
		mustCreate(t, s, "p1")
		db.before = func(statement, *fakeState) error {
			return &neo4j.ConnectivityError{Inner: errors.New("connection reset")}
		}
		_, err := s.GetJourney(t.Context(), "p1", "resa")
		if journeys.ErrorCode(err) != journeys.Unavailable {
			t.Errorf("GetJourney() with the database gone = %v; want UNAVAILABLE", err)
		}
		if err := s.Ping(t.Context()); journeys.ErrorCode(err) != journeys.Unavailable {
			t.Errorf("Ping() with the database gone = %v; want UNAVAILABLE", err)
		}
	})
	t.Run("FailedWriteLeavesNothing", func(t *testing.T) {
		s, db := newFakeStore(t)
		mustCreate(t, s, "p1")
		db.before = func(st statement, _ *fakeState) error {
			if st == qJourneyHandovers {
				return &neo4j.TransactionExecutionLimit{Cause: "timeout"}
			}
			return nil
		}
		_, _, err := s.PutJourney(t.Context(), "p1", storetest.GenerateJourney("resa", 5, "a"), journeys.Precondition{})
		if journeys.ErrorCode(err) != journeys.Unavailable {
			t.Errorf("PutJourney() whose retries ran out = %v; want UNAVAILABLE", err)
		}
		db.before = nil
		if _, err := s.GetJourney(t.Context(), "p1", "resa"); journeys.ErrorCode(err) != journeys.NotFound {
			t.Errorf("GetJourney() after a failed write = %v; want NOT_FOUND", err)
		}
		if _, err := s.GetActor(t.Context(), "p1", "reg"); journeys.ErrorCode(err) != journeys.NotFound {
			t.Errorf("GetActor() of an actor the failed write carried = %v; want NOT_FOUND", err)
		}
	})
	t.Run("GraphDisagreesWithDocument", func(t *testing.T) {
		s, db := newFakeStore(t)
		mustCreate(t, s, "p1")
		// An actor that vanishes between validation and the step batch leaves its steps
		// unwritten; the store must notice and fail rather than keep a graph that
		// disagrees with the document.
		db.before = func(st statement, state *fakeState) error {
			if st == qJourneySteps {
				delete(state.projects["p1"].actors, "kom")
			}
			return nil
		}
		_, _, err := s.PutJourney(t.Context(), "p1", storetest.GenerateJourney("resa", 5, "a"), journeys.Precondition{})
		if journeys.ErrorCode(err) != journeys.Internal || !strings.Contains(err.Error(), "journey_steps.cypher wrote 3 of 5") {
			t.Errorf("PutJourney() whose step batch fell short = %v; want INTERNAL naming the batch", err)
		}
		db.before = nil
		if _, err := s.GetJourney(t.Context(), "p1", "resa"); journeys.ErrorCode(err) != journeys.NotFound {
			t.Errorf("GetJourney() after the refused write = %v; want NOT_FOUND", err)
		}
	})
}

// TestRetriedUpdateRunsFnAgain documents what the Store contract warns of: fn may run
// more than once, and the stored result is that of the last run.
func TestRetriedUpdateRunsFnAgain(t *testing.T) {
	s, db := newFakeStore(t)
	db.retries = 2
	mustCreate(t, s, "p1")
	if _, _, err := s.PutJourney(t.Context(), "p1", storetest.GenerateJourney("resa", 3, "a"), journeys.Precondition{}); err != nil {
		t.Fatal(err)
	}
	calls := 0
	got, err := s.UpdateJourney(t.Context(), "p1", "resa", journeys.Precondition{}, func(j *journeys.Journey) error {
		calls++
		j.Title += " (ändrad)"
		return nil
	})
	if err != nil || calls != 3 || got.Version != 2 || got.Title != "Resa resa (a) (ändrad)" {
		t.Errorf("UpdateJourney() with two retries = %q version %d after %d calls, %v; want the change made once, version 2, 3 calls", got.Title, got.Version, calls, err)
	}
}

// TestCancelledBeforeStart checks that a request that is already over sends nothing.
func TestCancelledBeforeStart(t *testing.T) {
	s, db := newFakeStore(t)
	mustCreate(t, s, "p1")
	db.resetLog()
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := s.ListActors(ctx, "p1", journeys.Page{}); !errors.Is(err, context.Canceled) || journeys.ErrorCode(err) != journeys.Unavailable {
		t.Errorf("ListActors(cancelled) = %v; want UNAVAILABLE wrapping context.Canceled", err)
	}
	if got := db.statementsRun(); len(got) != 0 {
		t.Errorf("ListActors(cancelled) ran %q; want nothing", got)
	}
}

// TestApplySchema checks that start-up runs every schema statement, each on its own.
func TestApplySchema(t *testing.T) {
	s, db := newFakeStore(t)
	if err := s.applySchema(t.Context()); err != nil {
		t.Fatalf("applySchema() = %v", err)
	}
	got := db.statementsRun()
	if len(got) != len(schemaStatements()) {
		t.Errorf("applySchema() ran %d statements; want %d", len(got), len(schemaStatements()))
	}
}

func mustCreate(t *testing.T, s *Store, id string) {
	t.Helper()
	if _, err := s.CreateProject(t.Context(), &journeys.Project{ID: id, Name: "Projekt " + id}); err != nil {
		t.Fatalf("CreateProject(%q) = %v", id, err)
	}
}

// TestCheckSchema checks that Check reports a constraint and an index dropped by hand and
// an index that failed to build, and counts nodes per label.
func TestCheckSchema(t *testing.T) {
	s, db := newFakeStore(t)
	mustCreate(t, s, "p1")
	r, err := s.Check(t.Context())
	if err != nil || !r.Sound() {
		t.Fatalf("Check() of a full schema = %+v, %v; want no problems", r, err)
	}
	if len(r.Counts) == 0 || r.Counts[0] != (journeys.CheckCount{Name: "Project", N: 1}) {
		t.Errorf("Check().Counts = %v; want Project 1 first", r.Counts)
	}
	delete(db.state.schema, "constraint actor_key")
	delete(db.state.schema, "index actor_key")
	delete(db.state.schema, "index insight_source")
	db.state.schema["index token_hash"] = "FAILED"
	r, err = s.Check(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(r.Problems, "\n")
	for _, want := range []string{"constraint actor_key is missing", "index insight_source is missing", "index token_hash is FAILED"} {
		if !strings.Contains(text, want) {
			t.Errorf("Check() problems = %q; want one saying %q", r.Problems, want)
		}
	}
}
