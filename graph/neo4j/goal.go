package neo4j

import (
	"context"
	"encoding/json"

	"github.com/glapp/glapp/journeys"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// goals describes effect goals to the generic entity helpers. A goal's parent must be a
// goal of the project and form no cycle; a goal cannot go while a goal, a measure or a
// proposal points to it.
var goals = entity[journeys.Goal]{
	name:     "goal",
	audit:    "goal",
	column:   "goal",
	keyParam: "goalId",
	key:      func(g *journeys.Goal) string { return g.ID },
	validate: func(g *journeys.Goal) []journeys.Violation { return g.Validate() },
	plan:     journeys.PlanUpsert[journeys.Goal, *journeys.Goal],
	row:      goalRow,
	fromNode: goalFromNode,
	get:      qGoalGet,
	list:     qGoalList,
	upsert:   qGoalUpsert,
	delete:   qGoalDelete,
	inUse:    goalInUse,
	prepare:  checkGoalParent,
}

// checkGoalParent checks g's parent inside the write transaction, one read per level:
// goals nest a few levels deep, and each read is by key.
func checkGoalParent(ctx context.Context, tx tx, projectID string, _ *journeys.Goal, g *journeys.Goal) error {
	return journeys.CheckGoalParent(g, func(id string) (*journeys.Goal, error) {
		recs, err := tx.run(ctx, qGoalGet, map[string]any{"projectId": projectID, "goalId": id})
		if err != nil {
			return nil, err
		}
		if len(recs) == 0 {
			return nil, projectNotFound(projectID)
		}
		r := columnsOf("goal", recs[0])
		n, ok := r.node("goal")
		if r.err != nil || !ok {
			return nil, r.err
		}
		p, err := goalFromNode(n)
		return &p, err
	})
}

// measures describes measures to the generic entity helpers. A measure's goal must be a
// goal of the project, and a write that leaves out the observations keeps those stored; a
// measure cannot go while a proposal names it.
var measures = entity[journeys.Measure]{
	name:     "measure",
	audit:    "measure",
	column:   "measure",
	keyParam: "measureId",
	key:      func(m *journeys.Measure) string { return m.ID },
	validate: func(m *journeys.Measure) []journeys.Violation { return m.Validate() },
	inUse:    measureInUse,
	plan:     journeys.PlanUpsert[journeys.Measure, *journeys.Measure],
	row:      measureRow,
	fromNode: measureFromNode,
	get:      qMeasureGet,
	list:     qMeasureList,
	upsert:   qMeasureUpsert,
	delete:   qMeasureDelete,
	prepare: func(ctx context.Context, tx tx, projectID string, old *journeys.Measure, m *journeys.Measure) error {
		if _, found, err := goals.read(ctx, tx, projectID, m.Goal); err != nil || !found {
			if err == nil {
				err = journeys.MeasureMissingGoal(m)
			}
			return err
		}
		m.KeepObservations(old)
		return nil
	},
}

// measureInUse returns the CONFLICT naming the proposals that name measure id.
func measureInUse(ctx context.Context, tx tx, projectID, id string) error {
	recs, err := tx.run(ctx, qMeasureUsers, map[string]any{"projectId": projectID, "measureId": id})
	if err != nil {
		return err
	}
	var users []string
	for _, rec := range recs {
		r := columnsOf("measure user", rec)
		uid := r.str("id")
		if r.err != nil {
			return r.err
		}
		users = append(users, uid)
	}
	return journeys.MeasureInUse(id, users)
}

// goalInUse returns the CONFLICT naming the goals, measures and proposals that point to
// goal id.
func goalInUse(ctx context.Context, tx tx, projectID, id string) error {
	recs, err := tx.run(ctx, qGoalUsers, map[string]any{"projectId": projectID, "goalId": id})
	if err != nil {
		return err
	}
	var children, users, proposals []string
	for _, rec := range recs {
		r := columnsOf("goal user", rec)
		kind, uid := r.str("kind"), r.str("id")
		if r.err != nil {
			return r.err
		}
		switch kind {
		case "goal":
			children = append(children, uid)
		case "measure":
			users = append(users, uid)
		default:
			proposals = append(proposals, uid)
		}
	}
	return journeys.GoalInUse(id, children, users, proposals)
}

// goalRow is the row goal_upsert.cypher writes for g.
func goalRow(g *journeys.Goal) map[string]any {
	var parent any
	if g.Parent != nil {
		parent = *g.Parent
	}
	return stamped(map[string]any{
		"id":          g.ID,
		"title":       g.Title,
		"perspective": string(g.Perspective),
		"description": nullable(g.Description),
		"parent":      parent,
	}, g.Version, g.UpdatedAt)
}

// goalFromNode maps a :Goal node.
func goalFromNode(n neo4j.Node) (journeys.Goal, error) {
	r := propsOf("goal", n)
	g := journeys.Goal{
		ID:          r.str("id"),
		Title:       r.str("title"),
		Perspective: journeys.Perspective(r.str("perspective")),
		Description: r.str("description"),
		Version:     r.int64("version"),
		UpdatedAt:   r.time("updatedAt"),
	}
	if p := r.str("parent"); p != "" {
		g.Parent = &p
	}
	return g, r.err
}

// measureRow is the row measure_upsert.cypher writes for m: the measure as one JSON
// document, without its server fields, which are properties of their own.
func measureRow(m *journeys.Measure) map[string]any {
	doc := *m
	doc.Version, doc.UpdatedAt = 0, nil
	data, _ := json.Marshal(doc) // validated: finite numbers and strings always encode
	return stamped(map[string]any{"id": m.ID, "goal": m.Goal, "document": string(data)}, m.Version, m.UpdatedAt)
}

// measureFromNode maps a :Measure node.
func measureFromNode(n neo4j.Node) (journeys.Measure, error) {
	r := propsOf("measure", n)
	doc := r.str("document")
	var m journeys.Measure
	if r.err == nil {
		if err := json.Unmarshal([]byte(doc), &m); err != nil {
			return m, internal("measure %q: document: %v", r.str("id"), err)
		}
	}
	m.ID, m.Version, m.UpdatedAt = r.str("id"), r.int64("version"), r.time("updatedAt")
	return m, r.err
}

// PutGoal creates or replaces an effect goal; created reports which.
func (s *Store) PutGoal(ctx context.Context, projectID string, g *journeys.Goal) (*journeys.Goal, bool, error) {
	return goals.put(ctx, s, projectID, g)
}

// GetGoal returns one goal.
func (s *Store) GetGoal(ctx context.Context, projectID, id string) (*journeys.Goal, error) {
	return goals.getOne(ctx, s, projectID, id)
}

// ListGoals returns goals ordered by id.
func (s *Store) ListGoals(ctx context.Context, projectID string, page journeys.Page) (*journeys.List[journeys.Goal], error) {
	return goals.page(ctx, s, projectID, page)
}

// DeleteGoal removes a goal, or returns CONFLICT naming what points to it.
func (s *Store) DeleteGoal(ctx context.Context, projectID, id string) error {
	return goals.remove(ctx, s, projectID, id)
}

// PutMeasure creates or replaces a measure; created reports which.
func (s *Store) PutMeasure(ctx context.Context, projectID string, m *journeys.Measure) (*journeys.Measure, bool, error) {
	return measures.put(ctx, s, projectID, m)
}

// GetMeasure returns one measure with its observations.
func (s *Store) GetMeasure(ctx context.Context, projectID, id string) (*journeys.Measure, error) {
	return measures.getOne(ctx, s, projectID, id)
}

// ListMeasures returns measures ordered by id.
func (s *Store) ListMeasures(ctx context.Context, projectID string, page journeys.Page) (*journeys.List[journeys.Measure], error) {
	return measures.page(ctx, s, projectID, page)
}

// DeleteMeasure removes a measure and its observations.
func (s *Store) DeleteMeasure(ctx context.Context, projectID, id string) error {
	return measures.remove(ctx, s, projectID, id)
}

// AddObservation appends an observation to a measure, with its audit entry, rewriting
// the measure's document in the same transaction.
func (s *Store) AddObservation(ctx context.Context, projectID, measureID string, o journeys.Observation) (*journeys.Measure, error) {
	return writeProject(ctx, s, projectID, func(ctx context.Context, tx *writeTx) (*journeys.Measure, error) {
		old, found, err := measures.read(ctx, tx, projectID, measureID)
		if err != nil {
			return nil, err
		}
		if !found {
			return nil, measures.notFound(projectID, measureID)
		}
		next, err := journeys.PlanObservation(old, o)
		if err != nil {
			return nil, err
		}
		u := journeys.PlanUpsert(&old, next, s.Now())
		stored, err := measures.upsertRows(ctx, tx, projectID, []map[string]any{measureRow(&u.Value)})
		if err != nil {
			return nil, err
		}
		tx.audit(ctx, projectID, "measure.observe", measureID)
		return &stored[0].value, nil
	})
}
