package lru

import "testing"

func TestCache_EvictsLeastRecentlyUsedWithinBound(t *testing.T) {
	c := New[int](3 * (100 + 1 + 64))
	for i, k := range []string{"a", "b", "c"} {
		c.Put(k, i, 100)
	}
	if _, ok := c.Get("a"); !ok { // a is now the most recently used
		t.Fatal("Get(a) missed; want it kept")
	}
	c.Put("d", 3, 100)
	if _, ok := c.Get("b"); ok {
		t.Error("Get(b) hit after d pushed the cache past its bound; want b, the least recently used, gone")
	}
	for _, k := range []string{"a", "c", "d"} {
		if _, ok := c.Get(k); !ok {
			t.Errorf("Get(%s) missed; want it kept", k)
		}
	}
	if c.Used() > c.Max() {
		t.Errorf("Used() = %d; want at most %d", c.Used(), c.Max())
	}
	c.Put("huge", 4, c.Max())
	if _, ok := c.Get("huge"); ok {
		t.Error("a value larger than the cache was kept")
	}
	c.Put("a", 9, 100)
	if v, _ := c.Get("a"); v != 9 || c.Used() > c.Max() {
		t.Errorf("Put(a) again: Get = %d, Used %d; want 9 within %d", v, c.Used(), c.Max())
	}
}
