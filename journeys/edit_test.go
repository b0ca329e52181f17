package journeys_test

import (
	"testing"

	"github.com/glapp/glapp/journeys"
)

func TestEdit_Apply(t *testing.T) {
	tests := []struct {
		name     string
		edit     journeys.Edit
		wantCode journeys.Code
		check    func(t *testing.T, j *journeys.Journey)
	}{
		{name: "add step", edit: journeys.Edit{Kind: journeys.ElementStep, Op: journeys.OpAdd,
			Body: []byte(`{"id":"s3","title":"Får tid hos psykiatrin","actor":"vc"}`)},
			check: func(t *testing.T, j *journeys.Journey) {
				if j.StepByID("s3") == nil {
					t.Fatal("step s3 was not added")
				}
			}},
		{name: "add existing id is a conflict", edit: journeys.Edit{Kind: journeys.ElementStep, Op: journeys.OpAdd,
			Body: []byte(`{"id":"s2","title":"x","actor":"vc"}`)}, wantCode: journeys.Conflict},
		{name: "add with unknown field", edit: journeys.Edit{Kind: journeys.ElementStep, Op: journeys.OpAdd,
			Body: []byte(`{"id":"s3","title":"x","actor":"vc","admin":true}`)}, wantCode: journeys.Invalid},
		{name: "add without id", edit: journeys.Edit{Kind: journeys.ElementInsight, Op: journeys.OpAdd,
			Body: []byte(`{"text":"x","kind":"idea"}`)}, wantCode: journeys.Invalid},
		{name: "patch sets and clears fields", edit: journeys.Edit{Kind: journeys.ElementHandover, Op: journeys.OpPatch, ID: "h1",
			Body: []byte(`{"responsible":"vc","acknowledged":null,"information":"full"}`)},
			check: func(t *testing.T, j *journeys.Journey) {
				h := j.Handovers[0]
				if h.Responsible == nil || *h.Responsible != "vc" || h.Acknowledged != nil || h.Information != "full" || h.Type != "advice_to_contact" {
					t.Fatalf("patched handover = %+v; want responsible vc, acknowledged null, information full, type kept", h)
				}
			}},
		{name: "patch cannot change id", edit: journeys.Edit{Kind: journeys.ElementStep, Op: journeys.OpPatch, ID: "s1",
			Body: []byte(`{"id":"s9"}`)}, wantCode: journeys.Invalid},
		{name: "patch missing element", edit: journeys.Edit{Kind: journeys.ElementStep, Op: journeys.OpPatch, ID: "nope",
			Body: []byte(`{}`)}, wantCode: journeys.NotFound},
		{name: "patch must be an object", edit: journeys.Edit{Kind: journeys.ElementStep, Op: journeys.OpPatch, ID: "s1",
			Body: []byte(`[1]`)}, wantCode: journeys.Invalid},
		{name: "delete step without cascade leaves dangling handover", edit: journeys.Edit{Kind: journeys.ElementStep, Op: journeys.OpDelete, ID: "s2"},
			check: func(t *testing.T, j *journeys.Journey) {
				if len(j.Handovers) != 1 {
					t.Fatalf("handovers = %d; want 1 (validation, not the edit, refuses the result)", len(j.Handovers))
				}
				if len(j.Validate(journeys.Refs{})) == 0 {
					t.Fatal("Validate() after deleting s2 without cascade found nothing; want the dangling hand-over")
				}
			}},
		{name: "delete step with cascade", edit: journeys.Edit{Kind: journeys.ElementStep, Op: journeys.OpDelete, ID: "s2", Cascade: true},
			check: func(t *testing.T, j *journeys.Journey) {
				if len(j.Handovers) != 0 || len(j.Insights[0].About) != 0 {
					t.Fatalf("after cascade: handovers %v, about %v; want both empty", j.Handovers, j.Insights[0].About)
				}
				if v := j.Validate(journeys.Refs{}); len(v) != 0 {
					t.Fatalf("Validate() after cascade = %v; want none", v)
				}
			}},
		{name: "delete stage with cascade removes its steps", edit: journeys.Edit{Kind: journeys.ElementStage, Op: journeys.OpDelete, ID: "seek", Cascade: true},
			check: func(t *testing.T, j *journeys.Journey) {
				if len(j.Steps) != 0 || len(j.Handovers) != 0 {
					t.Fatalf("after cascade: %d steps, %d handovers; want 0 and 0", len(j.Steps), len(j.Handovers))
				}
			}},
		{name: "delete insight", edit: journeys.Edit{Kind: journeys.ElementInsight, Op: journeys.OpDelete, ID: "i1"},
			check: func(t *testing.T, j *journeys.Journey) {
				if len(j.Insights) != 0 {
					t.Fatalf("insights = %v; want none", j.Insights)
				}
			}},
		{name: "unknown kind", edit: journeys.Edit{Kind: "actors", Op: journeys.OpDelete, ID: "vc"}, wantCode: journeys.NotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j := mustSpecExample(t)
			_, err := tt.edit.Apply(j)
			if got := journeys.ErrorCode(err); got != tt.wantCode {
				t.Fatalf("Apply() error = %v (code %q); want code %q", err, got, tt.wantCode)
			}
			if tt.check != nil {
				tt.check(t, j)
			}
		})
	}
}

