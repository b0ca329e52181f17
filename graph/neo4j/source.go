package neo4j

import (
	"context"

	"github.com/glapp/glapp/journeys"
)

// sources describes evidence sources to the generic entity helpers. Deleting a source
// never conflicts: insights keep naming it, as they may before it is registered.
var sources = entity[journeys.Source]{
	name:     "source",
	audit:    "source",
	column:   "source",
	keyParam: "sourceId",
	key:      func(s *journeys.Source) string { return s.ID },
	validate: func(s *journeys.Source) []journeys.Violation { return s.Validate() },
	plan:     journeys.PlanUpsert[journeys.Source, *journeys.Source],
	row:      sourceRow,
	fromNode: sourceFromNode,
	get:      qSourceGet,
	list:     qSourceList,
	upsert:   qSourceUpsert,
	delete:   qSourceDelete,
	byIDs:    qSourceByIDs,
}

// PutSource creates or replaces an evidence source; created reports which. The insights
// that already name it are linked to it in the same transaction.
func (s *Store) PutSource(ctx context.Context, projectID string, src *journeys.Source) (*journeys.Source, bool, error) {
	return sources.put(ctx, s, projectID, src)
}

// GetSource returns one source.
func (s *Store) GetSource(ctx context.Context, projectID, id string) (*journeys.Source, error) {
	return sources.getOne(ctx, s, projectID, id)
}

// ListSources returns sources ordered by id.
func (s *Store) ListSources(ctx context.Context, projectID string, page journeys.Page) (*journeys.List[journeys.Source], error) {
	return sources.page(ctx, s, projectID, page)
}

// DeleteSource removes a source. Insights that name it keep the id.
func (s *Store) DeleteSource(ctx context.Context, projectID, id string) error {
	return sources.remove(ctx, s, projectID, id)
}
