package formats

import (
	"testing"

	"github.com/glapp/glapp/journeys"
)

func TestJSONL(t *testing.T) {
	// An insight before the source line it names, a blank line, server fields on a
	// source, an insight whose source the file does not describe, and two insights that
	// cannot be used.
	got, stats := mustRead(t, "jsonl", fixture(t, "jsonl/glapp.jsonl"), "glapp.jsonl", Options{})
	want := []Record{
		{Origin: "jsonl:i1", Text: "Jag fick ett telefonnummer och sen var det upp till mig.", Kind: "quote", Status: "validated", Sentiment: intp(-2),
			Codes: []string{"handover:h1", "självnavigering"}, About: []string{"h1"}, Date: "2026-03-14",
			Source: SourceRef{Origin: "jsonl:int-03", Kind: interview, Date: "2026-03-14", ParticipantRole: journeys.RolePatient, Alias: "Deltagare 3"}},
		{Origin: "jsonl:i2", Text: "Vi behöver en gemensam plan.", Kind: journeys.InsightIdea, Codes: []string{"SIP"}, Source: SourceRef{Origin: "jsonl:ws-1", Kind: interview}},
	}
	checkRecords(t, got, want)
	checkStats(t, stats, 2, map[string]int{SkipSentimentRange: 1, SkipUnknownKind: 1}, nil)
}

func TestJSONLInvalid(t *testing.T) {
	for _, tt := range []struct {
		name  string
		data  []byte
		parts []string
	}{
		{"unknown field", fixture(t, "jsonl/unknown-field.jsonl"), []string{"line 2", "colour"}},
		{"unknown type", fixture(t, "jsonl/unknown-type.jsonl"), []string{"line 1", `"journey"`}},
		{"not json", []byte("{\"type\":\"insight\"}\nhej\n"), []string{"line 2", "not a JSON object"}},
		{"two values", []byte(`{"type":"source","id":"a","kind":"interview"} {"x":1}`), []string{"line 1", "after top-level value"}},
		{"wrong type", []byte(`{"type":"insight","id":"a","text":7,"kind":"quote"}`), []string{"line 1", "insight"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := readAll(t, "jsonl", tt.data, "e.jsonl", Options{})
			wantInvalid(t, err, append(tt.parts, `"e.jsonl"`)...)
		})
	}
}
