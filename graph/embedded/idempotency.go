package embedded

import (
	"bytes"
	"context"
	"time"

	"github.com/glapp/glapp/journeys"
	bolt "go.etcd.io/bbolt"
)

// purgeBatch is how many expired idempotency records a claim deletes at most. Each claim
// adds at most one record and removes up to this many dead ones, so the bucket stays near
// one day's worth of keys without any claim paying for a long sweep.
const purgeBatch = 8

// ClaimIdempotencyKey claims key for a request whose body hashes to requestHash, in one
// write transaction: bbolt runs one writer at a time, so of any number of simultaneous
// claims of a free key exactly one sees it free and gets nil. Every other caller gets
// the stored record, done or pending, and compares its RequestHash itself. A record older
// than journeys.IdempotencyTTL, or pending for longer than
// journeys.IdempotencyPendingTimeout, counts as free. Each claim also deletes a few
// expired records. The new record keeps claim, which Complete and Release compare.
func (s *Store) ClaimIdempotencyKey(ctx context.Context, key, requestHash, claim string) (*journeys.IdempotentResponse, error) {
	var out *journeys.IdempotentResponse
	err := s.update(ctx, func(tx *bolt.Tx) error {
		now := s.Now()
		c := openClaims(tx)
		if _, err := c.purge(now.Add(-journeys.IdempotencyTTL), purgeBatch); err != nil {
			return err
		}
		old, err := c.load(key)
		if err != nil {
			return err
		}
		if old != nil && !stale(old, now) {
			out = old
			return nil
		}
		if old != nil {
			if err := c.delete(old); err != nil {
				return err
			}
		}
		return c.put(&journeys.IdempotentResponse{Key: key, RequestHash: requestHash, Claim: claim, ClaimedAt: now})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// CompleteIdempotencyKey stores resp as the response to replay for key, done at the
// store's clock, when key's record is still claim's. It keeps the claim's ClaimedAt,
// which the caller never saw, and its RequestHash when resp has none. It stores resp
// even when the claim is gone (released, or purged after a very long request): the
// request ran, so its retries should replay it. When another claim holds the key it
// changes nothing: that record is the other request's.
func (s *Store) CompleteIdempotencyKey(ctx context.Context, key, claim string, resp *journeys.IdempotentResponse) error {
	return s.update(ctx, func(tx *bolt.Tx) error {
		now := s.Now()
		c := openClaims(tx)
		old, err := c.load(key)
		if err != nil || (old != nil && old.Claim != claim) {
			return err
		}
		rec := *resp
		rec.Key, rec.Claim, rec.Done, rec.CompletedAt, rec.ClaimedAt = key, claim, true, &now, now
		if old != nil {
			rec.ClaimedAt = old.ClaimedAt
			if rec.RequestHash == "" {
				rec.RequestHash = old.RequestHash
			}
			if err := c.delete(old); err != nil {
				return err
			}
		}
		return c.put(&rec)
	})
}

// ReleaseIdempotencyKey forgets key's record when it is still claim's, so that a retry
// runs the request again. Releasing a key that claim does not hold is no error and
// changes nothing: the key is free, or another request's.
func (s *Store) ReleaseIdempotencyKey(ctx context.Context, key, claim string) error {
	return s.update(ctx, func(tx *bolt.Tx) error {
		c := openClaims(tx)
		old, err := c.load(key)
		if err != nil || old == nil || old.Claim != claim {
			return err
		}
		return c.delete(old)
	})
}

// PruneIdempotencyKeys deletes the records claimed before before, in write transactions
// of at most pruneBatch records each, and returns how many it deleted.
func (s *Store) PruneIdempotencyKeys(ctx context.Context, before time.Time) (int, error) {
	return pruneLoop(func() (int, error) {
		n := 0
		err := s.update(ctx, func(tx *bolt.Tx) error {
			var err error
			n, err = openClaims(tx).purge(before, pruneBatch)
			return err
		})
		return n, err
	})
}

// stale reports whether r no longer holds its key at now.
func stale(r *journeys.IdempotentResponse, now time.Time) bool {
	age := now.Sub(r.ClaimedAt)
	return age > journeys.IdempotencyTTL || (!r.Done && age > journeys.IdempotencyPendingTimeout)
}

// claims is the idempotency records within a transaction, with their index by age. Every
// change goes through put and delete, which keep the two in step.
type claims struct {
	records *bolt.Bucket
	byAge   *bolt.Bucket
}

func openClaims(tx *bolt.Tx) claims {
	return claims{records: tx.Bucket(idempotencyKey), byAge: tx.Bucket(idempotencyAgeKey)}
}

// load returns the record of key, or nil when there is none.
func (c claims) load(key string) (*journeys.IdempotentResponse, error) {
	var r journeys.IdempotentResponse
	found, err := getJSON(c.records, key, &r)
	if err != nil || !found {
		return nil, err
	}
	return &r, nil
}

func (c claims) put(r *journeys.IdempotentResponse) error {
	if err := putJSON(c.records, r.Key, r); err != nil {
		return err
	}
	return c.byAge.Put(ageKey(r), nil)
}

func (c claims) delete(r *journeys.IdempotentResponse) error {
	if err := c.records.Delete([]byte(r.Key)); err != nil {
		return err
	}
	return c.byAge.Delete(ageKey(r))
}

// purge deletes up to most records claimed before before, the oldest first, and returns
// how many. The keys are collected before deleting, since a bbolt cursor may skip
// entries when the bucket under it changes.
func (c claims) purge(before time.Time, most int) (int, error) {
	limit := timeKey(before, nil)
	var dead [][]byte
	cur := c.byAge.Cursor()
	for k, _ := cur.First(); k != nil && len(dead) < most && bytes.Compare(k, limit) < 0; k, _ = cur.Next() {
		dead = append(dead, bytes.Clone(k))
	}
	for _, k := range dead {
		if err := c.records.Delete(k[8:]); err != nil {
			return 0, err
		}
		if err := c.byAge.Delete(k); err != nil {
			return 0, err
		}
	}
	return len(dead), nil
}

// ageKey is r's key in the age index: the time of its claim, then its key.
func ageKey(r *journeys.IdempotentResponse) []byte {
	return timeKey(r.ClaimedAt, []byte(r.Key))
}
