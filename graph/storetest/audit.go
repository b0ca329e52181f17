package storetest

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/glapp/glapp/journeys"
	"github.com/google/go-cmp/cmp"
)

// lead is the principal the audit tests write as, so that entries can be told from the
// System principal's.
var lead = journeys.Principal{TokenID: "tok_x", Role: journeys.RoleLead, Projects: []string{"p"}}

// auditCase is one call and the project log it should (or should not) leave an entry in.
type auditCase struct {
	name string
	// setup prepares project p, as the System principal, before the call.
	setup func(t *testing.T, s journeys.Store)
	// call is the write under test, made as lead.
	call func(ctx context.Context, s journeys.Store) error
	// log is the project whose log is watched; "p" when empty (see logID).
	log string
	// action and objects are the entry the call should record.
	action  string
	objects []string
	// code is the error the call should fail with; empty when it should succeed.
	code journeys.Code
}

// testAudit checks the audit log every write keeps: one entry for a write that changed
// something, none for one that did not or was refused, and a log that outlives its
// project.
func testAudit(t *testing.T, open opener) {
	t.Run("EveryWrite", func(t *testing.T) {
		for _, tt := range changingWrites() {
			t.Run(tt.name, func(t *testing.T) {
				s, before := auditFixture(t, open, tt)
				if err := tt.call(journeys.WithPrincipal(t.Context(), lead), s); err != nil {
					t.Fatalf("%s = %v; want nil error", tt.name, err)
				}
				after := auditLog(t, s, tt.logID())
				if len(after) != len(before)+1 {
					t.Fatalf("%s added %d audit entries; want 1", tt.name, len(after)-len(before))
				}
				wantEntry(t, after[0], journeys.AuditEntry{Token: lead.TokenID, Project: tt.logID(), Action: tt.action, Objects: tt.objects, Outcome: journeys.OutcomeOK}, tt.name)
				if diff := cmp.Diff(before, after[1:]); diff != "" {
					t.Errorf("%s changed older audit entries (-before +after):\n%s", tt.name, diff)
				}
				if slices.ContainsFunc(before, func(e journeys.AuditEntry) bool { return e.ID == after[0].ID }) {
					t.Errorf("%s recorded id %q, which an older entry has", tt.name, after[0].ID)
				}
			})
		}
	})

	t.Run("NoChangeOrRefused", func(t *testing.T) {
		for _, tt := range silentWrites() {
			t.Run(tt.name, func(t *testing.T) {
				s, before := auditFixture(t, open, tt)
				err := tt.call(journeys.WithPrincipal(t.Context(), lead), s)
				wantCode(t, err, tt.code, "%s", tt.name)
				if diff := cmp.Diff(before, auditLog(t, s, tt.logID())); diff != "" {
					t.Errorf("%s changed the audit log of %q; want no entry (-before +after):\n%s", tt.name, tt.logID(), diff)
				}
			})
		}
	})

	t.Run("Detail", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p")
		mustPutJourney(t, s, "p", GenerateJourney("resa", 5, "a"))
		ctx := journeys.WithAuditDetail(journeys.WithPrincipal(t.Context(), lead), "step.update", "resa", "s1")
		_, err := s.UpdateJourney(ctx, "p", "resa", journeys.Precondition{}, func(j *journeys.Journey) error {
			j.Steps[1].Title = "Nytt steg"
			return nil
		})
		if err != nil {
			t.Fatalf("UpdateJourney(%q) = %v; want nil error", "resa", err)
		}
		want := journeys.AuditEntry{Token: lead.TokenID, Project: "p", Action: "step.update", Objects: []string{"resa", "s1"}, Outcome: journeys.OutcomeOK}
		wantEntry(t, auditLog(t, s, "p")[0], want, "UpdateJourney with WithAuditDetail")
	})

	t.Run("RequestID", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p")
		ctx := journeys.WithRequestID(journeys.WithPrincipal(t.Context(), lead), "req-7f3a")
		mustNoError(t, putActor(auditActor)(ctx, s))
		want := journeys.AuditEntry{Token: lead.TokenID, Project: "p", Action: "actor.put", Objects: []string{auditActor.ID}, Outcome: journeys.OutcomeOK, RequestID: "req-7f3a"}
		wantEntry(t, auditLog(t, s, "p")[0], want, "PutActor in a request")

		refused := journeys.AuditEntry{Token: lead.TokenID, Project: "p", Action: "journey.put", Objects: []string{"resa"}, Outcome: string(journeys.Forbidden), RequestID: "req-8"}
		mustNoError(t, s.RecordAudit(t.Context(), &refused))
		refused.ID, refused.Time = "", time.Time{}
		wantEntry(t, auditLog(t, s, "p")[0], refused, "RecordAudit with a request id")

		// A request id that is not one (here a personal identity number) is never kept.
		bad := journeys.AuditEntry{Token: lead.TokenID, Project: "p", Action: "journey.put", Objects: []string{"resa"}, Outcome: string(journeys.Forbidden), RequestID: "19121212-1212"}
		mustNoError(t, s.RecordAudit(t.Context(), &bad))
		if got := auditLog(t, s, "p")[0].RequestID; got != "" {
			t.Errorf("RecordAudit(request id %q) stored request id %q; want none", bad.RequestID, got)
		}
	})

	t.Run("SurvivesDeleteProject", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		mustCreateProject(t, s, "p")
		mustPutActor(t, s, "p", journeys.Actor{ID: "vc", Name: "Vårdcentral", Sector: journeys.SectorRegion})
		if err := s.DeleteProject(ctx, "p"); err != nil {
			t.Fatalf("DeleteProject(%q) = %v; want nil error", "p", err)
		}
		want := []string{"project.delete:p", "actor.put:vc", "project.create:p"}
		if got := ids(auditLog(t, s, "p"), auditLabel); !slices.Equal(got, want) {
			t.Errorf("ListAudit(%q) after DeleteProject = %q; want %q", "p", got, want)
		}
		mustCreateProject(t, s, "p")
		want = append([]string{"project.create:p"}, want...)
		if got := ids(auditLog(t, s, "p"), auditLabel); !slices.Equal(got, want) {
			t.Errorf("ListAudit(%q) of the re-created project = %q; want %q", "p", got, want)
		}
		for _, id := range []string{"never", journeys.SystemAuditProject} {
			list, err := s.ListAudit(ctx, id, journeys.AuditFilter{}, journeys.Page{})
			if err != nil || len(list.Items) != 0 || list.Next != "" {
				t.Errorf("ListAudit(%q) with nothing recorded = %+v, %v; want an empty list", id, list, err)
			}
		}
	})

	t.Run("List", func(t *testing.T) { testListAudit(t, open) })
	t.Run("Bounded", func(t *testing.T) { testAuditBounds(t, open) })
	t.Run("Prune", func(t *testing.T) { testPruneAudit(t, open) })

	t.Run("NoEvidenceText", func(t *testing.T) {
		s := open(t)
		ctx := journeys.WithPrincipal(t.Context(), lead)
		mustCreateProject(t, s, "p")
		first, second := GenerateJourney("resa", 30, "a"), GenerateJourney("resa", 30, "b")
		src := journeys.Source{ID: "int-01", Kind: journeys.SourceInterview, ParticipantRole: journeys.RolePatient, Pseudonym: "Deltagare Sju"}
		secret := []string{src.Pseudonym, "Ändrat citat om väntan."}
		for _, j := range []*journeys.Journey{first, second} {
			for _, in := range j.Insights {
				secret = append(secret, in.Text)
			}
		}
		if _, _, err := s.PutSource(ctx, "p", &src); err != nil {
			t.Fatalf("PutSource(%q) = %v; want nil error", src.ID, err)
		}
		for _, j := range []*journeys.Journey{first, second} {
			if _, _, err := s.PutJourney(ctx, "p", j, journeys.Precondition{}); err != nil {
				t.Fatalf("PutJourney(%q) = %v; want nil error", j.ID, err)
			}
		}
		if _, err := s.UpdateJourney(ctx, "p", "resa", journeys.Precondition{}, func(j *journeys.Journey) error {
			j.Insights[0].Text = secret[1]
			return nil
		}); err != nil {
			t.Fatalf("UpdateJourney(%q) = %v; want nil error", "resa", err)
		}
		if err := s.DeleteJourney(ctx, "p", "resa", journeys.Precondition{}); err != nil {
			t.Fatalf("DeleteJourney(%q) = %v; want nil error", "resa", err)
		}
		entries := auditLog(t, s, "p")
		if len(entries) != 6 {
			t.Errorf("ListAudit(%q) = %d entries; want 6, one a write", "p", len(entries))
		}
		for _, e := range entries {
			data, err := json.Marshal(e)
			if err != nil {
				t.Fatal(err)
			}
			for _, text := range secret {
				if strings.Contains(string(data), text) {
					t.Errorf("audit entry %s holds evidence text %q; want ids only", data, text)
				}
			}
		}
	})

	t.Run("ConcurrentWrites", func(t *testing.T) {
		const n = 20
		s := open(t)
		mustCreateProject(t, s, "p")
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				actor := journeys.Actor{ID: fmt.Sprintf("a%02d", i), Name: "Aktör", Sector: journeys.SectorPrivate}
				if _, _, err := s.PutActor(t.Context(), "p", &actor); err != nil {
					t.Errorf("PutActor(%q) = %v; want nil error", actor.ID, err)
				}
			})
		}
		wg.Wait()
		entries := auditLog(t, s, "p")
		seen := map[string]bool{}
		for _, e := range entries {
			seen[e.ID] = true
		}
		if len(entries) != n+1 || len(seen) != n+1 {
			t.Errorf("ListAudit(%q) after %d concurrent writes = %d entries with %d distinct ids; want %d of each", "p", n, len(entries), len(seen), n+1)
		}
	})
}

