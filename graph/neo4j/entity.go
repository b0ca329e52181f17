package neo4j

import (
	"context"
	"fmt"
	"time"

	"github.com/glapp/glapp/journeys"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// entity describes one kind of versioned, project-scoped node (actors, sources, triage
// decisions), so that put, get, list and delete are written once for all of them, as in
// the embedded store. Each kind has its own statements: labels never come from a
// parameter.
type entity[T any] struct {
	// name is the entity's noun in client messages.
	name string
	// audit is the entity's noun in audit actions: "<audit>.put", "<audit>.delete".
	audit string
	// column is the name of the column the statements return the node in.
	column string
	// keyParam is the parameter that carries the entity's key.
	keyParam string
	key      func(*T) string
	validate func(*T) []journeys.Violation
	// plan is journeys.PlanUpsert for T: the one rule for what a write changes and the
	// version and time it stamps, which the upsert statement stores as given.
	plan func(old *T, v T, now time.Time) journeys.Upsert[T]
	// row is what the upsert statement writes for a value, server fields included.
	row      func(*T) map[string]any
	fromNode func(neo4j.Node) (T, error)

	get, list, upsert, delete statement
	// byIDs, when set, returns the stored entities among the keys in $ids (readMany).
	byIDs statement
	// inUse, when set, refuses a delete with the error it returns.
	inUse func(ctx context.Context, tx tx, projectID, key string) error
	// prepare, when set, runs inside the write transaction before the upsert, with what
	// is stored (nil when nothing is): it checks references to other entities and may
	// carry stored fields over into v.
	prepare func(ctx context.Context, tx tx, projectID string, old *T, v *T) error
}

// put validates v and upserts it into the project in one transaction, with its audit
// entry, as journeys.PlanUpsert plans it from the stored value: writing the same content
// again changes nothing, not even the version, and records nothing, so that clients can
// retry.
func (e entity[T]) put(ctx context.Context, s *Store, projectID string, v *T) (*T, bool, error) {
	if violations := e.validate(v); len(violations) > 0 {
		return nil, false, journeys.InvalidError(fmt.Sprintf("The %s is not valid; nothing was stored.", e.name), violations)
	}
	type result struct {
		stored  T
		created bool
	}
	r, err := writeProject(ctx, s, projectID, func(ctx context.Context, tx *writeTx) (result, error) {
		old, found, err := e.read(ctx, tx, projectID, e.key(v))
		if err != nil {
			return result{}, err
		}
		var prev *T
		if found {
			prev = &old
		}
		next := *v // a copy: the work may run again
		if e.prepare != nil {
			if err := e.prepare(ctx, tx, projectID, prev, &next); err != nil {
				return result{}, err
			}
		}
		u := e.plan(prev, next, s.Now())
		if !u.Changed {
			return result{stored: u.Value}, nil
		}
		stored, err := e.upsertRows(ctx, tx, projectID, []map[string]any{e.row(&u.Value)})
		if err != nil {
			return result{}, err
		}
		tx.audit(ctx, projectID, e.audit+".put", e.key(&stored[0].value))
		return result{stored: stored[0].value, created: stored[0].created}, nil
	})
	if err != nil {
		return nil, false, err
	}
	return &r.stored, r.created, nil
}

// upserted is one value an upsert statement wrote, and whether it created it.
type upserted[T any] struct {
	value   T
	created bool
}

// upsertRows writes rows, of values journeys.PlanUpsert has stamped, with the entity's
// upsert statement, inside the caller's write transaction, and returns what was stored,
// in the order of rows.
func (e entity[T]) upsertRows(ctx context.Context, tx tx, projectID string, rows []map[string]any) ([]upserted[T], error) {
	recs, err := tx.run(ctx, e.upsert, map[string]any{"projectId": projectID, "rows": rows})
	if err != nil {
		return nil, err
	}
	if len(recs) != len(rows) {
		return nil, internal("%s wrote %d of %d %ss", e.upsert.name, len(recs), len(rows), e.name)
	}
	out := make([]upserted[T], 0, len(recs))
	for _, rec := range recs {
		r := columnsOf(e.name, rec)
		n, ok := r.node(e.column)
		created := r.bool("created")
		if r.err == nil && !ok {
			r.err = internal("%s returned no %s", e.upsert.name, e.name)
		}
		if r.err != nil {
			return nil, r.err
		}
		v, err := e.fromNode(n)
		if err != nil {
			return nil, err
		}
		out = append(out, upserted[T]{value: v, created: created})
	}
	return out, nil
}

// read returns one entity of the project inside tx; found is false when there is none,
// and the error is NOT_FOUND when the project does not exist.
func (e entity[T]) read(ctx context.Context, tx tx, projectID, key string) (v T, found bool, err error) {
	recs, err := tx.run(ctx, e.get, map[string]any{"projectId": projectID, e.keyParam: key})
	if err != nil {
		return v, false, err
	}
	return e.single(recs, projectID)
}

// readMany returns, by key, those entities of the project among keys that are stored,
// inside tx: one statement however many keys, for batch writes that compare before they
// write. The caller holds the project's write lock, so the project exists.
func (e entity[T]) readMany(ctx context.Context, tx tx, projectID string, keys []string) (map[string]T, error) {
	recs, err := tx.run(ctx, e.byIDs, map[string]any{"projectId": projectID, "ids": keys})
	if err != nil {
		return nil, err
	}
	out := make(map[string]T, len(recs))
	for _, rec := range recs {
		r := columnsOf(e.name, rec)
		n, ok := r.node(e.column)
		if r.err == nil && !ok {
			r.err = internal("%s returned a null %s", e.byIDs.name, e.name)
		}
		if r.err != nil {
			return nil, r.err
		}
		v, err := e.fromNode(n)
		if err != nil {
			return nil, err
		}
		out[e.key(&v)] = v
	}
	return out, nil
}

// single maps the records of a get statement: none means the project does not exist, one
// with a null node means the entity does not.
func (e entity[T]) single(recs []*neo4j.Record, projectID string) (v T, found bool, err error) {
	if len(recs) == 0 {
		return v, false, projectNotFound(projectID)
	}
	r := columnsOf(e.name, recs[0])
	n, ok := r.node(e.column)
	if r.err != nil || !ok {
		return v, false, r.err
	}
	v, err = e.fromNode(n)
	return v, err == nil, err
}

// getOne returns one entity of the project, or NOT_FOUND.
func (e entity[T]) getOne(ctx context.Context, s *Store, projectID, key string) (*T, error) {
	return read(ctx, s, func(ctx context.Context, tx tx) (*T, error) {
		v, found, err := e.read(ctx, tx, projectID, key)
		if err != nil {
			return nil, err
		}
		if !found {
			return nil, e.notFound(projectID, key)
		}
		return &v, nil
	})
}

// page returns one page of the project's entities, ordered by key.
func (e entity[T]) page(ctx context.Context, s *Store, projectID string, page journeys.Page) (*journeys.List[T], error) {
	after, err := page.After()
	if err != nil {
		return nil, err
	}
	return read(ctx, s, func(ctx context.Context, tx tx) (*journeys.List[T], error) {
		recs, err := tx.run(ctx, e.list, map[string]any{"projectId": projectID, "after": after, "limit": page.Size() + 1})
		if err != nil {
			return nil, err
		}
		if len(recs) == 0 {
			return nil, projectNotFound(projectID)
		}
		var items []T
		for _, rec := range recs {
			r := columnsOf(e.name, rec)
			n, ok := r.node(e.column)
			if r.err != nil {
				return nil, r.err
			}
			if !ok {
				continue
			}
			v, err := e.fromNode(n)
			if err != nil {
				return nil, err
			}
			items = append(items, v)
		}
		return pageOf(items, page.Size(), e.key), nil
	})
}

// remove deletes one entity of the project with its audit entry, or returns NOT_FOUND,
// or what inUse says.
func (e entity[T]) remove(ctx context.Context, s *Store, projectID, key string) error {
	_, err := writeProject(ctx, s, projectID, func(ctx context.Context, tx *writeTx) (struct{}, error) {
		if _, found, err := e.read(ctx, tx, projectID, key); err != nil || !found {
			if err == nil {
				err = e.notFound(projectID, key)
			}
			return struct{}{}, err
		}
		if e.inUse != nil {
			if err := e.inUse(ctx, tx, projectID, key); err != nil {
				return struct{}{}, err
			}
		}
		recs, err := tx.run(ctx, e.delete, map[string]any{"projectId": projectID, e.keyParam: key})
		if err == nil && len(recs) == 0 {
			err = e.notFound(projectID, key)
		}
		if err != nil {
			return struct{}{}, err
		}
		tx.audit(ctx, projectID, e.audit+".delete", key)
		return struct{}{}, nil
	})
	return err
}

func (e entity[T]) notFound(projectID, key string) error {
	return journeys.Errorf(journeys.NotFound, "Project %q has no %s %q.", projectID, e.name, key)
}

// pageOf turns up to size+1 items, read in key order, into a page: the first size items,
// and a cursor after the last of them when the extra item shows that more follow.
func pageOf[T any](items []T, size int, key func(*T) string) *journeys.List[T] {
	out := &journeys.List[T]{Items: []T{}}
	if len(items) > size {
		items = items[:size]
		out.Next = journeys.CursorAfter(key(&items[size-1]))
	}
	out.Items = append(out.Items, items...)
	return out
}
