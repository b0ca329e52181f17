package embedded

import (
	"context"

	"github.com/glapp/glapp/journeys"
	bolt "go.etcd.io/bbolt"
)

// triage describes findings' triage decisions to the generic entity helpers; the key is
// the finding's fingerprint.
var triage = entity[journeys.Triage, *journeys.Triage]{
	name:     "triage decision for finding",
	audit:    "triage",
	bucket:   func(p *project) *bolt.Bucket { return p.triage },
	id:       func(t *journeys.Triage) string { return t.Fingerprint },
	validate: func(t *journeys.Triage) []journeys.Violation { return t.Validate() },
	prepare: func(p *project, _ *journeys.Triage, t *journeys.Triage) error {
		return journeys.CheckTriageProposal(t, func(id string) (bool, error) { return p.proposals.Get([]byte(id)) != nil, nil })
	},
}

// PutTriage records the project's decision about a finding.
func (s *Store) PutTriage(ctx context.Context, projectID string, t *journeys.Triage) (*journeys.Triage, bool, error) {
	return triage.put(ctx, s, projectID, t)
}

// GetTriage returns the decision about one finding.
func (s *Store) GetTriage(ctx context.Context, projectID, fingerprint string) (*journeys.Triage, error) {
	return triage.get(ctx, s, projectID, fingerprint)
}

// ListTriage returns decisions ordered by fingerprint.
func (s *Store) ListTriage(ctx context.Context, projectID string, page journeys.Page) (*journeys.List[journeys.Triage], error) {
	return triage.list(ctx, s, projectID, page)
}

// DeleteTriage forgets a decision.
func (s *Store) DeleteTriage(ctx context.Context, projectID, fingerprint string) error {
	return triage.delete(ctx, s, projectID, fingerprint)
}