// changingWrites are calls that change stored data, one at least for every write method
// of journeys.Store, each with the entry it must record.
func changingWrites() []auditCase {
	renamed := auditActor
	renamed.Name = "Vårdcentralen Centrum"
	return []auditCase{
		{name: "CreateProject", log: "q", action: "project.create", objects: []string{"q"},
			call: func(c context.Context, s journeys.Store) error {
				_, err := s.CreateProject(c, &journeys.Project{ID: "q", Name: "Projekt q"})
				return err
			}},
		{name: "UpdateProject", action: "project.update", objects: []string{"p"},
			call: func(c context.Context, s journeys.Store) error {
				_, err := s.UpdateProject(c, "p", func(p *journeys.Project) error { p.Name = "Nytt namn"; return nil })
				return err
			}},
		{name: "DeleteProject", action: "project.delete", objects: []string{"p"},
			call: func(c context.Context, s journeys.Store) error { return s.DeleteProject(c, "p") }},
		{name: "PutActorNew", action: "actor.put", objects: []string{"vc"}, call: putActor(auditActor)},
		{name: "PutActorChanged", setup: withActor, action: "actor.put", objects: []string{"vc"}, call: putActor(renamed)},
		{name: "DeleteActor", setup: withActor, action: "actor.delete", objects: []string{"vc"},
			call: func(c context.Context, s journeys.Store) error { return s.DeleteActor(c, "p", "vc") }},
		{name: "PutJourneyNew", action: "journey.put", objects: []string{"resa"}, call: putJourney(GenerateJourney("resa", 5, "a"), 0)},
		{name: "PutJourneyReplace", setup: withJourney, action: "journey.put", objects: []string{"resa"}, call: putJourney(GenerateJourney("resa", 5, "b"), 1)},
		{name: "PutJourneyRenamesCarriedActor", setup: withJourney, action: "journey.put", objects: []string{"resa"},
			call: func(c context.Context, s journeys.Store) error {
				j := GenerateJourney("resa", 5, "a")
				j.Actors[0].Name = "Regionpsykiatrin"
				return putJourney(j, 0)(c, s)
			}},
		{name: "UpdateJourney", setup: withJourney, action: "journey.update", objects: []string{"resa"},
			call: updateJourney(func(j *journeys.Journey) error { j.Title = "Ny titel"; return nil })},
		{name: "DeleteJourney", setup: withJourney, action: "journey.delete", objects: []string{"resa"},
			call: func(c context.Context, s journeys.Store) error {
				return s.DeleteJourney(c, "p", "resa", journeys.Precondition{IfVersion: 1})
			}},
		{name: "PutSource", action: "source.put", objects: []string{"int-01"}, call: putSource(auditSource)},
		{name: "DeleteSource", setup: withSource, action: "source.delete", objects: []string{"int-01"},
			call: func(c context.Context, s journeys.Store) error { return s.DeleteSource(c, "p", "int-01") }},
		{name: "PutSettings", action: "settings.put", objects: []string{}, call: putSettings(60)},
		{name: "PutTriage", action: "triage.put", objects: []string{fingerprintA}, call: putTriage(journeys.TriageConfirmed)},
		{name: "DeleteTriage", setup: withTriage, action: "triage.delete", objects: []string{fingerprintA},
			call: func(c context.Context, s journeys.Store) error { return s.DeleteTriage(c, "p", fingerprintA) }},
	}
}

