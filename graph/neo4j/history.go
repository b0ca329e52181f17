package neo4j

import (
	"context"
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/glapp/glapp/journeys"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// keepVersion files a version a write replaced in the journey's history, inside the
// write's transaction; nil is nothing.
func keepVersion(ctx context.Context, tx tx, projectID string, v *journeys.PastVersion) error {
	if v == nil {
		return nil
	}
	data, err := json.Marshal(v)
	if err != nil {
		return journeys.Wrap(journeys.Internal, err, "The replaced version could not be encoded for storage.")
	}
	j := v.Stored.Journey
	recs, err := tx.run(ctx, qVersionPut, map[string]any{
		"projectId": projectID, "journeyId": j.ID, "version": j.Version,
		"replacedAt": v.ReplacedAt, "pin": journeys.PinKey(j.ID, j.Version), "document": string(data),
	})
	if err == nil && len(recs) != 1 {
		err = internal("%s wrote %d versions; want 1", qVersionPut.name, len(recs))
	}
	return err
}

// lastKept returns the highest version kept of journey id, 0 when none is.
func lastKept(ctx context.Context, tx tx, projectID, id string) (int64, error) {
	recs, err := tx.run(ctx, qVersionLatest, map[string]any{"projectId": projectID, "journeyId": id})
	if err != nil {
		return 0, err
	}
	if len(recs) == 0 {
		return 0, projectNotFound(projectID)
	}
	v, _ := recs[0].Get("latest")
	n, _ := v.(int64)
	return n, nil
}

// pastVersion decodes a version_* statement's document column; ok is false when it is
// null.
func pastVersion(st statement, rec interface{ Get(string) (any, bool) }) (*journeys.PastVersion, bool, error) {
	v, _ := rec.Get("document")
	doc, isString := v.(string)
	if v == nil {
		return nil, false, nil
	}
	if !isString {
		return nil, false, internal("%s returned a document of type %T", st.name, v)
	}
	var pv journeys.PastVersion
	if err := json.Unmarshal([]byte(doc), &pv); err != nil || pv.Stored.Journey == nil {
		return nil, false, internal("%s returned a damaged version: %v", st.name, err)
	}
	return &pv, true, nil
}

// pastVersions decodes the document column of a version_* statement's rows, passing
// over the null ones (the project's own row when nothing is kept).
func pastVersions(st statement, recs []*neo4j.Record) ([]*journeys.PastVersion, error) {
	var out []*journeys.PastVersion
	for _, rec := range recs {
		pv, ok, err := pastVersion(st, rec)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, pv)
		}
	}
	return out, nil
}

// ListJourneyVersions returns the versions of a journey, oldest first: those kept, then
// the current one.
func (s *Store) ListJourneyVersions(ctx context.Context, projectID, id string, page journeys.Page) (*journeys.List[journeys.JourneyVersion], error) {
	after, err := page.After()
	if err != nil {
		return nil, err
	}
	var afterVersion int64
	if after != "" {
		if afterVersion, err = strconv.ParseInt(after, 10, 64); err != nil {
			return nil, journeys.InvalidError("The cursor is not one this service handed out.", []journeys.Violation{{Parameter: "cursor", Detail: "Use the \"next\" value of the previous page."}})
		}
	}
	return read(ctx, s, func(ctx context.Context, tx tx) (*journeys.List[journeys.JourneyVersion], error) {
		recs, err := tx.run(ctx, qVersionList, map[string]any{"projectId": projectID, "journeyId": id, "afterVersion": afterVersion, "limit": page.Size() + 1})
		if err != nil {
			return nil, err
		}
		if len(recs) == 0 {
			return nil, projectNotFound(projectID)
		}
		kept, err := pastVersions(qVersionList, recs)
		if err != nil {
			return nil, err
		}
		past := make([]journeys.JourneyVersion, 0, len(kept))
		for _, pv := range kept {
			past = append(past, pv.Version())
		}
		current, _, err := loadJourney(ctx, tx, projectID, id)
		if err != nil {
			return nil, err
		}
		return journeys.VersionPage(projectID, id, past, current, page)
	})
}

