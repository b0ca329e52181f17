package embedded

import (
	"context"

	"github.com/glapp/glapp/journeys"
	bolt "go.etcd.io/bbolt"
)

// GetSettings returns the project's gap-rule settings, or the defaults when the project
// never set its own.
func (s *Store) GetSettings(ctx context.Context, projectID string) (*journeys.Settings, error) {
	out := journeys.DefaultSettings()
	err := s.view(ctx, func(tx *bolt.Tx) error {
		p, err := openProject(tx, projectID)
		if err != nil {
			return err
		}
		_, err = getJSON(p.bucket, string(settingsKey), &out)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// PutSettings validates and replaces the project's gap-rule settings.
func (s *Store) PutSettings(ctx context.Context, projectID string, in *journeys.Settings) (*journeys.Settings, error) {
	err := s.update(ctx, func(tx *bolt.Tx) error {
		if v := in.Validate(); len(v) > 0 {
			return journeys.InvalidError("The settings are not valid; nothing was stored.", v)
		}
		p, err := openProject(tx, projectID)
		if err != nil {
			return err
		}
		return putJSON(p.bucket, string(settingsKey), in)
	})
	if err != nil {
		return nil, err
	}
	out := *in
	return &out, nil
}
