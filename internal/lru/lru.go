// Package lru is a least-recently-used cache bounded by the bytes its values hold, as
// each caller counts them. Glapp keeps encoded answers (api) and journeys' gap analyses
// (reports) in it: values whose keys name the state they were made from, so that an
// entry is never stale, only no longer asked for.
package lru

import (
	"container/list"
	"sync"
)

// Cache maps keys to values within a bound of max bytes. It is safe for concurrent use.
type Cache[V any] struct {
	mu    sync.Mutex
	max   int64
	used  int64
	order *list.List // front: most recently used; values are *item[V]
	items map[string]*list.Element
}

type item[V any] struct {
	key  string
	v    V
	size int64
}

// New returns a cache of at most max bytes; 0 or less keeps nothing.
func New[V any](max int64) *Cache[V] {
	return &Cache[V]{max: max, order: list.New(), items: map[string]*list.Element{}}
}

// Max is the cache's bound in bytes.
func (c *Cache[V]) Max() int64 { return c.max }

// Get returns the value under key and marks it used.
func (c *Cache[V]) Get(key string) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[key]
	if !ok {
		var zero V
		return zero, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*item[V]).v, true
}

// Put keeps v under key as size bytes, dropping the least recently used values until it
// fits. A value larger than the whole cache is not kept.
func (c *Cache[V]) Put(key string, v V, size int64) {
	size += int64(len(key)) + 64
	if size > c.max {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[key]; ok {
		c.remove(el)
	}
	for c.used+size > c.max && c.order.Len() > 0 {
		c.remove(c.order.Back())
	}
	c.items[key] = c.order.PushFront(&item[V]{key: key, v: v, size: size})
	c.used += size
}

// Used is how many bytes the cache holds.
func (c *Cache[V]) Used() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.used
}

func (c *Cache[V]) remove(el *list.Element) {
	it := el.Value.(*item[V])
	c.used -= it.size
	c.order.Remove(el)
	delete(c.items, it.key)
}
