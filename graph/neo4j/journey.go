package neo4j

import (
	"context"
	"encoding/json"
	"slices"

	"github.com/glapp/glapp/journeys"
)

// eachBatch is how many journeys EachJourney reads per transaction: enough to keep round
// trips few, few enough that a project-wide report never holds many documents at once.
const eachBatch = 20

// PutJourney creates or replaces a whole journey document and upserts the actors it
// carries, in one transaction with its audit entry: an invalid document, a failed
// precondition or any other error leaves no trace, not even of the actors. Writing the
// same content again changes nothing, not even the version, records nothing and needs no
// If-Match (cond.Optional); a write that changes only a carried actor is a journey.put all
// the same, and must name the version it replaces when cond requires one.
func (s *Store) PutJourney(ctx context.Context, projectID string, in *journeys.Journey, cond journeys.Precondition) (*journeys.Journey, bool, error) {
	type result struct {
		journey *journeys.Journey
		created bool
	}
	r, err := writeProject(ctx, s, projectID, func(ctx context.Context, tx *writeTx) (result, error) {
		old, found, err := loadJourney(ctx, tx, projectID, in.ID)
		if err != nil {
			return result{}, err
		}
		if !found && cond.IfVersion != 0 {
			return result{}, journeys.Errorf(journeys.PreconditionFailed, "Journey %q does not exist, so it cannot be at version %d.", in.ID, cond.IfVersion)
		}
		if found {
			if err := cond.Optional().CheckVersion(old.doc.Version); err != nil {
				return result{}, err
			}
		}
		refs, err := projectActors(ctx, tx, projectID)
		if err != nil {
			return result{}, err
		}
		if err := in.Check(journeys.Refs{Actors: refs, Limits: s.Limits}); err != nil {
			return result{}, err
		}
		carried, changed, err := upsertCarried(ctx, tx, s, projectID, in.Actors, refs)
		if err != nil {
			return result{}, err
		}
		// The journey changes when its content does, or when a read of it would list its
		// actors in another order; writing back a document as it was read (which carries
		// every actor it references) is no change.
		if !found || !journeys.ContentEqual(old.doc, in) || !slices.Equal(actorOrder(old.doc, old.carried, refs), actorOrder(in, carried, refs)) {
			changed = true
			version := int64(1)
			if found {
				version = old.doc.Version + 1
			}
			if err := writeJourney(ctx, tx, s, projectID, in, carried, version); err != nil {
				return result{}, err
			}
		}
		if changed && found {
			// Only a write that changes the journey must name the version it replaces;
			// failing here rolls back what was written above.
			if err := cond.CheckVersion(old.doc.Version); err != nil {
				return result{}, err
			}
		}
		if changed {
			tx.audit(ctx, projectID, "journey.put", in.ID)
		}
		// Read back rather than return in, which shares its slices with the caller's.
		stored, found2, err := loadJourney(ctx, tx, projectID, in.ID)
		if err == nil && !found2 {
			err = internal("journey %q is gone right after it was written", in.ID)
		}
		if err != nil {
			return result{}, err
		}
		return result{journey: assemble(stored, refs), created: !found}, nil
	})
	if err != nil {
		return nil, false, err
	}
	return r.journey, r.created, nil
}

// GetJourney returns a journey document with its actors.
func (s *Store) GetJourney(ctx context.Context, projectID, id string) (*journeys.Journey, error) {
	return read(ctx, s, func(ctx context.Context, tx tx) (*journeys.Journey, error) {
		stored, found, err := loadJourney(ctx, tx, projectID, id)
		if err == nil && !found {
			err = journeyNotFound(projectID, id)
		}
		if err != nil {
			return nil, err
		}
		refs, err := projectActors(ctx, tx, projectID)
		if err != nil {
			return nil, err
		}
		return assemble(stored, refs), nil
	})
}

// UpdateJourney applies fn to a copy of the stored journey and, in the same transaction,
// stores the result when it is valid and differs, with the next version and its audit
// entry (journey.update, unless the caller named the edit with WithAuditDetail). The
// actors the journey carried stay as they were: changes fn makes to Actors are ignored,
// and the result is validated against the project's actors alone. fn runs inside the
// transaction and runs again if the driver retries it, as the Store contract allows.
func (s *Store) UpdateJourney(ctx context.Context, projectID, id string, cond journeys.Precondition, fn func(*journeys.Journey) error) (*journeys.Journey, error) {
	return writeProject(ctx, s, projectID, func(ctx context.Context, tx *writeTx) (*journeys.Journey, error) {
		stored, found, err := loadJourney(ctx, tx, projectID, id)
		if err == nil && !found {
			err = journeyNotFound(projectID, id)
		}
		if err != nil {
			return nil, err
		}
		if err := cond.CheckVersion(stored.doc.Version); err != nil {
			return nil, err
		}
		refs, err := projectActors(ctx, tx, projectID)
		if err != nil {
			return nil, err
		}
		old := assemble(stored, refs)
		next, err := cloneJourney(old)
		if err != nil {
			return nil, err
		}
		if err := fn(next); err != nil {
			return nil, &callerError{err}
		}
		if next.ID != id {
			return nil, idChanged(id)
		}
		next.Actors = nil
		if err := next.Check(journeys.Refs{Actors: refs, Limits: s.Limits}); err != nil {
			return nil, err
		}
		if journeys.ContentEqual(old, next) {
			return old, nil
		}
		if err := writeJourney(ctx, tx, s, projectID, next, stored.carried, old.Version+1); err != nil {
			return nil, err
		}
		tx.audit(ctx, projectID, "journey.update", id)
		stored, found, err = loadJourney(ctx, tx, projectID, id)
		if err == nil && !found {
			err = internal("journey %q is gone right after it was written", id)
		}
		if err != nil {
			return nil, err
		}
		return assemble(stored, refs), nil
	})
}

