package api_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/glapp/glapp/api"
	"github.com/glapp/glapp/graph/embedded"
	"github.com/glapp/glapp/imports"
	"github.com/glapp/glapp/journeys"
)

// testAPI is the API over a fresh embedded store, with its log captured.
type testAPI struct {
	h     http.Handler
	store *embedded.Store
	logs  *bytes.Buffer
}

func newTestAPI(t *testing.T, cfg api.Config) *testAPI {
	t.Helper()
	s, err := embedded.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	logs := &bytes.Buffer{}
	cfg.Logger = slog.New(slog.NewTextHandler(logs, nil))
	return &testAPI{h: newHandler(t, s, cfg), store: s, logs: logs}
}

// do sends a request as admin; headers come in name, value pairs.
func (a *testAPI) do(method, path string, body io.Reader, headers ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, body)
	req.Header.Set("Authorization", "Bearer secret")
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	rec := httptest.NewRecorder()
	a.h.ServeHTTP(rec, req)
	return rec
}

func (a *testAPI) must(t *testing.T, want int, method, path, body string, headers ...string) *httptest.ResponseRecorder {
	t.Helper()
	rec := a.do(method, path, strings.NewReader(body), headers...)
	if rec.Code != want {
		t.Fatalf("%s %s = %d; want %d\n%s", method, path, rec.Code, want, rec.Body)
	}
	return rec
}

// wantProblem checks the answer's status and code and returns its violations' pointers.
func wantProblem(t *testing.T, rec *httptest.ResponseRecorder, status int, code journeys.Code) []string {
	t.Helper()
	if rec.Code != status {
		t.Fatalf("status = %d; want %d\n%s", rec.Code, status, rec.Body)
	}
	p := decodeProblem(t, rec)
	if p.Code != code {
		t.Fatalf("code = %s; want %s", p.Code, code)
	}
	var out []string
	for _, v := range p.Errors {
		out = append(out, v.Pointer+v.Parameter)
	}
	return out
}

// withJourney creates project p with the spec's example journey and one imported piece of
// evidence, and returns the journey's ETag and the evidence id.
func withJourney(t *testing.T, a *testAPI) (etag, evidenceID string) {
	t.Helper()
	a.must(t, http.StatusCreated, "POST", "/api/v1/projects", `{"id":"p","name":"Projekt"}`)
	doc, err := os.ReadFile("../journeys/testdata/spec-example.json")
	if err != nil {
		t.Fatal(err)
	}
	rec := a.must(t, http.StatusCreated, "PUT", "/api/v1/projects/p/journeys/adult-addiction-as-is", string(doc))
	evidenceID = journeys.EvidenceID("csv:1")
	_, err = a.store.ImportEvidence(t.Context(), "p", "", func(_ func(*journeys.Source) error, record func(*journeys.Evidence) error) error {
		return record(&journeys.Evidence{ID: evidenceID, Origin: "csv:1", Text: "Ingen ringde tillbaka.", Kind: journeys.InsightQuote, About: []string{}})
	})
	if err != nil {
		t.Fatal(err)
	}
	// The ETag of a read names everything that feeds the journey, so an unchanged one
	// after the refused writes says that none of them changed anything.
	rec = a.must(t, http.StatusOK, "GET", "/api/v1/projects/p/journeys/adult-addiction-as-is", "")
	return rec.Header().Get("ETag"), evidenceID
}

