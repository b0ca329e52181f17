package neo4j

import (
	"context"
	"errors"
	"fmt"

	"github.com/glapp/glapp/journeys"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// CreateProject stores a new project with version 1 and its audit entry, or returns
// CONFLICT if its id is taken. The project_id uniqueness constraint decides, so that of
// two concurrent creates exactly one wins; the store does not look first, which could
// only race.
func (s *Store) CreateProject(ctx context.Context, in *journeys.Project) (*journeys.Project, error) {
	if err := in.Check(); err != nil {
		return nil, err
	}
	out, err := write(ctx, s, func(ctx context.Context, tx *writeTx) (*journeys.Project, error) {
		now := s.Now()
		recs, err := tx.run(ctx, qProjectCreate, map[string]any{
			"projectId":   in.ID,
			"name":        in.Name,
			"description": nullable(in.Description),
			"now":         now,
			"stamp":       now.UnixNano(),
		})
		if err != nil {
			return nil, err
		}
		p, err := projectFromRecords(recs, qProjectCreate)
		if err != nil {
			return nil, err
		}
		tx.audit(ctx, in.ID, "project.create", in.ID)
		return p, nil
	})
	if journeys.ErrorCode(err) == journeys.Conflict {
		return nil, projectExists(in.ID, errors.Unwrap(err))
	}
	return out, err
}

// GetProject returns one project.
func (s *Store) GetProject(ctx context.Context, id string) (*journeys.Project, error) {
	return read(ctx, s, func(ctx context.Context, tx tx) (*journeys.Project, error) {
		p, found, err := getProject(ctx, tx, id)
		if err == nil && !found {
			err = projectNotFound(id)
		}
		return p, err
	})
}

// ListProjects returns projects ordered by id.
func (s *Store) ListProjects(ctx context.Context, page journeys.Page) (*journeys.List[journeys.Project], error) {
	after, err := page.After()
	if err != nil {
		return nil, err
	}
	return read(ctx, s, func(ctx context.Context, tx tx) (*journeys.List[journeys.Project], error) {
		recs, err := tx.run(ctx, qProjectList, map[string]any{"after": after, "limit": page.Size() + 1})
		if err != nil {
			return nil, err
		}
		items := make([]journeys.Project, 0, len(recs))
		for _, rec := range recs {
			p, err := projectFromRecords([]*neo4j.Record{rec}, qProjectList)
			if err != nil {
				return nil, err
			}
			items = append(items, *p)
		}
		return pageOf(items, page.Size(), func(p *journeys.Project) string { return p.ID }), nil
	})
}

// UpdateProject applies fn to a copy of the stored project and stores the result with its
// audit entry, as journeys.PlanUpdateProject plans it. fn runs inside the transaction and
// may run again if the driver retries it.
func (s *Store) UpdateProject(ctx context.Context, id string, fn func(*journeys.Project) error) (*journeys.Project, error) {
	return writeProject(ctx, s, id, func(ctx context.Context, tx *writeTx) (*journeys.Project, error) {
		old, found, err := getProject(ctx, tx, id)
		if err == nil && !found {
			err = projectNotFound(id)
		}
		if err != nil {
			return nil, err
		}
		next, changed, err := journeys.PlanUpdateProject(old, s.Now(), journeys.Callers(fn))
		if err != nil || !changed {
			return next, err
		}
		recs, err := tx.run(ctx, qProjectUpdate, map[string]any{
			"projectId":   id,
			"name":        next.Name,
			"description": nullable(next.Description),
			"version":     next.Version,
			"now":         next.UpdatedAt,
		})
		if err != nil {
			return nil, err
		}
		p, err := projectFromRecords(recs, qProjectUpdate)
		if err != nil {
			return nil, err
		}
		tx.audit(ctx, id, "project.update", id)
		return p, nil
	})
}

// DeleteProject removes a project and everything in it, in one transaction. Its audit
// log is not part of it and is kept, with the deletion as its newest entry.
func (s *Store) DeleteProject(ctx context.Context, id string) error {
	_, err := writeProject(ctx, s, id, func(ctx context.Context, tx *writeTx) (struct{}, error) {
		recs, err := tx.run(ctx, qProjectDelete, map[string]any{"projectId": id})
		if err == nil && len(recs) == 0 {
			err = projectNotFound(id)
		}
		if err != nil {
			return struct{}{}, err
		}
		tx.audit(ctx, id, "project.delete", id)
		return struct{}{}, nil
	})
	return err
}

// getProject reads project id inside tx; found is false when there is none.
func getProject(ctx context.Context, tx tx, id string) (p *journeys.Project, found bool, err error) {
	recs, err := tx.run(ctx, qProjectGet, map[string]any{"projectId": id})
	if err != nil || len(recs) == 0 {
		return nil, false, err
	}
	p, err = projectFromRecords(recs, qProjectGet)
	return p, err == nil, err
}

// projectFromRecords maps the one project record a statement must return.
func projectFromRecords(recs []*neo4j.Record, st statement) (*journeys.Project, error) {
	if len(recs) != 1 {
		return nil, internal("%s returned %d projects; want 1", st.name, len(recs))
	}
	r := columnsOf("project", recs[0])
	n, ok := r.node("project")
	if r.err == nil && !ok {
		r.err = internal("%s returned a null project", st.name)
	}
	if r.err != nil {
		return nil, r.err
	}
	return projectFromNode(n)
}

// projectExists is the CONFLICT of a second project with the same id; cause is the
// translated constraint violation.
func projectExists(id string, cause error) error {
	return journeys.Wrap(journeys.Conflict, cause, fmt.Sprintf("A project with id %q already exists.", id))
}
