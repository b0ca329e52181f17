package storetest

import (
	"slices"
	"testing"

	"github.com/glapp/glapp/journeys"
)

// testPages walks a list two items at a time and checks that the pages hold want in
// order, that every page but the last has a next cursor and the last has none, that an
// unpaged call returns everything, and that a cursor the store never handed out is
// refused as INVALID.
func testPages[T any](t *testing.T, name string, want []string, id func(T) string, fetch func(journeys.Page) (*journeys.List[T], error)) {
	t.Helper()
	all, err := fetch(journeys.Page{})
	if err != nil {
		t.Fatalf("%s(no limit) = %v; want nil error", name, err)
	}
	if got := ids(all.Items, id); !slices.Equal(got, want) || all.Next != "" {
		t.Errorf("%s(no limit) = %q, next %q; want %q, no next", name, got, all.Next, want)
	}

	var got []string
	page := journeys.Page{Limit: 2}
	for n := 0; ; n++ {
		list, err := fetch(page)
		if err != nil {
			t.Fatalf("%s(%+v) = %v; want nil error", name, page, err)
		}
		got = append(got, ids(list.Items, id)...)
		if list.Next == "" {
			if len(list.Items) == 0 && len(want) > 0 {
				t.Errorf("%s(%+v) = empty last page; want next empty on the page with the last item", name, page)
			}
			break
		}
		if len(list.Items) != 2 {
			t.Errorf("%s(%+v) = %d items with next %q; want 2", name, page, len(list.Items), list.Next)
		}
		if n > len(want) {
			t.Fatalf("%s: more pages than items; want the walk to end", name)
		}
		page.Cursor = list.Next
	}
	if !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
		t.Errorf("%s pages = %q; want %q", name, got, want)
	}

	_, err = fetch(journeys.Page{Cursor: "not a cursor!"})
	wantCode(t, err, journeys.Invalid, "%s(bad cursor)", name)
}
