package embedded

import (
	"context"
	"encoding/json"
	"slices"

	"github.com/glapp/glapp/journeys"
	bolt "go.etcd.io/bbolt"
)

// journeyRecord is how a journey is stored: the document without its actors, which live
// in the project's actors bucket where every journey shares them, and the ids of the
// actors the client's document carried, so that a read lists those first and in the
// client's order.
type journeyRecord struct {
	Journey *journeys.Journey `json:"journey"`
	Carried []string          `json:"carried"`
}

// PutJourney creates or replaces a whole journey document and upserts the actors it
// carries, in one transaction with its audit entry: an invalid document, a failed
// precondition or any other error leaves no trace, not even of the actors. Writing the
// same content again changes nothing, not even the version, and records nothing; a write
// that changes only a carried actor is a journey.put all the same.
func (s *Store) PutJourney(ctx context.Context, projectID string, in *journeys.Journey, cond journeys.Precondition) (*journeys.Journey, bool, error) {
	var out *journeys.Journey
	var created bool
	err := s.update(ctx, func(tx *bolt.Tx) error {
		p, err := openProject(tx, projectID)
		if err != nil {
			return err
		}
		old, found, err := p.loadRecord(in.ID)
		if err != nil {
			return err
		}
		if !found && cond.IfVersion != 0 {
			return journeys.Errorf(journeys.PreconditionFailed, "Journey %q does not exist, so it cannot be at version %d.", in.ID, cond.IfVersion)
		}
		if found {
			if err := cond.Optional().CheckVersion(old.Journey.Version); err != nil {
				return err
			}
		}
		refs, err := p.projectActors()
		if err != nil {
			return err
		}
		if err := in.Check(journeys.Refs{Actors: refs, Limits: s.Limits}); err != nil {
			return err
		}
		now := s.Now()
		changed := false
		carried := make([]string, 0, len(in.Actors))
		for _, a := range in.Actors {
			_, res, err := actors.upsert(p.actors, a, now)
			if err != nil {
				return err
			}
			changed = changed || res != kept
			carried = append(carried, a.ID)
		}
		if !found || !journeys.ContentEqual(old.Journey, in) || !slices.Equal(p.actorOrder(old.Journey, old.Carried), p.actorOrder(in, carried)) {
			changed = true
			doc := *in
			doc.Actors, doc.Version, doc.UpdatedAt = nil, 1, &now
			if found {
				doc.Version = old.Journey.Version + 1
			}
			if err := p.putRecord(&journeyRecord{Journey: &doc, Carried: carried}); err != nil {
				return err
			}
		}
		if changed && found {
			// Only a write that changes the journey must name the version it replaces.
			if err := cond.CheckVersion(old.Journey.Version); err != nil {
				return err
			}
		}
		if changed {
			if err := s.writeAudit(ctx, tx, projectID, "journey.put", in.ID); err != nil {
				return err
			}
		}
		// Read back rather than return doc, which shares its slices with the caller's.
		out, err = p.journey(in.ID)
		created = !found
		return err
	})
	if err != nil {
		return nil, false, err
	}
	return out, created, nil
}

// GetJourney returns a journey document with its actors.
func (s *Store) GetJourney(ctx context.Context, projectID, id string) (*journeys.Journey, error) {
	return read(ctx, s, func(tx *bolt.Tx) (*journeys.Journey, error) {
		p, err := openProject(tx, projectID)
		if err != nil {
			return nil, err
		}
		return p.journey(id)
	})
}

