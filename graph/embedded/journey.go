package embedded

import (
	"context"

	"github.com/glapp/glapp/journeys"
	bolt "go.etcd.io/bbolt"
)

// PutJourney creates or replaces a whole journey document and upserts the actors it
// carries, in one transaction with its audit entry, as journeys.PlanPutJourney plans it.
func (s *Store) PutJourney(ctx context.Context, projectID string, in *journeys.Journey, cond journeys.Precondition) (*journeys.Journey, bool, error) {
	var w *journeys.JourneyWrite
	err := s.update(ctx, func(tx *bolt.Tx) (err error) {
		w, err = s.putJourney(ctx, tx, projectID, in, cond)
		return err
	})
	if err != nil {
		return nil, false, err
	}
	return w.Journey, w.Created, nil
}

// putJourney plans and persists one journey write inside tx: the one path PutJourney and
// PutJourneys share.
func (s *Store) putJourney(ctx context.Context, tx *bolt.Tx, projectID string, in *journeys.Journey, cond journeys.Precondition) (*journeys.JourneyWrite, error) {
	p, stored, actors, err := loadForWrite(tx, projectID, in.ID)
	if err != nil {
		return nil, err
	}
	refs := journeys.Refs{Actors: actors, Needs: p.needIDs(), Limits: s.Limits}
	if stored == nil {
		refs.LastKept = p.lastKept(in.ID)
	}
	w, err := journeys.PlanPutJourney(stored, refs, in, cond, s.Now())
	if err != nil {
		return nil, err
	}
	return w, s.persist(ctx, tx, p, in.ID, w)
}

