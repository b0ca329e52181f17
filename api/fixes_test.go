package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/glapp/glapp/api"
	"github.com/glapp/glapp/internal/stress"
	"github.com/glapp/glapp/journeys"
)

// hangUp is a response writer whose client hangs up as soon as the first bytes of the
// body reach it.
type hangUp struct {
	*httptest.ResponseRecorder
	cancel context.CancelFunc
}

func (h hangUp) Write(b []byte) (int, error) {
	h.cancel()
	return h.ResponseRecorder.Write(b)
}

// TestStreamedReport_HangUpMidStream checks that a client that hangs up while the project
// report streams gets no problem body spliced into the JSON, and that the request log shows
// the status that was sent, at INFO, with no ERROR.
func TestStreamedReport_HangUpMidStream(t *testing.T) {
	a := newTestAPI(t, api.Config{})
	a.must(t, http.StatusCreated, "POST", "/api/v1/projects", `{"id":"p","name":"Stor"}`)
	for id, actor := range stress.Actors {
		a.must(t, http.StatusCreated, "PUT", "/api/v1/projects/p/actors/"+id, mustJSON(t, actor))
	}
	a.must(t, http.StatusCreated, "PUT", "/api/v1/projects/p/journeys/chain", mustJSON(t, stress.Chain(300)))

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req := httptest.NewRequest("GET", "/api/v1/projects/p/gaps", nil).WithContext(ctx)
	req.Header.Set("Authorization", "Bearer secret")
	rec := hangUp{ResponseRecorder: httptest.NewRecorder(), cancel: cancel}
	a.logs.Reset()
	a.h.ServeHTTP(rec, req)

	if rec.Code != http.StatusOK {
		t.Errorf("status = %d; want the 200 that was sent", rec.Code)
	}
	if rec.Body.Len() == 0 {
		t.Fatal("nothing was streamed before the hang-up; the test does not reach the case")
	}
	if body := rec.Body.String(); strings.Contains(body, "urn:glapp:problem") || strings.Contains(body, "CLIENT_CLOSED") {
		t.Errorf("a problem was written into the streamed report: …%s", body[max(0, len(body)-300):])
	}
	logs := a.logs.String()
	if strings.Contains(logs, "level=ERROR") || !strings.Contains(logs, "level=INFO msg=request") || !strings.Contains(logs, "status=200") {
		t.Errorf("log = %s; want one INFO request line with the status sent and no ERROR", logs)
	}
}

// TestImport_SpoolFailureIsInternal checks that an upload that cannot be stored for
// reading (no room in the temporary directory) answers 500, not 400: the client's file
// was fine.
func TestImport_SpoolFailureIsInternal(t *testing.T) {
	t.Setenv("TMPDIR", filepath.Join(t.TempDir(), "missing"))
	a := newTestAPI(t, api.Config{})
	a.must(t, http.StatusCreated, "POST", "/api/v1/projects", `{"id":"p","name":"Projekt"}`)
	rec := a.do("POST", `/api/v1/projects/p/imports?format=csv&options={"csv":{"text":"text"}}`, strings.NewReader("text\nIngen ringde.\n"), "Content-Type", "text/csv")
	wantProblem(t, rec, http.StatusInternalServerError, journeys.Internal)
	if !strings.Contains(a.logs.String(), "level=ERROR") || !strings.Contains(a.logs.String(), "missing") {
		t.Errorf("log = %s; want an ERROR naming why the spool file could not be made", a.logs.String())
	}
}

// cancelledWrites answers every project write as a store does when the client hung up.
type cancelledWrites struct {
	journeys.Backend
}

func (s cancelledWrites) UpdateProject(context.Context, string, func(*journeys.Project) error) (*journeys.Project, error) {
	return nil, journeys.Wrap(journeys.Unavailable, context.Canceled, "The request was cancelled before the database answered.")
}

// TestAudit_HangUpIsNotARefusal checks that a write whose client hung up (499) is not
// recorded as a refused write, while a refused write is.
func TestAudit_HangUpIsNotARefusal(t *testing.T) {
	a := newTestAPI(t, api.Config{})
	a.must(t, http.StatusCreated, "POST", "/api/v1/projects", `{"id":"p","name":"Projekt"}`)
	h := newHandler(t, cancelledWrites{a.store}, api.Config{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequest("PATCH", "/api/v1/projects/p", strings.NewReader(`{"name":"Nytt"}`)).WithContext(ctx)
	req.Header.Set("Authorization", "Bearer secret")
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != 499 {
		t.Fatalf("status = %d; want 499", rec.Code)
	}
	a.must(t, http.StatusBadRequest, "PATCH", "/api/v1/projects/p", `{"name":""}`)
	body := a.must(t, http.StatusOK, "GET", "/api/v1/projects/p/audit?action=project.update", "").Body.String()
	if strings.Contains(body, "CLIENT_CLOSED") {
		t.Errorf("the hang-up was audited as a refused write: %s", body)
	}
	if !strings.Contains(body, `"outcome":"INVALID"`) {
		t.Errorf("the refused write is not in the audit log: %s", body)
	}
}

// mustJSON is v as JSON text.
func mustJSON(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