// GetJourneyVersion returns one version of a journey, assembled with today's actors.
func (s *Store) GetJourneyVersion(ctx context.Context, projectID, id string, version int64) (*journeys.Journey, error) {
	return read(ctx, s, func(ctx context.Context, tx tx) (*journeys.Journey, error) {
		stored, err := loadVersion(ctx, tx, projectID, id, version)
		if err != nil {
			return nil, err
		}
		actors, err := projectActors(ctx, tx, projectID)
		if err != nil {
			return nil, err
		}
		return stored.Assemble(journeys.ActorsIn(actors)), nil
	})
}

// loadVersion reads version of journey id, current or kept, inside tx, or NOT_FOUND.
func loadVersion(ctx context.Context, tx tx, projectID, id string, version int64) (*journeys.StoredJourney, error) {
	current, _, err := loadJourney(ctx, tx, projectID, id)
	if err != nil {
		return nil, err
	}
	var past *journeys.PastVersion
	if current == nil || current.Journey.Version != version {
		recs, err := tx.run(ctx, qVersionGet, map[string]any{"projectId": projectID, "journeyId": id, "version": version})
		if err != nil {
			return nil, err
		}
		if len(recs) == 0 {
			return nil, projectNotFound(projectID)
		}
		if past, _, err = pastVersion(qVersionGet, recs[0]); err != nil {
			return nil, err
		}
	}
	return journeys.PickVersion(projectID, id, version, current, past)
}

// baselinePin is what baseline_pins.cypher says of one baseline.
type baselinePin struct {
	projectID, id string
	journeyIDs    []string
	pins          []string
}

// baselinePins reads the ids and pins of the baselines of projectIDs inside tx.
func baselinePins(ctx context.Context, tx tx, projectIDs []string) ([]baselinePin, error) {
	recs, err := tx.run(ctx, qBaselinePins, map[string]any{"projectIds": projectIDs})
	if err != nil {
		return nil, err
	}
	out := make([]baselinePin, 0, len(recs))
	for _, rec := range recs {
		r := columnsOf("baseline", rec)
		b := baselinePin{projectID: r.str("projectId"), id: r.str("baselineId"), journeyIDs: r.strings("journeyIds"), pins: r.strings("pins")}
		if r.err != nil {
			return nil, r.err
		}
		out = append(out, b)
	}
	return out, nil
}

// PurgeJourney deletes a journey, when it exists, and every version of it kept, with its
// audit entry, as journeys.PlanPurgeJourney plans it.
func (s *Store) PurgeJourney(ctx context.Context, projectID, id string, cond journeys.Precondition) error {
	_, err := writeProject(ctx, s, projectID, func(ctx context.Context, tx *writeTx) (struct{}, error) {
		stored, _, err := loadJourney(ctx, tx, projectID, id)
		if err != nil {
			return struct{}{}, err
		}
		recs, err := tx.run(ctx, qVersionList, map[string]any{"projectId": projectID, "journeyId": id, "afterVersion": int64(0), "limit": 1})
		if err != nil {
			return struct{}{}, err
		}
		kept, err := pastVersions(qVersionList, recs)
		if err != nil {
			return struct{}{}, err
		}
		pins, err := baselinePins(ctx, tx, []string{projectID})
		if err != nil {
			return struct{}{}, err
		}
		var heldBy []string
		for _, b := range pins {
			for _, jid := range b.journeyIDs {
				if jid == id {
					heldBy = append(heldBy, b.id)
					break
				}
			}
		}
		w, err := journeys.PlanPurgeJourney(projectID, id, stored, len(kept), heldBy, cond)
		if err != nil {
			return struct{}{}, err
		}
		if stored != nil {
			if _, err := tx.run(ctx, qJourneyDelete, map[string]any{"projectId": projectID, "journeyId": id}); err != nil {
				return struct{}{}, err
			}
		}
		if _, err := tx.run(ctx, qVersionPurge, map[string]any{"projectId": projectID, "journeyId": id}); err != nil {
			return struct{}{}, err
		}
		tx.audit(ctx, projectID, w.Action, id)
		return struct{}{}, nil
	})
	return err
}

