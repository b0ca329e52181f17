package apiclient_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/glapp/glapp/api"
	"github.com/glapp/glapp/graph/embedded"
	"github.com/glapp/glapp/internal/apiclient"
)

const adminToken = "glapp_client-test-admin"

// newClient starts the API over a fresh embedded store and returns a generated client
// that authenticates as admin.
func newClient(t *testing.T) *apiclient.ClientWithResponses {
	t.Helper()
	store, err := embedded.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	h, err := api.NewServer(api.Config{Store: store, AdminToken: adminToken})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	c, err := apiclient.NewClientWithResponses(ts.URL, apiclient.WithRequestEditorFn(func(_ context.Context, r *http.Request) error {
		r.Header.Set("Authorization", "Bearer "+adminToken)
		return nil
	}))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestGeneratedClient drives the server through the client generated from its OpenAPI
// document, as a user of the document would: create a project, write the spec's example
// journey, read its gaps.
func TestGeneratedClient(t *testing.T) {
	ctx := context.Background()
	c := newClient(t)

	created, err := c.CreateProjectWithResponse(ctx, &apiclient.CreateProjectParams{}, apiclient.CreateProjectJSONRequestBody{Id: "p1", Name: "Samordning"})
	if err != nil {
		t.Fatal(err)
	}
	if created.StatusCode() != http.StatusCreated || created.JSON201 == nil || created.JSON201.Id != "p1" {
		t.Fatalf("CreateProject = %d %s", created.StatusCode(), created.Body)
	}

	raw, err := os.ReadFile("../../journeys/testdata/spec-example.json")
	if err != nil {
		t.Fatal(err)
	}
	var journey apiclient.PutJourneyJSONRequestBody
	if err := json.Unmarshal(raw, &journey); err != nil {
		t.Fatalf("the spec's example does not decode into the generated Journey type: %v", err)
	}
	if journey.Id == nil {
		t.Fatal("the example has no id")
	}
	id := *journey.Id
	put, err := c.PutJourneyWithResponse(ctx, "p1", id, &apiclient.PutJourneyParams{IfMatch: "*"}, journey)
	if err != nil {
		t.Fatal(err)
	}
	if put.StatusCode() != http.StatusCreated || put.JSON201 == nil {
		t.Fatalf("PutJourney = %d %s", put.StatusCode(), put.Body)
	}
	if got, want := len(put.JSON201.Steps), len(journey.Steps); got != want {
		t.Errorf("the stored journey has %d steps; sent %d", got, want)
	}

	again, err := c.PutJourneyWithResponse(ctx, "p1", id, &apiclient.PutJourneyParams{IfMatch: put.HTTPResponse.Header.Get("ETag")}, journey)
	if err != nil {
		t.Fatal(err)
	}
	if again.StatusCode() != http.StatusOK {
		t.Fatalf("PutJourney with the ETag = %d %s", again.StatusCode(), again.Body)
	}

	gaps, err := c.JourneyGapsWithResponse(ctx, "p1", id, &apiclient.JourneyGapsParams{})
	if err != nil {
		t.Fatal(err)
	}
	if gaps.StatusCode() != http.StatusOK || gaps.JSON200 == nil || gaps.JSON200.Findings == nil {
		t.Fatalf("JourneyGaps = %d %s", gaps.StatusCode(), gaps.Body)
	}
	rules := map[apiclient.GapsRule]bool{}
	for _, f := range *gaps.JSON200.Findings {
		if f.Rule == nil || f.Severity == nil || !f.Severity.Valid() {
			t.Errorf("finding without a rule or a known severity: %+v", f)
			continue
		}
		rules[*f.Rule] = true
	}
	// The spec's example is built to show these gaps (journeys/testdata).
	for _, r := range []apiclient.GapsRule{"information_loss", "unowned_handover", "dead_end"} {
		if !rules[r] {
			t.Errorf("the gaps read through the client have no %s finding; got %v", r, rules)
		}
	}
}
