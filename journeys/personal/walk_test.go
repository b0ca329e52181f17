package personal

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

type label string

type inner struct {
	Note  string
	Names []string
}

type Embedded struct{ Alias string }

type doc struct {
	Embedded
	Title    string
	Kind     label
	Optional *string
	Nil      *string
	Tags     []string
	Items    []inner
	Ptrs     []*inner
	Nested   inner
	Map      map[string][]string
	Labels   map[label]string
	Any      any
	AnyMap   map[string]any
	Array    [2]string
	Count    int
	Number   json.Number
	Raw      []byte
	When     time.Time
	secret   string
}

const pnrText = "ring 070-123 45 67 eller 19121212-1212"

func TestRedactAll(t *testing.T) {
	opt := "anna@example.se"
	d := &doc{
		Embedded: Embedded{Alias: "19121212-1212"},
		Title:    pnrText,
		Kind:     "121212-1212",
		Optional: &opt,
		Tags:     []string{"ok", "070-123 45 67"},
		Items:    []inner{{Note: "19121272-1219", Names: []string{"x@y.se"}}},
		Ptrs:     []*inner{{Note: "19121212-1212"}, nil},
		Nested:   inner{Note: "0701234567"},
		Map:      map[string][]string{"anna@example.se": {"19121212-1212"}, "kod": {"step:s1"}},
		Labels:   map[label]string{"a": "19121212-1212"},
		Any:      inner{Note: "19121212-1212"},
		AnyMap:   map[string]any{"x": []any{"19121212-1212", map[string]any{"y": "a@b.se"}}, "n": json.Number("1912121212")},
		Array:    [2]string{"19121212-1212", ""},
		Count:    191212121212,
		Number:   "1912121212",
		Raw:      []byte("19121212-1212"),
		secret:   "19121212-1212",
	}
	counts := RedactAll(d)
	want := map[string]int{"PNR": 9, "SAMORDNINGSNUMMER": 1, "E-POST": 4, "TELEFON": 3}
	if fmt.Sprint(counts) != fmt.Sprint(want) {
		t.Errorf("RedactAll counts = %v; want %v", counts, want)
	}
	got, _ := json.Marshal(d)
	for _, leak := range []string{"1212-1212", "1219", "@", "070", "0701234567"} {
		if strings.Contains(string(got), leak) {
			t.Errorf("RedactAll left %q in %s", leak, got)
		}
	}
	// Left alone: numbers, json.Number, byte slices and unexported fields.
	if d.Count != 191212121212 || d.Number != "1912121212" || string(d.Raw) != "19121212-1212" || d.secret != "19121212-1212" {
		t.Errorf("RedactAll changed what it must leave: %+v", d)
	}
	if d.Title != "ring [TELEFON] eller [PNR]" || d.Kind != "[PNR]" || *d.Optional != "[E-POST]" || d.Nil != nil {
		t.Errorf("RedactAll = %+v", d)
	}
	if _, ok := d.Map["[E-POST]"]; !ok || d.Map["[E-POST]"][0] != "[PNR]" || d.Map["kod"][0] != "step:s1" {
		t.Errorf("map keys and values: %v", d.Map)
	}
	if d.Any.(inner).Note != "[PNR]" {
		t.Errorf("interface content = %+v", d.Any)
	}
	if again := RedactAll(d); again != nil {
		t.Errorf("RedactAll is not idempotent: second pass replaced %v", again)
	}
}

func TestRedactAllNothing(t *testing.T) {
	d := &doc{Title: "Väntan 2026-03-14 kl. 09:30", Tags: []string{"Dnr 2026-1234"}}
	if counts := RedactAll(d); counts != nil {
		t.Errorf("RedactAll(%+v) = %v; want nil", d, counts)
	}
	if counts := RedactAll(nil); counts != nil {
		t.Errorf("RedactAll(nil) = %v", counts)
	}
}

func TestRedactAllCycle(t *testing.T) {
	type node struct {
		Text string
		Next *node
	}
	n := &node{Text: "a@b.se"}
	n.Next = n
	if counts := RedactAll(n); counts["E-POST"] != 1 || n.Text != "[E-POST]" {
		t.Errorf("RedactAll(cycle) = %v, %q", counts, n.Text)
	}
}

// TestRedactAllSharedArray checks that two slices over one array are both walked: a
// shorter one seen first must not hide the strings only the longer one reaches.
func TestRedactAllSharedArray(t *testing.T) {
	all := []string{"ingen", "ring 070-123 45 67"}
	v := struct{ Short, Long []string }{all[:1], all}
	RedactAll(&v)
	if v.Long[1] != "ring [TELEFON]" {
		t.Errorf("RedactAll left %q in the longer slice", v.Long[1])
	}
}

func TestRedactAllNeedsAPointer(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("RedactAll(struct value) did not panic")
		}
	}()
	RedactAll(doc{})
}

func TestContainsAndHasMarker(t *testing.T) {
	for _, tt := range []struct {
		in             string
		contains, mark bool
	}{
		{"19121212-1212", true, false},
		{"a@b.se", true, false},
		{"0701234567", true, false},
		{"journey-1", false, false},
		{"x-[PNR]", false, true},
		{"[TELEFON]", false, true},
		{"[OTHER]", false, false},
	} {
		if got := Contains(tt.in); got != tt.contains {
			t.Errorf("Contains(%q) = %v; want %v", tt.in, got, tt.contains)
		}
		if got := HasMarker(tt.in); got != tt.mark {
			t.Errorf("HasMarker(%q) = %v; want %v", tt.in, got, tt.mark)
		}
	}
}
