package journeys_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/glapp/glapp/journeys"
)

var (
	t0  = time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)
	now = t0.Add(time.Hour)
)

// smallJourney is a valid journey over actors vc and kom that carries none of them.
func smallJourney() *journeys.Journey {
	return &journeys.Journey{
		ID: "resa", Title: "Resa", Kind: journeys.KindAsIs,
		Steps: []journeys.Step{
			{ID: "s1", Title: "Ringer", Actor: "vc", Entry: true},
			{ID: "s2", Title: "Får besök", Actor: "kom"},
		},
		Handovers: []journeys.Handover{{ID: "h1", From: "s1", To: "s2", Type: "referral"}},
		Insights:  []journeys.Insight{{ID: "i1", Text: "Ingen ringde.", Kind: "quote", About: []string{"h1", "s2"}}},
	}
}

func actor(id, name string, version int64) journeys.Actor {
	a := journeys.Actor{ID: id, Name: name, Sector: journeys.SectorRegion}
	if version > 0 {
		a.Version, a.UpdatedAt = version, &t0
	}
	return a
}

// projectActors returns vc and kom as stored, at version 1.
func projectActors() map[string]journeys.Actor {
	return map[string]journeys.Actor{"vc": actor("vc", "Vårdcentral", 1), "kom": actor("kom", "Kommunen", 1)}
}

// stored returns smallJourney as stored at version, carrying carried.
func stored(version int64, carried ...string) *journeys.StoredJourney {
	j := smallJourney()
	j.Version, j.UpdatedAt = version, &t0
	return &journeys.StoredJourney{Journey: j, Carried: carried}
}

func carrying(j *journeys.Journey, actors ...journeys.Actor) *journeys.Journey {
	j.Actors = actors
	return j
}