// silentWrites are calls that must record nothing: writes of what is stored already,
// and writes the store refuses, which roll back with everything they did.
func silentWrites() []auditCase {
	invalid := GenerateJourney("resa", 5, "a")
	invalid.Steps[1].Actor = "ghost"
	return []auditCase{
		{name: "PutActorSame", setup: withActor, call: putActor(auditActor)},
		{name: "PutSourceSame", setup: withSource, call: putSource(auditSource)},
		{name: "PutTriageSame", setup: withTriage, call: putTriage(journeys.TriageConfirmed)},
		{name: "PutSettingsSame", setup: withSettings, call: putSettings(60)},
		{name: "PutJourneySame", setup: withJourney, call: putJourney(GenerateJourney("resa", 5, "a"), 1)},
		{name: "UpdateJourneyNoChange", setup: withJourney, call: updateJourney(func(*journeys.Journey) error { return nil })},
		{name: "UpdateProjectNoChange", call: func(c context.Context, s journeys.Store) error {
			_, err := s.UpdateProject(c, "p", func(*journeys.Project) error { return nil })
			return err
		}},
		{name: "CreateProjectConflict", code: journeys.Conflict, call: func(c context.Context, s journeys.Store) error {
			_, err := s.CreateProject(c, &journeys.Project{ID: "p", Name: "Igen"})
			return err
		}},
		{name: "CreateProjectInvalid", log: "q", code: journeys.Invalid, call: func(c context.Context, s journeys.Store) error {
			_, err := s.CreateProject(c, &journeys.Project{ID: "q"})
			return err
		}},
		{name: "UpdateProjectInvalid", code: journeys.Invalid, call: func(c context.Context, s journeys.Store) error {
			_, err := s.UpdateProject(c, "p", func(p *journeys.Project) error { p.Name = ""; return nil })
			return err
		}},
		{name: "DeleteProjectNotFound", log: "nope", code: journeys.NotFound,
			call: func(c context.Context, s journeys.Store) error { return s.DeleteProject(c, "nope") }},
		{name: "PutActorInvalid", code: journeys.Invalid, call: putActor(journeys.Actor{ID: "vc", Name: "VC", Sector: "moon"})},
		{name: "DeleteActorInUse", setup: withJourney, code: journeys.Conflict,
			call: func(c context.Context, s journeys.Store) error { return s.DeleteActor(c, "p", "reg") }},
		{name: "DeleteActorNotFound", code: journeys.NotFound,
			call: func(c context.Context, s journeys.Store) error { return s.DeleteActor(c, "p", "ghost") }},
		{name: "PutJourneyInvalid", code: journeys.Invalid, call: putJourney(invalid, 0)},
		{name: "PutJourneyStale", setup: withJourney, code: journeys.PreconditionFailed, call: putJourney(GenerateJourney("resa", 5, "b"), 7)},
		{name: "UpdateJourneyStale", setup: withJourney, code: journeys.PreconditionFailed,
			call: func(c context.Context, s journeys.Store) error {
				_, err := s.UpdateJourney(c, "p", "resa", journeys.Precondition{IfVersion: 7}, func(j *journeys.Journey) error { j.Title = "Ny"; return nil })
				return err
			}},
		{name: "UpdateJourneyInvalid", setup: withJourney, code: journeys.Invalid,
			call: updateJourney(func(j *journeys.Journey) error { j.Steps[0].Entry = false; return nil })},
		{name: "UpdateJourneyFnError", setup: withJourney, code: journeys.Internal,
			call: updateJourney(func(j *journeys.Journey) error { j.Title = "Halvvägs"; return fmt.Errorf("stop") })},
		{name: "DeleteJourneyStale", setup: withJourney, code: journeys.PreconditionFailed,
			call: func(c context.Context, s journeys.Store) error {
				return s.DeleteJourney(c, "p", "resa", journeys.Precondition{IfVersion: 7})
			}},
		{name: "PutSourceInvalid", code: journeys.Invalid, call: putSource(journeys.Source{ID: "int-01", Kind: "rumour"})},
		{name: "PutSettingsInvalid", code: journeys.Invalid, call: putSettings(-1)},
		{name: "PutTriageInvalid", code: journeys.Invalid, call: putTriage(journeys.TriageDismissed)},
		{name: "DeleteTriageNotFound", code: journeys.NotFound,
			call: func(c context.Context, s journeys.Store) error { return s.DeleteTriage(c, "p", fingerprintA) }},
	}
}

