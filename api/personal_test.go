package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/api"
	"github.com/glapp/glapp/journeys"
)

// memoryStore keeps what the handlers under test write, and validates as a store does.
type memoryStore struct {
	journeys.Store
	projects map[string]journeys.Project
	actors   []journeys.Actor
}

func (s *memoryStore) CreateProject(_ context.Context, p *journeys.Project) (*journeys.Project, error) {
	if v := p.Validate(); len(v) > 0 {
		return nil, journeys.InvalidError("The project is not valid; nothing was stored.", v)
	}
	s.projects[p.ID] = *p
	return p, nil
}

func (s *memoryStore) GetProject(_ context.Context, id string) (*journeys.Project, error) {
	if strings.HasPrefix(id, "panic") {
		panic(fmt.Sprintf("a bug while reading %s for anna@example.se", id))
	}
	p, ok := s.projects[id]
	if !ok {
		return nil, journeys.ProjectNotFound(id)
	}
	return &p, nil
}

func (s *memoryStore) PutActor(_ context.Context, _ string, a *journeys.Actor) (*journeys.Actor, bool, error) {
	s.actors = append(s.actors, *a)
	return a, true, nil
}

// auditRecorder keeps the refused writes the API records.
type auditRecorder struct {
	journeys.AccessStore
	entries []journeys.AuditEntry
}

func (a *auditRecorder) RecordAudit(_ context.Context, e *journeys.AuditEntry) error {
	a.entries = append(a.entries, *e)
	return nil
}

// personalBackend serves projects from a memoryStore and records refusals in an
// auditRecorder; it keeps no evidence.
type personalBackend struct {
	*memoryStore
	*auditRecorder
	journeys.EvidenceStore
	journeys.ProposalStore
	journeys.GoalStore
	journeys.NeedStore
	journeys.HistoryStore
}

type personalFixture struct {
	store *memoryStore
	audit *auditRecorder
	logs  bytes.Buffer
	h     http.Handler
}

