package embedded

import (
	"context"
	"encoding/binary"

	"github.com/glapp/glapp/journeys"
	bolt "go.etcd.io/bbolt"
)

// stampKey holds a project's journeys.Stamp in its bucket: Revision then Inputs, 8
// bytes each, big-endian. A project made by an older version has none until its first
// write; it reads as zero.
var stampKey = []byte("stamp")

// Stamp returns the project's stamp with one lookup, for conditional reads.
func (s *Store) Stamp(ctx context.Context, projectID string) (journeys.Stamp, error) {
	return read(ctx, s, func(tx *bolt.Tx) (journeys.Stamp, error) {
		b := tx.Bucket(projectsKey).Bucket([]byte(projectID))
		if b == nil {
			return journeys.Stamp{}, projectNotFound(projectID)
		}
		return decodeStamp(b.Get(stampKey)), nil
	})
}

func decodeStamp(v []byte) journeys.Stamp {
	if len(v) != 16 {
		return journeys.Stamp{}
	}
	return journeys.Stamp{Revision: int64(binary.BigEndian.Uint64(v)), Inputs: int64(binary.BigEndian.Uint64(v[8:]))}
}

func encodeStamp(st journeys.Stamp) []byte {
	v := binary.BigEndian.AppendUint64(make([]byte, 0, 16), uint64(st.Revision))
	return binary.BigEndian.AppendUint64(v, uint64(st.Inputs))
}

// moveStamp moves projectID's stamp as change says, inside the write transaction tx. A
// project that is gone (deleted in tx) or was never one (the system log) has nothing to
// move.
func moveStamp(tx *bolt.Tx, projectID string, change journeys.StampChange) error {
	if change == (journeys.StampChange{}) {
		return nil
	}
	b := tx.Bucket(projectsKey).Bucket([]byte(projectID))
	if b == nil {
		return nil
	}
	return b.Put(stampKey, encodeStamp(decodeStamp(b.Get(stampKey)).Move(change)))
}

// RaiseStamps raises both counters of every project's stamp to at least floor, and never
// lowers one. Restore calls it with the clock in nanoseconds (where new projects start
// theirs), so that a store put back from an older backup never issues again a tag that
// clients already hold for other content.
func (s *Store) RaiseStamps(ctx context.Context, floor int64) error {
	return s.update(ctx, func(tx *bolt.Tx) error {
		return tx.Bucket(projectsKey).ForEachBucket(func(id []byte) error {
			b := tx.Bucket(projectsKey).Bucket(id)
			st := decodeStamp(b.Get(stampKey))
			st.Revision, st.Inputs = max(st.Revision, floor), max(st.Inputs, floor)
			return b.Put(stampKey, encodeStamp(st))
		})
	})
}
