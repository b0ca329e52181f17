// Package embedded is Glapp's default store: journeys.Store and journeys.AccessStore on
// bbolt, a single-file, pure-Go, transactional key-value database, so that glapp runs
// with nothing else installed.
//
// Every project is one bucket holding its record and its actors, journeys and sources,
// so that no read can stray into another project and deleting a project is one bucket
// delete. The audit log, tokens and idempotency keys live in buckets of their own beside
// the projects (see bucket.go). Every write appends its audit entry in its own
// transaction. Values are JSON. The package translates every bbolt error into a
// *journeys.Error where it happens; it holds no domain rules of its own and calls the
// journeys package to validate.
package embedded

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/glapp/glapp/journeys"
	bolt "go.etcd.io/bbolt"
)

// Store implements the whole contract; the compiler says so before any test does.
var _ journeys.Backend = (*Store)(nil)

// Store is a journeys.Backend kept in one bbolt file. It is safe for concurrent use:
// bbolt runs any number of readers next to one writer, and every method is one
// transaction.
type Store struct {
	db *bolt.DB
	// dir is the data directory, which messages about damage name.
	dir string
	// damage holds the first sign of a damaged file met since Open (a panic inside
	// bbolt, a failed Check), or nil. Ping reports it.
	damage atomic.Pointer[error]
	// checking is held while a panic's page check runs (panicked).
	checking sync.Mutex

	// Now returns the time the store stamps on what it writes. It defaults to the UTC
	// wall clock; tests replace it to get stable timestamps. Set it before first use.
	Now func() time.Time
	// Limits bound the size of each journey written; zero means journeys.DefaultLimits.
	// Set it before first use.
	Limits journeys.Limits
}

// Close releases the database file and its lock.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return journeys.Wrap(journeys.Internal, err, "The database could not be closed.")
	}
	return nil
}

// Ping reports whether the database is open and readable and has shown no damage since
// Open. Once a read met a damaged page, Ping fails until the file is restored and glapp
// restarted: a server that serves from a damaged file must leave the load balancer.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.damaged(); err != nil {
		return err
	}
	return s.view(ctx, func(tx *bolt.Tx) error {
		if tx.Bucket(glappKey) == nil {
			return journeys.Errorf(journeys.Internal, "The database has lost its Glapp marker.")
		}
		return nil
	})
}

// damaged returns the damage recorded since Open, as an INTERNAL error, or nil.
func (s *Store) damaged() error {
	if p := s.damage.Load(); p != nil {
		return journeys.Wrap(journeys.Internal, *p, "The database file is damaged; run glapp check and restore it from a copy.")
	}
	return nil
}

// markDamaged records err as a sign of damage; the first one recorded stays.
func (s *Store) markDamaged(err error) { s.damage.CompareAndSwap(nil, &err) }
