package neo4j

import (
	"context"

	"github.com/glapp/glapp/journeys"
)

// triage describes findings' triage decisions to the generic entity helpers; the key is
// the finding's fingerprint.
var triage = entity[journeys.Triage]{
	name:     "triage decision for finding",
	audit:    "triage",
	column:   "triage",
	keyParam: "fingerprint",
	key:      func(t *journeys.Triage) string { return t.Fingerprint },
	validate: func(t *journeys.Triage) []journeys.Violation { return t.Validate() },
	plan:     journeys.PlanUpsert[journeys.Triage, *journeys.Triage],
	row:      triageRow,
	fromNode: triageFromNode,
	get:      qTriageGet,
	list:     qTriageList,
	upsert:   qTriageUpsert,
	delete:   qTriageDelete,
	prepare: func(ctx context.Context, tx tx, projectID string, _ *journeys.Triage, t *journeys.Triage) error {
		return journeys.CheckTriageProposal(t, func(id string) (bool, error) {
			rec, err := loadProposal(ctx, tx, projectID, id)
			return rec != nil, err
		})
	},
}

// PutTriage records the project's decision about a finding.
func (s *Store) PutTriage(ctx context.Context, projectID string, t *journeys.Triage) (*journeys.Triage, bool, error) {
	return triage.put(ctx, s, projectID, t)
}

// GetTriage returns the decision about one finding.
func (s *Store) GetTriage(ctx context.Context, projectID, fingerprint string) (*journeys.Triage, error) {
	return triage.getOne(ctx, s, projectID, fingerprint)
}

// ListTriage returns decisions ordered by fingerprint.
func (s *Store) ListTriage(ctx context.Context, projectID string, page journeys.Page) (*journeys.List[journeys.Triage], error) {
	return triage.page(ctx, s, projectID, page)
}

// DeleteTriage forgets a decision.
func (s *Store) DeleteTriage(ctx context.Context, projectID, fingerprint string) error {
	return triage.remove(ctx, s, projectID, fingerprint)
}