// TestEveryBodyIsReadStrictly sends each kind of body (create, replace, merge patch of a
// project, a journey element and evidence) with trailing data, a member named twice and
// text that is not UTF-8: each is refused with a pointer where there is a place to point
// at, and nothing changes.
func TestEveryBodyIsReadStrictly(t *testing.T) {
	a := newTestAPI(t, api.Config{})
	etag, ev := withJourney(t, a)
	step := "/api/v1/projects/p/journeys/adult-addiction-as-is/steps/s1"
	routes := []struct{ method, path, valid string }{
		{"POST", "/api/v1/projects", `{"id":"q","name":"Q"}`},
		{"PATCH", "/api/v1/projects/p", `{"name":"Nytt"}`},
		{"PATCH", step, `{"title":"Nytt"}`},
		{"PATCH", "/api/v1/projects/p/evidence/" + ev, `{"status":"validated"}`},
	}
	for _, r := range routes {
		member := r.valid[2 : strings.Index(r.valid[2:], `"`)+2]
		bodies := []struct {
			name, body, pointer string
		}{
			{"TrailingData", r.valid + ` {"` + member + `":"b"} junk`, ""},
			{"DuplicateMember", strings.TrimSuffix(r.valid, "}") + `,"` + member + `":"b"}`, "/" + member},
			{"DuplicateMemberByCase", strings.TrimSuffix(r.valid, "}") + `,"` + strings.ToUpper(member[:1]) + member[1:] + `":"b"}`, "/" + strings.ToUpper(member[:1]) + member[1:]},
			{"InvalidUTF8", strings.Replace(r.valid, `":"`, "\":\"\xff", 1), "/" + member},
		}
		for _, b := range bodies {
			t.Run(r.method+" "+r.path+"/"+b.name, func(t *testing.T) {
				rec := a.do(r.method, r.path, strings.NewReader(b.body), "If-Match", etag)
				pointers := wantProblem(t, rec, http.StatusBadRequest, journeys.Invalid)
				if b.pointer != "" && (len(pointers) != 1 || pointers[0] != b.pointer) {
					t.Errorf("pointers = %v; want [%s]", pointers, b.pointer)
				}
			})
		}
	}
	if rec := a.must(t, http.StatusOK, "GET", "/api/v1/projects/p", ""); !strings.Contains(rec.Body.String(), `"name":"Projekt"`) {
		t.Errorf("the project changed: %s", rec.Body)
	}
	a.must(t, http.StatusNotFound, "GET", "/api/v1/projects/q", "")
	if rec := a.must(t, http.StatusOK, "GET", "/api/v1/projects/p/journeys/adult-addiction-as-is", ""); rec.Header().Get("ETag") != etag {
		t.Errorf("the journey changed: ETag %s; want %s", rec.Header().Get("ETag"), etag)
	}
	if rec := a.must(t, http.StatusOK, "GET", "/api/v1/projects/p/evidence/"+ev, ""); strings.Contains(rec.Body.String(), "validated") {
		t.Errorf("the evidence changed: %s", rec.Body)
	}
}

// unreadable is a body that must not be read: the test fails if it is.
type unreadable struct{ t *testing.T }

func (u unreadable) Read([]byte) (int, error) {
	u.t.Error("the body was read; want it refused from its Content-Length alone")
	return 0, errors.New("unreadable")
}

func TestAnnouncedTooLargeIsRefusedUnread(t *testing.T) {
	const maxBody, maxImport = 1000, 5000
	a := newTestAPI(t, api.Config{MaxBodyBytes: maxBody, MaxImportBytes: maxImport})
	a.must(t, http.StatusCreated, "POST", "/api/v1/projects", `{"id":"p","name":"Projekt"}`)
	tests := []struct {
		name, method, path, contentType string
		length, limit                   int64
	}{
		{"JSON", "POST", "/api/v1/projects", "application/json", maxBody + 1, maxBody},
		{"MergePatch", "PATCH", "/api/v1/projects/p", "application/merge-patch+json", maxBody + 1, maxBody},
		{"Import", "POST", "/api/v1/projects/p/imports?format=csv", "text/csv", maxImport + 1, maxImport},
		{"Webhook", "POST", "/api/v1/projects/p/webhooks/w", "application/json", maxBody + 1, maxBody},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, tt.path, unreadable{t})
			req.ContentLength = tt.length
			req.Header.Set("Authorization", "Bearer secret")
			req.Header.Set("Content-Type", tt.contentType)
			rec := httptest.NewRecorder()
			a.h.ServeHTTP(rec, req)
			wantProblem(t, rec, http.StatusRequestEntityTooLarge, "TOO_LARGE")
			if p := decodeProblem(t, rec); !strings.Contains(p.Detail, strconv.FormatInt(tt.limit, 10)) {
				t.Errorf("detail %q does not name the limit %d", p.Detail, tt.limit)
			}
		})
	}
}

// blockingImport starts an import into project p that holds the project until release is
// called (or the test ends).
func blockingImport(t *testing.T, s *embedded.Store) (release func()) {
	t.Helper()
	started, stop, done := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	go func() {
		_, err := s.ImportEvidence(context.Background(), "p", "", func(_ func(*journeys.Source) error, record func(*journeys.Evidence) error) error {
			close(started)
			<-stop
			return nil
		})
		done <- err
	}()
	<-started
	var once bool
	release = func() {
		if !once {
			once = true
			close(stop)
			if err := <-done; err != nil {
				t.Error(err)
			}
		}
	}
	t.Cleanup(release)
	return release
}

