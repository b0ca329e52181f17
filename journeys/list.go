package journeys

import (
	"encoding/base64"
	"strings"
)

// Page limits for list endpoints.
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

// Page asks for one page of a list: at most Limit items after the opaque Cursor.
type Page struct {
	Limit  int
	Cursor string
}

// Size returns the page size to use: the default when unset, capped at MaxLimit.
func (p Page) Size() int {
	switch {
	case p.Limit <= 0:
		return DefaultLimit
	case p.Limit > MaxLimit:
		return MaxLimit
	}
	return p.Limit
}

// After returns the key the page starts after, decoded from the cursor.
func (p Page) After() (string, error) {
	if p.Cursor == "" {
		return "", nil
	}
	b, err := base64.RawURLEncoding.DecodeString(p.Cursor)
	if err != nil || !strings.HasPrefix(string(b), "k:") {
		return "", &Error{Code: Invalid, Message: "The cursor is not one this service handed out.",
			Violations: []Violation{{Parameter: "cursor", Detail: "Use the \"next\" value of the previous page."}}}
	}
	return strings.TrimPrefix(string(b), "k:"), nil
}

// CursorAfter returns the opaque cursor for a page that starts after key.
func CursorAfter(key string) string {
	return base64.RawURLEncoding.EncodeToString([]byte("k:" + key))
}

// List is one page of a list; Next is the cursor of the following page, empty at the end.
type List[T any] struct {
	Items []T    `json:"items"`
	Next  string `json:"next,omitempty"`
}

// JourneyFilter narrows a journey list; empty fields match everything.
type JourneyFilter struct {
	Kind        JourneyKind
	TargetGroup string
	AgeGroup    AgeGroup
}

// Match reports whether j passes the filter.
func (f JourneyFilter) Match(j *Journey) bool {
	return (f.Kind == "" || j.Kind == f.Kind) &&
		(f.TargetGroup == "" || strings.EqualFold(j.TargetGroup, f.TargetGroup)) &&
		(f.AgeGroup == "" || j.AgeGroup == f.AgeGroup)
}

// EachItem pages through a list with the largest page size, calling each for every item
// in order, so that callers that need a whole list need not write the cursor loop.
func EachItem[T any](fetch func(Page) (*List[T], error), each func(T)) error {
	page := Page{Limit: MaxLimit}
	for {
		l, err := fetch(page)
		if err != nil {
			return err
		}
		for _, x := range l.Items {
			each(x)
		}
		if l.Next == "" {
			return nil
		}
		page.Cursor = l.Next
	}
}

// AllItems returns every item of a list, paging through it with EachItem.
func AllItems[T any](fetch func(Page) (*List[T], error)) ([]T, error) {
	var out []T
	err := EachItem(fetch, func(x T) { out = append(out, x) })
	return out, err
}
