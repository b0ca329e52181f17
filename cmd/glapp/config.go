package main

import (
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/glapp/glapp/api"
	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/reports"
)

// envString returns the environment's value for key, or def when it is unset.
func envString(getenv func(string) string, key, def string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return def
}

// envInt64 returns the environment's integer value for key, or def when it is unset.
func envInt64(getenv func(string) string, key string, def int64) (int64, error) {
	v := getenv(key)
	if v == "" {
		return def, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%s=%q is not a whole number", key, v)
	}
	return n, nil
}

// defaultAddr is where glapp serve listens, and glapp probe asks, unless told otherwise.
const defaultAddr = "127.0.0.1:8080"

// serveConfig is everything "glapp serve" can be told, by flag or environment.
type serveConfig struct {
	addr            string
	dataDir         string
	demo            bool
	demoReset       bool
	maxBodyBytes    int64
	maxImportBytes  int64
	logFormat       string
	logLevel        slog.Level
	shutdownTimeout time.Duration
	adminToken      string
	corsOrigins     string
	trustedProxies  string
	rateLimit       float64
	// cacheBytes and analysisCacheBytes bound the caches of answers and of journeys'
	// analyses (docs/performance.md); 0 keeps none.
	cacheBytes, analysisCacheBytes int64
	rateBurst                      int
	limits                         journeys.Limits
	diagramTimeout                 time.Duration
	// auditRetention is how long audit entries are kept; 0 keeps them for ever.
	auditRetention time.Duration
	// historyRetention is how long a replaced journey version is kept; 0 keeps them for
	// ever.
	historyRetention time.Duration
	// metricsAddr, when set, is a second listen address serving only /metrics, without a
	// token: it must be a private interface.
	metricsAddr string
}

