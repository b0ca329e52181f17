package journeys

import (
	"bytes"
	"encoding/json"
	"slices"
	"time"
)

// This file holds the write rules every store follows, as pure functions that plan a
// write from what is stored and what is asked. A store loads inside its write
// transaction, calls the plan, and persists what the plan says with the audit action it
// names; the rules (versions, preconditions, created flags, validation) live only here.

// StoredJourney is a journey as stores keep it: the document without its actors, which
// live in the project where every journey shares them, with its server fields, and the
// ids of the actors the client's document carried, in the client's order, so that a
// read lists those first.
type StoredJourney struct {
	Journey *Journey `json:"journey"`
	Carried []string `json:"carried"`
}

// ActorLookup finds an actor of the project by id; ok is false when there is none.
type ActorLookup func(id string) (a Actor, ok bool)

// ActorsIn looks actors up in m, the project's actors by id.
func ActorsIn(m map[string]Actor) ActorLookup {
	return func(id string) (Actor, bool) { a, ok := m[id]; return a, ok }
}

// Assemble returns the document clients read: the stored journey with the actors it
// carried, in their order, then every other actor it references, each as a client would
// write it. Carried actors deleted since are left out. The result shares the stored
// journey's elements.
func (s *StoredJourney) Assemble(actor ActorLookup) *Journey {
	j := *s.Journey
	order := s.actorOrder(actor)
	j.Actors = make([]Actor, 0, len(order))
	for _, id := range order {
		a, _ := actor(id)
		j.Actors = append(j.Actors, a.WithoutServerFields())
	}
	j.Normalize()
	return &j
}

// actorOrder returns the ids of the actors a read of s lists: those it carried, then the
// others it references, leaving out any the project no longer holds.
func (s *StoredJourney) actorOrder(actor ActorLookup) []string {
	isActor := func(id string) bool { _, ok := actor(id); return ok }
	return slices.DeleteFunc(s.Journey.ActorOrder(s.Carried, isActor), func(id string) bool { return !isActor(id) })
}

// JourneyWrite is a planned journey write. The store persists Stored (when not nil) and
// Actors, appends an audit entry with Action (when not empty) in the same transaction,
// and answers with Journey and Created.
type JourneyWrite struct {
	// Stored is the journey to persist, with its next Version and UpdatedAt, or nil when
	// the journey itself does not change. Delete leaves it nil: the journey goes.
	Stored *StoredJourney
	// Actors are the carried actors to upsert, those new or changed, each with its next
	// Version and UpdatedAt.
	Actors []Actor
	// Journey is the document as a read returns it once the write is committed.
	Journey *Journey
	// Created says the write created the journey.
	Created bool
	// Action is the audit action of the write, or "" when it changes nothing and so
	// records nothing.
	Action string
	// Replaced is the version the write replaces or deletes, which the store keeps in the
	// journey's history in the same transaction; nil when no stored version goes.
	Replaced *PastVersion
}

// PlanPutJourney plans PutJourney, which creates or replaces the whole journey document
// in and upserts the actors it carries, all in one transaction. stored is the journey
// with in's id as stored (nil when there is none) and refs what the project holds (its
// actors), both read inside the write transaction; now is the store's clock.
//
//   - An If-Match on a journey that does not exist, or naming another version than the
//     stored one, fails with PRECONDITION_FAILED.
//   - in is validated against the project's actors (Journey.Check): INVALID lists every
//     violation.
//   - Writing the same content again changes nothing, not even the version, records
//     nothing and needs no If-Match, which keeps a retried create safe. The content is
//     the document, the carried actors and the order a read lists its actors in, so that
//     writing back a document as it was read (which carries every actor it references)
//     is no change.
//   - Any change is a journey.put: a new or changed carried actor is upserted with the
//     next version; the journey gets the next version (1 when created, or the one after
//     refs.LastKept when created again after a delete) and UpdatedAt now,
//     when its content or actor order changed. A change to an existing journey must name
//     the version it replaces when cond requires one (PRECONDITION_REQUIRED).
//
// An error means nothing may be written, not even the actors.
func PlanPutJourney(stored *StoredJourney, refs Refs, in *Journey, cond Precondition, now time.Time) (*JourneyWrite, error) {
	found := stored != nil
	if !found && cond.IfVersion != 0 {
		return nil, Errorf(PreconditionFailed, "Journey %q does not exist, so it cannot be at version %d.", in.ID, cond.IfVersion)
	}
	if found {
		if err := cond.Optional().CheckVersion(stored.Journey.Version); err != nil {
			return nil, err
		}
	}
	actors := refs.Actors
	if err := in.Check(refs); err != nil {
		return nil, err
	}
	after := make(map[string]Actor, len(actors)+len(in.Actors))
	for id, a := range actors {
		after[id] = a
	}
	doc, err := cloneJourney(in)
	if err != nil {
		return nil, err
	}
	w := &JourneyWrite{Created: !found}
	next := &StoredJourney{Journey: doc, Carried: make([]string, 0, len(in.Actors))}
	for _, a := range in.Actors {
		next.Carried = append(next.Carried, a.ID)
		var old *Actor
		if o, ok := actors[a.ID]; ok {
			old = &o
		}
		if u := PlanUpsert(old, a, now); u.Changed {
			w.Actors = append(w.Actors, u.Value)
			after[a.ID] = u.Value
		}
	}
	next.Journey.Actors = nil
	lookup := ActorsIn(after)
	journeyChanged := !found || !stored.Journey.SameContent(in) ||
		!slices.Equal(stored.actorOrder(lookup), next.actorOrder(lookup))
	if !journeyChanged && len(w.Actors) == 0 {
		w.Journey = stored.Assemble(lookup)
		return w, nil
	}
	if found {
		// Only a write that changes the journey must name the version it replaces.
		if err := cond.CheckVersion(stored.Journey.Version); err != nil {
			return nil, err
		}
	}
	w.Action = "journey.put"
	if !journeyChanged {
		w.Journey = stored.Assemble(lookup)
		return w, nil
	}
	next.Journey.Version, next.Journey.UpdatedAt = refs.LastKept+1, &now
	if found {
		next.Journey.Version = stored.Journey.Version + 1
		w.Replaced = replaced(stored, now, false)
	}
	w.Stored = next
	w.Journey = next.Assemble(lookup)
	return w, nil
}

