package embedded

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/hex"
	"time"

	"github.com/glapp/glapp/journeys"
	bolt "go.etcd.io/bbolt"
)

// writeAudit appends the entry for a write that changed stored data to the project's
// audit log, and moves the project's stamp as the action says (journeys.StampChangeOf).
// Every write path calls it inside its own transaction tx, after the change and only
// when there was one, so that the entry and the stamp commit or roll back with the write.
func (s *Store) writeAudit(ctx context.Context, tx *bolt.Tx, projectID, action string, objects ...string) error {
	return s.writeAuditChange(ctx, tx, projectID, action, journeys.StampChangeOf(action), objects...)
}

// writeAuditChange is writeAudit for a write whose stamp change says more than its
// action (a journey write that upserts carried actors).
func (s *Store) writeAuditChange(ctx context.Context, tx *bolt.Tx, projectID, action string, change journeys.StampChange, objects ...string) error {
	if err := moveStamp(tx, projectID, change); err != nil {
		return err
	}
	e := journeys.NewAuditEntry(ctx, projectID, action, objects...)
	return s.appendAudit(tx, &e)
}

// appendAudit stamps e with the store's clock and an id, and stores it in the log of
// e.Project, which it creates on first use. The key is the time followed by the log's
// next sequence number: it sorts by time, and two entries of the same instant still get
// keys of their own, in the order they were written.
func (s *Store) appendAudit(tx *bolt.Tx, e *journeys.AuditEntry) error {
	log, err := tx.Bucket(auditKey).CreateBucketIfNotExists([]byte(e.Project))
	if err != nil {
		return err
	}
	seq, err := log.NextSequence()
	if err != nil {
		return err
	}
	e.Time = s.Now()
	key := timeKey(e.Time, binary.BigEndian.AppendUint64(nil, seq))
	e.ID = hex.EncodeToString(key)
	return putJSON(log, string(key), e)
}

// ListAudit returns the project's audit entries that pass the filter, newest first. The
// log outlives its project, so a deleted project's id lists what was done to it; an id
// that never had a write lists nothing rather than NOT_FOUND, since a log need not exist
// for its project to.
func (s *Store) ListAudit(ctx context.Context, projectID string, f journeys.AuditFilter, page journeys.Page) (*journeys.List[journeys.AuditEntry], error) {
	return read(ctx, s, func(tx *bolt.Tx) (*journeys.List[journeys.AuditEntry], error) {
		log := tx.Bucket(auditKey).Bucket([]byte(projectID))
		if log == nil {
			// Refuse a bad cursor here too, as a log with entries would.
			_, err := page.After()
			return &journeys.List[journeys.AuditEntry]{Items: []journeys.AuditEntry{}}, err
		}
		return listIn(log, descending, page, func(_, data []byte) (journeys.AuditEntry, bool, error) {
			var e journeys.AuditEntry
			if err := decodeJSON(data, &e); err != nil {
				return e, false, err
			}
			// Keys sort by time, so once one entry is too old every later one is too.
			if !f.Since.IsZero() && e.Time.Before(f.Since) {
				return e, false, errEndOfList
			}
			return e, f.Match(&e), nil
		})
	})
}

// RecordAudit appends e on its own, for a write the service refused, keeping its token,
// action, objects and outcome within the bounds of an entry (journeys.AuditEntry.Bounded).
// It sets e's ID and Time once the entry is stored.
func (s *Store) RecordAudit(ctx context.Context, e *journeys.AuditEntry) error {
	if e.Project == "" || e.Action == "" {
		return journeys.Errorf(journeys.Internal, "An audit entry needs a project and an action.")
	}
	rec := e.Bounded()
	if err := s.update(ctx, func(tx *bolt.Tx) error { return s.appendAudit(tx, &rec) }); err != nil {
		return err
	}
	e.ID, e.Time = rec.ID, rec.Time
	return nil
}

