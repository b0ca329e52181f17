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
	return read(ctx, s, func(tx *bolt.Tx) (*journeys.Settings, error) {
		p, err := openProject(tx, projectID)
		if err != nil {
			return nil, err
		}
		out := journeys.DefaultSettings()
		_, err = getJSON(p.bucket, string(settingsKey), &out)
		return &out, err
	})
}

// PutSettings validates and replaces the project's gap-rule settings. Settings equal to
// those stored are no change: nothing is written and nothing audited.
func (s *Store) PutSettings(ctx context.Context, projectID string, in *journeys.Settings) (*journeys.Settings, error) {
	err := s.update(ctx, func(tx *bolt.Tx) error {
		if v := in.Validate(); len(v) > 0 {
			return journeys.InvalidError("The settings are not valid; nothing was stored.", v)
		}
		p, err := openProject(tx, projectID)
		if err != nil {
			return err
		}
		data, err := encodeJSON(in)
		if err != nil || bytes.Equal(data, p.bucket.Get(settingsKey)) {
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
