package neo4j

import (
	"context"
	"maps"
	"slices"

	"github.com/glapp/glapp/journeys"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// needs describes needs to the generic entity helpers. A need cannot be deleted while an
// insight points at it, because that journey would stop being valid.
var needs = entity[journeys.Need]{
	name:     "need",
	audit:    "need",
	column:   "need",
	keyParam: "needId",
	key:      func(n *journeys.Need) string { return n.ID },
	validate: func(n *journeys.Need) []journeys.Violation { return n.Validate() },
	plan:     journeys.PlanUpsert[journeys.Need, *journeys.Need],
	row:      needRow,
	fromNode: needFromNode,
	get:      qNeedGet,
	list:     qNeedList,
	upsert:   qNeedUpsert,
	delete:   qNeedDelete,
	inUse:    needInUse,
}

// PutNeed creates or replaces a need; created reports which.
func (s *Store) PutNeed(ctx context.Context, projectID string, n *journeys.Need) (*journeys.Need, bool, error) {
	return needs.put(ctx, s, projectID, n)
}

// GetNeed returns one need.
func (s *Store) GetNeed(ctx context.Context, projectID, id string) (*journeys.Need, error) {
	return needs.getOne(ctx, s, projectID, id)
}

// ListNeeds returns needs ordered by id.
func (s *Store) ListNeeds(ctx context.Context, projectID string, page journeys.Page) (*journeys.List[journeys.Need], error) {
	return needs.page(ctx, s, projectID, page)
}

// DeleteNeed removes a need, or returns CONFLICT naming the journeys whose insights point
// at it.
func (s *Store) DeleteNeed(ctx context.Context, projectID, id string) error {
	return needs.remove(ctx, s, projectID, id)
}

// needInUse returns CONFLICT when an insight of the project points at need id
// (need_users.cypher).
func needInUse(ctx context.Context, tx tx, projectID, id string) error {
	recs, err := tx.run(ctx, qNeedUsers, map[string]any{"projectId": projectID, "needId": id})
	if err != nil {
		return err
	}
	var users []string
	for _, rec := range recs {
		r := columnsOf("need user", rec)
		j := r.str("journeyId")
		if r.err != nil {
			return r.err
		}
		users = append(users, j)
	}
	return journeys.NeedInUse(id, users)
}

// namedNeeds returns which of the ids j's insights name are needs of the project: one
// statement for the ids that name nothing else (no element of j, actor or offer), and
// none when there are no such ids, as for most journeys.
func namedNeeds(ctx context.Context, tx tx, projectID string, j *journeys.Journey, actors map[string]journeys.Actor) (map[string]bool, error) {
	known := map[string]bool{j.ID: true}
	for _, s := range j.Steps {
		known[s.ID] = true
	}
	for _, h := range j.Handovers {
		known[h.ID] = true
	}
	for _, all := range [][]journeys.Actor{j.Actors, slices.Collect(maps.Values(actors))} {
		for _, a := range all {
			known[a.ID] = true
			for _, o := range a.Offers {
				known[o.ID] = true
			}
		}
	}
	var ids []string
	for _, in := range j.Insights {
		for _, id := range in.About {
			if !known[id] && !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	out := map[string]bool{}
	if len(ids) == 0 {
		return out, nil
	}
	return out, needIDs(ctx, tx, projectID, ids, out)
}

// allNeeds returns the ids of every need of the project.
func allNeeds(ctx context.Context, tx tx, projectID string) (map[string]bool, error) {
	out := map[string]bool{}
	return out, collectNeeds(ctx, tx, qNeedAll, map[string]any{"projectId": projectID}, out)
}

func needIDs(ctx context.Context, tx tx, projectID string, ids []string, out map[string]bool) error {
	return collectNeeds(ctx, tx, qNeedIDs, map[string]any{"projectId": projectID, "ids": ids}, out)
}

// collectNeeds runs a statement that returns need ids and adds them to out.
func collectNeeds(ctx context.Context, tx tx, st statement, params map[string]any, out map[string]bool) error {
	recs, err := tx.run(ctx, st, params)
	if err != nil {
		return err
	}
	for _, rec := range recs {
		r := columnsOf("need", rec)
		id := r.str("needId")
		if r.err != nil {
			return r.err
		}
		out[id] = true
	}
	return nil
}

// needRow is the row need_upsert.cypher writes for n.
func needRow(n *journeys.Need) map[string]any {
	return stamped(map[string]any{
		"id":          n.ID,
		"title":       n.Title,
		"targetGroup": nullable(n.TargetGroup),
		"ageGroup":    nullable(n.AgeGroup),
		"level":       string(n.Level),
	}, n.Version, n.UpdatedAt)
}

// needFromNode maps a :Need node.
func needFromNode(n neo4j.Node) (journeys.Need, error) {
	r := propsOf("need", n)
	return journeys.Need{
		ID:          r.str("id"),
		Title:       r.str("title"),
		TargetGroup: r.str("targetGroup"),
		AgeGroup:    journeys.AgeGroup(r.str("ageGroup")),
		Level:       journeys.Level(r.str("level")),
		Version:     r.int64("version"),
		UpdatedAt:   r.time("updatedAt"),
	}, r.err
}