func newPersonalFixture(t *testing.T) *personalFixture {
	t.Helper()
	f := &personalFixture{store: &memoryStore{projects: map[string]journeys.Project{"p": {ID: "p", Name: "P"}}}, audit: &auditRecorder{}}
	h, err := api.NewServer(api.Config{Store: personalBackend{memoryStore: f.store, auditRecorder: f.audit}, AdminToken: "secret", Logger: slog.New(slog.NewTextHandler(&f.logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	f.h = h
	return f
}

func (f *personalFixture) call(method, path, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer secret")
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	rec := httptest.NewRecorder()
	f.h.ServeHTTP(rec, req)
	return rec
}

// personalData matches every form of the personal data these tests send.
var personalData = regexp.MustCompile(`19121212-?1212|121212-?1212|anna@example\.se|070-?123 ?45 ?67|0701234567`)

func TestWritesAreRedactedAndSayWhat(t *testing.T) {
	f := newPersonalFixture(t)
	rec := f.call("POST", "/api/v1/projects", `{"id":"q","name":"Ring 070-123 45 67","description":"Pnr 19121212-1212, mejla anna@example.se eller 19121212-1212"}`)
	if rec.Code != http.StatusCreated {
		t.Fatalf("POST /projects = %d %s", rec.Code, rec.Body)
	}
	if got, want := rec.Header().Get("Glapp-Redacted"), "E-POST=1, PNR=2, TELEFON=1"; got != want {
		t.Errorf("Glapp-Redacted = %q; want %q", got, want)
	}
	p := f.store.projects["q"]
	if p.Name != "Ring [TELEFON]" || p.Description != "Pnr [PNR], mejla [E-POST] eller [PNR]" {
		t.Errorf("stored project = %+v", p)
	}
	if m := personalData.FindString(rec.Body.String()); m != "" {
		t.Errorf("the answer holds %q: %s", m, rec.Body)
	}

	// A text that is only a marker after redaction is still valid, and nothing redacted
	// means no header.
	rec = f.call("PUT", "/api/v1/projects/p/actors/a1", `{"name":"19121212-1212","sector":"region"}`)
	if rec.Code != http.StatusCreated || rec.Header().Get("Glapp-Redacted") != "PNR=1" {
		t.Fatalf("PUT actor = %d %q %s", rec.Code, rec.Header().Get("Glapp-Redacted"), rec.Body)
	}
	rec = f.call("POST", "/api/v1/projects", `{"id":"r","name":"Samverkan 2026-03-14"}`)
	if _, ok := rec.Header()["Glapp-Redacted"]; rec.Code != http.StatusCreated || ok {
		t.Errorf("a write without personal data = %d with Glapp-Redacted %q; want 201 without the header", rec.Code, rec.Header().Get("Glapp-Redacted"))
	}
}

// TestActorContactIsRedacted: an actor's contact is a role to ask for; a contact that is a
// person's e-mail or phone is not stored, the redaction leaves only its marker.
func TestActorContactIsRedacted(t *testing.T) {
	f := newPersonalFixture(t)
	for i, contact := range []string{"anna@example.se", "070-123 45 67"} {
		id := fmt.Sprintf("a%d", i)
		rec := f.call("PUT", "/api/v1/projects/p/actors/"+id, `{"name":"Socialtjänst","sector":"municipality","contact":"`+contact+`"}`)
		if rec.Code != http.StatusCreated || rec.Header().Get("Glapp-Redacted") == "" {
			t.Fatalf("PUT actor with contact %q = %d %q %s; want 201 saying what was redacted", contact, rec.Code, rec.Header().Get("Glapp-Redacted"), rec.Body)
		}
		stored := f.store.actors[len(f.store.actors)-1]
		if personalData.MatchString(stored.Contact) || !strings.HasPrefix(stored.Contact, "[") {
			t.Errorf("stored contact = %q; want only the redaction's marker", stored.Contact)
		}
		if m := personalData.FindString(rec.Body.String() + f.logs.String()); m != "" {
			t.Errorf("the answer or log holds %q", m)
		}
	}
	rec := f.call("PUT", "/api/v1/projects/p/actors/a9", `{"name":"Socialtjänst","sector":"municipality","contact":"enhetschef vuxenenheten"}`)
	if rec.Code != http.StatusCreated || f.store.actors[len(f.store.actors)-1].Contact != "enhetschef vuxenenheten" {
		t.Errorf("PUT actor with a role as contact = %d %s; want it stored as written", rec.Code, rec.Body)
	}
}

func TestBodyIDWithPersonalDataIsRefused(t *testing.T) {
	f := newPersonalFixture(t)
	rec := f.call("POST", "/api/v1/projects", `{"id":"19121212-1212","name":"P"}`)
	p := decodeProblem(t, rec)
	if rec.Code != http.StatusBadRequest || len(p.Errors) != 1 || p.Errors[0].Pointer != "/id" || !strings.Contains(p.Errors[0].Detail, "personal data") {
		t.Fatalf("POST /projects with a personal number as id = %d %+v; want 400 at /id", rec.Code, p)
	}
	if rec.Header().Get("Glapp-Redacted") != "PNR=1" || len(f.store.projects) != 1 {
		t.Errorf("Glapp-Redacted %q, projects %v", rec.Header().Get("Glapp-Redacted"), f.store.projects)
	}
	if m := personalData.FindString(rec.Body.String() + f.logs.String()); m != "" {
		t.Errorf("the answer or log holds %q", m)
	}
}

func TestPathIDWithPersonalDataIsRefused(t *testing.T) {
	for _, id := range []string{"19121212-1212", "191212121212", "anna@example.se", "0701234567"} {
		f := newPersonalFixture(t)
		rec := f.call("PUT", "/api/v1/projects/p/actors/"+id, `{"name":"A","sector":"region"}`)
		p := decodeProblem(t, rec)
		if rec.Code != http.StatusBadRequest || len(p.Errors) != 1 || p.Errors[0].Parameter != "actorId" || !strings.Contains(p.Errors[0].Detail, "personal data") {
			t.Fatalf("PUT actors/%s = %d %+v; want 400 naming actorId", id, rec.Code, p)
		}
		if len(f.store.actors) != 0 {
			t.Errorf("PUT actors/%s stored %v", id, f.store.actors)
		}
		// The refusal is audited with the id as a short hash.
		if len(f.audit.entries) != 1 {
			t.Fatalf("audit entries = %+v; want the refusal", f.audit.entries)
		}
		e := f.audit.entries[0]
		if e.Action != "actor.put" || e.Outcome != "INVALID" || len(e.Objects) != 1 || !regexp.MustCompile(`^#[0-9a-f]{12}$`).MatchString(e.Objects[0]) {
			t.Errorf("audit entry = %+v; want actor.put INVALID with a hashed object", e)
		}
		all, _ := json.Marshal(e)
		if m := personalData.FindString(string(all) + rec.Body.String() + f.logs.String()); m != "" {
			t.Errorf("PUT actors/%s: audit, answer or log holds %q\n%s", id, m, f.logs.String())
		}
		if !strings.Contains(f.logs.String(), "path=/api/v1/projects/p/actors/#") {
			t.Errorf("the log does not show the route with a hashed id:\n%s", f.logs.String())
		}
	}
}

func TestProjectIDWithPersonalDataIsNotAudited(t *testing.T) {
	f := newPersonalFixture(t)
	rec := f.call("PUT", "/api/v1/projects/19121212-1212/actors/a1", `{"name":"A","sector":"region"}`)
	if p := decodeProblem(t, rec); rec.Code != http.StatusBadRequest || p.Errors[0].Parameter != "projectId" {
		t.Fatalf("PUT with a personal number as project id = %d %+v", rec.Code, p)
	}
	if len(f.audit.entries) != 0 {
		t.Errorf("audit entries = %+v; want none: no such project can exist", f.audit.entries)
	}
	if m := personalData.FindString(rec.Body.String() + f.logs.String()); m != "" {
		t.Errorf("the answer or log holds %q", m)
	}
}

func TestLogHoldsNoRequestInput(t *testing.T) {
	f := newPersonalFixture(t)
	f.call("GET", "/api/v1/projects/panic-1?q=19121212-1212", "")      // a panic quoting input
	f.call("GET", "/api/v1/nothing/19121212-1212/anna@example.se", "") // no route
	f.call("GET", "/ui/19121212-1212", "")                             // a file path
	f.call("POST", "/api/v1/projects", `{"id":"s","name":"anna@example.se"}`)
	logs := f.logs.String()
	if m := personalData.FindString(logs); m != "" {
		t.Errorf("the log holds %q:\n%s", m, logs)
	}
	for _, want := range []string{"a bug while reading panic-1 for [E-POST]", "path=/api/v1/nothing/[PNR]/[E-POST]", "path=/ui/[PNR]"} {
		if !strings.Contains(logs, want) {
			t.Errorf("the log lacks %q:\n%s", want, logs)
		}
	}
}

// TestEveryPathParameterIsChecked makes a new route's parameter either an id (checked by
// the API before anything runs) or a catch-all file path.
func TestEveryPathParameterIsChecked(t *testing.T) {
	h, err := api.NewServer(api.Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range h.(*gin.Engine).Routes() {
		for _, seg := range strings.Split(r.Path, "/") {
			if strings.HasPrefix(seg, ":") && seg != ":fingerprint" && !strings.HasSuffix(seg, "Id") {
				t.Errorf("%s %s: parameter %s is neither an id (…Id) nor a fingerprint, so it is not checked for personal data", r.Method, r.Path, seg)
			}
		}
	}
}
