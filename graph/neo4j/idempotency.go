package neo4j

import (
	"context"
	"encoding/json"
	"time"

	"github.com/glapp/glapp/journeys"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// purgeBatch is how many expired idempotency records a claim deletes at most. Each claim
// adds at most one record and removes up to this many dead ones, so the records stay near
// one day's worth of keys without any claim paying for a long sweep.
const purgeBatch = 8

// ClaimIdempotencyKey claims key for a request whose body hashes to requestHash, with
// one statement (idempotency_claim.cypher): MERGE on the idempotency_key uniqueness
// constraint, which makes exactly one of any number of simultaneous claims of a free key
// create its record and get nil. Every other caller gets the stored record, done or
// pending, and compares its RequestHash itself. A record older than
// journeys.IdempotencyTTL, or pending for longer than journeys.IdempotencyPendingTimeout,
// counts as free and is claimed anew in place. Each claim also deletes a few expired
// records, in the same transaction. The claimed record keeps claim, which Complete and
// Release compare.
func (s *Store) ClaimIdempotencyKey(ctx context.Context, key, requestHash, claim string) (*journeys.IdempotentResponse, error) {
	return write(ctx, s, func(ctx context.Context, tx *writeTx) (*journeys.IdempotentResponse, error) {
		now := s.Now()
		expiredBefore := now.Add(-journeys.IdempotencyTTL)
		recs, err := tx.run(ctx, qIdempotencyClaim, map[string]any{
			"key":           key,
			"requestHash":   requestHash,
			"claim":         claim,
			"now":           now,
			"expiredBefore": expiredBefore,
			"pendingBefore": now.Add(-journeys.IdempotencyPendingTimeout),
		})
		if err != nil {
			return nil, err
		}
		if len(recs) != 1 {
			return nil, internal("%s returned %d records; want 1", qIdempotencyClaim.name, len(recs))
		}
		r := columnsOf("idempotency claim", recs[0])
		claimed := r.bool("claimed")
		n, ok := r.node("record")
		if r.err == nil && !ok {
			r.err = internal("%s returned no record", qIdempotencyClaim.name)
		}
		if r.err != nil {
			return nil, r.err
		}
		// After the claim, which has just renewed the claimed record if it was expired, so
		// that the purge cannot take it.
		if _, err := tx.run(ctx, qIdempotencyPrune, map[string]any{"expiredBefore": expiredBefore, "limit": purgeBatch}); err != nil {
			return nil, err
		}
		if claimed {
			return nil, nil
		}
		return idempotentFromNode(n)
	})
}

// CompleteIdempotencyKey stores resp as the response to replay for key, done at the
// store's clock, when key's record is still claim's. It keeps the claim's ClaimedAt,
// which the caller never saw, and its RequestHash when resp has none. It stores resp
// even when the claim is gone (released, or purged after a very long request): the
// request ran, so its retries should replay it. When another claim holds the key the
// statement matches no record and nothing changes: that record is the other request's.
func (s *Store) CompleteIdempotencyKey(ctx context.Context, key, claim string, resp *journeys.IdempotentResponse) error {
	header, err := headerJSON(resp.Header)
	if err != nil {
		return err
	}
	var body any // an empty body is not stored: absent reads as none
	if len(resp.Body) > 0 {
		body = resp.Body
	}
	_, err = write(ctx, s, func(ctx context.Context, tx *writeTx) (struct{}, error) {
		recs, err := tx.run(ctx, qIdempotencyComplete, map[string]any{
			"key":         key,
			"claim":       claim,
			"requestHash": nullable(resp.RequestHash),
			"status":      resp.Status,
			"header":      header,
			"body":        body,
			"now":         s.Now(),
		})
		if err == nil && len(recs) > 1 {
			err = internal("%s stored %d records; want at most 1", qIdempotencyComplete.name, len(recs))
		}
		return struct{}{}, err
	})
	return err
}

// ReleaseIdempotencyKey forgets key's record when it is still claim's, so that a retry
// runs the request again. Releasing a key that claim does not hold is no error and
// changes nothing: the key is free, or another request's.
func (s *Store) ReleaseIdempotencyKey(ctx context.Context, key, claim string) error {
	_, err := write(ctx, s, func(ctx context.Context, tx *writeTx) (struct{}, error) {
		_, err := tx.run(ctx, qIdempotencyRelease, map[string]any{"key": key, "claim": claim})
		return struct{}{}, err
	})
	return err
}

// PruneIdempotencyKeys deletes the records claimed before before, in write transactions
// of at most pruneBatch records each (idempotency_prune.cypher, which claims also run
// with a small limit), and returns how many it deleted.
func (s *Store) PruneIdempotencyKeys(ctx context.Context, before time.Time) (int, error) {
	return s.prune(ctx, qIdempotencyPrune, map[string]any{"expiredBefore": before})
}

// headerJSON returns the headers to replay as the JSON string the record keeps (a
// property cannot hold a map), or nil when there are none.
func headerJSON(h map[string]string) (any, error) {
	if len(h) == 0 {
		return nil, nil
	}
	data, err := json.Marshal(h)
	if err != nil {
		return nil, journeys.Wrap(journeys.Internal, err, "The response headers could not be encoded for storage.")
	}
	return string(data), nil
}

// idempotentFromNode maps an :IdempotencyKey node.
func idempotentFromNode(n neo4j.Node) (*journeys.IdempotentResponse, error) {
	r := propsOf("idempotency record", n)
	out := &journeys.IdempotentResponse{
		Key:         r.str("key"),
		RequestHash: r.str("requestHash"),
		Claim:       r.str("claim"),
		Done:        r.bool("done"),
		Status:      r.int("status"),
		Body:        r.bytes("body"),
		CompletedAt: r.time("completedAt"),
	}
	if t := r.time("claimedAt"); t != nil {
		out.ClaimedAt = *t
	}
	header := r.str("header")
	if r.err != nil {
		return nil, r.err
	}
	if header != "" {
		if err := json.Unmarshal([]byte(header), &out.Header); err != nil {
			return nil, internal("idempotency record %q: header: %v", out.Key, err)
		}
	}
	return out, nil
}
