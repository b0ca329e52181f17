package embedded

import (
	"bytes"
	"context"

	"github.com/glapp/glapp/journeys"
	bolt "go.etcd.io/bbolt"
)

// GetSettings returns the project's gap-rule settings, or the defaults when the project
// never set its own.
func (s *Store) GetSettings(ctx context.Context, projectID string) (*journeys.Settings, error) {
	return readProject(ctx, s, projectID, func(p *project) (*journeys.Settings, error) {
		out := journeys.DefaultSettings()
		_, err := getJSON(p.bucket, string(settingsKey), &out)
		return &out, err
	})
}

// PutSettings validates and replaces the project's gap-rule settings, with its audit
// entry, as journeys.PlanPutSettings plans it.
func (s *Store) PutSettings(ctx context.Context, projectID string, in *journeys.Settings) (*journeys.Settings, error) {
	err := s.update(ctx, func(tx *bolt.Tx) error {
		p, err := openProject(tx, projectID)
		if err != nil {
			return err
		}
		data, changed, err := journeys.PlanPutSettings(p.bucket.Get(settingsKey), in)
		if err != nil || !changed {
			return err
		}
		if err := p.bucket.Put(settingsKey, data); err != nil {
			return err
		}
		return s.writeAudit(ctx, tx, projectID, "settings.put")
	})
	if err != nil {
		return nil, err
	}
	out := *in
	return &out, nil
}

// ProjectSecret returns the project's pseudonymisation secret, storing create as it when
// the project has none: see journeys.Store.
func (s *Store) ProjectSecret(ctx context.Context, projectID string, create []byte) ([]byte, error) {
	out, err := read(ctx, s, func(tx *bolt.Tx) ([]byte, error) {
		p, err := openProject(tx, projectID)
		if err != nil {
			return nil, err
		}
		return bytes.Clone(p.bucket.Get(secretKey)), nil
	})
	if err != nil || out != nil || create == nil {
		return out, err
	}
	// None yet: create it, unless another call has meanwhile.
	err = s.update(ctx, func(tx *bolt.Tx) error {
		p, err := openProject(tx, projectID)
		if err != nil {
			return err
		}
		if stored := p.bucket.Get(secretKey); stored != nil {
			out = bytes.Clone(stored)
			return nil
		}
		if create == nil {
			out = nil
			return nil
		}
		if err := journeys.CheckProjectSecret(create); err != nil {
			return err
		}
		if err := p.bucket.Put(secretKey, bytes.Clone(create)); err != nil {
			return err
		}
		out = bytes.Clone(create)
		return s.writeAudit(ctx, tx, projectID, "project.secret")
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
