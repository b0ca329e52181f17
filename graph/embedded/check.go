package embedded

import (
	"context"
	"fmt"

	"github.com/glapp/glapp/journeys"
	bolt "go.etcd.io/bbolt"
)

// Check verifies the file in two passes: bbolt's consistency check over every page (no
// page lost, none used twice, every key in order), then Glapp's own structure, each in
// one read transaction: the marker, every bucket the layout names, every record decodes,
// every journey is valid against its project's actors, and the token hash index agrees
// with the tokens. Any problem found also makes Ping fail from then on. It reads the
// whole file, so it is for "glapp check", not for a request.
func (s *Store) Check(ctx context.Context) (*journeys.CheckResult, error) {
	if err := ctx.Err(); err != nil {
		return nil, contextError(err)
	}
	r := &journeys.CheckResult{Store: "embedded store in " + s.dir}
	s.checkPages(func(p string) { r.Problem("bbolt: %s", p) })
	if !r.Sound() {
		// Walking the records of a file with broken pages could meet one of them and
		// report it again, less clearly.
		s.markDamaged(fmt.Errorf("%w: %s", ErrDamaged, r.Problems[0]))
		return r, nil
	}
	err := safely(func() error {
		return s.db.View(func(tx *bolt.Tx) error { return checkRecords(ctx, tx, r) })
	})
	switch {
	case ctx.Err() != nil:
		return nil, contextError(ctx.Err())
	case err != nil:
		r.Problem("%v", err)
	}
	if !r.Sound() {
		s.markDamaged(fmt.Errorf("%w: %s", ErrDamaged, r.Problems[0]))
	}
	return r, nil
}