// PruneHistory deletes the kept versions that journeys.Expired lets go, in every project:
// each transaction reads at most pruneBatch candidates replaced before before, after
// where the last one stopped, with the pins of their projects' baselines, and deletes
// those that may go, so that versions a baseline holds are passed over once.
func (s *Store) PruneHistory(ctx context.Context, before time.Time) (int, error) {
	total := 0
	afterProject, afterID, afterVersion := "", "", int64(0)
	for {
		// The cursor moves only once the transaction has committed: the driver may run
		// the work more than once.
		type result struct {
			seen, removed int
			project, id   string
			version       int64
		}
		r, err := write(ctx, s, func(ctx context.Context, tx *writeTx) (result, error) {
			recs, err := tx.run(ctx, qVersionExpired, map[string]any{"before": before, "afterProject": afterProject,
				"afterId": afterID, "afterVersion": afterVersion, "limit": pruneBatch})
			if err != nil {
				return result{}, err
			}
			type candidate struct {
				projectID string
				v         journeys.PastVersion
			}
			var cands []candidate
			projects := []string{}
			for _, rec := range recs {
				r := columnsOf("journey version", rec)
				c := candidate{projectID: r.str("projectId")}
				c.v.Stored.Journey = &journeys.Journey{ID: r.str("journeyId"), Version: r.int64("version")}
				at := r.time("replacedAt")
				if r.err == nil && at == nil {
					r.err = internal("%s returned a version without replacedAt", qVersionExpired.name)
				}
				if r.err != nil {
					return result{}, r.err
				}
				c.v.ReplacedAt = *at
				if len(projects) == 0 || projects[len(projects)-1] != c.projectID {
					projects = append(projects, c.projectID)
				}
				cands = append(cands, c)
			}
			if len(cands) == 0 {
				return result{}, nil
			}
			baselines, err := baselinePins(ctx, tx, projects)
			if err != nil {
				return result{}, err
			}
			pins := map[string]bool{}
			for _, b := range baselines {
				for _, p := range b.pins {
					pins[b.projectID+"\x00"+p] = true
				}
			}
			var rows []map[string]any
			for _, c := range cands {
				pinned := func(id string, v int64) bool { return pins[c.projectID+"\x00"+journeys.PinKey(id, v)] }
				if journeys.Expired(&c.v, before, pinned) {
					rows = append(rows, map[string]any{"projectId": c.projectID, "journeyId": c.v.Stored.Journey.ID, "version": c.v.Stored.Journey.Version})
				}
			}
			last := cands[len(cands)-1]
			res := result{seen: len(cands), project: last.projectID, id: last.v.Stored.Journey.ID, version: last.v.Stored.Journey.Version}
			if len(rows) == 0 {
				return res, nil
			}
			out, err := tx.run(ctx, qVersionDelete, map[string]any{"rows": rows})
			if err != nil {
				return result{}, err
			}
			if len(out) == 1 {
				rr := columnsOf(qVersionDelete.name, out[0])
				res.removed = rr.int("deleted")
				if rr.err != nil {
					return result{}, rr.err
				}
			}
			return res, nil
		})
		total += r.removed
		afterProject, afterID, afterVersion = r.project, r.id, r.version
		if err != nil || r.seen < pruneBatch {
			return total, err
		}
	}
}

// EachPastVersion calls fn with every version the project keeps, by journey id and
// version, reading eachBatch per read transaction and calling fn between them.
func (s *Store) EachPastVersion(ctx context.Context, projectID string, fn func(*journeys.PastVersion) error) error {
	afterID, afterVersion := "", int64(0)
	for {
		batch, err := read(ctx, s, func(ctx context.Context, tx tx) ([]*journeys.PastVersion, error) {
			recs, err := tx.run(ctx, qVersionEach, map[string]any{"projectId": projectID, "afterId": afterID, "afterVersion": afterVersion, "limit": eachBatch})
			if err != nil {
				return nil, err
			}
			if len(recs) == 0 {
				return nil, projectNotFound(projectID)
			}
			return pastVersions(qVersionEach, recs)
		})
		if err != nil {
			return err
		}
		for _, pv := range batch {
			if err := fn(pv); err != nil {
				return err
			}
		}
		if len(batch) < eachBatch {
			return nil
		}
		last := batch[len(batch)-1].Stored.Journey
		afterID, afterVersion = last.ID, last.Version
	}
}

// RestoreVersion keeps v as another store kept it.
func (s *Store) RestoreVersion(ctx context.Context, projectID string, v *journeys.PastVersion) error {
	_, err := writeProject(ctx, s, projectID, func(ctx context.Context, tx *writeTx) (struct{}, error) {
		return struct{}{}, keepVersion(ctx, tx, projectID, v)
	})
	return err
}

