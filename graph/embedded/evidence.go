package embedded

import (
	"context"
	"encoding/json"

	"github.com/glapp/glapp/journeys"
	bolt "go.etcd.io/bbolt"
)

// evidence describes imported evidence to the generic entity helpers.
var evidence = entity[journeys.Evidence, *journeys.Evidence]{
	name:     "evidence",
	audit:    "evidence",
	bucket:   func(p *project) *bolt.Bucket { return p.evidence },
	id:       func(e *journeys.Evidence) string { return e.ID },
	validate: func(e *journeys.Evidence) []journeys.Violation { return e.Validate() },
	inUse: func(p *project, _ string) error {
		if p.importRunning() {
			return journeys.ImportRunning(p.id)
		}
		return nil
	},
}

// GetEvidence returns one piece of evidence.
func (s *Store) GetEvidence(ctx context.Context, projectID, id string) (*journeys.Evidence, error) {
	return evidence.get(ctx, s, projectID, id)
}

// ListEvidence returns the evidence that passes the filter, ordered by id.
func (s *Store) ListEvidence(ctx context.Context, projectID string, f journeys.EvidenceFilter, page journeys.Page) (*journeys.List[journeys.Evidence], error) {
	return readProject(ctx, s, projectID, func(p *project) (*journeys.List[journeys.Evidence], error) {
		return list(p.evidence, page, func(_, data []byte) (journeys.Evidence, bool, error) {
			var e journeys.Evidence
			err := decodeJSON(data, &e)
			return e, err == nil && f.Match(&e), err
		})
	})
}

// UpdateEvidence applies fn and stores a valid result with its audit entry.
func (s *Store) UpdateEvidence(ctx context.Context, projectID, id string, fn func(*journeys.Evidence) error) (*journeys.Evidence, error) {
	var out journeys.Evidence
	err := s.update(ctx, func(tx *bolt.Tx) error {
		p, err := openProject(tx, projectID)
		if err != nil {
			return err
		}
		if p.importRunning() {
			return journeys.ImportRunning(projectID)
		}
		var old journeys.Evidence
		found, err := getJSON(p.evidence, id, &old)
		if err != nil {
			return err
		}
		if !found {
			return evidence.notFound(projectID, id)
		}
		next := old
		next.About = append([]string(nil), old.About...)
		next.Tags = append([]string(nil), old.Tags...)
		if err := fn(&next); err != nil {
			return err
		}
		if next.ID != old.ID || next.Origin != old.Origin {
			return journeys.InvalidError("Evidence keeps its id and origin.", []journeys.Violation{{Pointer: "/origin", Detail: "Must stay " + old.Origin + "."}})
		}
		if v := next.Validate(); len(v) > 0 {
			return journeys.InvalidError("The evidence is not valid; nothing was changed.", v)
		}
		var res upsertResult
		out, res, err = evidence.upsert(p.evidence, next, s.Now())
		if err != nil || res == kept {
			return err
		}
		return s.writeAudit(ctx, tx, projectID, "evidence.update", id)
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteEvidence removes one piece of evidence.
func (s *Store) DeleteEvidence(ctx context.Context, projectID, id string) error {
	return evidence.delete(ctx, s, projectID, id)
}

// EachEvidence calls fn with every piece of the project's evidence in id order.
func (s *Store) EachEvidence(ctx context.Context, projectID string, fn func(*journeys.Evidence) error) error {
	_, err := read(ctx, s, func(tx *bolt.Tx) (struct{}, error) {
		p, err := openProject(tx, projectID)
		if err != nil {
			return struct{}{}, err
		}
		return struct{}{}, p.evidence.ForEach(func(_, data []byte) error {
			var e journeys.Evidence
			if err := json.Unmarshal(data, &e); err != nil {
				return journeys.Wrap(journeys.Internal, err, "A stored record could not be read.")
			}
			return fn(&e)
		})
	})
	return err
}

// webhooks describes webhook endpoints to the generic entity helpers.
var webhooks = entity[journeys.Webhook, *journeys.Webhook]{
	name:     "webhook",
	audit:    "webhook",
	bucket:   func(p *project) *bolt.Bucket { return p.webhooks },
	id:       func(w *journeys.Webhook) string { return w.ID },
	validate: func(w *journeys.Webhook) []journeys.Violation { return w.Validate() },
}

// PutWebhook creates or replaces a webhook endpoint.
func (s *Store) PutWebhook(ctx context.Context, projectID string, w *journeys.Webhook) (*journeys.Webhook, bool, error) {
	return webhooks.put(ctx, s, projectID, w)
}

// GetWebhook returns one webhook endpoint with its secrets.
func (s *Store) GetWebhook(ctx context.Context, projectID, id string) (*journeys.Webhook, error) {
	return webhooks.get(ctx, s, projectID, id)
}

// ListWebhooks returns the project's webhook endpoints ordered by id.
func (s *Store) ListWebhooks(ctx context.Context, projectID string, page journeys.Page) (*journeys.List[journeys.Webhook], error) {
	return webhooks.list(ctx, s, projectID, page)
}

// DeleteWebhook removes a webhook endpoint.
func (s *Store) DeleteWebhook(ctx context.Context, projectID, id string) error {
	return webhooks.delete(ctx, s, projectID, id)
}