// checkRecords is Check's second pass.
func checkRecords(ctx context.Context, tx *bolt.Tx, r *journeys.CheckResult) error {
	if _, err := checkMarker(tx); err != nil {
		r.Problem("%v", err)
	} else if tx.Bucket(glappKey) == nil {
		r.Problem("the Glapp marker (bucket \"glapp\") is missing")
	}
	for _, key := range rootBuckets {
		if tx.Bucket(key) == nil {
			r.Problem("the %q bucket is missing", key)
		}
	}
	var projects, actorCount, journeyCount, sourceCount, evidenceCount, tokenCount, auditCount int64
	// The other records of a project are counted by bucket; their contents are read and
	// checked by the requests that use them.
	counted := []struct {
		name string
		key  []byte
		n    int64
	}{{"proposals", proposalsKey, 0}, {"goals", goalsKey, 0}, {"measures", measuresKey, 0}, {"needs", needsKey, 0}, {"kept journey versions", versionsKey, 0}, {"baselines", baselinesKey, 0}}
	if root := tx.Bucket(projectsKey); root != nil {
		err := root.ForEachBucket(func(id []byte) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			projects++
			a, j, src, e := checkProjectRecords(tx, string(id), r)
			actorCount, journeyCount, sourceCount, evidenceCount = actorCount+a, journeyCount+j, sourceCount+src, evidenceCount+e
			for i := range counted {
				if b := root.Bucket(id).Bucket(counted[i].key); b != nil {
					counted[i].n += int64(b.Stats().KeyN)
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	if tokens, hashes := tx.Bucket(tokensKey), tx.Bucket(tokenHashesKey); tokens != nil && hashes != nil {
		_ = tokens.ForEach(func(k, v []byte) error {
			tokenCount++
			var rec tokenRecord
			if err := decodeJSON(v, &rec); err != nil {
				r.Problem("token %q cannot be read: %v", k, err)
				return nil
			}
			if string(hashes.Get([]byte(rec.Hash))) != string(k) {
				r.Problem("token %q is missing from the token hash index", k)
			}
			return nil
		})
		_ = hashes.ForEach(func(k, v []byte) error {
			if tokens.Get(v) == nil {
				r.Problem("the token hash index names token %q, which does not exist", v)
			}
			return nil
		})
	}
	if audit := tx.Bucket(auditKey); audit != nil {
		_ = audit.ForEachBucket(func(id []byte) error {
			auditCount += int64(audit.Bucket(id).Stats().KeyN)
			return nil
		})
	}
	r.Count("projects", projects)
	r.Count("actors", actorCount)
	r.Count("journeys", journeyCount)
	r.Count("sources", sourceCount)
	r.Count("evidence", evidenceCount)
	for _, c := range counted {
		r.Count(c.name, c.n)
	}
	r.Count("tokens", tokenCount)
	r.Count("audit entries", auditCount)
	return nil
}

// checkProjectRecords checks one project's buckets and records and returns how many actors,
// journeys, sources and pieces of evidence it holds.
func checkProjectRecords(tx *bolt.Tx, id string, r *journeys.CheckResult) (actorCount, journeyCount, sourceCount, evidenceCount int64) {
	b := tx.Bucket(projectsKey).Bucket([]byte(id))
	for _, key := range projectBuckets {
		if b.Bucket(key) == nil {
			r.Problem("project %q lacks its %q bucket", id, key)
			return
		}
	}
	if b.Bucket(currentEvidence(b)) == nil {
		r.Problem("project %q names evidence bucket %q as current, which does not exist", id, currentEvidence(b))
		return
	}
	p, err := openProject(tx, id)
	if err != nil {
		r.Problem("project %q cannot be opened: %v", id, err)
		return
	}
	if rec, err := p.record(); err != nil {
		r.Problem("project %q: its record cannot be read: %v", id, err)
	} else if rec.ID != id {
		r.Problem("project %q: its record names id %q", id, rec.ID)
	}
	refs, err := p.projectActors()
	if err != nil {
		r.Problem("project %q: an actor cannot be read: %v", id, err)
		return
	}
	actorCount = int64(len(refs))
	_ = p.journeys.ForEach(func(k, v []byte) error {
		journeyCount++
		var rec journeys.StoredJourney
		if err := decodeJSON(v, &rec); err != nil || rec.Journey == nil {
			r.Problem("project %q: journey %q cannot be read", id, k)
			return nil
		}
		if rec.Journey.ID != string(k) {
			r.Problem("project %q: journey %q is stored under key %q", id, rec.Journey.ID, k)
		}
		j, err := p.assemble(&rec)
		if err == nil {
			err = j.Check(journeys.Refs{Actors: refs, Needs: p.needIDs()})
		}
		if err != nil {
			r.Problem("project %q: journey %q is not valid: %v %v", id, k, err, journeys.ErrorViolations(err))
		}
		return nil
	})
	_ = p.versions.ForEach(func(k, v []byte) error {
		var pv journeys.PastVersion
		if err := decodeJSON(v, &pv); err != nil || pv.Stored.Journey == nil || versionKey(pv.Stored.Journey.ID, pv.Stored.Journey.Version) != string(k) {
			r.Problem("project %q: kept journey version %q cannot be read", id, k)
		}
		return nil
	})
	_ = p.baselines.ForEach(func(k, v []byte) error {
		var b journeys.ProjectBaseline
		if err := decodeJSON(v, &b); err != nil {
			r.Problem("project %q: baseline %q cannot be read", id, k)
			return nil
		}
		for _, bj := range b.Journeys {
			if _, err := p.version(bj.ID, bj.Version); err != nil {
				r.Problem("project %q: baseline %q holds version %d of journey %q, which is not kept", id, k, bj.Version, bj.ID)
			}
		}
		return nil
	})
	_ = p.sources.ForEach(func(k, v []byte) error {
		sourceCount++
		var src journeys.Source
		if err := decodeJSON(v, &src); err != nil {
			r.Problem("project %q: source %q cannot be read", id, k)
		}
		return nil
	})
	_ = p.evidence.ForEach(func(k, v []byte) error {
		evidenceCount++
		var e journeys.Evidence
		if err := decodeJSON(v, &e); err != nil {
			r.Problem("project %q: evidence %q cannot be read", id, k)
		}
		return nil
	})
	return
}
