package neo4j

import (
	"context"
	"encoding/json"

	"github.com/glapp/glapp/journeys"
)

// GetSettings returns the project's gap-rule settings, or the defaults when the project
// never set its own. Stored settings are decoded over the defaults, as in the embedded
// store, so that a threshold added in a later version has its default.
func (s *Store) GetSettings(ctx context.Context, projectID string) (*journeys.Settings, error) {
	return read(ctx, s, func(ctx context.Context, tx tx) (*journeys.Settings, error) {
		recs, err := tx.run(ctx, qSettingsGet, map[string]any{"projectId": projectID})
		if err != nil {
			return nil, err
		}
		if len(recs) == 0 {
			return nil, projectNotFound(projectID)
		}
		r := columnsOf("settings", recs[0])
		data := r.str("settings")
		if r.err != nil {
			return nil, r.err
		}
		out := journeys.DefaultSettings()
		if data != "" {
			if err := json.Unmarshal([]byte(data), &out); err != nil {
				return nil, internal("project %q: settings: %v", projectID, err)
			}
		}
		return &out, nil
	})
}

// PutSettings validates and replaces the project's gap-rule settings.
func (s *Store) PutSettings(ctx context.Context, projectID string, in *journeys.Settings) (*journeys.Settings, error) {
	if v := in.Validate(); len(v) > 0 {
		return nil, journeys.InvalidError("The settings are not valid; nothing was stored.", v)
	}
	data, err := json.Marshal(in)
	if err != nil {
		return nil, journeys.Wrap(journeys.Internal, err, "The settings could not be encoded for storage.")
	}
	_, err = writeProject(ctx, s, projectID, func(ctx context.Context, tx tx) (struct{}, error) {
		recs, err := tx.run(ctx, qSettingsPut, map[string]any{"projectId": projectID, "settings": string(data)})
		if err == nil && len(recs) != 1 {
			err = internal("%s stored settings for %d projects", qSettingsPut.name, len(recs))
		}
		return struct{}{}, err
	})
	if err != nil {
		return nil, err
	}
	out := *in
	return &out, nil
}
