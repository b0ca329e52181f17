package embedded

import (
	"bytes"
	"context"
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/glapp/glapp/journeys"
	bolt "go.etcd.io/bbolt"
)

// versionPrefix is the prefix of every kept version of journey id in the versions bucket;
// the NUL keeps journey "a" from matching "ab", since ids hold no NUL.
func versionPrefix(id string) []byte { return []byte(id + "\x00") }

// versionKey is the key of version v of journey id.
func versionKey(id string, v int64) string { return id + "\x00" + journeys.VersionKey(v) }

// keepVersion files a version a write replaced in the journey's history; nil is nothing.
func (p *project) keepVersion(v *journeys.PastVersion) error {
	if v == nil {
		return nil
	}
	return putJSON(p.versions, versionKey(v.Stored.Journey.ID, v.Stored.Journey.Version), v)
}

// lastKept returns the highest version kept of journey id, 0 when none is.
func (p *project) lastKept(id string) int64 {
	prefix := versionPrefix(id)
	c := p.versions.Cursor()
	// The first key past every version of id, then one step back.
	k, _ := c.Seek(append(slices.Clone(prefix[:len(prefix)-1]), 1))
	if k == nil {
		k, _ = c.Last()
	} else {
		k, _ = c.Prev()
	}
	if k == nil || !bytes.HasPrefix(k, prefix) {
		return 0
	}
	v, _ := strconv.ParseInt(string(k[len(prefix):]), 10, 64)
	return v
}

// ListJourneyVersions returns the versions of a journey, oldest first: those kept, then
// the current one.
func (s *Store) ListJourneyVersions(ctx context.Context, projectID, id string, page journeys.Page) (*journeys.List[journeys.JourneyVersion], error) {
	after, err := page.After()
	if err != nil {
		return nil, err
	}
	return readProject(ctx, s, projectID, func(p *project) (*journeys.List[journeys.JourneyVersion], error) {
		prefix := versionPrefix(id)
		var past []journeys.JourneyVersion
		c := p.versions.Cursor()
		k, v := c.Seek(append(slices.Clone(prefix), after...))
		if k != nil && after != "" && string(k) == string(prefix)+after {
			k, v = c.Next()
		}
		for ; k != nil && bytes.HasPrefix(k, prefix) && len(past) <= page.Size(); k, v = c.Next() {
			var pv journeys.PastVersion
			if err := decodeJSON(v, &pv); err != nil {
				return nil, err
			}
			past = append(past, pv.Version())
		}
		current, err := p.loadRecord(id)
		if err != nil {
			return nil, err
		}
		return journeys.VersionPage(projectID, id, past, current, page)
	})
}

// GetJourneyVersion returns one version of a journey, assembled with today's actors.
func (s *Store) GetJourneyVersion(ctx context.Context, projectID, id string, version int64) (*journeys.Journey, error) {
	return readProject(ctx, s, projectID, func(p *project) (*journeys.Journey, error) {
		stored, err := p.version(id, version)
		if err != nil {
			return nil, err
		}
		return p.assemble(stored)
	})
}

// version returns version of journey id as stored, current or kept, or NOT_FOUND.
func (p *project) version(id string, version int64) (*journeys.StoredJourney, error) {
	current, err := p.loadRecord(id)
	if err != nil {
		return nil, err
	}
	var past journeys.PastVersion
	found, err := getJSON(p.versions, versionKey(id, version), &past)
	if err != nil {
		return nil, err
	}
	var pp *journeys.PastVersion
	if found {
		pp = &past
	}
	return journeys.PickVersion(p.id, id, version, current, pp)
}

// PurgeJourney deletes a journey, when it exists, and every version of it kept, with its
// audit entry, as journeys.PlanPurgeJourney plans it.
func (s *Store) PurgeJourney(ctx context.Context, projectID, id string, cond journeys.Precondition) error {
	return s.update(ctx, func(tx *bolt.Tx) error {
		p, err := openProject(tx, projectID)
		if err != nil {
			return err
		}
		stored, err := p.loadRecord(id)
		if err != nil {
			return err
		}
		var keys [][]byte
		c := p.versions.Cursor()
		prefix := versionPrefix(id)
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			keys = append(keys, slices.Clone(k))
		}
		var heldBy []string
		err = p.eachBaseline(func(b *journeys.ProjectBaseline) error {
			if b.HoldsJourney(id) {
				heldBy = append(heldBy, b.ID)
			}
			return nil
		})
		if err != nil {
			return err
		}
		w, err := journeys.PlanPurgeJourney(projectID, id, stored, len(keys), heldBy, cond)
		if err != nil {
			return err
		}
		if stored != nil {
			if err := p.journeys.Delete([]byte(id)); err != nil {
				return err
			}
		}
		for _, k := range keys {
			if err := p.versions.Delete(k); err != nil {
				return err
			}
		}
		return s.writeAudit(ctx, tx, projectID, w.Action, id)
	})
}