func TestPlanPutJourney(t *testing.T) {
	retitled := smallJourney()
	retitled.Title = "Resa, ny"
	unknownActor := smallJourney()
	unknownActor.Steps[1].Actor = "nobody"

	tests := []struct {
		name    string
		stored  *journeys.StoredJourney
		actors  map[string]journeys.Actor
		in      *journeys.Journey
		cond    journeys.Precondition
		code    journeys.Code
		version int64 // of the answer
		created bool
		action  string
		// writes says whether the journey itself is written; upserts lists the actors
		// written with their versions.
		writes  bool
		upserts map[string]int64
		carried []string // of the answer's actors, in order
	}{
		{name: "create", actors: projectActors(), in: smallJourney(),
			version: 1, created: true, action: "journey.put", writes: true, carried: []string{"vc", "kom"}},
		{name: "create upserts carried actors", actors: map[string]journeys.Actor{},
			in:      carrying(smallJourney(), actor("kom", "Kommunen", 0), actor("vc", "Vårdcentral", 0)),
			version: 1, created: true, action: "journey.put", writes: true,
			upserts: map[string]int64{"kom": 1, "vc": 1}, carried: []string{"kom", "vc"}},
		{name: "create needs no If-Match when one is required", actors: projectActors(), in: smallJourney(),
			cond: journeys.Precondition{Required: true}, version: 1, created: true, action: "journey.put", writes: true, carried: []string{"vc", "kom"}},
		{name: "If-Match on a journey that does not exist", actors: projectActors(), in: smallJourney(),
			cond: journeys.Precondition{IfVersion: 1}, code: journeys.PreconditionFailed},
		{name: "replace", stored: stored(3), actors: projectActors(), in: retitled, cond: journeys.Precondition{IfVersion: 3, Required: true},
			version: 4, action: "journey.put", writes: true, carried: []string{"vc", "kom"}},
		{name: "replace without If-Match when none is required", stored: stored(3), actors: projectActors(), in: retitled,
			version: 4, action: "journey.put", writes: true, carried: []string{"vc", "kom"}},
		{name: "stale If-Match", stored: stored(3), actors: projectActors(), in: retitled,
			cond: journeys.Precondition{IfVersion: 2}, code: journeys.PreconditionFailed},
		{name: "required If-Match missing", stored: stored(3), actors: projectActors(), in: retitled,
			cond: journeys.Precondition{Required: true}, code: journeys.PreconditionRequired},
		{name: "unchanged changes nothing, not even the version", stored: stored(3), actors: projectActors(), in: smallJourney(),
			cond: journeys.Precondition{Required: true}, version: 3, carried: []string{"vc", "kom"}},
		{name: "unchanged with a stale If-Match", stored: stored(3), actors: projectActors(), in: smallJourney(),
			cond: journeys.Precondition{IfVersion: 2}, code: journeys.PreconditionFailed},
		{name: "writing back a read document is no change", stored: stored(3), actors: projectActors(),
			in:      carrying(smallJourney(), actor("vc", "Vårdcentral", 0), actor("kom", "Kommunen", 0)),
			version: 3, carried: []string{"vc", "kom"}},
		{name: "carrying actors in another order changes the journey", stored: stored(3), actors: projectActors(),
			in:      carrying(smallJourney(), actor("kom", "Kommunen", 0)),
			version: 4, action: "journey.put", writes: true, carried: []string{"kom", "vc"}},
		{name: "a changed carried actor alone is a journey.put", stored: stored(3, "vc"), actors: projectActors(),
			in:      carrying(smallJourney(), actor("vc", "Vårdcentralen i Byn", 0)),
			version: 3, action: "journey.put", upserts: map[string]int64{"vc": 2}, carried: []string{"vc", "kom"}},
		{name: "a changed carried actor needs the required If-Match", stored: stored(3, "vc"), actors: projectActors(),
			in:   carrying(smallJourney(), actor("vc", "Vårdcentralen i Byn", 0)),
			cond: journeys.Precondition{Required: true}, code: journeys.PreconditionRequired},
		{name: "invalid", actors: projectActors(), in: unknownActor, code: journeys.Invalid},
		{name: "invalid carried actor", actors: map[string]journeys.Actor{},
			in: carrying(smallJourney(), actor("vc", "", 0), actor("kom", "Kommunen", 0)), code: journeys.Invalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, err := journeys.PlanPutJourney(tt.stored, journeys.Refs{Actors: tt.actors}, tt.in, tt.cond, now)
			if tt.code != "" {
				if journeys.ErrorCode(err) != tt.code || w != nil {
					t.Fatalf("PlanPutJourney() = %v, %v; want no plan and code %s", w, err, tt.code)
				}
				return
			}
			if err != nil {
				t.Fatalf("PlanPutJourney() = %v; want nil error", err)
			}
			if w.Journey.Version != tt.version || w.Created != tt.created || w.Action != tt.action {
				t.Errorf("PlanPutJourney() = version %d, created %v, action %q; want %d, %v, %q", w.Journey.Version, w.Created, w.Action, tt.version, tt.created, tt.action)
			}
			if got := w.Stored != nil; got != tt.writes {
				t.Errorf("PlanPutJourney() writes the journey: %v; want %v", got, tt.writes)
			}
			if w.Stored != nil {
				if w.Stored.Journey.Version != tt.version || !w.Stored.Journey.UpdatedAt.Equal(now) || w.Stored.Journey.Actors != nil {
					t.Errorf("PlanPutJourney().Stored = version %d at %v with %d actors; want %d at the clock's now, without actors", w.Stored.Journey.Version, w.Stored.Journey.UpdatedAt, len(w.Stored.Journey.Actors), tt.version)
				}
				if want := ids(tt.in.Actors, func(a journeys.Actor) string { return a.ID }); !slices.Equal(w.Stored.Carried, want) {
					t.Errorf("PlanPutJourney().Stored.Carried = %q; want %q", w.Stored.Carried, want)
				}
			}
			if !w.Journey.UpdatedAt.Equal(map[bool]time.Time{true: now, false: t0}[tt.writes]) {
				t.Errorf("PlanPutJourney().Journey.UpdatedAt = %v; want the time of the last change", w.Journey.UpdatedAt)
			}
			got := map[string]int64{}
			for _, a := range w.Actors {
				got[a.ID] = a.Version
				if !a.UpdatedAt.Equal(now) {
					t.Errorf("upserted actor %q at %v; want the clock's now", a.ID, a.UpdatedAt)
				}
			}
			if len(got) != len(tt.upserts) || !equalMaps(got, tt.upserts) {
				t.Errorf("PlanPutJourney() upserts %v; want %v", got, tt.upserts)
			}
			if order := ids(w.Journey.Actors, func(a journeys.Actor) string { return a.ID }); !slices.Equal(order, tt.carried) {
				t.Errorf("PlanPutJourney().Journey.Actors = %q; want %q", order, tt.carried)
			}
			for _, a := range w.Journey.Actors {
				if a.Version != 0 || a.UpdatedAt != nil {
					t.Errorf("answer's actor %q has server fields; want it as a client writes it", a.ID)
				}
			}
			if !w.Journey.SameContent(tt.in) {
				t.Errorf("PlanPutJourney().Journey = %+v; want the content of in", w.Journey)
			}
		})
	}
}

