package neo4j

import (
	"context"
	"errors"

	"github.com/glapp/glapp/journeys"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// CreateToken stores a new token with CreatedAt set to the store's clock, and its audit
// entry (token.create, in the system log). It refuses a token that is not valid at that
// moment (INVALID), and one without an id or a hash, which only a bug in the caller could
// produce (INTERNAL): a token stored without a hash would be found by the empty hash. The
// token_id and token_hash uniqueness constraints refuse an id or a hash that is taken,
// even by a concurrent create, which the store reports as CONFLICT; it does not look
// first, which could only race.
func (s *Store) CreateToken(ctx context.Context, in *journeys.Token) (*journeys.Token, error) {
	now := s.Now()
	if v := in.Validate(now); len(v) > 0 {
		return nil, journeys.InvalidError("The token is not valid; nothing was stored.", v)
	}
	if in.ID == "" || in.Hash == "" {
		return nil, journeys.Errorf(journeys.Internal, "A token needs an id and the hash of its secret.")
	}
	out, err := write(ctx, s, func(ctx context.Context, tx *writeTx) (*journeys.Token, error) {
		recs, err := tx.run(ctx, qTokenCreate, map[string]any{
			"tokenId":   in.ID,
			"hash":      in.Hash,
			"name":      in.Name,
			"role":      string(in.Role),
			"projects":  list(in.Projects),
			"expiresAt": deref(in.ExpiresAt),
			"now":       now,
		})
		if err != nil {
			return nil, err
		}
		t, found, err := tokenFromRecords(recs, qTokenCreate)
		if err == nil && !found {
			err = internal("%s created no token", qTokenCreate.name)
		}
		if err != nil {
			return nil, err
		}
		tx.audit(ctx, journeys.SystemAuditProject, "token.create", in.ID)
		return t, nil
	})
	if journeys.ErrorCode(err) == journeys.Conflict {
		return nil, journeys.Wrap(journeys.Conflict, errors.Unwrap(err), "A token with this id or the same secret already exists; make a new token.")
	}
	return out, err
}

// TokenByHash returns the token whose secret has the given hash, with its Hash, or
// NOT_FOUND. It is one lookup in the token_hash constraint's index, since every request
// makes it. Whether the token has expired is for the caller to judge, at the caller's
// time.
func (s *Store) TokenByHash(ctx context.Context, hash string) (*journeys.Token, error) {
	return read(ctx, s, func(ctx context.Context, tx tx) (*journeys.Token, error) {
		recs, err := tx.run(ctx, qTokenByHash, map[string]any{"hash": hash})
		if err != nil {
			return nil, err
		}
		t, found, err := tokenFromRecords(recs, qTokenByHash)
		if err == nil && !found {
			err = journeys.Errorf(journeys.NotFound, "No token has this secret.")
		}
		return t, err
	})
}

// ListTokens returns tokens ordered by id, without their hashes: the statement does not
// even read them.
func (s *Store) ListTokens(ctx context.Context, page journeys.Page) (*journeys.List[journeys.Token], error) {
	after, err := page.After()
	if err != nil {
		return nil, err
	}
	return read(ctx, s, func(ctx context.Context, tx tx) (*journeys.List[journeys.Token], error) {
		recs, err := tx.run(ctx, qTokenList, map[string]any{"after": after, "limit": page.Size() + 1})
		if err != nil {
			return nil, err
		}
		items := make([]journeys.Token, 0, len(recs))
		for _, rec := range recs {
			r := columnsOf("token", rec)
			m, ok := r.object("token")
			if r.err == nil && !ok {
				r.err = internal("%s returned a null token", qTokenList.name)
			}
			if r.err != nil {
				return nil, r.err
			}
			t, err := tokenFromMap(m)
			if err != nil {
				return nil, err
			}
			items = append(items, *t)
		}
		return pageOf(items, page.Size(), func(t *journeys.Token) string { return t.ID }), nil
	})
}

// DeleteToken revokes a token, with its audit entry (token.delete, in the system log),
// or returns NOT_FOUND. The node and its hash go in one transaction, so the secret stops
// working at once.
func (s *Store) DeleteToken(ctx context.Context, id string) error {
	_, err := write(ctx, s, func(ctx context.Context, tx *writeTx) (struct{}, error) {
		recs, err := tx.run(ctx, qTokenDelete, map[string]any{"tokenId": id})
		if err != nil {
			return struct{}{}, err
		}
		if len(recs) == 0 {
			return struct{}{}, journeys.Errorf(journeys.NotFound, "Token %q does not exist.", id)
		}
		tx.audit(ctx, journeys.SystemAuditProject, "token.delete", id)
		return struct{}{}, nil
	})
	return err
}

// eachTokenBatch is how many tokens EachToken reads in one transaction.
const eachTokenBatch = 500

// EachToken calls fn with every token in id order, with its Hash, reading a page at a
// time (token_each.cypher) and calling fn outside the transaction.
func (s *Store) EachToken(ctx context.Context, fn func(*journeys.Token) error) error {
	after := ""
	for {
		batch, err := read(ctx, s, func(ctx context.Context, tx tx) ([]journeys.Token, error) {
			recs, err := tx.run(ctx, qTokenEach, map[string]any{"after": after, "limit": eachTokenBatch})
			if err != nil {
				return nil, err
			}
			out := make([]journeys.Token, 0, len(recs))
			for _, rec := range recs {
				t, _, err := tokenFromRecords([]*neo4j.Record{rec}, qTokenEach)
				if err != nil {
					return nil, err
				}
				out = append(out, *t)
			}
			return out, nil
		})
		if err != nil {
			return err
		}
		for i := range batch {
			if err := fn(&batch[i]); err != nil {
				return err
			}
		}
		if len(batch) < eachTokenBatch {
			return nil
		}
		after = batch[len(batch)-1].ID
	}
}

// RestoreToken stores t as another store held it, hash and creation time kept, without
// an audit entry (token_restore.cypher); a token already stored under the id with the
// same hash is left as it is.
func (s *Store) RestoreToken(ctx context.Context, in *journeys.Token) (bool, error) {
	if err := in.CheckRestore(); err != nil {
		return false, err
	}
	created, err := write(ctx, s, func(ctx context.Context, tx *writeTx) (bool, error) {
		recs, err := tx.run(ctx, qTokenRestore, map[string]any{
			"tokenId":   in.ID,
			"hash":      in.Hash,
			"name":      in.Name,
			"role":      string(in.Role),
			"projects":  list(in.Projects),
			"expiresAt": deref(in.ExpiresAt),
			"createdAt": in.CreatedAt,
		})
		if err != nil {
			return false, err
		}
		if _, created, err := tokenFromRecords(recs, qTokenRestore); err != nil || created {
			return created, err
		}
		recs, err = tx.run(ctx, qTokenByHash, map[string]any{"hash": in.Hash})
		if err != nil {
			return false, err
		}
		old, found, err := tokenFromRecords(recs, qTokenByHash)
		if err == nil && (!found || old.ID != in.ID) {
			err = journeys.Errorf(journeys.Conflict, "A token with id %q and another secret already exists.", in.ID)
		}
		return false, err
	})
	return created, err
}

// tokenFromRecords maps the token a statement returns as its token column; found is false
// when it returned none.
func tokenFromRecords(recs []*neo4j.Record, st statement) (t *journeys.Token, found bool, err error) {
	switch len(recs) {
	case 0:
		return nil, false, nil
	case 1:
	default:
		return nil, false, internal("%s returned %d tokens; want at most 1", st.name, len(recs))
	}
	r := columnsOf("token", recs[0])
	n, ok := r.node("token")
	if r.err == nil && !ok {
		r.err = internal("%s returned a null token", st.name)
	}
	if r.err != nil {
		return nil, false, r.err
	}
	t, err = tokenFromMap(n.Props)
	return t, err == nil, err
}

// tokenFromMap maps a :Token node's properties, or the map projection of them that
// token_list.cypher returns, which leaves the hash out.
func tokenFromMap(m map[string]any) (*journeys.Token, error) {
	r := &reader{what: "token", values: m}
	t := &journeys.Token{
		ID:        r.str("id"),
		Name:      r.str("name"),
		Role:      journeys.Role(r.str("role")),
		Projects:  r.strings("projects"),
		ExpiresAt: r.time("expiresAt"),
		Hash:      r.str("hash"),
	}
	if c := r.time("createdAt"); c != nil {
		t.CreatedAt = *c
	}
	return t, r.err
}
