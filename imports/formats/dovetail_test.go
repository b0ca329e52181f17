package formats

import "testing"

func TestDovetail(t *testing.T) {
	tests := []readCase{
		{
			// A "List highlights" page: tag objects, fields we do not use (nested
			// objects and lists), a blank highlight, a timestamp with an offset.
			name: "highlights.json", data: fixture(t, "dovetail/highlights.json"),
			want: []Record{
				{Origin: "dovetail:8b2f6c0e-1d4a-4c3b-9e7f-2a1b0c9d8e7f", Text: "Jag visste inte att jag kunde få en kontaktperson.", Kind: "quote", Codes: []string{"Kontaktperson", "step:s4"}, Date: "2026-04-01"},
				{Origin: "dovetail:3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f", Text: "Ring mig på [TELEFON] så berättar jag mer.", Kind: "quote", Codes: []string{"Kontakt"}, Date: "2026-04-02"},
			},
			skipped:    map[string]int{SkipEmptyText: 1},
			redactions: map[string]int{"TELEFON": 1},
		},
		{
			// Two saved pages in one file, "page" before "data", a numeric id, a tag
			// given as a bare title.
			name: "pages.json", data: fixture(t, "dovetail/pages.json"),
			want: []Record{
				{Origin: "dovetail:h-1", Text: "Första sidan.", Kind: "quote", Codes: []string{"Väntan"}, Date: "2026-05-01"},
				{Origin: "dovetail:42", Text: "Andra sidan.", Kind: "quote", Codes: []string{"handover:h3"}, Date: "2026-05-02"},
			},
		},
		{
			// An event posted to a webhook, whose "data" is one highlight.
			name: "webhook.json", data: fixture(t, "dovetail/webhook.json"),
			want: []Record{{Origin: "dovetail:h-9", Text: "Skickat via webhook.", Kind: "quote", Codes: []string{"actor:vc"}, Date: "2026-05-03"}},
		},
		{
			name: "bare list", data: []byte(`[{"text":"Utan id.","created_at":"2026-01-05T10:00:00Z"}]`),
			want: []Record{{Origin: "dovetail:sha256:", Text: "Utan id.", Kind: "quote", Date: "2026-01-05"}},
		},
		{
			name: "single highlight", data: []byte(`{"id":"x1","text":"En.","tags":null}`),
			want: []Record{{Origin: "dovetail:x1", Text: "En.", Kind: "quote"}},
		},
	}
	runReadCases(t, "dovetail", tests)
}

func TestDovetailInvalid(t *testing.T) {
	for _, tt := range []struct {
		name, data string
		parts      []string
	}{
		{"empty", "", []string{"empty"}},
		{"number", "42", []string{"not a Dovetail export"}},
		{"list of numbers", "[1, 2]", []string{"highlight 1", "JSON object"}},
		{"cut short", `{"data": [{"id": "a", "text": "b"}, {"id": `, []string{"highlight 2"}},
		{"bad tags", `{"data": [{"id": "a", "text": "b", "tags": [true]}]}`, []string{"highlight 1", "tag"}},
		{"data not a list", `{"data": "x"}`, []string{"list of highlights"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := readAll(t, "dovetail", []byte(tt.data), "hl.json", Options{})
			wantInvalid(t, err, append(tt.parts, `"hl.json"`)...)
		})
	}
}
