package neo4j

import (
	"context"

	"github.com/glapp/glapp/journeys"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// eachBatch is how many journeys EachJourney reads per transaction: enough to keep round
// trips few, few enough that a project-wide report never holds many documents at once.
const eachBatch = 20

// PutJourney creates or replaces a whole journey document and upserts the actors it
// carries, in one transaction with its audit entry, as journeys.PlanPutJourney plans it.
func (s *Store) PutJourney(ctx context.Context, projectID string, in *journeys.Journey, cond journeys.Precondition) (*journeys.Journey, bool, error) {
	w, err := writeProject(ctx, s, projectID, func(ctx context.Context, tx *writeTx) (*journeys.JourneyWrite, error) {
		return putJourney(ctx, tx, s, projectID, in, cond)
	})
	if err != nil {
		return nil, false, err
	}
	return w.Journey, w.Created, nil
}

// PutJourneys writes several journeys in one transaction, each planned as PutJourney
// plans it: see journeys.Store.
func (s *Store) PutJourneys(ctx context.Context, projectID string, in []*journeys.Journey) (int, error) {
	if err := journeys.CheckJourneysPerWrite(in); err != nil {
		return 0, err
	}
	return writeProject(ctx, s, projectID, func(ctx context.Context, tx *writeTx) (int, error) {
		created := 0
		for _, j := range in {
			w, err := putJourney(ctx, tx, s, projectID, j, journeys.Precondition{})
			if err != nil {
				return 0, err
			}
			if w.Created {
				created++
			}
		}
		return created, nil
	})
}

// GetJourney returns a journey document with its actors.
func (s *Store) GetJourney(ctx context.Context, projectID, id string) (*journeys.Journey, error) {
	return read(ctx, s, func(ctx context.Context, tx tx) (*journeys.Journey, error) {
		stored, actors, err := loadJourney(ctx, tx, projectID, id)
		if err == nil && stored == nil {
			err = journeys.JourneyNotFound(projectID, id)
		}
		if err != nil {
			return nil, err
		}
		return stored.Assemble(journeys.ActorsIn(actors)), nil
	})
}

// UpdateJourney applies fn to a copy of the stored journey and stores the result, in one
// transaction with its audit entry, as journeys.PlanUpdateJourney plans it. fn runs inside
// the transaction and runs again if the driver retries it, as the Store contract allows.
func (s *Store) UpdateJourney(ctx context.Context, projectID, id string, cond journeys.Precondition, fn func(*journeys.Journey) error) (*journeys.Journey, error) {
	w, err := writeProject(ctx, s, projectID, func(ctx context.Context, tx *writeTx) (*journeys.JourneyWrite, error) {
		stored, actors, err := loadForWrite(ctx, tx, projectID, id)
		if err != nil {
			return nil, err
		}
		// fn decides what the insights name, so the needs are looked up by what the
		// project holds: the ids the stored journey names, and any the edit may name,
		// are checked by listing them all once (needs are few).
		needs, err := allNeeds(ctx, tx, projectID)
		if err != nil {
			return nil, err
		}
		w, err := journeys.PlanUpdateJourney(projectID, id, stored, journeys.Refs{Actors: actors, Needs: needs, Limits: s.Limits}, cond, s.Now(), journeys.Callers(fn))
		if err != nil {
			return nil, err
		}
		return w, persist(ctx, tx, s, projectID, id, w, actors)
	})
	if err != nil {
		return nil, err
	}
	return w.Journey, nil
}

// DeleteJourney removes a journey and the insights it holds, with its audit entry, as
// journeys.PlanDeleteJourney plans it.
func (s *Store) DeleteJourney(ctx context.Context, projectID, id string, cond journeys.Precondition) error {
	_, err := writeProject(ctx, s, projectID, func(ctx context.Context, tx *writeTx) (struct{}, error) {
		stored, _, err := loadJourney(ctx, tx, projectID, id)
		if err != nil {
			return struct{}{}, err
		}
		w, err := journeys.PlanDeleteJourney(projectID, id, stored, cond, s.Now())
		if err != nil {
			return struct{}{}, err
		}
		recs, err := tx.run(ctx, qJourneyDelete, map[string]any{"projectId": projectID, "journeyId": id})
		if err == nil && len(recs) != 1 {
			err = internal("%s deleted %d journeys; want 1", qJourneyDelete.name, len(recs))
		}
		if err != nil {
			return struct{}{}, err
		}
		if err := keepVersion(ctx, tx, projectID, w.Replaced); err != nil {
			return struct{}{}, err
		}
		tx.audit(ctx, projectID, w.Action, id)
		return struct{}{}, nil
	})
	return err
}

// loadForWrite loads what a journey write is planned from, inside tx: journey id as stored
// (nil when there is none) and the project's actors.
func loadForWrite(ctx context.Context, tx tx, projectID, id string) (*journeys.StoredJourney, map[string]journeys.Actor, error) {
	return loadJourney(ctx, tx, projectID, id)
}

// putJourney plans and persists one journey write inside tx: the one path PutJourney and
// PutJourneys share.
func putJourney(ctx context.Context, tx *writeTx, s *Store, projectID string, in *journeys.Journey, cond journeys.Precondition) (*journeys.JourneyWrite, error) {
	stored, actors, err := loadForWrite(ctx, tx, projectID, in.ID)
	if err != nil {
		return nil, err
	}
	needs, err := namedNeeds(ctx, tx, projectID, in, actors)
	if err != nil {
		return nil, err
	}
	refs := journeys.Refs{Actors: actors, Needs: needs, Limits: s.Limits}
	if stored == nil {
		if refs.LastKept, err = lastKept(ctx, tx, projectID, in.ID); err != nil {
			return nil, err
		}
	}
	w, err := journeys.PlanPutJourney(stored, refs, in, cond, s.Now())
	if err != nil {
		return nil, err
	}
	return w, persist(ctx, tx, s, projectID, in.ID, w, actors)
}

// persist writes what a planned PutJourney or UpdateJourney says: the carried actors in
// one batch, the journey, the version it replaced, and the audit entry. known are the
// project's actors before the write, for finding which actor holds each offer an insight
// names.
func persist(ctx context.Context, tx *writeTx, s *Store, projectID, id string, w *journeys.JourneyWrite, known map[string]journeys.Actor) error {
	if len(w.Actors) > 0 {
		rows := make([]map[string]any, 0, len(w.Actors))
		for i := range w.Actors {
			rows = append(rows, actorRow(&w.Actors[i]))
		}
		if _, err := actors.upsertRows(ctx, tx, projectID, rows); err != nil {
			return err
		}
	}
	if w.Stored != nil {
		after := make(map[string]journeys.Actor, len(known)+len(w.Actors))
		for id, a := range known {
			after[id] = a
		}
		for _, a := range w.Actors {
			after[a.ID] = a
		}
		if err := writeJourney(ctx, tx, projectID, w.Stored, journeys.OfferIndex(after)); err != nil {
			return err
		}
	}
	if err := keepVersion(ctx, tx, projectID, w.Replaced); err != nil {
		return err
	}
	if w.Action != "" {
		tx.audit(ctx, projectID, w.Action, id)
	}
	tx.moveStamp(w.StampChange())
	return nil
}

// ListJourneys returns summaries of the journeys that pass the filter, ordered by id. The
// filter runs in the database, so that every page but the last is full.
func (s *Store) ListJourneys(ctx context.Context, projectID string, f journeys.JourneyFilter, page journeys.Page) (*journeys.List[journeys.JourneySummary], error) {
	after, err := page.After()
	if err != nil {
		return nil, err
	}
	return read(ctx, s, func(ctx context.Context, tx tx) (*journeys.List[journeys.JourneySummary], error) {
		recs, err := tx.run(ctx, qJourneyList, map[string]any{
			"projectId":      projectID,
			"after":          after,
			"limit":          page.Size() + 1,
			"kind":           nullable(f.Kind),
			"targetGroupKey": nullable(foldKey(f.TargetGroup)),
			"ageGroup":       nullable(f.AgeGroup),
		})
		if err != nil {
			return nil, err
		}
		if len(recs) == 0 {
			return nil, projectNotFound(projectID)
		}
		items, err := summariesOf(recs)
		if err != nil {
			return nil, err
		}
		return pageOf(items, page.Size(), func(j *journeys.JourneySummary) string { return j.ID }), nil
	})
}

// EachJourney calls fn with every journey of the project in id order, one at a time. It
// reads eachBatch journeys per read transaction and calls fn between transactions, never
// inside one: the driver may run a transaction's work more than once, and fn must run
// once per journey. A journey written while EachJourney runs is seen or not depending on
// its id, but each journey fn sees is whole.
func (s *Store) EachJourney(ctx context.Context, projectID string, fn func(*journeys.Journey) error) error {
	after := ""
	for {
		batch, err := read(ctx, s, func(ctx context.Context, tx tx) ([]*journeys.Journey, error) {
			recs, err := tx.run(ctx, qJourneyEach, map[string]any{"projectId": projectID, "after": after, "limit": eachBatch})
			if err != nil {
				return nil, err
			}
			if len(recs) == 0 {
				return nil, projectNotFound(projectID)
			}
			var stored []*journeys.StoredJourney
			for _, rec := range recs {
				sj, ok, err := storedJourneyFromRecord(rec)
				if err != nil {
					return nil, err
				}
				if ok {
					stored = append(stored, sj)
				}
			}
			if len(stored) == 0 {
				return nil, nil
			}
			actors, err := projectActors(ctx, tx, projectID)
			if err != nil {
				return nil, err
			}
			out := make([]*journeys.Journey, 0, len(stored))
			for _, sj := range stored {
				out = append(out, sj.Assemble(journeys.ActorsIn(actors)))
			}
			return out, nil
		})
		if err != nil {
			return err
		}
		for _, j := range batch {
			if err := ctx.Err(); err != nil {
				return contextError(err)
			}
			if err := fn(j); err != nil {
				return err
			}
		}
		if len(batch) < eachBatch {
			return nil
		}
		after = batch[len(batch)-1].ID
	}
}

// loadJourney reads journey id of the project and every actor of the project inside tx,
// with one statement; stored is nil when there is no such journey, and the error is
// NOT_FOUND when the project does not exist.
func loadJourney(ctx context.Context, tx tx, projectID, id string) (stored *journeys.StoredJourney, actors map[string]journeys.Actor, err error) {
	recs, err := tx.run(ctx, qJourneyGet, map[string]any{"projectId": projectID, "journeyId": id})
	if err != nil {
		return nil, nil, err
	}
	if len(recs) == 0 {
		return nil, nil, projectNotFound(projectID)
	}
	stored, _, err = storedJourneyFromRecord(recs[0])
	if err != nil {
		return nil, nil, err
	}
	actors, err = actorsFromList(qJourneyGet.name, recs[0], "actors")
	return stored, actors, err
}

// summariesOf decodes the rows of journey_list.cypher, passing over a row without a
// journey (the project's own row when it has none).
func summariesOf(recs []*neo4j.Record) ([]journeys.JourneySummary, error) {
	var out []journeys.JourneySummary
	for _, rec := range recs {
		r := columnsOf("journey summary", rec)
		m, ok := r.object("journey")
		if r.err != nil {
			return nil, r.err
		}
		if !ok {
			continue
		}
		summary, err := summaryFromMap(m)
		if err != nil {
			return nil, err
		}
		out = append(out, summary)
	}
	return out, nil
}
