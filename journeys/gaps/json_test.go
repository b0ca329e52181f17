package gaps_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/glapp/glapp/demo"
	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
	"github.com/google/go-cmp/cmp"
)

// TestWriteProjectJSON_EqualsMarshal keeps the streaming writer in step with the
// ProjectReport type: a field added to the type and not to the writer fails here.
func TestWriteProjectJSON_EqualsMarshal(t *testing.T) {
	js, err := demo.Journeys()
	if err != nil {
		t.Fatal(err)
	}
	as, err := demo.Actors()
	if err != nil {
		t.Fatal(err)
	}
	actors := map[string]journeys.Actor{}
	for _, a := range as {
		actors[a.ID] = a
	}
	var reports []gaps.JourneyReport
	for i := range js {
		reports = append(reports, mustAnalyze(t, &js[i], actors, journeys.Settings{}))
	}
	ps := mustCombine(t, reports, gaps.Filter{MinSeverity: gaps.Severity("medium")})
	if len(ps.Findings) < 2 {
		t.Fatalf("the demo gave %d findings; the test needs several", len(ps.Findings))
	}
	var streamed bytes.Buffer
	if err := gaps.WriteProjectJSON(t.Context(), &streamed, &ps, nil); err != nil {
		t.Fatal(err)
	}
	var got, want any
	if err := json.Unmarshal(streamed.Bytes(), &got); err != nil {
		t.Fatalf("streamed JSON does not parse: %v", err)
	}
	whole, _ := json.Marshal(ps)
	_ = json.Unmarshal(whole, &want)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("WriteProjectJSON differs from json.Marshal (-marshal +streamed):\n%s", diff)
	}
}
