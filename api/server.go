package api

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/metrics"
	"github.com/glapp/glapp/reports"
)

// DefaultMaxBodyBytes is the request body limit when Config.MaxBodyBytes is zero. A large
// journey of a few thousand steps fits well within it.
const DefaultMaxBodyBytes = 16 << 20

// Config is what the HTTP API needs from its surroundings.
type Config struct {
	// Store keeps everything the API serves: projects, tokens, the audit log, evidence.
	Store  journeys.Backend
	Logger *slog.Logger
	// MaxBodyBytes limits request bodies; DefaultMaxBodyBytes when zero.
	MaxBodyBytes int64
	// MaxImportBytes limits uploaded exports; DefaultMaxImportBytes when zero.
	MaxImportBytes int64
	// DiagramTimeout bounds the layout of one SVG diagram; DefaultDiagramTimeout when zero.
	DiagramTimeout time.Duration
	// AdminToken is a secret that authenticates as admin without being stored
	// (GLAPP_ADMIN_TOKEN); empty for none.
	AdminToken string
	// CORSOrigins are the browser origins allowed to call the API; none when empty.
	CORSOrigins []string
	// TrustedProxies are the addresses or CIDRs of proxies whose X-Forwarded-For is
	// believed; none when empty, so the client address is the connection's.
	TrustedProxies []string
	// RateLimit is the requests per second each token (and each client address) may make
	// after a burst of RateBurst; DefaultRateLimit and DefaultRateBurst when zero.
	RateLimit float64
	RateBurst int
	// Now is the clock for token expiry; time.Now when nil.
	Now func() time.Time
	// Metrics receives the server's series and serves them at /metrics; a fresh set of
	// its own when nil. Pass the one the store is observed into (metrics.ObserveStore) so
	// that one scrape shows both.
	Metrics *metrics.Metrics
	// CacheBytes bounds the encoded answers of conditional reads kept in memory
	// (conditional.go): DefaultCacheBytes when 0, none when negative.
	CacheBytes int64
	// Analyses keeps journeys' gap analyses across project reports; nil keeps none.
	Analyses *reports.AnalysisCache
	// Limits bound the journeys an import makes (an event log's cases), as the store's
	// bound every write; journeys.DefaultLimits when zero. Pass the store's.
	Limits journeys.Limits
}

// Rate limit defaults: generous for people and scripts, a wall for runaway loops.
const (
	DefaultRateLimit = 50
	DefaultRateBurst = 100
)

// server holds the API's dependencies; its methods are the endpoints.
type server struct {
	store     journeys.Backend
	maxImport int64
	// limits bound the journeys an import makes.
	limits journeys.Limits
	// diagramTimeout bounds one SVG layout.
	diagramTimeout time.Duration
	reports        reports.Service
	log            *slog.Logger
	maxBody        int64
	adminHash      string
	now            func() time.Time
	metrics        *metrics.Metrics
	// cache keeps encoded answers of stamped reads (conditional.go).
	cache *responseCache
	// access holds each route's access rule, keyed "METHOD /path/:param".
	access map[string]rule
	// list is every route as registered, for Routes.
	list []Route
}

func init() {
	// Release mode: gin prints no debug route table and no colour codes into our logs.
	gin.SetMode(gin.ReleaseMode)
}

// NewServer returns the Glapp HTTP API as an http.Handler.
func NewServer(cfg Config) (http.Handler, error) {
	s := &server{
		store: cfg.Store, maxImport: cfg.MaxImportBytes, limits: cfg.Limits, reports: reports.Service{Store: cfg.Store, Analyses: cfg.Analyses},
		log: cfg.Logger, maxBody: cfg.MaxBodyBytes, now: cfg.Now, metrics: cfg.Metrics, access: map[string]rule{},
	}
	cacheBytes := cfg.CacheBytes
	if cacheBytes == 0 {
		cacheBytes = DefaultCacheBytes
	}
	s.cache = newResponseCache(cacheBytes)
	if s.metrics == nil {
		s.metrics = metrics.New()
	}
	if cfg.AdminToken != "" {
		s.adminHash = journeys.HashSecret(cfg.AdminToken)
	}
	if s.log == nil {
		s.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if s.maxBody <= 0 {
		s.maxBody = DefaultMaxBodyBytes
	}
	if s.maxImport <= 0 {
		s.maxImport = DefaultMaxImportBytes
	}
	s.diagramTimeout = cfg.DiagramTimeout
	if s.diagramTimeout <= 0 {
		s.diagramTimeout = DefaultDiagramTimeout
	}
	if s.now == nil {
		s.now = time.Now
	}
	rate, burst := cfg.RateLimit, cfg.RateBurst
	if rate <= 0 {
		rate = DefaultRateLimit
	}
	if burst <= 0 {
		burst = DefaultRateBurst
	}
	perAddress, perToken := newLimiter(rate, burst, s.now), newLimiter(rate, burst, s.now)
	registerValidation()
	r := gin.New()
	r.HandleMethodNotAllowed = true
	r.ContextWithFallback = true
	if err := r.SetTrustedProxies(cfg.TrustedProxies); err != nil {
		return nil, fmt.Errorf("trusted proxies: %w", err)
	}
	r.Use(s.measure(), requestID(s.log), logRequests(), recoverPanics(), securityHeaders(), cors(cfg.CORSOrigins),
		s.rateLimit(perAddress, "address", byClientAddress), s.authenticate(), s.rateLimit(perToken, "token", byToken),
		s.auditRefusals(), checkPathIDs(), s.authorize())
	s.routes(r)
	return r, nil
}