// UpdateJourney applies fn to a copy of the stored journey and, in the same transaction,
// stores the result when it is valid and differs, with the next version and its audit
// entry (journey.update, unless the caller named the edit with WithAuditDetail). The
// actors the journey carried stay as they were: changes fn makes to Actors are ignored,
// because actors are written by PutActor and PutJourney, and the result is validated
// against the project's actors alone so that it cannot name an actor that was never
// stored.
func (s *Store) UpdateJourney(ctx context.Context, projectID, id string, cond journeys.Precondition, fn func(*journeys.Journey) error) (*journeys.Journey, error) {
	var out *journeys.Journey
	err := s.update(ctx, func(tx *bolt.Tx) error {
		p, rec, err := openForUpdate(tx, projectID, id, cond)
		if err != nil {
			return err
		}
		old, err := p.assemble(rec)
		if err != nil {
			return err
		}
		next, err := cloneJourney(old)
		if err != nil {
			return err
		}
		if err := fn(next); err != nil {
			return &callerError{err}
		}
		if next.ID != id {
			return idChanged(id)
		}
		next.Actors = nil
		refs, err := p.projectActors()
		if err != nil {
			return err
		}
		if err := next.Check(journeys.Refs{Actors: refs, Limits: s.Limits}); err != nil {
			return err
		}
		if journeys.ContentEqual(old, next) {
			out = old
			return nil
		}
		now := s.Now()
		next.Version, next.UpdatedAt = old.Version+1, &now
		if err := p.putRecord(&journeyRecord{Journey: next, Carried: rec.Carried}); err != nil {
			return err
		}
		if err := s.writeAudit(ctx, tx, projectID, "journey.update", id); err != nil {
			return err
		}
		out, err = p.journey(id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// DeleteJourney removes a journey and the insights it holds. The actors it carried stay:
// they belong to the project.
func (s *Store) DeleteJourney(ctx context.Context, projectID, id string, cond journeys.Precondition) error {
	return s.update(ctx, func(tx *bolt.Tx) error {
		p, _, err := openForUpdate(tx, projectID, id, cond)
		if err != nil {
			return err
		}
		if err := p.journeys.Delete([]byte(id)); err != nil {
			return err
		}
		return s.writeAudit(ctx, tx, projectID, "journey.delete", id)
	})
}

// ListJourneys returns summaries of the journeys that pass the filter, ordered by id.
func (s *Store) ListJourneys(ctx context.Context, projectID string, f journeys.JourneyFilter, page journeys.Page) (*journeys.List[journeys.JourneySummary], error) {
	return read(ctx, s, func(tx *bolt.Tx) (*journeys.List[journeys.JourneySummary], error) {
		p, err := openProject(tx, projectID)
		if err != nil {
			return nil, err
		}
		return list(p.journeys, page, func(_, data []byte) (journeys.JourneySummary, bool, error) {
			var rec journeyRecord
			if err := decodeJSON(data, &rec); err != nil {
				return journeys.JourneySummary{}, false, err
			}
			return rec.Journey.Summary(), f.Match(rec.Journey), nil
		})
	})
}

// EachJourney calls fn with every journey of the project in id order, all read from one
// snapshot. fn runs inside a read transaction, so it must not write to the store: a
// write waiting for the file to grow would wait for this read to end.
func (s *Store) EachJourney(ctx context.Context, projectID string, fn func(*journeys.Journey) error) error {
	return s.view(ctx, func(tx *bolt.Tx) error {
		p, err := openProject(tx, projectID)
		if err != nil {
			return err
		}
		return p.eachRecord(func(rec *journeyRecord) error {
			if err := ctx.Err(); err != nil {
				return contextError(err)
			}
			j, err := p.assemble(rec)
			if err != nil {
				return err
			}
			if err := fn(j); err != nil {
				return &callerError{err}
			}
			return nil
		})
	})
}

// journey loads and assembles journey id, or returns NOT_FOUND.
func (p *project) journey(id string) (*journeys.Journey, error) {
	rec, found, err := p.loadRecord(id)
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, journeyNotFound(p.id, id)
	}
	return p.assemble(rec)
}

// assemble turns a record into the document clients read: the actors it carried, in
// their order, then every other actor it references, each as a client would write it.
// Carried actors deleted since are left out.
func (p *project) assemble(rec *journeyRecord) (*journeys.Journey, error) {
	j := *rec.Journey
	j.Actors = []journeys.Actor{}
	for _, id := range p.actorOrder(&j, rec.Carried) {
		var a journeys.Actor
		if _, err := getJSON(p.actors, id, &a); err != nil {
			return nil, err
		}
		j.Actors = append(j.Actors, a.WithoutServerFields())
	}
	j.Normalize()
	return &j, nil
}

// actorOrder returns the ids of the actors a read of j lists when it carried carried:
// those, then the others it references, leaving out any no longer stored. PutJourney
// compares these rather than the carried lists, so that writing back a document as it
// was read, which carries every actor it references, is no change.
func (p *project) actorOrder(j *journeys.Journey, carried []string) []string {
	isActor := func(id string) bool { return p.actors.Get([]byte(id)) != nil }
	return slices.DeleteFunc(j.ActorOrder(carried, isActor), func(id string) bool { return !isActor(id) })
}

func (p *project) loadRecord(id string) (*journeyRecord, bool, error) {
	var rec journeyRecord
	found, err := getJSON(p.journeys, id, &rec)
	if err != nil || !found {
		return nil, found, err
	}
	return &rec, true, nil
}

func (p *project) putRecord(rec *journeyRecord) error {
	return putJSON(p.journeys, rec.Journey.ID, rec)
}

// eachRecord calls fn with every journey record of p in id order.
func (p *project) eachRecord(fn func(rec *journeyRecord) error) error {
	return p.journeys.ForEach(func(_, v []byte) error {
		var rec journeyRecord
		if err := decodeJSON(v, &rec); err != nil {
			return err
		}
		return fn(&rec)
	})
}

// cloneJourney returns a deep copy of j, so that fn in UpdateJourney cannot reach into
// the document the store compares its result with.
func cloneJourney(j *journeys.Journey) (*journeys.Journey, error) {
	data, err := json.Marshal(j)
	if err != nil {
		return nil, journeys.Wrap(journeys.Internal, err, "The journey could not be copied.")
	}
	var c journeys.Journey
	if err := decodeJSON(data, &c); err != nil {
		return nil, err
	}
	return &c, nil
}

func journeyNotFound(projectID, id string) error {
	return journeys.Errorf(journeys.NotFound, "Project %q has no journey %q.", projectID, id)
}

// openForUpdate opens the project and the stored journey that an update or delete is
// about, and checks the client's precondition against it.
func openForUpdate(tx *bolt.Tx, projectID, id string, cond journeys.Precondition) (*project, *journeyRecord, error) {
	p, err := openProject(tx, projectID)
	if err != nil {
		return nil, nil, err
	}
	rec, found, err := p.loadRecord(id)
	if err != nil {
		return nil, nil, err
	}
	if !found {
		return nil, nil, journeyNotFound(projectID, id)
	}
	if err := cond.CheckVersion(rec.Journey.Version); err != nil {
		return nil, nil, err
	}
	return p, rec, nil
}