// TestImportRunningAnswers409 checks that a second import, and edits of evidence, while an
// import holds the project answer 409 with Retry-After (the store is up), not 503.
func TestImportRunningAnswers409(t *testing.T) {
	a := newTestAPI(t, api.Config{})
	_, ev := withJourney(t, a)
	release := blockingImport(t, a.store)
	for _, r := range []struct{ method, path, contentType, body string }{
		{"POST", `/api/v1/projects/p/imports?format=csv&options={"csv":{"text":"text"}}`, "text/csv", "text\nIngen ringde.\n"},
		{"PATCH", "/api/v1/projects/p/evidence/" + ev, "application/json", `{"status":"validated"}`},
		{"DELETE", "/api/v1/projects/p/evidence/" + ev, "", ""},
	} {
		t.Run(r.method, func(t *testing.T) {
			rec := a.do(r.method, r.path, strings.NewReader(r.body), "Content-Type", r.contentType)
			wantProblem(t, rec, http.StatusConflict, journeys.Conflict)
			if rec.Header().Get("Retry-After") == "" {
				t.Error("no Retry-After header")
			}
		})
	}
	release()
	a.must(t, http.StatusOK, "PATCH", "/api/v1/projects/p/evidence/"+ev, `{"status":"validated"}`)
}

// spoolWatch is a store that looks for the upload's spool file on disk while an
// import runs.
type spoolWatch struct {
	journeys.Backend
	t     *testing.T
	found []string
}

func (w *spoolWatch) ImportEvidence(ctx context.Context, projectID, key string, produce journeys.EvidenceProducer) (*journeys.ImportCounts, error) {
	names, err := filepath.Glob(filepath.Join(os.TempDir(), imports.SpoolPrefix+"*"))
	if err != nil {
		w.t.Fatal(err)
	}
	w.found = append(w.found, names...)
	return w.Backend.ImportEvidence(ctx, projectID, key, produce)
}

// TestUploadIsNotOnDiskDuringImport checks that an upload's unredacted text has no name on
// disk while it is imported, so that a crash cannot leave it behind.
func TestUploadIsNotOnDiskDuringImport(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	s, err := embedded.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	watch := &spoolWatch{Backend: s, t: t}
	a := &testAPI{h: newHandler(t, watch, api.Config{}), store: s}
	a.must(t, http.StatusCreated, "POST", "/api/v1/projects", `{"id":"p","name":"Projekt"}`)
	a.must(t, http.StatusOK, "POST", `/api/v1/projects/p/imports?format=csv&options={"csv":{"text":"text"}}`,
		"text\nRing mig på 070-123 45 67.\n", "Content-Type", "text/csv")
	if len(watch.found) != 0 {
		t.Errorf("during the import the upload was on disk as %v; want it unlinked", watch.found)
	}
}

// cancelledStore answers as a store does when the request's context ends first.
type cancelledStore struct {
	journeys.Backend
	cause error
}

func (s cancelledStore) ListProjects(context.Context, journeys.Page) (*journeys.List[journeys.Project], error) {
	return nil, journeys.Wrap(journeys.Unavailable, s.cause, "The request was cancelled or timed out before the database answered.")
}

func TestClientThatHangsUpIsNotAnError(t *testing.T) {
	t.Run("Canceled", func(t *testing.T) {
		var logs bytes.Buffer
		h := newHandler(t, cancelledStore{cause: context.Canceled}, api.Config{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		req := httptest.NewRequest("GET", "/api/v1/projects", nil).WithContext(ctx)
		req.Header.Set("Authorization", "Bearer secret")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 499 {
			t.Errorf("status = %d; want 499 (client closed request)", rec.Code)
		}
		if !strings.Contains(logs.String(), "level=INFO msg=request") || !strings.Contains(logs.String(), "status=499") || strings.Contains(logs.String(), "level=ERROR") {
			t.Errorf("log = %s; want one INFO request line with status 499 and no ERROR", logs.String())
		}
	})
	t.Run("DeadlineExceeded", func(t *testing.T) {
		rec, logs := serve(t, cancelledStore{cause: context.DeadlineExceeded}, "GET", "/api/v1/projects")
		wantProblem(t, rec, http.StatusServiceUnavailable, journeys.Unavailable)
		if !strings.Contains(logs, "level=ERROR") {
			t.Errorf("log = %s; want an ERROR line for a deadline that ran out in the server", logs)
		}
	})
}
