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
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/glapp/glapp/journeys"
	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// FileName is the name of the database file inside the data directory.
const FileName = "glapp.db"

// openTimeout bounds the wait for bbolt's file lock. A variable so that tests need not
// wait the full two seconds.
var openTimeout = 2 * time.Second

// Store is a journeys.Store and a journeys.AccessStore kept in one bbolt file. It is safe
// for concurrent use: bbolt runs any number of readers next to one writer, and every
// method is one transaction.
type Store struct {
	db *bolt.DB

	// Now returns the time the store stamps on what it writes. It defaults to the UTC
	// wall clock; tests replace it to get stable timestamps. Set it before first use.
	Now func() time.Time
	// Limits bound the size of each journey written; zero means journeys.DefaultLimits.
	// Set it before first use.
	Limits journeys.Limits
}

var (
	_ journeys.Store         = (*Store)(nil)
	_ journeys.AccessStore   = (*Store)(nil)
	_ journeys.EvidenceStore = (*Store)(nil)
)

// Open opens the store in dir, creating the directory (readable by the owner only: it
// holds interview evidence) and the database file when they do not exist. Only one
// process may have a data directory open; Open fails after a short wait when another
// glapp holds it, instead of blocking forever.
func Open(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	path := filepath.Join(dir, FileName)
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: openTimeout})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, fmt.Errorf("data directory %s is in use by another glapp process (only one may open it at a time): %w", dir, err)
	}
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	if err := db.Update(prepare); err != nil {
		db.Close()
		return nil, fmt.Errorf("prepare database %s: %w", path, err)
	}
	return &Store{db: db, Now: func() time.Time { return time.Now().UTC() }}, nil
}

// prepare brings a file written by this or any older version to the current layout:
// every root bucket, and every bucket each project needs.
func prepare(tx *bolt.Tx) error {
	for _, key := range rootBuckets {
		if _, err := tx.CreateBucketIfNotExists(key); err != nil {
			return err
		}
	}
	root := tx.Bucket(projectsKey)
	return root.ForEachBucket(func(id []byte) error {
		b := root.Bucket(id)
		if err := ensureProjectBuckets(b); err != nil {
			return err
		}
		// An import that was running when the process died never became visible: drop
		// what it had built.
		return abandonImport(b, nil)
	})
}

// Close releases the database file and its lock.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return journeys.Wrap(journeys.Internal, err, "The database could not be closed.")
	}
	return nil
}

// Ping reports whether the database is open and readable.
func (s *Store) Ping(ctx context.Context) error {
	return s.view(ctx, func(*bolt.Tx) error { return nil })
}
