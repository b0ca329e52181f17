package neo4j

import (
	"context"
	"strings"

	"github.com/glapp/glapp/journeys"
)

// actors describes actors to the generic entity helpers. An actor cannot be deleted while
// a journey references it, because that journey would stop being valid.
var actors = entity[journeys.Actor]{
	name:     "actor",
	audit:    "actor",
	column:   "actor",
	keyParam: "actorId",
	key:      func(a *journeys.Actor) string { return a.ID },
	validate: func(a *journeys.Actor) []journeys.Violation { return a.Validate("") },
	plan:     journeys.PlanUpsert[journeys.Actor, *journeys.Actor],
	row:      actorRow,
	fromNode: actorFromNode,
	get:      qActorGet,
	list:     qActorList,
	upsert:   qActorUpsert,
	delete:   qActorDelete,
	inUse:    actorInUse,
	prepare:  checkOffers,
}

// checkOffers refuses an actor whose offer ids another actor's offers, or another actor,
// already have: offer ids are unique in the project.
func checkOffers(ctx context.Context, tx tx, projectID string, _ *journeys.Actor, a *journeys.Actor) error {
	if len(a.Offers) == 0 {
		return nil
	}
	others, err := projectActors(ctx, tx, projectID)
	if err != nil {
		return err
	}
	if v := journeys.CheckOfferIDs(a, "", others); len(v) > 0 {
		return journeys.InvalidError("The actor is not valid; nothing was stored.", v)
	}
	return nil
}

// PutActor creates or replaces an actor; created reports which.
func (s *Store) PutActor(ctx context.Context, projectID string, a *journeys.Actor) (*journeys.Actor, bool, error) {
	return actors.put(ctx, s, projectID, a)
}

// GetActor returns one actor.
func (s *Store) GetActor(ctx context.Context, projectID, id string) (*journeys.Actor, error) {
	return actors.getOne(ctx, s, projectID, id)
}

// ListActors returns actors ordered by id.
func (s *Store) ListActors(ctx context.Context, projectID string, page journeys.Page) (*journeys.List[journeys.Actor], error) {
	return actors.page(ctx, s, projectID, page)
}

// DeleteActor removes an actor, or returns CONFLICT naming the journeys that reference
// it. Journeys that only carried the actor do not hold it: they list it no more.
func (s *Store) DeleteActor(ctx context.Context, projectID, id string) error {
	return actors.remove(ctx, s, projectID, id)
}

// actorInUse returns CONFLICT when a journey of the project references actor id, found
// through the relationships the journey graph holds (actor_users.cypher).
func actorInUse(ctx context.Context, tx tx, projectID, id string) error {
	recs, err := tx.run(ctx, qActorUsers, map[string]any{"projectId": projectID, "actorId": id})
	if err != nil {
		return err
	}
	if len(recs) == 0 {
		return nil
	}
	users := make([]string, 0, len(recs))
	for _, rec := range recs {
		r := columnsOf("actor user", rec)
		j := r.str("journeyId")
		if r.err != nil {
			return r.err
		}
		users = append(users, `"`+j+`"`)
	}
	return journeys.Errorf(journeys.Conflict, "Actor %q is used by journeys %s; change those journeys before deleting it.", id, strings.Join(users, ", "))
}

// projectActors returns every actor of the project by id, inside tx: what a journey may
// reference. NOT_FOUND when the project does not exist.
func projectActors(ctx context.Context, tx tx, projectID string) (map[string]journeys.Actor, error) {
	recs, err := tx.run(ctx, qActorAll, map[string]any{"projectId": projectID})
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, projectNotFound(projectID)
	}
	out := make(map[string]journeys.Actor, len(recs))
	for _, rec := range recs {
		r := columnsOf("actor", rec)
		n, ok := r.node("actor")
		if r.err != nil {
			return nil, r.err
		}
		if !ok {
			continue
		}
		a, err := actorFromNode(n)
		if err != nil {
			return nil, err
		}
		out[a.ID] = a
	}
	return out, nil
}
