package embedded

import (
	"context"

	"github.com/glapp/glapp/journeys"
	bolt "go.etcd.io/bbolt"
)

// tokenRecord is how a token is stored. journeys.Token leaves its hash out of JSON, so
// that no response can carry it; the record keeps it beside the token.
type tokenRecord struct {
	Token journeys.Token `json:"token"`
	Hash  string         `json:"hash"`
}

// CreateToken stores a new token with CreatedAt set to the store's clock and its audit
// entry (token.create, in the system log). It refuses a token that is not valid at that
// moment (INVALID), one whose id or hash is taken (CONFLICT), and one without an id or a
// hash, which only a bug in the caller could produce (INTERNAL): a token stored without a
// hash would be found by the empty hash.
func (s *Store) CreateToken(ctx context.Context, in *journeys.Token) (*journeys.Token, error) {
	var out *journeys.Token
	err := s.update(ctx, func(tx *bolt.Tx) error {
		now := s.Now()
		if v := in.Validate(now); len(v) > 0 {
			return journeys.InvalidError("The token is not valid; nothing was stored.", v)
		}
		if in.ID == "" || in.Hash == "" {
			return journeys.Errorf(journeys.Internal, "A token needs an id and the hash of its secret.")
		}
		tokens, hashes := tx.Bucket(tokensKey), tx.Bucket(tokenHashesKey)
		if tokens.Get([]byte(in.ID)) != nil {
			return journeys.Errorf(journeys.Conflict, "A token with id %q already exists.", in.ID)
		}
		if hashes.Get([]byte(in.Hash)) != nil {
			return journeys.Errorf(journeys.Conflict, "Another token has the same secret; make a new secret.")
		}
		rec := tokenRecord{Token: *in, Hash: in.Hash}
		rec.Token.CreatedAt = now
		if err := putJSON(tokens, in.ID, &rec); err != nil {
			return err
		}
		if err := hashes.Put([]byte(in.Hash), []byte(in.ID)); err != nil {
			return err
		}
		if err := s.writeAudit(ctx, tx, journeys.SystemAuditProject, "token.create", in.ID); err != nil {
			return err
		}
		// Read back rather than return rec, which shares its slices with the caller's.
		var err error
		out, _, err = loadToken(tx, in.ID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// TokenByHash returns the token whose secret has the given hash, with its Hash, or
// NOT_FOUND. It is one lookup in the hash index, since every request makes it. Whether
// the token has expired is for the caller to judge, at the caller's time.
func (s *Store) TokenByHash(ctx context.Context, hash string) (*journeys.Token, error) {
	return read(ctx, s, func(tx *bolt.Tx) (*journeys.Token, error) {
		id := tx.Bucket(tokenHashesKey).Get([]byte(hash))
		if id == nil {
			return nil, journeys.Errorf(journeys.NotFound, "No token has this secret.")
		}
		t, found, err := loadToken(tx, string(id))
		if err == nil && !found {
			err = journeys.Errorf(journeys.Internal, "The hash index names token %q, which does not exist.", id)
		}
		return t, err
	})
}

// ListTokens returns tokens ordered by id, without their hashes.
func (s *Store) ListTokens(ctx context.Context, page journeys.Page) (*journeys.List[journeys.Token], error) {
	return read(ctx, s, func(tx *bolt.Tx) (*journeys.List[journeys.Token], error) {
		return list(tx.Bucket(tokensKey), page, func(_, data []byte) (journeys.Token, bool, error) {
			var rec tokenRecord
			err := decodeJSON(data, &rec)
			return rec.Token, true, err
		})
	})
}

// DeleteToken revokes a token, with its audit entry (token.delete, in the system log),
// or returns NOT_FOUND. Its hash leaves the index in the same transaction, so the secret
// stops working at once.
func (s *Store) DeleteToken(ctx context.Context, id string) error {
	return s.update(ctx, func(tx *bolt.Tx) error {
		t, found, err := loadToken(tx, id)
		if err != nil {
			return err
		}
		if !found {
			return journeys.Errorf(journeys.NotFound, "Token %q does not exist.", id)
		}
		if err := tx.Bucket(tokensKey).Delete([]byte(id)); err != nil {
			return err
		}
		if err := tx.Bucket(tokenHashesKey).Delete([]byte(t.Hash)); err != nil {
			return err
		}
		return s.writeAudit(ctx, tx, journeys.SystemAuditProject, "token.delete", id)
	})
}

// loadToken returns token id with its Hash, and whether it exists.
func loadToken(tx *bolt.Tx, id string) (*journeys.Token, bool, error) {
	var rec tokenRecord
	found, err := getJSON(tx.Bucket(tokensKey), id, &rec)
	if err != nil || !found {
		return nil, found, err
	}
	rec.Token.Hash = rec.Hash
	return &rec.Token, true, nil
}

// EachToken calls fn with every token in id order, with its Hash, in one read
// transaction.
func (s *Store) EachToken(ctx context.Context, fn func(*journeys.Token) error) error {
	return s.view(ctx, func(tx *bolt.Tx) error {
		return tx.Bucket(tokensKey).ForEach(func(k, _ []byte) error {
			t, _, err := loadToken(tx, string(k))
			if err != nil {
				return err
			}
			return journeys.Callers(fn)(t)
		})
	})
}

// RestoreToken stores t as another store held it, hash and creation time kept, without
// an audit entry; a token already stored the same is left as it is.
func (s *Store) RestoreToken(ctx context.Context, in *journeys.Token) (bool, error) {
	if err := in.CheckRestore(); err != nil {
		return false, err
	}
	created := false
	err := s.update(ctx, func(tx *bolt.Tx) error {
		created = false
		old, found, err := loadToken(tx, in.ID)
		if err != nil {
			return err
		}
		if found {
			if old.Hash != in.Hash {
				return journeys.Errorf(journeys.Conflict, "A token with id %q and another secret already exists.", in.ID)
			}
			return nil
		}
		if tx.Bucket(tokenHashesKey).Get([]byte(in.Hash)) != nil {
			return journeys.Errorf(journeys.Conflict, "Another token has the same secret as token %q.", in.ID)
		}
		if err := putJSON(tx.Bucket(tokensKey), in.ID, &tokenRecord{Token: *in, Hash: in.Hash}); err != nil {
			return err
		}
		created = true
		return tx.Bucket(tokenHashesKey).Put([]byte(in.Hash), []byte(in.ID))
	})
	return created, err
}
