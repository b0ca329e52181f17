package embedded

import (
	"context"

	"github.com/glapp/glapp/journeys"
	bolt "go.etcd.io/bbolt"
)

// sources describes evidence sources to the generic entity helpers. Deleting a source
// never conflicts: insights keep naming it, as they may before it is registered.
var sources = entity[journeys.Source, *journeys.Source]{
	name:     "source",
	audit:    "source",
	bucket:   func(p *project) *bolt.Bucket { return p.sources },
	id:       func(s *journeys.Source) string { return s.ID },
	validate: func(s *journeys.Source) []journeys.Violation { return s.Validate() },
}

// PutSource creates or replaces an evidence source; created reports which.
func (s *Store) PutSource(ctx context.Context, projectID string, src *journeys.Source) (*journeys.Source, bool, error) {
	return sources.put(ctx, s, projectID, src)
}

// GetSource returns one source.
func (s *Store) GetSource(ctx context.Context, projectID, id string) (*journeys.Source, error) {
	return sources.get(ctx, s, projectID, id)
}

// ListSources returns sources ordered by id.
func (s *Store) ListSources(ctx context.Context, projectID string, page journeys.Page) (*journeys.List[journeys.Source], error) {
	return sources.list(ctx, s, projectID, page)
}

// DeleteSource removes a source. Insights that name it keep the id.
func (s *Store) DeleteSource(ctx context.Context, projectID, id string) error {
	return sources.delete(ctx, s, projectID, id)
}