// DeleteJourney removes a journey and the insights it holds, with its audit entry. The
// actors it carried stay: they belong to the project.
func (s *Store) DeleteJourney(ctx context.Context, projectID, id string, cond journeys.Precondition) error {
	_, err := writeProject(ctx, s, projectID, func(ctx context.Context, tx *writeTx) (struct{}, error) {
		stored, found, err := loadJourney(ctx, tx, projectID, id)
		if err == nil && !found {
			err = journeyNotFound(projectID, id)
		}
		if err != nil {
			return struct{}{}, err
		}
		if err := cond.CheckVersion(stored.doc.Version); err != nil {
			return struct{}{}, err
		}
		recs, err := tx.run(ctx, qJourneyDelete, map[string]any{"projectId": projectID, "journeyId": id})
		if err == nil && len(recs) != 1 {
			err = internal("%s deleted %d journeys; want 1", qJourneyDelete.name, len(recs))
		}
		if err != nil {
			return struct{}{}, err
		}
		tx.audit(ctx, projectID, "journey.delete", id)
		return struct{}{}, nil
	})
	return err
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
		var items []journeys.JourneySummary
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
			items = append(items, summary)
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
			var stored []*storedJourney
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
			refs, err := projectActors(ctx, tx, projectID)
			if err != nil {
				return nil, err
			}
			out := make([]*journeys.Journey, 0, len(stored))
			for _, sj := range stored {
				out = append(out, assemble(sj, refs))
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

// loadJourney reads journey id of the project inside tx; found is false when there is
// none, and the error is NOT_FOUND when the project does not exist.
func loadJourney(ctx context.Context, tx tx, projectID, id string) (stored *storedJourney, found bool, err error) {
	recs, err := tx.run(ctx, qJourneyGet, map[string]any{"projectId": projectID, "journeyId": id})
	if err != nil {
		return nil, false, err
	}
	if len(recs) == 0 {
		return nil, false, projectNotFound(projectID)
	}
	return storedJourneyFromRecord(recs[0])
}

// upsertCarried writes the actors a journey document carries that are new or changed,
// in one batch, updates refs to what is now stored, and returns the carried ids in the
// document's order and whether it wrote any actor.
func upsertCarried(ctx context.Context, tx tx, s *Store, projectID string, carried []journeys.Actor, refs map[string]journeys.Actor) (ids []string, wrote bool, err error) {
	ids = make([]string, 0, len(carried))
	var rows []map[string]any
	for i := range carried {
		a := &carried[i]
		ids = append(ids, a.ID)
		if old, ok := refs[a.ID]; ok && old.SameContent(*a) {
			continue
		}
		rows = append(rows, actorRow(a))
	}
	if len(rows) == 0 {
		return ids, false, nil
	}
	stored, err := actors.upsertRows(ctx, tx, s, projectID, rows)
	if err != nil {
		return nil, false, err
	}
	for _, u := range stored {
		refs[u.value.ID] = u.value
	}
	return ids, true, nil
}

// assemble turns a stored journey into the document clients read: the actors it carried,
// in their order, then every other actor it references, each as a client would write it.
// Carried actors deleted since are left out.
func assemble(stored *storedJourney, refs map[string]journeys.Actor) *journeys.Journey {
	j := *stored.doc
	order := actorOrder(&j, stored.carried, refs)
	j.Actors = make([]journeys.Actor, 0, len(order))
	for _, id := range order {
		j.Actors = append(j.Actors, refs[id].WithoutServerFields())
	}
	j.Normalize()
	return &j
}

// actorOrder returns the ids of the actors a read of j lists when it carried carried:
// those, then the others it references, leaving out any not in actors.
func actorOrder(j *journeys.Journey, carried []string, actors map[string]journeys.Actor) []string {
	isActor := func(id string) bool { _, ok := actors[id]; return ok }
	return slices.DeleteFunc(j.ActorOrder(carried, isActor), func(id string) bool { return !isActor(id) })
}

// cloneJourney returns a deep copy of j, so that fn in UpdateJourney cannot reach into
// the document the store compares its result with.
func cloneJourney(j *journeys.Journey) (*journeys.Journey, error) {
	data, err := json.Marshal(j)
	if err != nil {
		return nil, journeys.Wrap(journeys.Internal, err, "The journey could not be copied.")
	}
	var c journeys.Journey
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, journeys.Wrap(journeys.Internal, err, "The journey could not be copied.")
	}
	return &c, nil
}