// historyPruneBatch is journeys.PruneBatch, a variable so that tests can make it small.
var historyPruneBatch = journeys.PruneBatch

// PruneHistory deletes the kept versions that journeys.Expired lets go, in every project.
// Each transaction looks at most at journeys.PruneBatch versions, so that it holds the
// write lock briefly however many versions are kept, and resumes where the last one
// stopped, so that versions a baseline holds are passed over once, not met again.
func (s *Store) PruneHistory(ctx context.Context, before time.Time) (int, error) {
	removed := 0
	var atProject, atKey []byte // where the next transaction resumes
	for {
		var n, seen int
		done := true
		err := s.update(ctx, func(tx *bolt.Tx) error {
			n, seen, done = 0, 0, true
			root := tx.Bucket(projectsKey)
			pc := root.Cursor()
			pk, _ := pc.First()
			if atProject != nil {
				pk, _ = pc.Seek(atProject)
			}
			for ; pk != nil; pk, _ = pc.Next() {
				p, err := openProject(tx, string(pk))
				if err != nil {
					return err
				}
				pins := map[string]bool{}
				err = p.eachBaseline(func(b *journeys.ProjectBaseline) error {
					for _, pin := range b.Pins() {
						pins[pin] = true
					}
					return nil
				})
				if err != nil {
					return err
				}
				pinned := func(id string, v int64) bool { return pins[journeys.PinKey(id, v)] }
				var expired [][]byte
				c := p.versions.Cursor()
				k, v := c.First()
				if atKey != nil && bytes.Equal(pk, atProject) {
					k, v = c.Seek(atKey)
				}
				for ; k != nil; k, v = c.Next() {
					if seen == historyPruneBatch {
						atProject, atKey, done = slices.Clone(pk), slices.Clone(k), false
						break
					}
					seen++
					var pv journeys.PastVersion
					if err := decodeJSON(v, &pv); err != nil {
						return err
					}
					if journeys.Expired(&pv, before, pinned) {
						expired = append(expired, slices.Clone(k))
						n++
					}
				}
				for _, k := range expired {
					if err := p.versions.Delete(k); err != nil {
						return err
					}
				}
				if !done {
					return nil
				}
				atKey = nil
			}
			return nil
		})
		if err != nil {
			return removed, err
		}
		removed += n
		if done {
			return removed, nil
		}
	}
}

