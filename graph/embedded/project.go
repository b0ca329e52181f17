package embedded

import (
	"context"

	"github.com/glapp/glapp/journeys"
	bolt "go.etcd.io/bbolt"
)

// CreateProject stores a new project with version 1, or returns CONFLICT if its id is
// taken.
func (s *Store) CreateProject(ctx context.Context, in *journeys.Project) (*journeys.Project, error) {
	var out journeys.Project
	err := s.update(ctx, func(tx *bolt.Tx) error {
		if err := in.Check(); err != nil {
			return err
		}
		p, err := createProjectBuckets(tx, in.ID)
		if err != nil {
			return err
		}
		now := s.Now()
		out = journeys.Project{ID: in.ID, Name: in.Name, Description: in.Description, Version: 1, CreatedAt: now, UpdatedAt: now}
		if err := putJSON(p.bucket, string(metaKey), &out); err != nil {
			return err
		}
		start := now.UnixNano()
		if err := p.bucket.Put(stampKey, encodeStamp(journeys.Stamp{Revision: start, Inputs: start})); err != nil {
			return err
		}
		return s.writeAudit(ctx, tx, in.ID, "project.create", in.ID)
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// GetProject returns one project.
func (s *Store) GetProject(ctx context.Context, id string) (*journeys.Project, error) {
	return read(ctx, s, func(tx *bolt.Tx) (*journeys.Project, error) {
		p, err := openProject(tx, id)
		if err != nil {
			return nil, err
		}
		return p.record()
	})
}

// ListProjects returns projects ordered by id.
func (s *Store) ListProjects(ctx context.Context, page journeys.Page) (*journeys.List[journeys.Project], error) {
	return read(ctx, s, func(tx *bolt.Tx) (*journeys.List[journeys.Project], error) {
		return list(tx.Bucket(projectsKey), page, func(k, _ []byte) (journeys.Project, bool, error) {
			p, err := openProject(tx, string(k))
			if err != nil {
				return journeys.Project{}, false, err
			}
			rec, err := p.record()
			if err != nil {
				return journeys.Project{}, false, err
			}
			return *rec, true, nil
		})
	})
}

// UpdateProject applies fn to a copy of the stored project and stores the result with its
// audit entry, as journeys.PlanUpdateProject plans it.
func (s *Store) UpdateProject(ctx context.Context, id string, fn func(*journeys.Project) error) (*journeys.Project, error) {
	var out *journeys.Project
	err := s.update(ctx, func(tx *bolt.Tx) error {
		p, err := openProject(tx, id)
		if err != nil {
			return err
		}
		old, err := p.record()
		if err != nil {
			return err
		}
		next, changed, err := journeys.PlanUpdateProject(old, s.Now(), journeys.Callers(fn))
		out = next
		if err != nil || !changed {
			return err
		}
		if err := putJSON(p.bucket, string(metaKey), next); err != nil {
			return err
		}
		return s.writeAudit(ctx, tx, id, "project.update", id)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// DeleteProject removes a project and everything in it, as one bucket delete. Its audit
// log lives outside that bucket and is kept, with the deletion as its newest entry.
func (s *Store) DeleteProject(ctx context.Context, id string) error {
	return s.update(ctx, func(tx *bolt.Tx) error {
		root := tx.Bucket(projectsKey)
		if root.Bucket([]byte(id)) == nil {
			return projectNotFound(id)
		}
		if err := root.DeleteBucket([]byte(id)); err != nil {
			return err
		}
		return s.writeAudit(ctx, tx, id, "project.delete", id)
	})
}

// record returns the project's own record.
func (p *project) record() (*journeys.Project, error) {
	var rec journeys.Project
	found, err := getJSON(p.bucket, string(metaKey), &rec)
	if err == nil && !found {
		err = journeys.Errorf(journeys.Internal, "Project %q has no record.", p.id)
	}
	return &rec, err
}
