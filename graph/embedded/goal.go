package embedded

import (
	"context"
	"slices"

	"github.com/glapp/glapp/journeys"
	bolt "go.etcd.io/bbolt"
)

// goals describes effect goals to the generic entity helpers. A goal's parent must be a
// goal of the project and form no cycle; a goal cannot go while a goal, a measure or a
// proposal points to it.
var goals = entity[journeys.Goal, *journeys.Goal]{
	name:     "goal",
	audit:    "goal",
	bucket:   func(p *project) *bolt.Bucket { return p.goals },
	id:       func(g *journeys.Goal) string { return g.ID },
	validate: func(g *journeys.Goal) []journeys.Violation { return g.Validate() },
	inUse:    goalInUse,
	prepare: func(p *project, _ *journeys.Goal, g *journeys.Goal) error {
		return journeys.CheckGoalParent(g, func(id string) (*journeys.Goal, error) {
			var stored journeys.Goal
			found, err := getJSON(p.goals, id, &stored)
			if err != nil || !found {
				return nil, err
			}
			return &stored, nil
		})
	},
}

// measures describes measures to the generic entity helpers. A measure's goal must be a
// goal of the project, and a write that leaves out the observations keeps those stored; a
// measure cannot go while a proposal names it.
var measures = entity[journeys.Measure, *journeys.Measure]{
	name:     "measure",
	audit:    "measure",
	bucket:   func(p *project) *bolt.Bucket { return p.measures },
	id:       func(m *journeys.Measure) string { return m.ID },
	validate: func(m *journeys.Measure) []journeys.Violation { return m.Validate() },
	inUse:    measureInUse,
	prepare: func(p *project, old *journeys.Measure, m *journeys.Measure) error {
		if p.goals.Get([]byte(m.Goal)) == nil {
			return journeys.MeasureMissingGoal(m)
		}
		m.KeepObservations(old)
		return nil
	},
}

// measureInUse returns the CONFLICT naming the proposals that name measure id.
func measureInUse(p *project, id string) error {
	users, err := p.proposalsNaming(func(r *journeys.ProposalRecord) bool { return slices.Contains(r.Measures(), id) })
	if err != nil {
		return err
	}
	return journeys.MeasureInUse(id, users)
}

// goalInUse returns the CONFLICT naming the goals, measures and proposals that point to
// goal id.
func goalInUse(p *project, id string) error {
	var children, users []string
	err := p.goals.ForEach(func(k, v []byte) error {
		var g journeys.Goal
		if err := decodeJSON(v, &g); err != nil {
			return err
		}
		if g.Parent != nil && *g.Parent == id {
			children = append(children, g.ID)
		}
		return nil
	})
	if err != nil {
		return err
	}
	err = p.measures.ForEach(func(k, v []byte) error {
		var m journeys.Measure
		if err := decodeJSON(v, &m); err != nil {
			return err
		}
		if m.Goal == id {
			users = append(users, m.ID)
		}
		return nil
	})
	if err != nil {
		return err
	}
	proposals, err := p.proposalsNaming(func(r *journeys.ProposalRecord) bool { return slices.Contains(r.Proposal.Goals, id) })
	if err != nil {
		return err
	}
	return journeys.GoalInUse(id, children, users, proposals)
}

// PutGoal creates or replaces an effect goal; created reports which.
func (s *Store) PutGoal(ctx context.Context, projectID string, g *journeys.Goal) (*journeys.Goal, bool, error) {
	return goals.put(ctx, s, projectID, g)
}

// GetGoal returns one goal.
func (s *Store) GetGoal(ctx context.Context, projectID, id string) (*journeys.Goal, error) {
	return goals.get(ctx, s, projectID, id)
}

// ListGoals returns goals ordered by id.
func (s *Store) ListGoals(ctx context.Context, projectID string, page journeys.Page) (*journeys.List[journeys.Goal], error) {
	return goals.list(ctx, s, projectID, page)
}

// DeleteGoal removes a goal, or returns CONFLICT naming what points to it.
func (s *Store) DeleteGoal(ctx context.Context, projectID, id string) error {
	return goals.delete(ctx, s, projectID, id)
}

// PutMeasure creates or replaces a measure; created reports which.
func (s *Store) PutMeasure(ctx context.Context, projectID string, m *journeys.Measure) (*journeys.Measure, bool, error) {
	return measures.put(ctx, s, projectID, m)
}

// GetMeasure returns one measure with its observations.
func (s *Store) GetMeasure(ctx context.Context, projectID, id string) (*journeys.Measure, error) {
	return measures.get(ctx, s, projectID, id)
}

// ListMeasures returns measures ordered by id.
func (s *Store) ListMeasures(ctx context.Context, projectID string, page journeys.Page) (*journeys.List[journeys.Measure], error) {
	return measures.list(ctx, s, projectID, page)
}

// DeleteMeasure removes a measure and its observations.
func (s *Store) DeleteMeasure(ctx context.Context, projectID, id string) error {
	return measures.delete(ctx, s, projectID, id)
}

// AddObservation appends an observation to a measure, with its audit entry.
func (s *Store) AddObservation(ctx context.Context, projectID, measureID string, o journeys.Observation) (*journeys.Measure, error) {
	var stored journeys.Measure
	err := s.update(ctx, func(tx *bolt.Tx) error {
		p, err := openProject(tx, projectID)
		if err != nil {
			return err
		}
		var old journeys.Measure
		found, err := getJSON(p.measures, measureID, &old)
		if err != nil {
			return err
		}
		if !found {
			return measures.notFound(projectID, measureID)
		}
		next, err := journeys.PlanObservation(old, o)
		if err != nil {
			return err
		}
		u := journeys.PlanUpsert(&old, next, s.Now())
		stored = u.Value
		if err := putJSON(p.measures, measureID, stored); err != nil {
			return err
		}
		return s.writeAudit(ctx, tx, projectID, "measure.observe", measureID)
	})
	if err != nil {
		return nil, err
	}
	return &stored, nil
}
