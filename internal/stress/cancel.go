package stress

import (
	"context"
	"sync/atomic"
)

// CancelAfter returns a context that is cancelled by the n+1st look at its Err, as if the
// client hung up part way through the work. Tests use it to show that work stops between
// looks and not only before it starts: with n > 0 the work has begun when the context is
// cancelled, and no timing is involved.
func CancelAfter(n int) context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	c := &countdown{Context: ctx, cancel: cancel}
	c.left.Store(int64(n))
	return c
}

// countdown is the context CancelAfter returns.
type countdown struct {
	context.Context
	cancel context.CancelFunc
	left   atomic.Int64
}

// Err counts the look, cancels the context when the count runs out, and returns the
// context's error.
func (c *countdown) Err() error {
	if c.left.Add(-1) < 0 {
		c.cancel()
	}
	return c.Context.Err()
}
