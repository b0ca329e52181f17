package gaps

import "context"

// checkEvery is how many elements, drafts or findings the engine and CombineReports
// handle between looks at the context, so that a client that hangs up stops
// the work within a bounded amount of it while the look itself costs next to nothing.
const checkEvery = 256

// stopped returns ctx's error on every checkEvery-th call (counting from i = 0), and nil
// otherwise.
func stopped(ctx context.Context, i int) error {
	if i%checkEvery != 0 {
		return nil
	}
	return ctx.Err()
}
