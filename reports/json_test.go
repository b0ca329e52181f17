package reports_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/glapp/glapp/journeys/gaps"
	"github.com/glapp/glapp/reports"
	"github.com/google/go-cmp/cmp"
)

// TestWriteProjectJSON_EqualsMarshal keeps the streaming writer in step with the
// ProjectReport type: a field added to the type and not to the writer fails here.
func TestWriteProjectJSON_EqualsMarshal(t *testing.T) {
	ps := mustCombine(t, demoReports(t), gaps.Filter{MinSeverity: gaps.Severity("medium")})
	if len(ps.Findings) < 2 {
		t.Fatalf("the demo gave %d findings; the test needs several", len(ps.Findings))
	}
	var streamed bytes.Buffer
	if err := reports.WriteProjectJSON(t.Context(), &streamed, &ps, nil); err != nil {
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