// PlanUpdateJourney plans UpdateJourney, which applies fn to a copy of the stored journey
// and stores the result when it is valid and differs, in one transaction. stored is
// journey id of project projectID as stored (nil when there is none, which is NOT_FOUND)
// and refs what the project holds (its actors), both read inside the write transaction.
//
//   - cond is checked against the stored version: PRECONDITION_FAILED when it names
//     another, PRECONDITION_REQUIRED when it names none but must.
//   - fn may run more than once (a store may retry its transaction), so it must only
//     change the journey it is given. An error from fn is returned as it is.
//   - A changed id is INVALID: moving a journey is not an update.
//   - The actors the journey carried stay as they were: changes fn makes to Actors are
//     ignored, because actors are written by PutActor and PutJourney, and the result is
//     validated against the project's actors alone, so that it cannot name an actor that
//     was never stored.
//   - A result with the same content changes nothing and records nothing; otherwise it
//     gets the next version and UpdatedAt now, and is a journey.update.
func PlanUpdateJourney(projectID, id string, stored *StoredJourney, refs Refs, cond Precondition, now time.Time, fn func(*Journey) error) (*JourneyWrite, error) {
	if stored == nil {
		return nil, JourneyNotFound(projectID, id)
	}
	if err := cond.CheckVersion(stored.Journey.Version); err != nil {
		return nil, err
	}
	actors := refs.Actors
	lookup := ActorsIn(actors)
	old := stored.Assemble(lookup)
	next, err := cloneJourney(old)
	if err != nil {
		return nil, err
	}
	if err := fn(next); err != nil {
		return nil, err
	}
	if next.ID != id {
		return nil, IDChanged(id)
	}
	next.Actors = nil
	if err := next.Check(refs); err != nil {
		return nil, err
	}
	if old.SameContent(next) {
		return &JourneyWrite{Journey: old}, nil
	}
	next.Version, next.UpdatedAt = stored.Journey.Version+1, &now
	w := &JourneyWrite{Stored: &StoredJourney{Journey: next, Carried: slices.Clone(stored.Carried)}, Action: "journey.update",
		Replaced: replaced(stored, now, false)}
	w.Journey = w.Stored.Assemble(lookup)
	return w, nil
}

// PlanDeleteJourney plans DeleteJourney, which removes a journey and the insights it
// holds: NOT_FOUND when stored is nil, the precondition checked against the stored
// version, then a journey.delete. The actors it carried stay: they belong to the
// project. The deleted version is kept in the journey's history (Replaced) until
// retention ends; PurgeJourney is the request that deletes it at once.
func PlanDeleteJourney(projectID, id string, stored *StoredJourney, cond Precondition, now time.Time) (*JourneyWrite, error) {
	if stored == nil {
		return nil, JourneyNotFound(projectID, id)
	}
	if err := cond.CheckVersion(stored.Journey.Version); err != nil {
		return nil, err
	}
	return &JourneyWrite{Action: "journey.delete", Replaced: replaced(stored, now, true)}, nil
}

// JourneyNotFound is the NOT_FOUND of a journey the project does not hold.
func JourneyNotFound(projectID, id string) error {
	return Errorf(NotFound, "Project %q has no journey %q.", projectID, id)
}