// The entities the audit cases write, and setups that store them in p beforehand.
var (
	auditActor  = journeys.Actor{ID: "vc", Name: "Vårdcentral", Sector: journeys.SectorRegion}
	auditSource = journeys.Source{ID: "int-01", Kind: journeys.SourceInterview}
)

func withActor(t *testing.T, s journeys.Store) {
	mustPutActor(t, s, "p", auditActor)
}

func withJourney(t *testing.T, s journeys.Store) {
	mustPutJourney(t, s, "p", GenerateJourney("resa", 5, "a"))
}

func withSource(t *testing.T, s journeys.Store) {
	mustNoError(t, putSource(auditSource)(t.Context(), s))
}

func withSettings(t *testing.T, s journeys.Store) {
	mustNoError(t, putSettings(60)(t.Context(), s))
}

func withTriage(t *testing.T, s journeys.Store) {
	mustNoError(t, putTriage(journeys.TriageConfirmed)(t.Context(), s))
}

// auditFixture opens a store with project p and what tt sets up, and returns it with
// the log tt watches as it stands before the call.
func auditFixture(t *testing.T, open opener, tt auditCase) (journeys.Backend, []journeys.AuditEntry) {
	t.Helper()
	s := open(t)
	mustCreateProject(t, s, "p")
	if tt.setup != nil {
		tt.setup(t, s)
	}
	return s, auditLog(t, s, tt.logID())
}

