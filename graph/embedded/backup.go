package embedded

import (
	"context"
	"io"

	"github.com/glapp/glapp/journeys"
	bolt "go.etcd.io/bbolt"
)

// Backup writes the whole database file as one read transaction sees it, with bbolt's
// Tx.WriteTo: a consistent snapshot while writers go on, which Open takes as a data
// directory's glapp.db. Writers are not held up, but for one thing: a write that must
// grow the file's memory map waits until the copy ends, as it waits for any long read.
func (s *Store) Backup(ctx context.Context, begin func(size int64) io.Writer) error {
	if err := s.damaged(); err != nil {
		return err // a copy of a damaged file would only pass the damage on
	}
	return s.view(ctx, func(tx *bolt.Tx) error {
		w := &backupWriter{ctx: ctx, w: begin(tx.Size())}
		_, err := tx.WriteTo(w)
		switch {
		case w.err != nil && ctx.Err() != nil:
			return contextError(ctx.Err())
		case w.err != nil:
			return journeys.Wrap(journeys.Unavailable, w.err, "The backup could not be written to its destination.")
		}
		return err
	})
}

// backupWriter is the destination of a backup, stopped by its context between two
// writes, and keeping its own failure apart from the database's: a client that hangs up
// is no sign of a broken file.
type backupWriter struct {
	ctx context.Context
	w   io.Writer
	err error
}

func (b *backupWriter) Write(p []byte) (int, error) {
	if b.err == nil {
		b.err = b.ctx.Err()
	}
	if b.err != nil {
		return 0, b.err
	}
	n, err := b.w.Write(p)
	b.err = err
	return n, err
}
