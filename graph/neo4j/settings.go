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
		data, err := storedSettings(ctx, tx, projectID)
		if err != nil {
			return nil, err
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

// PutSettings validates and replaces the project's gap-rule settings, with its audit
// entry, as journeys.PlanPutSettings plans it.
func (s *Store) PutSettings(ctx context.Context, projectID string, in *journeys.Settings) (*journeys.Settings, error) {
	_, err := writeProject(ctx, s, projectID, func(ctx context.Context, tx *writeTx) (struct{}, error) {
		old, err := storedSettings(ctx, tx, projectID)
		if err != nil {
			return struct{}{}, err
		}
		data, changed, err := journeys.PlanPutSettings([]byte(old), in)
		if err != nil || !changed {
			return struct{}{}, err
		}
		recs, err := tx.run(ctx, qSettingsPut, map[string]any{"projectId": projectID, "settings": string(data)})
		if err == nil && len(recs) != 1 {
			err = internal("%s stored settings for %d projects", qSettingsPut.name, len(recs))
		}
		if err != nil {
			return struct{}{}, err
		}
		tx.audit(ctx, projectID, "settings.put")
		return struct{}{}, nil
	})
	if err != nil {
		return nil, err
	}
	out := *in
	return &out, nil
}

// storedSettings returns the project's settings as stored, JSON, or "" when it never set
// its own; NOT_FOUND when the project does not exist.
func storedSettings(ctx context.Context, tx tx, projectID string) (string, error) {
	recs, err := tx.run(ctx, qSettingsGet, map[string]any{"projectId": projectID})
	if err != nil {
		return "", err
	}
	if len(recs) == 0 {
		return "", projectNotFound(projectID)
	}
	r := columnsOf("settings", recs[0])
	data := r.str("settings")
	return data, r.err
}