// logID is the project whose log c watches.
func (c auditCase) logID() string {
	if c.log == "" {
		return "p"
	}
	return c.log
}

func putActor(a journeys.Actor) func(context.Context, journeys.Store) error {
	return func(ctx context.Context, s journeys.Store) error { _, _, err := s.PutActor(ctx, "p", &a); return err }
}

func putSource(src journeys.Source) func(context.Context, journeys.Store) error {
	return func(ctx context.Context, s journeys.Store) error {
		_, _, err := s.PutSource(ctx, "p", &src)
		return err
	}
}

// putJourney writes j into p, on condition that it is at ifVersion when that is not 0.
func putJourney(j *journeys.Journey, ifVersion int64) func(context.Context, journeys.Store) error {
	return func(ctx context.Context, s journeys.Store) error {
		_, _, err := s.PutJourney(ctx, "p", j, journeys.Precondition{IfVersion: ifVersion})
		return err
	}
}

// updateJourney applies fn to journey resa of p.
func updateJourney(fn func(*journeys.Journey) error) func(context.Context, journeys.Store) error {
	return func(ctx context.Context, s journeys.Store) error {
		_, err := s.UpdateJourney(ctx, "p", "resa", journeys.Precondition{}, fn)
		return err
	}
}

// putSettings sets p's referral threshold to days, which must be positive to be valid.
func putSettings(days int) func(context.Context, journeys.Store) error {
	return func(ctx context.Context, s journeys.Store) error {
		in := journeys.DefaultSettings()
		in.LongWait.Handover[journeys.HandoverReferral] = days
		_, err := s.PutSettings(ctx, "p", &in)
		return err
	}
}