// RestoreBaseline stores b as another store held it, unless its id is taken.
func (s *Store) RestoreBaseline(ctx context.Context, projectID string, b *journeys.ProjectBaseline) (bool, error) {
	return writeProject(ctx, s, projectID, func(ctx context.Context, tx *writeTx) (bool, error) {
		pins, err := baselinePins(ctx, tx, []string{projectID})
		if err != nil {
			return false, err
		}
		for _, p := range pins {
			if p.id == b.ID {
				return false, nil
			}
		}
		return true, putBaseline(ctx, tx, projectID, b)
	})
}

// putBaseline writes a new baseline node for b.
func putBaseline(ctx context.Context, tx tx, projectID string, b *journeys.ProjectBaseline) error {
	doc, err := json.Marshal(b)
	if err != nil {
		return journeys.Wrap(journeys.Internal, err, "The baseline could not be encoded for storage.")
	}
	ids := make([]string, 0, len(b.Journeys))
	for _, j := range b.Journeys {
		ids = append(ids, j.ID)
	}
	var at time.Time
	if b.CreatedAt != nil {
		at = *b.CreatedAt
	}
	recs, err := tx.run(ctx, qBaselinePut, map[string]any{"projectId": projectID, "baselineId": b.ID, "title": b.Title,
		"now": at, "journeyIds": ids, "pins": b.Pins(), "document": string(doc)})
	if err == nil && len(recs) != 1 {
		err = internal("%s wrote %d baselines; want 1", qBaselinePut.name, len(recs))
	}
	return err
}

// CreateBaseline freezes the project as it stands, with its audit entry, as
// journeys.PlanBaseline plans it.
func (s *Store) CreateBaseline(ctx context.Context, projectID string, in journeys.BaselineRequest) (*journeys.ProjectBaseline, error) {
	return writeProject(ctx, s, projectID, func(ctx context.Context, tx *writeTx) (*journeys.ProjectBaseline, error) {
		var src journeys.BaselineSource
		pins, err := baselinePins(ctx, tx, []string{projectID})
		if err != nil {
			return nil, err
		}
		src.Count = len(pins)
		for _, b := range pins {
			src.Taken = src.Taken || b.id == in.ID
		}
		recs, err := tx.run(ctx, qJourneyList, map[string]any{"projectId": projectID, "after": "", "limit": journeys.MaxBaselineJourneys + 1,
			"kind": nil, "targetGroupKey": nil, "ageGroup": nil})
		if err != nil {
			return nil, err
		}
		if src.Journeys, err = summariesOf(recs); err != nil {
			return nil, err
		}
		actors, err := projectActors(ctx, tx, projectID)
		if err != nil {
			return nil, err
		}
		src.Actors = sortedValues(actors)
		data, err := storedSettings(ctx, tx, projectID)
		if err != nil {
			return nil, err
		}
		src.Settings = journeys.DefaultSettings()
		if data != "" {
			if err := json.Unmarshal([]byte(data), &src.Settings); err != nil {
				return nil, internal("project %q: settings: %v", projectID, err)
			}
		}
		for after := ""; ; {
			recs, err := tx.run(ctx, triage.list, map[string]any{"projectId": projectID, "after": after, "limit": journeys.MaxLimit})
			if err != nil {
				return nil, err
			}
			n := 0
			for _, rec := range recs {
				r := columnsOf("triage", rec)
				node, ok := r.node("triage")
				if r.err != nil {
					return nil, r.err
				}
				if !ok {
					continue
				}
				t, err := triage.fromNode(node)
				if err != nil {
					return nil, err
				}
				src.Triage = append(src.Triage, t)
				after = t.Fingerprint
				n++
			}
			if n < journeys.MaxLimit {
				break
			}
		}
		b, err := journeys.PlanBaseline(in, src, s.Now())
		if err != nil {
			return nil, err
		}
		if err := putBaseline(ctx, tx, projectID, b); err != nil {
			return nil, err
		}
		tx.audit(ctx, projectID, "baseline.create", b.ID)
		return b, nil
	})
}

