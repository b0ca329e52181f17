package neo4j

import (
	"context"

	"github.com/glapp/glapp/journeys"
)

// Stamp returns the project's stamp with one small statement, for conditional reads.
// writeProject moves it as it releases the project's lock (project_unlock.cypher).
func (s *Store) Stamp(ctx context.Context, projectID string) (journeys.Stamp, error) {
	return read(ctx, s, func(ctx context.Context, tx tx) (journeys.Stamp, error) {
		recs, err := tx.run(ctx, qProjectStamp, map[string]any{"projectId": projectID})
		if err != nil {
			return journeys.Stamp{}, err
		}
		if len(recs) == 0 {
			return journeys.Stamp{}, projectNotFound(projectID)
		}
		r := columnsOf(qProjectStamp.name, recs[0])
		st := journeys.Stamp{Revision: r.int64("revision"), Inputs: r.int64("inputs")}
		return st, r.err
	})
}
