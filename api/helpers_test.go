package api_test

import (
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"sync"
	"testing"

	"github.com/glapp/glapp/api"
	"github.com/glapp/glapp/internal/openapigen"
	"github.com/glapp/glapp/journeys"
)

// newHandler builds the API over backend, as every test here does, so that a change in how
// a server is given its stores is made in this one place. backend is used for each of the
// journey, access and evidence stores it implements. The admin token is "secret" and the
// log is discarded unless cfg says otherwise.
func newHandler(t testing.TB, backend journeys.Backend, cfg api.Config) http.Handler {
	t.Helper()
	cfg.Store = backend
	if cfg.AdminToken == "" {
		cfg.AdminToken = "secret"
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	h, err := api.NewServer(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sw := &statusWriter{ResponseWriter: w}
		h.ServeHTTP(sw, r)
		answered.add(r.Method, r.URL.Path, sw.status)
	})
}

// statusWriter notes the status a response was sent with.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// answered is every error status the tests here provoked, by operation ("PUT
// /api/v1/projects/{projectId}/journeys/{journeyId}"), for TestMain to look up in the
// OpenAPI document.
var answered = &statusLog{seen: map[string]map[int]bool{}}

// statusLog collects the statuses the API answered, by operation.
type statusLog struct {
	mu   sync.Mutex
	seen map[string]map[int]bool
}

// operations matches a request to the route that serves it.
var operations = sync.OnceValue(func() []operation {
	var out []operation
	for _, rt := range api.Routes() {
		if rt.Page {
			continue
		}
		pattern := regexp.MustCompile(`:[A-Za-z]+`).ReplaceAllString(regexp.QuoteMeta(rt.Path), `[^/]+`)
		out = append(out, operation{method: rt.Method, path: regexp.MustCompile("^" + pattern + "$"), key: rt.Method + " " + openapigen.PathTemplate(rt.Path)})
	}
	return out
})

type operation struct {
	method string
	path   *regexp.Regexp
	key    string
}

// add notes an error status of a request to a route. A request no route serves, and 499
// (which no client reads, so the document leaves it out), are not noted.
func (l *statusLog) add(method, path string, status int) {
	if status < 400 || status == 499 {
		return
	}
	for _, op := range operations() {
		if op.method == method && op.path.MatchString(path) {
			l.mu.Lock()
			defer l.mu.Unlock()
			if l.seen[op.key] == nil {
				l.seen[op.key] = map[int]bool{}
			}
			l.seen[op.key][status] = true
			return
		}
	}
}