// CreateBaseline freezes the project as it stands, with its audit entry, as
// journeys.PlanBaseline plans it.
func (s *Store) CreateBaseline(ctx context.Context, projectID string, in journeys.BaselineRequest) (*journeys.ProjectBaseline, error) {
	var out *journeys.ProjectBaseline
	err := s.update(ctx, func(tx *bolt.Tx) error {
		p, err := openProject(tx, projectID)
		if err != nil {
			return err
		}
		var src journeys.BaselineSource
		src.Taken = p.baselines.Get([]byte(in.ID)) != nil
		src.Count = p.baselines.Stats().KeyN
		err = p.journeys.ForEach(func(_, v []byte) error {
			if len(src.Journeys) > journeys.MaxBaselineJourneys {
				return nil
			}
			var rec journeys.StoredJourney
			if err := decodeJSON(v, &rec); err != nil {
				return err
			}
			src.Journeys = append(src.Journeys, rec.Journey.Summary())
			return nil
		})
		if err != nil {
			return err
		}
		actors, err := p.projectActors()
		if err != nil {
			return err
		}
		for _, id := range slices.Sorted(maps.Keys(actors)) {
			src.Actors = append(src.Actors, actors[id])
		}
		src.Settings = journeys.DefaultSettings()
		if _, err := getJSON(p.bucket, string(settingsKey), &src.Settings); err != nil {
			return err
		}
		err = p.triage.ForEach(func(_, v []byte) error {
			var t journeys.Triage
			if err := decodeJSON(v, &t); err != nil {
				return err
			}
			src.Triage = append(src.Triage, t)
			return nil
		})
		if err != nil {
			return err
		}
		if out, err = journeys.PlanBaseline(in, src, s.Now()); err != nil {
			return err
		}
		if err := putJSON(p.baselines, out.ID, out); err != nil {
			return err
		}
		return s.writeAudit(ctx, tx, projectID, "baseline.create", out.ID)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// GetBaseline returns one baseline.
func (s *Store) GetBaseline(ctx context.Context, projectID, id string) (*journeys.ProjectBaseline, error) {
	return readProject(ctx, s, projectID, func(p *project) (*journeys.ProjectBaseline, error) {
		return p.baseline(id)
	})
}

// baseline returns baseline id, or NOT_FOUND.
func (p *project) baseline(id string) (*journeys.ProjectBaseline, error) {
	var b journeys.ProjectBaseline
	found, err := getJSON(p.baselines, id, &b)
	if err == nil && !found {
		err = journeys.BaselineNotFound(p.id, id)
	}
	if err != nil {
		return nil, err
	}
	return &b, nil
}

// eachBaseline calls fn with every baseline of p; there are at most
// journeys.MaxBaselines.
func (p *project) eachBaseline(fn func(*journeys.ProjectBaseline) error) error {
	return p.baselines.ForEach(func(_, v []byte) error {
		var b journeys.ProjectBaseline
		if err := decodeJSON(v, &b); err != nil {
			return err
		}
		return fn(&b)
	})
}

// ListBaselines returns the project's baselines ordered by id.
func (s *Store) ListBaselines(ctx context.Context, projectID string, page journeys.Page) (*journeys.List[journeys.BaselineSummary], error) {
	return readProject(ctx, s, projectID, func(p *project) (*journeys.List[journeys.BaselineSummary], error) {
		return list(p.baselines, page, func(_, v []byte) (journeys.BaselineSummary, bool, error) {
			var b journeys.ProjectBaseline
			if err := decodeJSON(v, &b); err != nil {
				return journeys.BaselineSummary{}, false, err
			}
			return b.Summary(), true, nil
		})
	})
}

// DeleteBaseline removes a baseline with its audit entry; the versions it held stay
// until retention ends.
func (s *Store) DeleteBaseline(ctx context.Context, projectID, id string) error {
	return s.update(ctx, func(tx *bolt.Tx) error {
		p, err := openProject(tx, projectID)
		if err != nil {
			return err
		}
		if p.baselines.Get([]byte(id)) == nil {
			return journeys.BaselineNotFound(projectID, id)
		}
		if err := p.baselines.Delete([]byte(id)); err != nil {
			return err
		}
		return s.writeAudit(ctx, tx, projectID, "baseline.delete", id)
	})
}

// EachBaselineJourney calls fn with every journey the baseline holds, at its version,
// assembled with the baseline's actors, all read from one snapshot.
func (s *Store) EachBaselineJourney(ctx context.Context, projectID, id string, fn func(*journeys.Journey) error) error {
	return s.view(ctx, func(tx *bolt.Tx) error {
		p, err := openProject(tx, projectID)
		if err != nil {
			return err
		}
		b, err := p.baseline(id)
		if err != nil {
			return err
		}
		actors := journeys.ActorsIn(b.ActorMap())
		for _, bj := range b.Journeys {
			if err := ctx.Err(); err != nil {
				return contextError(err)
			}
			stored, err := p.version(bj.ID, bj.Version)
			if err != nil {
				return err
			}
			if err := fn(stored.Assemble(actors)); err != nil {
				return &journeys.CallerError{Err: err}
			}
		}
		return nil
	})
}

// EachPastVersion calls fn with every version the project keeps, in key order.
func (s *Store) EachPastVersion(ctx context.Context, projectID string, fn func(*journeys.PastVersion) error) error {
	return s.view(ctx, func(tx *bolt.Tx) error {
		p, err := openProject(tx, projectID)
		if err != nil {
			return err
		}
		return p.versions.ForEach(func(_, v []byte) error {
			var pv journeys.PastVersion
			if err := decodeJSON(v, &pv); err != nil {
				return err
			}
			if err := fn(&pv); err != nil {
				return &journeys.CallerError{Err: err}
			}
			return nil
		})
	})
}

// RestoreVersion keeps v as another store kept it.
func (s *Store) RestoreVersion(ctx context.Context, projectID string, v *journeys.PastVersion) error {
	return s.update(ctx, func(tx *bolt.Tx) error {
		p, err := openProject(tx, projectID)
		if err != nil {
			return err
		}
		return p.keepVersion(v)
	})
}

// RestoreBaseline stores b as another store held it, unless its id is taken.
func (s *Store) RestoreBaseline(ctx context.Context, projectID string, b *journeys.ProjectBaseline) (bool, error) {
	created := false
	err := s.update(ctx, func(tx *bolt.Tx) error {
		p, err := openProject(tx, projectID)
		if err != nil {
			return err
		}
		if p.baselines.Get([]byte(b.ID)) != nil {
			return nil
		}
		created = true
		return putJSON(p.baselines, b.ID, b)
	})
	return created, err
}
