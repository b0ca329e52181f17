package embedded

import (
	"context"
	"errors"
	"fmt"

	"github.com/glapp/glapp/journeys"
	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// view runs fn in one read-only transaction, so that everything fn reads is one
// consistent snapshot.
func (s *Store) view(ctx context.Context, fn func(tx *bolt.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return contextError(err)
	}
	return s.translate(safely(func() error { return s.db.View(fn) }))
}

// read runs fn in one read-only transaction and returns the value fn read, so that a
// method that reads one value needs no variable outside the transaction to carry it.
func read[T any](ctx context.Context, s *Store, fn func(tx *bolt.Tx) (T, error)) (T, error) {
	var out T
	err := s.view(ctx, func(tx *bolt.Tx) error {
		var err error
		out, err = fn(tx)
		return err
	})
	if err != nil {
		var zero T
		return zero, err
	}
	return out, nil
}

// readProject runs fn on project projectID in one read-only transaction, or returns the
// project's NOT_FOUND.
func readProject[T any](ctx context.Context, s *Store, projectID string, fn func(p *project) (T, error)) (T, error) {
	return read(ctx, s, func(tx *bolt.Tx) (T, error) {
		p, err := openProject(tx, projectID)
		if err != nil {
			var zero T
			return zero, err
		}
		return fn(p)
	})
}

// update runs fn in one read-write transaction. Any error fn returns rolls back all of
// its writes, which is how a refused journey leaves no trace.
func (s *Store) update(ctx context.Context, fn func(tx *bolt.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return contextError(err)
	}
	return s.translate(safely(func() error { return s.db.Update(fn) }))
}

// errPanicked marks the error safely makes of a panic.
var errPanicked = errors.New("the database panicked")

// safely runs fn and turns a panic into an error. bbolt panics when it meets a page that
// is not what its parent says it is, which only a damaged file can cause, and a bug in
// code run inside a transaction panics too; neither must reach a client or stop the
// process. bbolt's View and Update roll their transaction back on a panic, so the
// database stays usable for what is not damaged.
func safely(fn func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: %v", errPanicked, r)
		}
	}()
	return fn()
}

// translate turns what a transaction returned into the error the Store contract
// promises: domain errors and the caller's own errors pass through, bbolt errors become
// UNAVAILABLE (closed database) or INTERNAL.
func (s *Store) translate(err error) error {
	var ce *journeys.CallerError
	var de *journeys.Error
	switch {
	case err == nil:
		return nil
	case errors.Is(err, errPanicked):
		return s.panicked(err)
	case errors.As(err, &ce):
		return ce.Err
	case errors.As(err, &de):
		return err
	case errors.Is(err, bolterrors.ErrDatabaseNotOpen):
		return journeys.Wrap(journeys.Unavailable, err, "The database is closed.")
	default:
		return journeys.Wrap(journeys.Internal, err, "The embedded database failed.")
	}
}

// panicked answers a panic recovered inside a transaction. Only damage should take the
// store out of service, and a panic alone does not say whether bbolt met a broken page
// or a bug panicked (the store's own, or in a function a caller handed it), so bbolt's
// page check decides: a problem found marks the store damaged, and Ping fails until the
// file is restored; a sound file leaves the store ready and answers INTERNAL for this
// call only. The check reads the whole file, so while one runs another panic does not
// start a second: the running one sees the same file.
func (s *Store) panicked(err error) error {
	if !s.checking.TryLock() {
		return journeys.Wrap(journeys.Internal, err, "The embedded database failed.")
	}
	defer s.checking.Unlock()
	var problem string
	s.checkPages(func(p string) {
		if problem == "" {
			problem = p
		}
	})
	if problem != "" {
		s.markDamaged(fmt.Errorf("%w: %s (met as %v)", ErrDamaged, problem, err))
		return s.damaged()
	}
	return journeys.Wrap(journeys.Internal, err, "The embedded database failed.")
}

// contextError reports a cancelled or timed-out request. It keeps the context error as
// its cause so that callers can still tell the two apart with errors.Is.
func contextError(err error) error {
	return journeys.Wrap(journeys.Unavailable, err, "The request was cancelled or timed out before the database answered.")
}