// putTriage records a decision about finding A of p, with no reason or note, which
// only a confirmation may lack.
func putTriage(status journeys.TriageStatus) func(context.Context, journeys.Store) error {
	return func(ctx context.Context, s journeys.Store) error {
		_, _, err := s.PutTriage(ctx, "p", &journeys.Triage{Fingerprint: fingerprintA, Status: status})
		return err
	}
}

// testListAudit checks ListAudit's order, pages and filters over a log written by two
// tokens, with one refused write recorded apart.
func testListAudit(t *testing.T, open opener) {
	s := open(t)
	asA := journeys.WithPrincipal(t.Context(), journeys.Principal{TokenID: "tok_a", Role: journeys.RoleAdmin})
	asB := journeys.WithPrincipal(t.Context(), journeys.Principal{TokenID: "tok_b", Role: journeys.RoleLead, Projects: []string{"p"}})
	if _, err := s.CreateProject(asA, &journeys.Project{ID: "p", Name: "Projekt"}); err != nil {
		t.Fatalf("CreateProject(%q) = %v; want nil error", "p", err)
	}
	for i := 1; i <= 5; i++ {
		ctx := asA
		if i%2 == 0 {
			ctx = asB
		}
		mustNoError(t, putActor(journeys.Actor{ID: fmt.Sprintf("a%d", i), Name: "Aktör", Sector: journeys.SectorPrivate})(ctx, s))
	}
	refused := &journeys.AuditEntry{Token: "tok_b", Project: "p", Action: "journey.delete", Objects: []string{"resa"}, Outcome: string(journeys.Forbidden)}
	if err := s.RecordAudit(t.Context(), refused); err != nil {
		t.Fatalf("RecordAudit(%+v) = %v; want nil error", refused, err)
	}

	all := auditLog(t, s, "p")
	wantEntry(t, all[0], journeys.AuditEntry{Token: "tok_b", Project: "p", Action: "journey.delete", Objects: []string{"resa"}, Outcome: string(journeys.Forbidden)}, "RecordAudit")
	timeOf := func(label string) time.Time {
		i := slices.IndexFunc(all, func(e journeys.AuditEntry) bool { return auditLabel(e) == label })
		if i < 0 {
			t.Fatalf("ListAudit(%q) has no %s", "p", label)
		}
		return all[i].Time
	}
	// matching returns the labels of the entries f passes, for filters on time, where
	// entries written in the same instant make the answer depend on the clock.
	matching := func(f journeys.AuditFilter) []string {
		var out []string
		for _, e := range all {
			if f.Match(&e) {
				out = append(out, auditLabel(e))
			}
		}
		return out
	}
	actorsNewestFirst := []string{"actor.put:a5", "actor.put:a4", "actor.put:a3", "actor.put:a2", "actor.put:a1"}
	for _, tt := range []struct {
		name   string
		filter journeys.AuditFilter
		want   []string
	}{
		{"All", journeys.AuditFilter{}, slices.Concat([]string{"journey.delete:resa"}, actorsNewestFirst, []string{"project.create:p"})},
		{"Token", journeys.AuditFilter{Token: "tok_b"}, []string{"journey.delete:resa", "actor.put:a4", "actor.put:a2"}},
		{"Action", journeys.AuditFilter{Action: "actor.put"}, actorsNewestFirst},
		{"Outcome", journeys.AuditFilter{Outcome: string(journeys.Forbidden)}, []string{"journey.delete:resa"}},
		{"TokenAndOutcome", journeys.AuditFilter{Token: "tok_a", Outcome: journeys.OutcomeOK}, []string{"actor.put:a5", "actor.put:a3", "actor.put:a1", "project.create:p"}},
		{"None", journeys.AuditFilter{Action: "journey.put"}, []string{}},
		{"Since", journeys.AuditFilter{Since: timeOf("actor.put:a3")}, matching(journeys.AuditFilter{Since: timeOf("actor.put:a3")})},
		{"Until", journeys.AuditFilter{Until: timeOf("actor.put:a3")}, matching(journeys.AuditFilter{Until: timeOf("actor.put:a3")})},
		{"SinceUntil", journeys.AuditFilter{Since: timeOf("actor.put:a2"), Until: timeOf("actor.put:a5"), Action: "actor.put"},
			matching(journeys.AuditFilter{Since: timeOf("actor.put:a2"), Until: timeOf("actor.put:a5"), Action: "actor.put"})},
	} {
		t.Run(tt.name, func(t *testing.T) {
			testPages(t, "ListAudit", tt.want, auditLabel, func(page journeys.Page) (*journeys.List[journeys.AuditEntry], error) {
				return s.ListAudit(t.Context(), "p", tt.filter, page)
			})
		})
	}
}

