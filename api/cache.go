package api

import "github.com/glapp/glapp/internal/lru"

// DefaultCacheBytes is how many bytes of encoded answers the server keeps unless Config
// says otherwise (GLAPP_CACHE_BYTES).
const DefaultCacheBytes = 64 << 20

// entry is one cached answer of a stamped read, as sent.
type entry struct {
	tag, contentType, language, encoding string
	body                                 []byte
}

// responseCache keeps encoded answers of stamped reads by their stamp and
// representation, least recently used first out, within a bound in bytes. A key names a
// state of the project, so an entry is never stale: entries of older states are simply
// no longer asked for, and age out.
type responseCache struct{ c *lru.Cache[*entry] }

// newResponseCache returns a cache of at most max bytes; 0 or less keeps nothing.
func newResponseCache(max int64) *responseCache { return &responseCache{lru.New[*entry](max)} }

// maxEntry is the largest body worth keeping: an eighth of the cache, so that one large
// report cannot push out everything else. A larger answer is streamed and not kept.
// A nil cache keeps nothing.
func (c *responseCache) maxEntry() int {
	if c == nil {
		return 64 << 10
	}
	return int(max(c.c.Max()/8, 64<<10))
}

func (c *responseCache) get(key string) (*entry, bool) {
	if c == nil {
		return nil, false
	}
	return c.c.Get(key)
}

func (c *responseCache) put(key string, e *entry) {
	if c == nil {
		return
	}
	c.c.Put(key, e, int64(len(e.body)+len(e.tag)+len(e.contentType)+len(e.language)+len(e.encoding)+64))
}