// EachAuditEntry calls fn with every entry of every log, log by log in project id order
// and oldest first within a log, in one read transaction.
func (s *Store) EachAuditEntry(ctx context.Context, fn func(*journeys.AuditEntry) error) error {
	return s.view(ctx, func(tx *bolt.Tx) error {
		root := tx.Bucket(auditKey)
		return root.ForEachBucket(func(name []byte) error {
			return root.Bucket(name).ForEach(func(_, data []byte) error {
				var e journeys.AuditEntry
				if err := decodeJSON(data, &e); err != nil {
					return err
				}
				return journeys.Callers(fn)(&e)
			})
		})
	})
}

// RestoreAudit appends entries as another store held them, in one write transaction,
// skipping those already stored. An entry's key is its id read as hex when that starts
// with its time, as the ids of both stores do, so that an entry this store made comes
// back under its own key; any other id is kept as it is, after the time, so that the log
// still sorts by time.
func (s *Store) RestoreAudit(ctx context.Context, entries []journeys.AuditEntry) (int, error) {
	if err := journeys.CheckRestore(entries); err != nil {
		return 0, err
	}
	added := 0
	err := s.update(ctx, func(tx *bolt.Tx) error {
		added = 0
		for _, in := range entries {
			e := in.Bounded()
			log, err := tx.Bucket(auditKey).CreateBucketIfNotExists([]byte(e.Project))
			if err != nil {
				return err
			}
			key := restoredAuditKey(&e)
			if log.Get(key) != nil {
				continue
			}
			if err := putJSON(log, string(key), &e); err != nil {
				return err
			}
			added++
		}
		return nil
	})
	return added, err
}

// restoredAuditKey returns the key of a restored entry (RestoreAudit).
func restoredAuditKey(e *journeys.AuditEntry) []byte {
	prefix := timeKey(e.Time, nil)
	if k, err := hex.DecodeString(e.ID); err == nil && len(k) > len(prefix) && bytes.HasPrefix(k, prefix) {
		return k
	}
	return timeKey(e.Time, []byte(e.ID))
}

// pruneBatch is journeys.PruneBatch, a variable so that tests can make it small.
var pruneBatch = journeys.PruneBatch

// PruneAudit deletes the entries stamped before before from every project's log, in
// write transactions of at most pruneBatch entries each, and returns how many it deleted.
// Keys sort by time, so each log's doomed entries are its first ones. A log left empty
// is deleted too: a new entry would only create it again.
func (s *Store) PruneAudit(ctx context.Context, before time.Time) (int, error) {
	limit := timeKey(before, nil)
	return pruneLoop(func() (int, error) {
		n := 0
		err := s.update(ctx, func(tx *bolt.Tx) error {
			n = 0
			root := tx.Bucket(auditKey)
			var logs [][]byte
			if err := root.ForEachBucket(func(k []byte) error {
				logs = append(logs, bytes.Clone(k))
				return nil
			}); err != nil {
				return err
			}
			for _, name := range logs {
				if n == pruneBatch {
					break
				}
				log := root.Bucket(name)
				// Collected before deleting, since a cursor may skip entries when the bucket
				// under it changes.
				var dead [][]byte
				c := log.Cursor()
				for k, _ := c.First(); k != nil && n+len(dead) < pruneBatch && bytes.Compare(k, limit) < 0; k, _ = c.Next() {
					dead = append(dead, bytes.Clone(k))
				}
				for _, k := range dead {
					if err := log.Delete(k); err != nil {
						return err
					}
				}
				n += len(dead)
				if k, _ := log.Cursor().First(); k == nil {
					if err := root.DeleteBucket(name); err != nil {
						return err
					}
				}
			}
			return nil
		})
		return n, err
	})
}

// pruneLoop calls batch, which deletes at most pruneBatch items in a transaction of its
// own, until one deletes fewer, and returns the total.
func pruneLoop(batch func() (int, error)) (int, error) {
	total := 0
	for {
		n, err := batch()
		total += n
		if err != nil || n < pruneBatch {
			return total, err
		}
	}
}

// timeKey returns t as 8 big-endian bytes of Unix nanoseconds followed by suffix, a key
// that sorts by time in any bucket.
func timeKey(t time.Time, suffix []byte) []byte {
	return append(binary.BigEndian.AppendUint64(nil, uint64(t.UnixNano())), suffix...)
}