// TestPlanPutJourney_SharesNothingWithInput checks that a caller changing its document
// after the write cannot change what the store persists or answered.
func TestPlanPutJourney_SharesNothingWithInput(t *testing.T) {
	in := smallJourney()
	w, err := journeys.PlanPutJourney(nil, journeys.Refs{Actors: projectActors()}, in, journeys.Precondition{}, now)
	if err != nil {
		t.Fatal(err)
	}
	in.Steps[0].Title = "Ändrad efteråt"
	in.Insights[0].About[0] = "s1"
	if w.Stored.Journey.Steps[0].Title != "Ringer" || w.Journey.Steps[0].Title != "Ringer" || w.Journey.Insights[0].About[0] != "h1" {
		t.Error("PlanPutJourney() result changed with the caller's document; want a copy")
	}
}

func TestPlanUpdateJourney(t *testing.T) {
	errFn := errors.New("the caller's own failure")
	retitle := func(j *journeys.Journey) error { j.Title = "Ny titel"; return nil }
	edit := func(e journeys.Edit) func(*journeys.Journey) error {
		return func(j *journeys.Journey) error { _, err := e.Apply(j); return err }
	}
	tests := []struct {
		name    string
		stored  *journeys.StoredJourney
		cond    journeys.Precondition
		fn      func(*journeys.Journey) error
		code    journeys.Code
		err     error
		version int64
		action  string
	}{
		{name: "missing journey", fn: retitle, code: journeys.NotFound},
		{name: "change", stored: stored(3, "kom"), fn: retitle, cond: journeys.Precondition{IfVersion: 3, Required: true}, version: 4, action: "journey.update"},
		{name: "no change", stored: stored(3), fn: func(*journeys.Journey) error { return nil }, version: 3},
		{name: "stale If-Match", stored: stored(3), fn: retitle, cond: journeys.Precondition{IfVersion: 2}, code: journeys.PreconditionFailed},
		{name: "required If-Match missing", stored: stored(3), fn: retitle, cond: journeys.Precondition{Required: true}, code: journeys.PreconditionRequired},
		{name: "fn fails", stored: stored(3), fn: func(*journeys.Journey) error { return errFn }, err: errFn},
		{name: "id changed", stored: stored(3), fn: func(j *journeys.Journey) error { j.ID = "annan"; return nil }, code: journeys.Invalid},
		{name: "changes to actors are ignored", stored: stored(3), version: 3, fn: func(j *journeys.Journey) error {
			j.Actors = append(j.Actors, actor("ny", "Ny", 0))
			return nil
		}},
		{name: "a new actor cannot be carried in", stored: stored(3), code: journeys.Invalid, fn: func(j *journeys.Journey) error {
			j.Actors = append(j.Actors, actor("ny", "Ny", 0))
			j.Steps[1].Actor = "ny"
			return nil
		}},
		{name: "delete cascades", stored: stored(3), version: 4, action: "journey.update",
			fn: edit(journeys.Edit{Kind: journeys.ElementStep, Op: journeys.OpDelete, ID: "s2", Cascade: true})},
		{name: "delete without cascade leaves the journey invalid", stored: stored(3), code: journeys.Invalid,
			fn: edit(journeys.Edit{Kind: journeys.ElementStep, Op: journeys.OpDelete, ID: "s2"})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, err := journeys.PlanUpdateJourney("p1", "resa", tt.stored, journeys.Refs{Actors: projectActors()}, tt.cond, now, tt.fn)
			switch {
			case tt.err != nil:
				if !errors.Is(err, tt.err) {
					t.Fatalf("PlanUpdateJourney() = %v; want fn's error as it is", err)
				}
				return
			case tt.code != "":
				if journeys.ErrorCode(err) != tt.code {
					t.Fatalf("PlanUpdateJourney() = %v; want code %s", err, tt.code)
				}
				return
			case err != nil:
				t.Fatalf("PlanUpdateJourney() = %v; want nil error", err)
			}
			if w.Journey.Version != tt.version || w.Action != tt.action || w.Created || len(w.Actors) != 0 {
				t.Errorf("PlanUpdateJourney() = version %d, action %q, created %v, %d actors; want %d, %q, false, none", w.Journey.Version, w.Action, w.Created, len(w.Actors), tt.version, tt.action)
			}
			if got := w.Stored != nil; got != (tt.action != "") {
				t.Fatalf("PlanUpdateJourney() writes the journey: %v; want %v", got, tt.action != "")
			}
			if w.Stored != nil {
				if !w.Stored.Journey.UpdatedAt.Equal(now) || w.Stored.Journey.Actors != nil || !slices.Equal(w.Stored.Carried, tt.stored.Carried) {
					t.Errorf("PlanUpdateJourney().Stored = at %v, %d actors, carried %q; want now, none, the stored %q", w.Stored.Journey.UpdatedAt, len(w.Stored.Journey.Actors), w.Stored.Carried, tt.stored.Carried)
				}
			}
		})
	}
}