// loadBaseline reads baseline id inside tx, or NOT_FOUND.
func loadBaseline(ctx context.Context, tx tx, projectID, id string) (*journeys.ProjectBaseline, error) {
	recs, err := tx.run(ctx, qBaselineGet, map[string]any{"projectId": projectID, "baselineId": id})
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, projectNotFound(projectID)
	}
	r := columnsOf("baseline", recs[0])
	doc := r.str("document")
	if r.err != nil {
		return nil, r.err
	}
	if doc == "" {
		return nil, journeys.BaselineNotFound(projectID, id)
	}
	var b journeys.ProjectBaseline
	if err := json.Unmarshal([]byte(doc), &b); err != nil {
		return nil, internal("baseline %q: document: %v", id, err)
	}
	return &b, nil
}

// GetBaseline returns one baseline.
func (s *Store) GetBaseline(ctx context.Context, projectID, id string) (*journeys.ProjectBaseline, error) {
	return read(ctx, s, func(ctx context.Context, tx tx) (*journeys.ProjectBaseline, error) {
		return loadBaseline(ctx, tx, projectID, id)
	})
}

// ListBaselines returns the project's baselines ordered by id.
func (s *Store) ListBaselines(ctx context.Context, projectID string, page journeys.Page) (*journeys.List[journeys.BaselineSummary], error) {
	after, err := page.After()
	if err != nil {
		return nil, err
	}
	return read(ctx, s, func(ctx context.Context, tx tx) (*journeys.List[journeys.BaselineSummary], error) {
		recs, err := tx.run(ctx, qBaselineList, map[string]any{"projectId": projectID, "after": after, "limit": page.Size() + 1})
		if err != nil {
			return nil, err
		}
		if len(recs) == 0 {
			return nil, projectNotFound(projectID)
		}
		var items []journeys.BaselineSummary
		for _, rec := range recs {
			r := columnsOf("baseline", rec)
			b := journeys.BaselineSummary{ID: r.str("baselineId"), Title: r.str("title"), CreatedAt: r.time("createdAt"), Journeys: r.int("journeys")}
			if r.err != nil {
				return nil, r.err
			}
			if b.ID != "" {
				items = append(items, b)
			}
		}
		return pageOf(items, page.Size(), func(b *journeys.BaselineSummary) string { return b.ID }), nil
	})
}

// DeleteBaseline removes a baseline with its audit entry; the versions it held stay
// until retention ends.
func (s *Store) DeleteBaseline(ctx context.Context, projectID, id string) error {
	_, err := writeProject(ctx, s, projectID, func(ctx context.Context, tx *writeTx) (struct{}, error) {
		recs, err := tx.run(ctx, qBaselineDelete, map[string]any{"projectId": projectID, "baselineId": id})
		if err == nil && len(recs) == 0 {
			err = journeys.BaselineNotFound(projectID, id)
		}
		if err != nil {
			return struct{}{}, err
		}
		tx.audit(ctx, projectID, "baseline.delete", id)
		return struct{}{}, nil
	})
	return err
}

// EachBaselineJourney calls fn with every journey the baseline holds, at its version,
// assembled with the baseline's actors. It reads eachBatch journeys per read transaction
// and calls fn between transactions, as EachJourney does; a version a baseline holds is
// never pruned, so each read finds what the baseline named.
func (s *Store) EachBaselineJourney(ctx context.Context, projectID, id string, fn func(*journeys.Journey) error) error {
	b, err := s.GetBaseline(ctx, projectID, id)
	if err != nil {
		return err
	}
	actors := journeys.ActorsIn(b.ActorMap())
	for start := 0; start < len(b.Journeys); start += eachBatch {
		batch := b.Journeys[start:min(start+eachBatch, len(b.Journeys))]
		stored, err := read(ctx, s, func(ctx context.Context, tx tx) ([]*journeys.StoredJourney, error) {
			out := make([]*journeys.StoredJourney, 0, len(batch))
			for _, bj := range batch {
				sj, err := loadVersion(ctx, tx, projectID, bj.ID, bj.Version)
				if err != nil {
					return nil, err
				}
				out = append(out, sj)
			}
			return out, nil
		})
		if err != nil {
			return err
		}
		for _, sj := range stored {
			if err := ctx.Err(); err != nil {
				return contextError(err)
			}
			if err := fn(sj.Assemble(actors)); err != nil {
				return err
			}
		}
	}
	return nil
}

// sortedValues returns m's values in key order.
func sortedValues[V any](m map[string]V) []V {
	out := make([]V, 0, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out = append(out, m[k])
	}
	return out
}
