package api_test

import (
	"context"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/glapp/glapp/api"
	"github.com/glapp/glapp/graph/embedded"
	"github.com/glapp/glapp/journeys"
)

// TestBackup checks the backup route: an admin gets the whole database file, sized and
// named, which opens as a store holding what was written; another role is refused; a
// store that cannot back itself up answers its refusal as a problem, without the file's
// headers.
func TestBackup(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		a := newTestAPI(t, api.Config{})
		a.must(t, http.StatusCreated, "POST", "/api/v1/projects", `{"id":"p","name":"Projekt"}`)
		rec := a.must(t, http.StatusOK, "GET", "/api/v1/backup", "")
		if ct := rec.Header().Get("Content-Type"); ct != "application/octet-stream" {
			t.Errorf("Content-Type = %q; want application/octet-stream", ct)
		}
		if n, err := strconv.Atoi(rec.Header().Get("Content-Length")); err != nil || n != rec.Body.Len() {
			t.Errorf("Content-Length = %q; want the %d bytes sent", rec.Header().Get("Content-Length"), rec.Body.Len())
		}
		_, params, err := mime.ParseMediaType(rec.Header().Get("Content-Disposition"))
		if !regexp.MustCompile(`^glapp-\d{8}T\d{6}Z\.db$`).MatchString(params["filename"]) || err != nil {
			t.Errorf("Content-Disposition = %q; want an attachment named glapp-YYYYMMDDTHHMMSSZ.db", rec.Header().Get("Content-Disposition"))
		}
		if cc := rec.Header().Get("Cache-Control"); cc != "no-store" {
			t.Errorf("Cache-Control = %q; want no-store: the file holds everything", cc)
		}
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, embedded.FileName), rec.Body.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		s, err := embedded.OpenReadOnly(dir)
		if err != nil {
			t.Fatalf("OpenReadOnly(the backup) = %v", err)
		}
		defer s.Close()
		if _, err := s.GetProject(t.Context(), "p"); err != nil {
			t.Errorf("GetProject(p) from the backup = %v; want the project", err)
		}
	})

	t.Run("ErrForbidden", func(t *testing.T) {
		a := newTestAPI(t, api.Config{})
		a.must(t, http.StatusCreated, "POST", "/api/v1/projects", `{"id":"p","name":"Projekt"}`)
		var tok struct{ Secret string }
		body := a.must(t, http.StatusCreated, "POST", "/api/v1/tokens", `{"name":"Ledare","role":"lead","projects":["p"]}`).Body.Bytes()
		if err := json.Unmarshal(body, &tok); err != nil {
			t.Fatal(err)
		}
		wantProblem(t, a.do("GET", "/api/v1/backup", nil, "Authorization", "Bearer "+tok.Secret), http.StatusForbidden, journeys.Forbidden)
		wantProblem(t, a.do("GET", "/api/v1/backup", nil, "Authorization", "Bearer glapp_wrong"), http.StatusUnauthorized, journeys.Unauthorized)
	})

	t.Run("ErrUnsupported", func(t *testing.T) {
		s, err := embedded.Open(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		a := &testAPI{h: newHandler(t, refusingBackup{s}, api.Config{}), store: s}
		rec := a.do("GET", "/api/v1/backup", nil)
		wantProblem(t, rec, http.StatusNotImplemented, journeys.Unsupported)
		if cd := rec.Header().Get("Content-Disposition"); cd != "" {
			t.Errorf("a refused backup has Content-Disposition %q; want none", cd)
		}
		if p := decodeProblem(t, rec); !strings.Contains(p.Detail, "neo4j-admin") {
			t.Errorf("detail = %q; want it to say which tools to use", p.Detail)
		}
	})
}

// refusingBackup is the embedded store refusing backups as the Neo4j store does.
type refusingBackup struct{ *embedded.Store }

func (refusingBackup) Backup(context.Context, func(int64) io.Writer) error {
	return journeys.Errorf(journeys.Unsupported, "Back up the Neo4j database with its own tools (neo4j-admin database dump).")
}
