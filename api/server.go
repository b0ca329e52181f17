package api

import (
	"io"
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/reports"
)

// DefaultMaxBodyBytes is the request body limit when Config.MaxBodyBytes is zero. A large
// journey of a few thousand steps fits well within it.
const DefaultMaxBodyBytes = 16 << 20

// Config is what the HTTP API needs from its surroundings.
type Config struct {
	Store        journeys.Store
	Logger       *slog.Logger
	MaxBodyBytes int64
}

// server holds the API's dependencies; its methods are the endpoints.
type server struct {
	store   journeys.Store
	reports reports.Service
	log     *slog.Logger
	maxBody int64
}

func init() {
	// Release mode: gin prints no debug route table and no colour codes into our logs.
	gin.SetMode(gin.ReleaseMode)
}

// NewServer returns the Glapp HTTP API as an http.Handler.
func NewServer(cfg Config) http.Handler {
	s := &server{store: cfg.Store, reports: reports.Service{Store: cfg.Store}, log: cfg.Logger, maxBody: cfg.MaxBodyBytes}
	if s.log == nil {
		s.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if s.maxBody <= 0 {
		s.maxBody = DefaultMaxBodyBytes
	}
	registerValidation()
	r := gin.New()
	r.HandleMethodNotAllowed = true
	r.ContextWithFallback = true
	// No proxy is trusted unless configured: client addresses come from the connection.
	_ = r.SetTrustedProxies(nil)
	r.Use(requestID(), logRequests(s.log), recoverPanics(s.log), securityHeaders())
	s.routes(r)
	return r
}
