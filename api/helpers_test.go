package api_test

import (
	"io"
	"log/slog"
	"net/http"
	"testing"

	"github.com/glapp/glapp/api"
	"github.com/glapp/glapp/journeys"
)

// newHandler builds the API over backend, as every test here does, so that a change in how
// a server is given its stores is made in this one place. backend is used for each of the
// journey, access and evidence stores it implements. The admin token is "secret" and the
// log is discarded unless cfg says otherwise.
func newHandler(t testing.TB, backend any, cfg api.Config) http.Handler {
	t.Helper()
	if s, ok := backend.(journeys.Store); ok {
		cfg.Store = s
	}
	if s, ok := backend.(journeys.AccessStore); ok {
		cfg.Access = s
	}
	if s, ok := backend.(journeys.EvidenceStore); ok {
		cfg.Evidence = s
	}
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
	return h
}