// IDChanged refuses an update that changes an entity's id.
func IDChanged(id string) error {
	return InvalidError("An id cannot be changed by an update.", []Violation{{
		Pointer: "/id", Detail: "Must stay " + id + ".",
	}})
}

// cloneJourney returns a deep copy of j, made as a store's round trip through JSON
// would make it, so that neither UpdateJourney's fn nor the caller's own document shares
// anything with what is compared and stored.
func cloneJourney(j *Journey) (*Journey, error) {
	data, err := json.Marshal(j)
	if err != nil {
		return nil, Wrap(Internal, err, "The journey could not be copied.")
	}
	var c Journey
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, Wrap(Internal, err, "The journey could not be copied.")
	}
	return &c, nil
}

// Versioned is what a create-or-replace write needs of a project entity (Actor, Source,
// Triage, Evidence, Webhook): its pointer type, SameContent to tell a real change from a
// rewrite, and its server fields.
type Versioned[T any] interface {
	*T
	SameContent(T) bool
	serverFields() (version *int64, updatedAt **time.Time)
}

func (a *Actor) serverFields() (*int64, **time.Time)    { return &a.Version, &a.UpdatedAt }
func (s *Source) serverFields() (*int64, **time.Time)   { return &s.Version, &s.UpdatedAt }
func (t *Triage) serverFields() (*int64, **time.Time)   { return &t.Version, &t.UpdatedAt }
func (e *Evidence) serverFields() (*int64, **time.Time) { return &e.Version, &e.UpdatedAt }
func (w *Webhook) serverFields() (*int64, **time.Time)  { return &w.Version, &w.UpdatedAt }

// Upsert is a planned create-or-replace write of one entity.
type Upsert[T any] struct {
	// Value is what to store when Changed, with its next version and UpdatedAt, and what
	// is stored otherwise.
	Value T
	// Created says nothing was stored under the key before.
	Created bool
	// Changed says there is something to write and to audit ("<noun>.put").
	Changed bool
}

// PlanUpsert plans writing v where old is stored (nil when nothing is). Writing the same
// content again changes nothing, not even the version, so that clients can retry; any
// other write stores v with the version after old's (1 when created) and UpdatedAt now.
func PlanUpsert[T any, P Versioned[T]](old *T, v T, now time.Time) Upsert[T] {
	if old != nil && P(old).SameContent(v) {
		return Upsert[T]{Value: *old}
	}
	version, updatedAt := P(&v).serverFields()
	*version, *updatedAt = 1, &now
	if old != nil {
		oldVersion, _ := P(old).serverFields()
		*version = *oldVersion + 1
	}
	return Upsert[T]{Value: v, Created: old == nil, Changed: true}
}

// Check validates p for a write and returns an INVALID error listing every violation, or
// nil.
func (p *Project) Check() error {
	if v := p.Validate(); len(v) > 0 {
		return InvalidError("The project is not valid; nothing was stored.", v)
	}
	return nil
}

// PlanUpdateProject plans UpdateProject: fn applied to a copy of the stored project old.
// Server fields fn changes are restored and a changed id is refused, since moving a
// project is not an update. A result equal to old changes nothing (changed is false and
// next is old); otherwise it is validated and gets the next version and UpdatedAt now,
// and the store writes it as a project.update. An error from fn is returned as it is.
func PlanUpdateProject(old *Project, now time.Time, fn func(*Project) error) (next *Project, changed bool, err error) {
	p := *old
	if err := fn(&p); err != nil {
		return nil, false, err
	}
	if p.ID != old.ID {
		return nil, false, IDChanged(old.ID)
	}
	p.Version, p.CreatedAt, p.UpdatedAt = old.Version, old.CreatedAt, old.UpdatedAt
	if p == *old {
		return old, false, nil
	}
	if err := p.Check(); err != nil {
		return nil, false, err
	}
	p.Version, p.UpdatedAt = old.Version+1, now
	return &p, true, nil
}

// PlanPutSettings plans PutSettings: in is validated and encoded as stores keep it, and
// changed says whether that differs from stored, the encoding stored now (empty when the
// project never set its own). The same settings always encode to the same JSON (maps are
// written in key order), so comparing encodings tells a real change; settings equal to
// those stored are no change, written and audited (settings.put) by no store.
func PlanPutSettings(stored []byte, in *Settings) (data []byte, changed bool, err error) {
	if v := in.Validate(); len(v) > 0 {
		return nil, false, InvalidError("The settings are not valid; nothing was stored.", v)
	}
	data, err = json.Marshal(in)
	if err != nil {
		return nil, false, Wrap(Internal, err, "The settings could not be encoded for storage.")
	}
	return data, !bytes.Equal(data, stored), nil
}
