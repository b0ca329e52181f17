package embedded

import (
	"context"
	"slices"

	"github.com/glapp/glapp/journeys"
	bolt "go.etcd.io/bbolt"
)

// needs describes needs to the generic entity helpers. A need cannot be deleted while an
// insight points at it, because that journey would stop being valid.
var needs = entity[journeys.Need, *journeys.Need]{
	name:     "need",
	audit:    "need",
	bucket:   func(p *project) *bolt.Bucket { return p.needs },
	id:       func(n *journeys.Need) string { return n.ID },
	validate: func(n *journeys.Need) []journeys.Violation { return n.Validate() },
	inUse:    needInUse,
}

// PutNeed creates or replaces a need; created reports which.
func (s *Store) PutNeed(ctx context.Context, projectID string, n *journeys.Need) (*journeys.Need, bool, error) {
	return needs.put(ctx, s, projectID, n)
}

// GetNeed returns one need.
func (s *Store) GetNeed(ctx context.Context, projectID, id string) (*journeys.Need, error) {
	return needs.get(ctx, s, projectID, id)
}

// ListNeeds returns needs ordered by id.
func (s *Store) ListNeeds(ctx context.Context, projectID string, page journeys.Page) (*journeys.List[journeys.Need], error) {
	return needs.list(ctx, s, projectID, page)
}

// DeleteNeed removes a need, or returns CONFLICT naming the journeys whose insights point
// at it.
func (s *Store) DeleteNeed(ctx context.Context, projectID, id string) error {
	return needs.delete(ctx, s, projectID, id)
}

// needInUse returns CONFLICT when an insight of a journey of p points at need id.
func needInUse(p *project, id string) error {
	var users []string
	err := p.eachRecord(func(rec *journeys.StoredJourney) error {
		for _, in := range rec.Journey.Insights {
			if slices.Contains(in.About, id) {
				users = append(users, rec.Journey.ID)
				break
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return journeys.NeedInUse(id, users)
}

// needIDs returns the ids of the project's needs: what an insight may name besides the
// journey's own elements. A project made before needs existed has none.
func (p *project) needIDs() map[string]bool {
	out := map[string]bool{}
	if p.needs == nil {
		return out
	}
	_ = p.needs.ForEach(func(k, _ []byte) error {
		out[string(k)] = true
		return nil
	})
	return out
}