// testAuditBounds checks that an entry stays within journeys.MaxAuditObjects and
// journeys.MaxAuditTextBytes however it is made: by a write whose caller names many long
// objects, and by RecordAudit.
func testAuditBounds(t *testing.T, open opener) {
	s := open(t)
	mustCreateProject(t, s, "p")
	long := strings.Repeat("å", journeys.MaxAuditTextBytes) // two bytes a letter
	objects := []string{long}
	for i := range 56 {
		objects = append(objects, fmt.Sprintf("s%d", i))
	}
	clipped := strings.Repeat("å", (journeys.MaxAuditTextBytes-len("…"))/2) + "…"
	want := slices.Concat([]string{clipped}, objects[1:journeys.MaxAuditObjects-1], []string{"+38 more"})

	ctx := journeys.WithAuditDetail(journeys.WithPrincipal(t.Context(), lead), "step.update", objects...)
	mustNoError(t, putActor(auditActor)(ctx, s))
	wantEntry(t, auditLog(t, s, "p")[0], journeys.AuditEntry{Token: lead.TokenID, Project: "p", Action: "step.update", Objects: want, Outcome: journeys.OutcomeOK}, "PutActor with many long objects")

	action := "journey." + strings.Repeat("x", journeys.MaxAuditTextBytes)
	refused := &journeys.AuditEntry{Token: "tok_b", Project: "p", Action: action, Objects: objects, Outcome: long}
	if err := s.RecordAudit(t.Context(), refused); err != nil {
		t.Fatalf("RecordAudit(%d objects) = %v; want nil error", len(objects), err)
	}
	got := auditLog(t, s, "p")[0]
	wantEntry(t, got, journeys.AuditEntry{Token: "tok_b", Project: "p", Action: action[:journeys.MaxAuditTextBytes-len("…")] + "…", Objects: want, Outcome: clipped}, "RecordAudit with many long objects")
	if len(refused.Objects) != len(objects) {
		t.Errorf("RecordAudit changed its argument's objects to %d; want them as given", len(refused.Objects))
	}
}

