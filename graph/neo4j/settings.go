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

// ProjectSecret returns the project's pseudonymisation secret, storing create as it when
// the project has none: see journeys.Store. It is a property of the project node, so
// that deleting the project deletes it and a database dump keeps it.
func (s *Store) ProjectSecret(ctx context.Context, projectID string, create []byte) ([]byte, error) {
	stored, err := read(ctx, s, func(ctx context.Context, tx tx) ([]byte, error) {
		return storedSecret(ctx, tx, projectID, qProjectSecretGet, nil)
	})
	if err != nil || stored != nil || create == nil {
		return stored, err
	}
	if err := journeys.CheckProjectSecret(create); err != nil {
		return nil, err
	}
	return writeProject(ctx, s, projectID, func(ctx context.Context, tx *writeTx) ([]byte, error) {
		// Under the project's write lock: another call may have stored one meanwhile.
		if stored, err := storedSecret(ctx, tx, projectID, qProjectSecretGet, nil); err != nil || stored != nil {
			return stored, err
		}
		stored, err := storedSecret(ctx, tx, projectID, qProjectSecretSet, create)
		if err != nil {
			return nil, err
		}
		tx.audit(ctx, projectID, "project.secret")
		return stored, nil
	})
}

// storedSecret runs one of the secret statements and reads the secret it returns.
func storedSecret(ctx context.Context, tx tx, projectID string, q statement, secret []byte) ([]byte, error) {
	params := map[string]any{"projectId": projectID}
	if q.name == qProjectSecretSet.name {
		params["secret"] = secret
	}
	recs, err := tx.run(ctx, q, params)
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, projectNotFound(projectID)
	}
	r := columnsOf("secret", recs[0])
	out := r.bytes("secret")
	return out, r.err
}