func TestPlanDeleteJourney(t *testing.T) {
	if _, err := journeys.PlanDeleteJourney("p1", "resa", nil, journeys.Precondition{}, now); journeys.ErrorCode(err) != journeys.NotFound {
		t.Errorf("PlanDeleteJourney(missing) = %v; want NOT_FOUND", err)
	}
	if _, err := journeys.PlanDeleteJourney("p1", "resa", stored(3), journeys.Precondition{IfVersion: 2}, now); journeys.ErrorCode(err) != journeys.PreconditionFailed {
		t.Errorf("PlanDeleteJourney(stale) = %v; want PRECONDITION_FAILED", err)
	}
	if _, err := journeys.PlanDeleteJourney("p1", "resa", stored(3), journeys.Precondition{Required: true}, now); journeys.ErrorCode(err) != journeys.PreconditionRequired {
		t.Errorf("PlanDeleteJourney(no If-Match) = %v; want PRECONDITION_REQUIRED", err)
	}
	w, err := journeys.PlanDeleteJourney("p1", "resa", stored(3), journeys.Precondition{IfVersion: 3}, now)
	if err != nil || w.Action != "journey.delete" || w.Stored != nil || len(w.Actors) != 0 {
		t.Errorf("PlanDeleteJourney() = %+v, %v; want a journey.delete that writes nothing else", w, err)
	}
	if w == nil || w.Replaced == nil || !w.Replaced.Deleted || w.Replaced.Stored.Journey.Version != 3 || !w.Replaced.ReplacedAt.Equal(now) {
		t.Errorf("PlanDeleteJourney().Replaced = %+v; want version 3 kept as deleted at %v", w.Replaced, now)
	}
}

func TestPlanUpsert(t *testing.T) {
	old := actor("vc", "Vårdcentral", 4)
	tests := []struct {
		name             string
		old              *journeys.Actor
		in               journeys.Actor
		version          int64
		created, changed bool
	}{
		{name: "create", in: actor("vc", "Vårdcentral", 0), version: 1, created: true, changed: true},
		{name: "replace", old: &old, in: actor("vc", "Vårdcentralen", 0), version: 5, changed: true},
		{name: "same content", old: &old, in: actor("vc", "Vårdcentral", 0), version: 4},
		{name: "server fields in the input are ignored", old: &old, in: actor("vc", "Vårdcentral", 9), version: 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := journeys.PlanUpsert(tt.old, tt.in, now)
			if u.Value.Version != tt.version || u.Created != tt.created || u.Changed != tt.changed {
				t.Errorf("PlanUpsert() = version %d, created %v, changed %v; want %d, %v, %v", u.Value.Version, u.Created, u.Changed, tt.version, tt.created, tt.changed)
			}
			wantAt := t0
			if tt.changed {
				wantAt = now
			}
			if !u.Value.UpdatedAt.Equal(wantAt) || !u.Value.SameContent(tt.in) {
				t.Errorf("PlanUpsert() = %+v; want the content of in, updated at %v", u.Value, wantAt)
			}
		})
	}
}

func TestStoredJourneyAssemble(t *testing.T) {
	s := stored(2, "gone", "kom")
	j := s.Assemble(journeys.ActorsIn(projectActors()))
	if order := ids(j.Actors, func(a journeys.Actor) string { return a.ID }); !slices.Equal(order, []string{"kom", "vc"}) {
		t.Errorf("Assemble().Actors = %q; want the carried kom, then the referenced vc, without the deleted one", order)
	}
	if j.Stages == nil || j.Version != 2 || s.Journey.Actors != nil {
		t.Errorf("Assemble() = %+v; want empty lists, the stored version, and the stored journey untouched", j)
	}
}

func ids[T any](items []T, id func(T) string) []string {
	out := []string{}
	for _, x := range items {
		out = append(out, id(x))
	}
	return out
}

func equalMaps(a, b map[string]int64) bool {
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return len(a) == len(b)
}