// parseServeConfig reads flags, which override the environment, which overrides defaults.
// On -h it prints the usage to stdout and returns a nil config.
func parseServeConfig(args []string, getenv func(string) string, stdout io.Writer) (*serveConfig, error) {
	maxBody, err := envInt64(getenv, "GLAPP_MAX_BODY_BYTES", 16<<20)
	if err != nil {
		return nil, err
	}
	maxImport, err := envInt64(getenv, "GLAPP_MAX_IMPORT_BYTES", 256<<20)
	if err != nil {
		return nil, err
	}
	rateLimit, err := envInt64(getenv, "GLAPP_RATE_LIMIT", 50)
	if err != nil {
		return nil, err
	}
	rateBurst, err := envInt64(getenv, "GLAPP_RATE_BURST", 100)
	if err != nil {
		return nil, err
	}
	cacheBytes, err := envInt64(getenv, "GLAPP_CACHE_BYTES", api.DefaultCacheBytes)
	if err != nil {
		return nil, err
	}
	analysisCacheBytes, err := envInt64(getenv, "GLAPP_ANALYSIS_CACHE_BYTES", reports.DefaultAnalysisCacheBytes)
	if err != nil {
		return nil, err
	}
	def := journeys.DefaultLimits()
	var limits [3]int64
	for i, l := range []struct {
		key string
		def int
	}{{"GLAPP_MAX_STEPS", def.Steps}, {"GLAPP_MAX_HANDOVERS", def.Handovers}, {"GLAPP_MAX_INSIGHTS", def.Insights}} {
		if limits[i], err = envInt64(getenv, l.key, int64(l.def)); err != nil {
			return nil, err
		}
	}
	diagramTimeout := 10 * time.Second
	if v := getenv("GLAPP_DIAGRAM_TIMEOUT"); v != "" {
		if diagramTimeout, err = time.ParseDuration(v); err != nil {
			return nil, fmt.Errorf("GLAPP_DIAGRAM_TIMEOUT=%q is not a duration such as 10s", v)
		}
	}
	shutdownTimeout := 20 * time.Second
	if v := getenv("GLAPP_SHUTDOWN_TIMEOUT"); v != "" {
		if shutdownTimeout, err = time.ParseDuration(v); err != nil {
			return nil, fmt.Errorf("GLAPP_SHUTDOWN_TIMEOUT=%q is not a duration such as 20s", v)
		}
	}
	// The admin secret comes only from the environment: flags show in process lists.
	cfg := &serveConfig{adminToken: getenv("GLAPP_ADMIN_TOKEN")}
	fs := newFlagSet("serve", "", "run the HTTP API until SIGTERM or SIGINT, then finish the requests in flight")
	fs.StringVar(&cfg.addr, "addr", envString(getenv, "GLAPP_ADDR", defaultAddr), "listen address (GLAPP_ADDR)")
	fs.StringVar(&cfg.dataDir, "data-dir", envString(getenv, "GLAPP_DATA_DIR", "./data"), "directory of the embedded store (GLAPP_DATA_DIR)")
	fs.BoolVar(&cfg.demo, "demo", getenv("GLAPP_DEMO") == "true", "load the demo project at start unless it exists; edits to it are kept (GLAPP_DEMO=true)")
	fs.BoolVar(&cfg.demoReset, "demo-reset", getenv("GLAPP_DEMO_RESET") == "true", "write the demo project's actors, sources and journeys over any edits at start (GLAPP_DEMO_RESET=true)")
	fs.Int64Var(&cfg.maxBodyBytes, "max-body-bytes", maxBody, "request body limit in bytes (GLAPP_MAX_BODY_BYTES)")
	fs.Int64Var(&cfg.maxImportBytes, "max-import-bytes", maxImport, "size limit of an uploaded evidence export (GLAPP_MAX_IMPORT_BYTES)")
	fs.StringVar(&cfg.logFormat, "log-format", envString(getenv, "GLAPP_LOG_FORMAT", "text"), "log format: text or json (GLAPP_LOG_FORMAT)")
	logLevel := fs.String("log-level", envString(getenv, "GLAPP_LOG_LEVEL", "info"), "least level logged: debug, info, warn or error (GLAPP_LOG_LEVEL)")
	fs.StringVar(&cfg.corsOrigins, "cors-origins", getenv("GLAPP_CORS_ORIGINS"), "comma-separated browser origins allowed to call the API (GLAPP_CORS_ORIGINS)")
	fs.StringVar(&cfg.trustedProxies, "trusted-proxies", getenv("GLAPP_TRUSTED_PROXIES"), "comma-separated proxy addresses or CIDRs whose X-Forwarded-For is believed (GLAPP_TRUSTED_PROXIES)")
	fs.Float64Var(&cfg.rateLimit, "rate-limit", float64(rateLimit), "requests per second per token and per client address (GLAPP_RATE_LIMIT)")
	fs.IntVar(&cfg.rateBurst, "rate-burst", int(rateBurst), "requests allowed at once before the rate limit applies (GLAPP_RATE_BURST)")
	fs.Int64Var(&cfg.cacheBytes, "cache-bytes", cacheBytes, "memory for encoded answers of journey and report reads, kept by ETag; 0 keeps none (GLAPP_CACHE_BYTES)")
	fs.Int64Var(&cfg.analysisCacheBytes, "analysis-cache-bytes", analysisCacheBytes, "memory for journeys' gap analyses kept across project reports; 0 keeps none (GLAPP_ANALYSIS_CACHE_BYTES)")
	retention := fs.String("audit-retention", envString(getenv, "GLAPP_AUDIT_RETENTION", fmt.Sprintf("%dd", journeys.DefaultAuditRetention/(24*time.Hour))), "how long audit entries are kept: days (400d), a duration (36h), or forever (GLAPP_AUDIT_RETENTION)")
	historyRetention := fs.String("history-retention", envString(getenv, "GLAPP_HISTORY_RETENTION", fmt.Sprintf("%dd", journeys.DefaultHistoryRetention/(24*time.Hour))), "how long a replaced journey version is kept unless a baseline holds it: days (400d), a duration (36h), or forever (GLAPP_HISTORY_RETENTION)")
	fs.StringVar(&cfg.metricsAddr, "metrics-addr", getenv("GLAPP_METRICS_ADDR"), "also serve /metrics here, without a token; a private interface only (GLAPP_METRICS_ADDR)")
	fs.DurationVar(&cfg.shutdownTimeout, "shutdown-timeout", shutdownTimeout, "how long in-flight requests may finish after SIGTERM (GLAPP_SHUTDOWN_TIMEOUT)")
	fs.IntVar(&cfg.limits.Steps, "max-steps", int(limits[0]), "most steps per journey (GLAPP_MAX_STEPS)")
	fs.IntVar(&cfg.limits.Handovers, "max-handovers", int(limits[1]), "most hand-overs per journey (GLAPP_MAX_HANDOVERS)")
	fs.IntVar(&cfg.limits.Insights, "max-insights", int(limits[2]), "most insights per journey (GLAPP_MAX_INSIGHTS)")
	fs.DurationVar(&cfg.diagramTimeout, "diagram-timeout", diagramTimeout, "how long one diagram may take to lay out before it is refused (GLAPP_DIAGRAM_TIMEOUT)")
	if help, err := parseFlags(fs, args, stdout); help || err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, usagef(fs.Name(), "serve takes no arguments, got %q", fs.Args())
	}
	if cfg.limits.Steps < 1 || cfg.limits.Handovers < 1 || cfg.limits.Insights < 1 {
		return nil, usagef(fs.Name(), "--max-steps, --max-handovers and --max-insights must be at least 1")
	}
	if cfg.diagramTimeout <= 0 {
		return nil, usagef(fs.Name(), "--diagram-timeout must be positive, not %s", cfg.diagramTimeout)
	}
	if cfg.shutdownTimeout <= 0 {
		return nil, usagef(fs.Name(), "--shutdown-timeout must be positive, not %s", cfg.shutdownTimeout)
	}
	if cfg.logFormat != "text" && cfg.logFormat != "json" {
		return nil, usagef(fs.Name(), "--log-format must be text or json, not %q", cfg.logFormat)
	}
	if err := cfg.logLevel.UnmarshalText([]byte(*logLevel)); err != nil || !slices.Contains(logLevels, cfg.logLevel) {
		return nil, usagef(fs.Name(), "--log-level must be debug, info, warn or error, not %q", *logLevel)
	}
	if cfg.auditRetention, err = parseRetention("audit-retention", *retention); err != nil {
		return nil, err
	}
	if cfg.historyRetention, err = parseRetention("history-retention", *historyRetention); err != nil {
		return nil, err
	}
	return cfg, nil
}

// parseRetention reads a retention period: whole days ("400d"), a Go duration ("36h"), or
// "forever" (or "0"), which is 0 and keeps everything.
func parseRetention(flag, s string) (time.Duration, error) {
	bad := fmt.Errorf("--%s must be days such as 400d, a duration such as 36h, or forever, not %q", flag, s)
	switch {
	case s == "forever" || s == "0":
		return 0, nil
	case strings.HasSuffix(s, "d"):
		days, err := strconv.Atoi(strings.TrimSuffix(s, "d"))
		if err != nil || days <= 0 || days > 100*366 {
			return 0, bad
		}
		return time.Duration(days) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, bad
	}
	return d, nil
}

// list splits a comma-separated setting, dropping empty items.
func list(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// logLevels are the levels --log-level takes. Successful health and version probes log
// at DEBUG, requests at INFO, errors a request met without failing at WARN, and server
// failures at ERROR, once per request.
var logLevels = []slog.Level{slog.LevelDebug, slog.LevelInfo, slog.LevelWarn, slog.LevelError}

// newLogger returns the process logger in the configured format, logging level and above.
func newLogger(format string, level slog.Level, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: level}
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