// testPruneAudit checks that PruneAudit deletes exactly the entries stamped before its
// time, from every log (a live project's, a deleted one's and the system log), and that
// logging goes on after a log was emptied.
func testPruneAudit(t *testing.T, open opener) {
	s := open(t)
	ctx := journeys.WithPrincipal(t.Context(), lead)
	mustCreateProject(t, s, "p")
	mustCreateProject(t, s, "q")
	for i := range 4 {
		mustNoError(t, putActor(journeys.Actor{ID: fmt.Sprintf("a%d", i), Name: "Aktör", Sector: journeys.SectorPrivate})(ctx, s))
		if i == 1 {
			mustNoError(t, s.DeleteProject(ctx, "q"))
		}
	}
	mustNoError(t, s.RecordAudit(t.Context(), &journeys.AuditEntry{Token: "tok_a", Project: journeys.SystemAuditProject, Action: "token.create", Objects: []string{"tok_1"}, Outcome: journeys.OutcomeOK}))

	logs := []string{"p", "q", journeys.SystemAuditProject}
	var times []time.Time
	for _, id := range logs {
		for _, e := range auditLog(t, s, id) {
			times = append(times, e.Time)
		}
	}
	slices.SortFunc(times, time.Time.Compare)
	cut := times[len(times)/2]
	kept := func(id string, before time.Time) []string {
		var out []string
		for _, e := range auditLog(t, s, id) {
			if !e.Time.Before(before) {
				out = append(out, auditLabel(e))
			}
		}
		return out
	}
	want := map[string][]string{}
	wantRemoved := 0
	for _, id := range logs {
		want[id] = kept(id, cut)
		wantRemoved += len(auditLog(t, s, id)) - len(want[id])
	}
	if wantRemoved == 0 {
		t.Fatalf("all %d entries share the time %v; want a clock that tells writes apart", len(times), cut)
	}

	removed, err := s.PruneAudit(t.Context(), cut)
	if err != nil || removed != wantRemoved {
		t.Fatalf("PruneAudit(%v) = %d, %v; want %d, nil", cut, removed, err, wantRemoved)
	}
	for _, id := range logs {
		if got := ids(auditLog(t, s, id), auditLabel); !slices.Equal(got, want[id]) {
			t.Errorf("ListAudit(%q) after PruneAudit = %q; want %q", id, got, want[id])
		}
	}
	if removed, err := s.PruneAudit(t.Context(), cut); err != nil || removed != 0 {
		t.Errorf("PruneAudit(%v) again = %d, %v; want 0, nil", cut, removed, err)
	}

	end := times[len(times)-1].Add(time.Nanosecond)
	if removed, err := s.PruneAudit(t.Context(), end); err != nil || removed != len(times)-wantRemoved {
		t.Errorf("PruneAudit(%v) = %d, %v; want the other %d, nil", end, removed, err, len(times)-wantRemoved)
	}
	for _, id := range logs {
		if got := auditLog(t, s, id); len(got) != 0 {
			t.Errorf("ListAudit(%q) after pruning everything = %d entries; want none", id, len(got))
		}
	}
	mustNoError(t, putActor(auditActor)(ctx, s))
	if got := ids(auditLog(t, s, "p"), auditLabel); !slices.Equal(got, []string{"actor.put:vc"}) {
		t.Errorf("ListAudit(%q) after a write into a pruned log = %q; want the write", "p", got)
	}
}

// auditLog returns the whole audit log of projectID, newest first, page by page.
func auditLog(t *testing.T, s journeys.AccessStore, projectID string) []journeys.AuditEntry {
	t.Helper()
	out := []journeys.AuditEntry{}
	page := journeys.Page{Limit: journeys.MaxLimit}
	for {
		list, err := s.ListAudit(t.Context(), projectID, journeys.AuditFilter{}, page)
		if err != nil {
			t.Fatalf("ListAudit(%q, %+v) = %v; want nil error", projectID, page, err)
		}
		out = append(out, list.Items...)
		if list.Next == "" {
			return out
		}
		page.Cursor = list.Next
	}
}

// wantEntry fails t unless got is want with an id and a time of its own.
func wantEntry(t *testing.T, got, want journeys.AuditEntry, call string) {
	t.Helper()
	if got.ID == "" || got.Time.IsZero() {
		t.Errorf("%s recorded id %q at %v; want an id and a time", call, got.ID, got.Time)
	}
	got.ID, got.Time = "", time.Time{}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s audit entry mismatch (-want +got):\n%s", call, diff)
	}
}

// auditLabel names an entry by its action and objects, which is what tests know of it
// before it is written.
func auditLabel(e journeys.AuditEntry) string {
	return e.Action + ":" + strings.Join(e.Objects, ",")
}

// mustNoError fails the test at once when a setup call fails.
func mustNoError(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("setup = %v; want nil error", err)
	}
}
