package api

import (
	"math"
	"strconv"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/journeys"
)

// limiter is a token bucket per key: each key may make burst requests at once and rate
// more per second after that. It lives in one process; behind several instances each
// counts its own share, which still bounds a client.
type limiter struct {
	mu        sync.Mutex
	rate      float64
	burst     float64
	buckets   map[string]*bucket
	now       func() time.Time
	lastSweep time.Time
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newLimiter(rate float64, burst int, now func() time.Time) *limiter {
	return &limiter{rate: rate, burst: float64(burst), buckets: map[string]*bucket{}, now: now}
}

// allow takes one token from key's bucket, or says how long until one is there.
func (l *limiter) allow(key string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	l.sweep(now)
	b, ok := l.buckets[key]
	if !ok {
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[key] = b
	}
	b.tokens = math.Min(l.burst, b.tokens+now.Sub(b.last).Seconds()*l.rate)
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	return false, time.Duration((1 - b.tokens) / l.rate * float64(time.Second))
}

// sweep forgets buckets that have refilled, at most once a minute, so that the map does
// not grow with every address that ever called.
func (l *limiter) sweep(now time.Time) {
	if now.Sub(l.lastSweep) < time.Minute {
		return
	}
	l.lastSweep = now
	for k, b := range l.buckets {
		if b.tokens+now.Sub(b.last).Seconds()*l.rate >= l.burst {
			delete(l.buckets, k)
		}
	}
}

// rateLimit answers 429 with Retry-After when key's bucket is empty, and counts the refusal
// under the limit's name. An empty key is not limited.
func (s *server) rateLimit(l *limiter, name string, key func(c *gin.Context) string) gin.HandlerFunc {
	return func(c *gin.Context) {
		k := key(c)
		if k == "" || l == nil {
			c.Next()
			return
		}
		if ok, wait := l.allow(k); !ok {
			s.metrics.RateLimited(name)
			c.Header("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
			writeProblem(c, journeys.Errorf(journeys.RateLimited, "Too many requests; retry after the time in Retry-After."))
			return
		}
		c.Next()
	}
}

// byClientAddress keys requests by the client's address. gin's ClientIP reads
// X-Forwarded-For only from the proxies configured as trusted, so a forged header from
// anyone else changes nothing.
func byClientAddress(c *gin.Context) string { return "ip:" + c.ClientIP() }

// byToken keys authenticated requests by their token, wherever they come from.
func byToken(c *gin.Context) string {
	if id := principalOf(c).TokenID; id != "" {
		return "token:" + id
	}
	return ""
}
