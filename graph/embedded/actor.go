package embedded

import (
	"context"
	"slices"
	"strings"

	"github.com/glapp/glapp/journeys"
	bolt "go.etcd.io/bbolt"
)

// actors describes actors to the generic entity helpers. An actor cannot be deleted while
// a journey references it, because that journey would stop being valid.
var actors = entity[journeys.Actor, *journeys.Actor]{
	name:     "actor",
	audit:    "actor",
	bucket:   func(p *project) *bolt.Bucket { return p.actors },
	id:       func(a *journeys.Actor) string { return a.ID },
	validate: func(a *journeys.Actor) []journeys.Violation { return a.Validate("") },
	inUse:    actorInUse,
	prepare:  checkOffers,
}

// checkOffers refuses an actor whose offer ids another actor's offers, or another actor,
// already have: offer ids are unique in the project.
func checkOffers(p *project, _ *journeys.Actor, a *journeys.Actor) error {
	if len(a.Offers) == 0 {
		return nil
	}
	others, err := p.projectActors()
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
	return actors.get(ctx, s, projectID, id)
}

// ListActors returns actors ordered by id.
func (s *Store) ListActors(ctx context.Context, projectID string, page journeys.Page) (*journeys.List[journeys.Actor], error) {
	return actors.list(ctx, s, projectID, page)
}

// DeleteActor removes an actor, or returns CONFLICT naming the journeys that reference
// it. Journeys that only carried the actor do not hold it: they list it no more.
func (s *Store) DeleteActor(ctx context.Context, projectID, id string) error {
	return actors.delete(ctx, s, projectID, id)
}

// actorInUse returns CONFLICT when a journey of p references actor id, or has an insight
// about one of its offers (as the Neo4j store links such an insight to the actor).
func actorInUse(p *project, id string) error {
	var a journeys.Actor
	if _, err := getJSON(p.actors, id, &a); err != nil {
		return err
	}
	offers := map[string]bool{}
	for _, o := range a.Offers {
		offers[o.ID] = true
	}
	isThis := func(x string) bool { return x == id || offers[x] }
	var users []string
	err := p.eachRecord(func(rec *journeys.StoredJourney) error {
		if slices.ContainsFunc(rec.Journey.ReferencedActorIDs(isThis), isThis) {
			users = append(users, `"`+rec.Journey.ID+`"`)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if len(users) > 0 {
		return journeys.Errorf(journeys.Conflict, "Actor %q is used by journeys %s; change those journeys before deleting it.", id, strings.Join(users, ", "))
	}
	return nil
}

// projectActors returns the project's actors by id: what a journey may reference.
func (p *project) projectActors() (map[string]journeys.Actor, error) {
	out := map[string]journeys.Actor{}
	err := p.actors.ForEach(func(k, v []byte) error {
		var a journeys.Actor
		if err := decodeJSON(v, &a); err != nil {
			return err
		}
		out[string(k)] = a
		return nil
	})
	return out, err
}