func TestPlanUpdateProject(t *testing.T) {
	old := &journeys.Project{ID: "p1", Name: "Projekt", Version: 2, CreatedAt: t0, UpdatedAt: t0}
	errFn := errors.New("the caller's own failure")
	tests := []struct {
		name    string
		fn      func(*journeys.Project) error
		code    journeys.Code
		err     error
		changed bool
		version int64
	}{
		{name: "change", fn: func(p *journeys.Project) error { p.Name = "Nytt namn"; return nil }, changed: true, version: 3},
		{name: "no change", fn: func(*journeys.Project) error { return nil }, version: 2},
		{name: "server fields are restored", fn: func(p *journeys.Project) error {
			p.Version, p.CreatedAt, p.UpdatedAt = 9, now, now
			return nil
		}, version: 2},
		{name: "id changed", fn: func(p *journeys.Project) error { p.ID = "p2"; return nil }, code: journeys.Invalid},
		{name: "invalid", fn: func(p *journeys.Project) error { p.Name = ""; return nil }, code: journeys.Invalid},
		{name: "fn fails", fn: func(*journeys.Project) error { return errFn }, err: errFn},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			next, changed, err := journeys.PlanUpdateProject(old, now, tt.fn)
			switch {
			case tt.err != nil:
				if !errors.Is(err, tt.err) {
					t.Fatalf("PlanUpdateProject() = %v; want fn's error as it is", err)
				}
				return
			case tt.code != "":
				if journeys.ErrorCode(err) != tt.code {
					t.Fatalf("PlanUpdateProject() = %v; want code %s", err, tt.code)
				}
				return
			case err != nil:
				t.Fatalf("PlanUpdateProject() = %v; want nil error", err)
			}
			wantAt := t0
			if tt.changed {
				wantAt = now
			}
			if changed != tt.changed || next.Version != tt.version || !next.UpdatedAt.Equal(wantAt) || !next.CreatedAt.Equal(t0) {
				t.Errorf("PlanUpdateProject() = %+v, changed %v; want version %d updated at %v, changed %v", next, changed, tt.version, wantAt, tt.changed)
			}
		})
	}
	if old.Version != 2 || old.Name != "Projekt" {
		t.Errorf("PlanUpdateProject() changed the stored project: %+v", old)
	}
}

func TestPlanPutSettings(t *testing.T) {
	defaults := journeys.DefaultSettings()
	stored, changed, err := journeys.PlanPutSettings(nil, &defaults)
	if err != nil || !changed || len(stored) == 0 {
		t.Fatalf("PlanPutSettings(never set) = %s, %v, %v; want the encoding, changed", stored, changed, err)
	}
	again := journeys.DefaultSettings() // a fresh map: the encoding must not depend on map order
	if data, changed, err := journeys.PlanPutSettings(stored, &again); err != nil || changed || string(data) != string(stored) {
		t.Errorf("PlanPutSettings(same) = %s, %v, %v; want the same encoding, unchanged", data, changed, err)
	}
	again.LongWait.BUPCap++
	if _, changed, err := journeys.PlanPutSettings(stored, &again); err != nil || !changed {
		t.Errorf("PlanPutSettings(other) = %v, %v; want changed", changed, err)
	}
	again.LongWait.BUPCap = -1
	if _, _, err := journeys.PlanPutSettings(stored, &again); journeys.ErrorCode(err) != journeys.Invalid {
		t.Errorf("PlanPutSettings(invalid) = %v; want INVALID", err)
	}
}

// TestPlansKeepReplacedVersion checks that every plan that replaces a stored version
// hands it to the store to keep, and that a journey created again after a delete
// continues after the versions kept.
func TestPlansKeepReplacedVersion(t *testing.T) {
	old := stored(3)
	in := smallJourney()
	in.Title = "Ny"
	refs := journeys.Refs{Actors: projectActors()}
	w, err := journeys.PlanPutJourney(old, refs, in, journeys.Precondition{}, now)
	if err != nil || w.Replaced == nil || w.Replaced.Stored.Journey.Version != 3 || w.Replaced.Deleted || !w.Replaced.ReplacedAt.Equal(now) {
		t.Fatalf("PlanPutJourney().Replaced = %+v, %v; want version 3 replaced now", w, err)
	}
	w, err = journeys.PlanUpdateJourney("p1", "resa", old, refs, journeys.Precondition{}, now, func(j *journeys.Journey) error { j.Title = "Ändrad"; return nil })
	if err != nil || w.Replaced == nil || w.Replaced.Stored.Journey.Version != 3 {
		t.Errorf("PlanUpdateJourney().Replaced = %+v, %v; want version 3", w, err)
	}
	refs.LastKept = 7
	w, err = journeys.PlanPutJourney(nil, refs, in, journeys.Precondition{}, now)
	if err != nil || w.Stored.Journey.Version != 8 || w.Replaced != nil {
		t.Errorf("PlanPutJourney(created again after 7 kept) = version %d, replaced %v, %v; want version 8 and nothing replaced", w.Stored.Journey.Version, w.Replaced, err)
	}
}
