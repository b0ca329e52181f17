package embedded

import (
	"context"
	"fmt"
	"time"

	"github.com/glapp/glapp/journeys"
	bolt "go.etcd.io/bbolt"
)

// entity describes one kind of versioned, project-scoped entity (actors, sources, triage,
// evidence, webhooks), so that put, get, list and delete are written once for all; P is
// *T, through which journeys.PlanUpsert stamps a write.
type entity[T any, P journeys.Versioned[T]] struct {
	// name is the entity's noun in client messages.
	name string
	// audit is the entity's noun in audit actions: "<audit>.put", "<audit>.delete".
	audit string
	// bucket picks the entity's bucket in a project.
	bucket func(*project) *bolt.Bucket
	// id returns the entity's id, its key.
	id func(*T) string
	// validate returns every violation in the entity's client-supplied fields.
	validate func(*T) []journeys.Violation
	// inUse, when set, refuses a delete with the error it returns.
	inUse func(p *project, id string) error
	// prepare, when set, runs inside the write transaction before the upsert, with what
	// is stored (nil when nothing is): it checks references to other entities and may
	// carry stored fields over into v.
	prepare func(p *project, old *T, v *T) error
}

// upsertResult says what an upsert did, which decides both the created flag clients see
// and whether the write is audited.
type upsertResult int

const (
	// kept: the same content was stored already; nothing was written.
	kept upsertResult = iota
	inserted
	replaced
)

// upsert stores v in b as journeys.PlanUpsert plans it and says what it did.
func (e entity[T, P]) upsert(b *bolt.Bucket, v T, now time.Time) (stored T, res upsertResult, err error) {
	var old T
	found, err := getJSON(b, e.id(&v), &old)
	if err != nil {
		return old, kept, err
	}
	var prev *T
	if found {
		prev = &old
	}
	u := journeys.PlanUpsert[T, P](prev, v, now)
	switch {
	case !u.Changed:
		return u.Value, kept, nil
	case u.Created:
		res = inserted
	default:
		res = replaced
	}
	return u.Value, res, putJSON(b, e.id(&u.Value), u.Value)
}

// put validates v and upserts it into the project in one transaction, with its audit
// entry when it changed anything.
func (e entity[T, P]) put(ctx context.Context, s *Store, projectID string, v *T) (*T, bool, error) {
	var stored T
	var res upsertResult
	err := s.update(ctx, func(tx *bolt.Tx) error {
		if violations := e.validate(v); len(violations) > 0 {
			return journeys.InvalidError(fmt.Sprintf("The %s is not valid; nothing was stored.", e.name), violations)
		}
		p, err := openProject(tx, projectID)
		if err != nil {
			return err
		}
		if e.prepare != nil {
			var old T
			found, err := getJSON(e.bucket(p), e.id(v), &old)
			if err != nil {
				return err
			}
			next := *v
			var prev *T
			if found {
				prev = &old
			}
			if err := e.prepare(p, prev, &next); err != nil {
				return err
			}
			v = &next
		}
		stored, res, err = e.upsert(e.bucket(p), *v, s.Now())
		if err != nil || res == kept {
			return err
		}
		return s.writeAudit(ctx, tx, projectID, e.audit+".put", e.id(&stored))
	})
	if err != nil {
		return nil, false, err
	}
	return &stored, res == inserted, nil
}

// get returns one entity of the project, or NOT_FOUND.
func (e entity[T, P]) get(ctx context.Context, s *Store, projectID, id string) (*T, error) {
	return readProject(ctx, s, projectID, func(p *project) (*T, error) {
		var v T
		found, err := getJSON(e.bucket(p), id, &v)
		if err == nil && !found {
			err = e.notFound(projectID, id)
		}
		return &v, err
	})
}

// list returns one page of the project's entities, ordered by id.
func (e entity[T, P]) list(ctx context.Context, s *Store, projectID string, page journeys.Page) (*journeys.List[T], error) {
	return readProject(ctx, s, projectID, func(p *project) (*journeys.List[T], error) {
		return list(e.bucket(p), page, func(_, data []byte) (T, bool, error) {
			// Decode first: Go leaves unspecified whether v would be read before or
			// after a call in the same return statement.
			var v T
			err := decodeJSON(data, &v)
			return v, true, err
		})
	})
}

// delete removes one entity of the project with its audit entry, or returns NOT_FOUND,
// or what inUse says.
func (e entity[T, P]) delete(ctx context.Context, s *Store, projectID, id string) error {
	return s.update(ctx, func(tx *bolt.Tx) error {
		p, err := openProject(tx, projectID)
		if err != nil {
			return err
		}
		b := e.bucket(p)
		if b.Get([]byte(id)) == nil {
			return e.notFound(projectID, id)
		}
		if e.inUse != nil {
			if err := e.inUse(p, id); err != nil {
				return err
			}
		}
		if err := b.Delete([]byte(id)); err != nil {
			return err
		}
		return s.writeAudit(ctx, tx, projectID, e.audit+".delete", id)
	})
}

func (e entity[T, P]) notFound(projectID, id string) error {
	return journeys.Errorf(journeys.NotFound, "Project %q has no %s %q.", projectID, e.name, id)
}