func TestDecodeStrict(t *testing.T) {
	tests := []struct {
		name, body, wantPointer string
		wantErr                 bool
	}{
		{name: "OK", body: `{"id":"p","name":"n"}`},
		{name: "unknown field", body: `{"id":"p","owner":"x"}`, wantErr: true, wantPointer: "/owner"},
		{name: "wrong type", body: `{"id":5}`, wantErr: true, wantPointer: "/id"},
		{name: "trailing value", body: `{"id":"p"} {"id":"q"}`, wantErr: true},
		{name: "trailing garbage", body: `{"id":"p"}x`, wantErr: true},
		{name: "empty", body: ``, wantErr: true},
		{name: "syntax", body: `{"id":`, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p journeys.Project
			err := journeys.DecodeStrict([]byte(tt.body), &p)
			if (err != nil) != tt.wantErr {
				t.Fatalf("DecodeStrict(%q) = %v; want error %v", tt.body, err, tt.wantErr)
			}
			if err != nil && journeys.ErrorCode(err) != journeys.Invalid {
				t.Fatalf("ErrorCode = %q; want INVALID", journeys.ErrorCode(err))
			}
			if tt.wantPointer != "" {
				v := journeys.ErrorViolations(err)
				if len(v) != 1 || v[0].Pointer != tt.wantPointer {
					t.Fatalf("violations = %v; want one at %s", v, tt.wantPointer)
				}
			}
		})
	}
}

func TestMergePatch(t *testing.T) {
	got, err := journeys.MergePatch([]byte(`{"a":1,"b":{"c":2,"d":3},"e":[1]}`), []byte(`{"a":null,"b":{"c":9},"e":[2],"f":"x"}`))
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"b":{"c":9,"d":3},"e":[2],"f":"x"}`; string(got) != want {
		t.Fatalf("MergePatch() = %s; want %s", got, want)
	}
}

func TestErrorCode(t *testing.T) {
	if got := journeys.ErrorCode(journeys.Errorf(journeys.NotFound, "x")); got != journeys.NotFound {
		t.Errorf("ErrorCode(NotFound) = %q", got)
	}
	plain := errFake("disk on fire")
	if got := journeys.ErrorCode(plain); got != journeys.Internal {
		t.Errorf("ErrorCode(plain error) = %q; want INTERNAL", got)
	}
	if got := journeys.ErrorMessage(plain); got != "Internal error." {
		t.Errorf("ErrorMessage(plain error) = %q; want no internal detail", got)
	}
	if got := journeys.ErrorMessage(journeys.Wrap(journeys.Internal, plain, "secret detail")); got != "Internal error." {
		t.Errorf("ErrorMessage(wrapped internal) = %q; want no internal detail", got)
	}
}

type errFake string

func (e errFake) Error() string { return string(e) }

func TestEachItem(t *testing.T) {
	pages := map[string]*journeys.List[int]{
		"":  {Items: []int{1, 2}, Next: "b"},
		"b": {Items: []int{3}, Next: "c"},
		"c": {Items: nil},
	}
	var got []int
	var limits []int
	err := journeys.EachItem(func(p journeys.Page) (*journeys.List[int], error) {
		limits = append(limits, p.Limit)
		return pages[p.Cursor], nil
	}, func(x int) { got = append(got, x) })
	if err != nil || len(got) != 3 || got[2] != 3 || len(limits) != 3 || limits[0] != journeys.MaxLimit {
		t.Fatalf("EachItem() = %v, items %v, limits %v; want 1 2 3 over 3 pages of %d", err, got, limits, journeys.MaxLimit)
	}
	boom := journeys.Errorf(journeys.Unavailable, "down")
	if err := journeys.EachItem(func(journeys.Page) (*journeys.List[int], error) { return nil, boom }, func(int) {}); err != boom {
		t.Fatalf("EachItem(failing) = %v; want the fetch error", err)
	}
}
