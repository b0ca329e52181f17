// Package storetest is the contract every journeys.Store must meet, written once as a
// test suite and run against each store (the embedded one always, others when their
// database is at hand), so that stores cannot drift apart in behaviour.
//
// It knows stores only through the journeys.Backend interface
// and must stay that way: a test that needs a store's internals belongs with that store.
// The one exception is the store's clock, which RunClock's open sets.
package storetest

import (
	"fmt"
	"slices"
	"testing"

	"github.com/glapp/glapp/journeys"
)

// Run runs the whole contract against the store that open returns. Every subtest calls
// open for a fresh, empty store of its own, refusing journeys over limits (zero: the
// defaults, as a store configured with none); open registers with t.Cleanup whatever
// closing the store needs.
func Run(t *testing.T, openLimited func(t *testing.T, limits journeys.Limits) journeys.Backend) {
	open := func(t *testing.T) journeys.Backend { return openLimited(t, journeys.Limits{}) }
	t.Run("Projects", func(t *testing.T) { testProjects(t, open) })
	t.Run("Actors", func(t *testing.T) { testActors(t, open) })
	t.Run("Sources", func(t *testing.T) { testSources(t, open) })
	t.Run("Journeys", func(t *testing.T) { testJourneys(t, open) })
	t.Run("Compare", func(t *testing.T) { testCompare(t, open) })
	t.Run("Settings", func(t *testing.T) { testSettings(t, open) })
	t.Run("TimeZone", func(t *testing.T) { testTimeZoneSetting(t, open) })
	t.Run("ProjectSecret", func(t *testing.T) { testProjectSecret(t, open) })
	t.Run("PutJourneys", func(t *testing.T) { testPutJourneys(t, open) })
	t.Run("Triage", func(t *testing.T) { testTriage(t, open) })
	t.Run("Proposals", func(t *testing.T) { testProposals(t, open) })
	t.Run("Goals", func(t *testing.T) { testGoals(t, open) })
	t.Run("Needs", func(t *testing.T) { testNeeds(t, open) })
	t.Run("Offers", func(t *testing.T) { testOffers(t, open) })
	t.Run("Evidence", func(t *testing.T) { testEvidence(t, open) })
	t.Run("Isolation", func(t *testing.T) { testIsolation(t, open) })
	t.Run("Concurrency", func(t *testing.T) { testConcurrency(t, open) })
	t.Run("Context", func(t *testing.T) { testContext(t, open) })
	t.Run("Health", func(t *testing.T) { testHealth(t, open) })
	t.Run("Limits", func(t *testing.T) { testLimits(t, openLimited) })
	t.Run("Audit", func(t *testing.T) { testAudit(t, open) })
	t.Run("Tokens", func(t *testing.T) { testTokens(t, open) })
	t.Run("Idempotency", func(t *testing.T) { testIdempotency(t, open) })
	t.Run("Restore", func(t *testing.T) { testRestore(t, open) })
	t.Run("Stamp", func(t *testing.T) { testStamp(t, open) })
	t.Run("History", func(t *testing.T) { testHistory(t, open) })
}

// opener is the type of Run's open argument.
type opener = func(t *testing.T) journeys.Backend

// mustCreateProject creates project id or fails the test.
func mustCreateProject(t *testing.T, s journeys.Store, id string) *journeys.Project {
	t.Helper()
	p, err := s.CreateProject(t.Context(), &journeys.Project{ID: id, Name: "Projekt " + id})
	if err != nil {
		t.Fatalf("CreateProject(%q) = %v; want nil error", id, err)
	}
	return p
}

// mustPutActor stores a or fails the test.
func mustPutActor(t *testing.T, s journeys.Store, projectID string, a journeys.Actor) *journeys.Actor {
	t.Helper()
	got, _, err := s.PutActor(t.Context(), projectID, &a)
	if err != nil {
		t.Fatalf("PutActor(%q, %q) = %v; want nil error", projectID, a.ID, err)
	}
	return got
}

// mustPutJourney stores j or fails the test.
func mustPutJourney(t *testing.T, s journeys.Store, projectID string, j *journeys.Journey) *journeys.Journey {
	t.Helper()
	got, _, err := s.PutJourney(t.Context(), projectID, j, journeys.Precondition{})
	if err != nil {
		t.Fatalf("PutJourney(%q, %q) = %v; want nil error", projectID, j.ID, err)
	}
	return got
}

// mustGetJourney reads journey id or fails the test.
func mustGetJourney(t *testing.T, s journeys.Store, projectID, id string) *journeys.Journey {
	t.Helper()
	got, err := s.GetJourney(t.Context(), projectID, id)
	if err != nil {
		t.Fatalf("GetJourney(%q, %q) = %v; want nil error", projectID, id, err)
	}
	return got
}

// wantCode fails t unless err carries code. format and args name the call.
func wantCode(t *testing.T, err error, code journeys.Code, format string, args ...any) {
	t.Helper()
	if got := journeys.ErrorCode(err); got != code {
		t.Errorf("%s error = %v; want code %s", fmt.Sprintf(format, args...), err, code)
	}
}

// wantPointer fails t unless err holds a violation located at pointer.
func wantPointer(t *testing.T, err error, pointer string, format string, args ...any) {
	t.Helper()
	var pointers []string
	for _, v := range journeys.ErrorViolations(err) {
		pointers = append(pointers, v.Pointer)
	}
	if !slices.Contains(pointers, pointer) {
		t.Errorf("%s violation pointers = %q; want one at %q", fmt.Sprintf(format, args...), pointers, pointer)
	}
}

// wantJourneyContent fails t unless got holds the same journey as want, server fields
// and carried actors aside.
func wantJourneyContent(t *testing.T, got, want *journeys.Journey, format string, args ...any) {
	t.Helper()
	if !got.SameContent(want) {
		t.Errorf("%s = journey %q titled %q; want the content of %q titled %q", fmt.Sprintf(format, args...), got.ID, got.Title, want.ID, want.Title)
	}
}

// ids returns the ids of items, for comparing lists by what they hold.
func ids[T any](items []T, id func(T) string) []string {
	out := []string{}
	for _, x := range items {
		out = append(out, id(x))
	}
	return out
}

func actorID(a journeys.Actor) string            { return a.ID }
func sourceID(s journeys.Source) string          { return s.ID }
func projectID(p journeys.Project) string        { return p.ID }
func summaryID(j journeys.JourneySummary) string { return j.ID }