// PutJourneys writes several journeys in one transaction, each planned as PutJourney
// plans it: see journeys.Store.
func (s *Store) PutJourneys(ctx context.Context, projectID string, in []*journeys.Journey) (int, error) {
	if err := journeys.CheckJourneysPerWrite(in); err != nil {
		return 0, err
	}
	created := 0
	err := s.update(ctx, func(tx *bolt.Tx) error {
		created = 0
		for _, j := range in {
			w, err := s.putJourney(ctx, tx, projectID, j, journeys.Precondition{})
			if err != nil {
				return err
			}
			if w.Created {
				created++
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return created, nil
}

// GetJourney returns a journey document with its actors.
func (s *Store) GetJourney(ctx context.Context, projectID, id string) (*journeys.Journey, error) {
	return readProject(ctx, s, projectID, func(p *project) (*journeys.Journey, error) {
		return p.journey(id)
	})
}

// UpdateJourney applies fn to a copy of the stored journey and stores the result, in one
// transaction with its audit entry, as journeys.PlanUpdateJourney plans it.
func (s *Store) UpdateJourney(ctx context.Context, projectID, id string, cond journeys.Precondition, fn func(*journeys.Journey) error) (*journeys.Journey, error) {
	var w *journeys.JourneyWrite
	err := s.update(ctx, func(tx *bolt.Tx) error {
		p, stored, actors, err := loadForWrite(tx, projectID, id)
		if err != nil {
			return err
		}
		if w, err = journeys.PlanUpdateJourney(projectID, id, stored, journeys.Refs{Actors: actors, Needs: p.needIDs(), Limits: s.Limits}, cond, s.Now(), journeys.Callers(fn)); err != nil {
			return err
		}
		return s.persist(ctx, tx, p, id, w)
	})
	if err != nil {
		return nil, err
	}
	return w.Journey, nil
}

// DeleteJourney removes a journey and the insights it holds, with its audit entry, as
// journeys.PlanDeleteJourney plans it.
func (s *Store) DeleteJourney(ctx context.Context, projectID, id string, cond journeys.Precondition) error {
	return s.update(ctx, func(tx *bolt.Tx) error {
		p, err := openProject(tx, projectID)
		if err != nil {
			return err
		}
		stored, err := p.loadRecord(id)
		if err != nil {
			return err
		}
		w, err := journeys.PlanDeleteJourney(projectID, id, stored, cond, s.Now())
		if err != nil {
			return err
		}
		if err := p.journeys.Delete([]byte(id)); err != nil {
			return err
		}
		if err := p.keepVersion(w.Replaced); err != nil {
			return err
		}
		return s.writeAudit(ctx, tx, projectID, w.Action, id)
	})
}

// loadForWrite opens the project and loads what a journey write is planned from: journey
// id as stored (nil when there is none) and the project's actors.
func loadForWrite(tx *bolt.Tx, projectID, id string) (*project, *journeys.StoredJourney, map[string]journeys.Actor, error) {
	p, err := openProject(tx, projectID)
	if err != nil {
		return nil, nil, nil, err
	}
	stored, err := p.loadRecord(id)
	if err != nil {
		return nil, nil, nil, err
	}
	actors, err := p.projectActors()
	return p, stored, actors, err
}

// persist writes what a planned PutJourney or UpdateJourney says: the carried actors,
// the journey, the version it replaced, and the audit entry.
func (s *Store) persist(ctx context.Context, tx *bolt.Tx, p *project, id string, w *journeys.JourneyWrite) error {
	for i := range w.Actors {
		if err := putJSON(p.actors, w.Actors[i].ID, &w.Actors[i]); err != nil {
			return err
		}
	}
	if w.Stored != nil {
		if err := putJSON(p.journeys, id, w.Stored); err != nil {
			return err
		}
	}
	if err := p.keepVersion(w.Replaced); err != nil {
		return err
	}
	if w.Action == "" {
		return nil
	}
	return s.writeAuditChange(ctx, tx, p.id, w.Action, w.StampChange(), id)
}

// ListJourneys returns summaries of the journeys that pass the filter, ordered by id.
func (s *Store) ListJourneys(ctx context.Context, projectID string, f journeys.JourneyFilter, page journeys.Page) (*journeys.List[journeys.JourneySummary], error) {
	return readProject(ctx, s, projectID, func(p *project) (*journeys.List[journeys.JourneySummary], error) {
		return list(p.journeys, page, func(_, data []byte) (journeys.JourneySummary, bool, error) {
			var rec journeys.StoredJourney
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
		return p.eachRecord(func(rec *journeys.StoredJourney) error {
			if err := ctx.Err(); err != nil {
				return contextError(err)
			}
			j, err := p.assemble(rec)
			if err != nil {
				return err
			}
			if err := fn(j); err != nil {
				return &journeys.CallerError{Err: err}
			}
			return nil
		})
	})
}

// journey loads and assembles journey id, or returns NOT_FOUND.
func (p *project) journey(id string) (*journeys.Journey, error) {
	stored, err := p.loadRecord(id)
	if err != nil {
		return nil, err
	}
	if stored == nil {
		return nil, journeys.JourneyNotFound(p.id, id)
	}
	return p.assemble(stored)
}

// assemble turns a stored journey into the document clients read, looking up only the
// actors it names.
func (p *project) assemble(stored *journeys.StoredJourney) (*journeys.Journey, error) {
	var failed error
	j := stored.Assemble(func(id string) (journeys.Actor, bool) {
		var a journeys.Actor
		found, err := getJSON(p.actors, id, &a)
		if err != nil && failed == nil {
			failed = err
		}
		return a, found && err == nil
	})
	return j, failed
}

// loadRecord returns journey id as stored, or nil when there is none.
func (p *project) loadRecord(id string) (*journeys.StoredJourney, error) {
	var rec journeys.StoredJourney
	found, err := getJSON(p.journeys, id, &rec)
	if err != nil || !found {
		return nil, err
	}
	return &rec, nil
}

// eachRecord calls fn with every journey record of p in id order.
func (p *project) eachRecord(fn func(rec *journeys.StoredJourney) error) error {
	return p.journeys.ForEach(func(_, v []byte) error {
		var rec journeys.StoredJourney
		if err := decodeJSON(v, &rec); err != nil {
			return err
		}
		return fn(&rec)
	})
}
