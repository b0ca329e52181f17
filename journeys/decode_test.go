package journeys_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/glapp/glapp/journeys"
)

func TestCheckJSON(t *testing.T) {
	deep := strings.Repeat("[", journeys.MaxJSONDepth+1) + strings.Repeat("]", journeys.MaxJSONDepth+1)
	tests := []struct {
		name, body, wantPointer string
		wantErr                 bool
	}{
		{name: "OK", body: `{"a":[1,{"b":"å→"}],"c":{"a":1},"d":"\ud83d\ude00"}`},
		{name: "OK same name in other objects", body: `[{"a":1},{"a":2,"b":{"a":3}}]`},
		{name: "OK deepest", body: strings.Repeat("[", journeys.MaxJSONDepth) + strings.Repeat("]", journeys.MaxJSONDepth)},
		{name: "OK trailing whitespace", body: "{}\n\t "},
		{name: "duplicate", body: `{"title":"a","title":"b"}`, wantErr: true, wantPointer: "/title"},
		{name: "duplicate by case", body: `{"title":"a","Title":"b"}`, wantErr: true, wantPointer: "/Title"},
		{name: "duplicate by Unicode case", body: `{"område":1,"OMRÅDE":2}`, wantErr: true, wantPointer: "/OMRÅDE"},
		{name: "duplicate by fold set", body: `{"k":1,"\u212a":2}`, wantErr: true, wantPointer: "/K"},
		{name: "OK names that differ beyond case", body: `{"title":"a","titles":"b"}`},
		{name: "duplicate by escape", body: `{"a":1,"\u0061":2}`, wantErr: true, wantPointer: "/a"},
		{name: "duplicate deep", body: `{"steps":[{"id":"s1"},{"id":"s2","x/y":{"k":1,"k":2}}]}`, wantErr: true, wantPointer: "/steps/1/x~1y/k"},
		{name: "duplicate after nested value", body: `{"a":{"b":[1,2]},"a":3}`, wantErr: true, wantPointer: "/a"},
		{name: "invalid UTF-8 value", body: "{\"a\":[\"ok\",\"bad \xff\"]}", wantErr: true, wantPointer: "/a/1"},
		{name: "invalid UTF-8 name", body: "{\"a\":{\"b\xc3\":1}}", wantErr: true, wantPointer: "/a"},
		{name: "lone high surrogate", body: `{"a":"\ud800x"}`, wantErr: true, wantPointer: "/a"},
		{name: "lone low surrogate", body: `{"a":"\udc00"}`, wantErr: true, wantPointer: "/a"},
		{name: "escaped backslash then u", body: `{"a":"\\ud800"}`},
		{name: "too deep", body: deep, wantErr: true, wantPointer: "/" + strings.TrimSuffix(strings.Repeat("0/", journeys.MaxJSONDepth), "/")},
		{name: "trailing value", body: `{"title":"a"} {"title":"b"} junk`, wantErr: true},
		{name: "trailing garbage", body: `{}x`, wantErr: true},
		{name: "empty", body: ``, wantErr: true},
		{name: "cut short", body: `{"a":[1,`, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := journeys.CheckJSON([]byte(tt.body))
			if (err != nil) != tt.wantErr {
				t.Fatalf("CheckJSON(%q) = %v; want error %v", tt.body, err, tt.wantErr)
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

func TestMergePatchIsStrict(t *testing.T) {
	for _, patch := range []string{
		`{"title":"a"} {"title":"b"} junk`,
		`{"title":"a","title":"b"}`,
		"{\"title\":\"\xff\"}",
	} {
		if _, err := journeys.MergePatch([]byte(`{"title":"x"}`), []byte(patch)); journeys.ErrorCode(err) != journeys.Invalid {
			t.Errorf("MergePatch(%q) = %v; want INVALID", patch, err)
		}
	}
}

// FuzzCheckJSON checks CheckJSON against encoding/json and an independent count of
// member names: it accepts exactly the single JSON values that are valid UTF-8, nest
// at most MaxJSONDepth deep and name no member twice in one object (documents with
// surrogate escapes are left to the table test). The seeds are in testdata/fuzz.
func FuzzCheckJSON(f *testing.F) {
	for _, s := range []string{`{"a":1}`, `{"a":1,"a":2}`, `[{"a":{"b":[]}},{"a":null}]`, "\"\xff\"", `{"a":"\ud800"}`, `1 2`, `{"a":{"b":1,"b":2}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		err := journeys.CheckJSON(data)
		if err != nil && journeys.ErrorCode(err) != journeys.Invalid {
			t.Fatalf("CheckJSON(%q) = %v; want INVALID or nil", data, err)
		}
		if bytes.Contains(data, []byte(`\u`)) || bytes.Contains(data, []byte(`\U`)) {
			if err == nil && !json.Valid(data) {
				t.Fatalf("CheckJSON(%q) accepted invalid JSON", data)
			}
			return
		}
		var v any
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber() // CheckJSON leaves numbers to the decoding that follows it
		want := json.Valid(data) && utf8.Valid(data) && dec.Decode(&v) == nil
		if want {
			members, depth := countMembers(t, data)
			want = members == countNames(v) && depth <= journeys.MaxJSONDepth
		}
		if (err == nil) != want {
			t.Fatalf("CheckJSON(%q) = %v; want accepted %v", data, err, want)
		}
	})
}

// countMembers counts the members of every object in data, names given twice included,
// and measures its depth.
func countMembers(t *testing.T, data []byte) (members, depth int) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var objects []bool // per open container: is it an object?
	name := false      // the next string is a member name
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return members, depth
		}
		if err != nil {
			t.Fatalf("Token() = %v on valid JSON %q", err, data)
		}
		if _, ok := tok.(string); ok && name {
			members++
			name = false
			continue
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			objects = append(objects, tok == json.Delim('{'))
			depth = max(depth, len(objects))
			name = tok == json.Delim('{')
			continue
		case json.Delim('}'), json.Delim(']'):
			objects = objects[:len(objects)-1]
		}
		name = len(objects) > 0 && objects[len(objects)-1]
	}
}

// countNames counts the member names left after decoding, where a name given twice
// counts once.
func countNames(v any) int {
	n := 0
	switch v := v.(type) {
	case map[string]any:
		n += len(v)
		for _, x := range v {
			n += countNames(x)
		}
	case []any:
		for _, x := range v {
			n += countNames(x)
		}
	}
	return n
}

// TestDecodeStrictWholeDocumentPointer checks that a body of the wrong type as a whole is
// pointed at with "", the whole document, not "/", a member named "".
func TestDecodeStrictWholeDocumentPointer(t *testing.T) {
	var v struct {
		A string `json:"a"`
	}
	v2 := journeys.ErrorViolations(journeys.DecodeStrict([]byte(`[]`), &v))
	if len(v2) != 1 || v2[0].Pointer != "" {
		t.Errorf("DecodeStrict of an array into an object: violations %+v; want one with pointer \"\"", v2)
	}
}
