package main

import (
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"time"
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

// serveConfig is everything "glapp serve" can be told, by flag or environment.
type serveConfig struct {
	addr            string
	dataDir         string
	demo            bool
	maxBodyBytes    int64
	maxImportBytes  int64
	logFormat       string
	shutdownTimeout time.Duration
	adminToken      string
	corsOrigins     string
	trustedProxies  string
	rateLimit       float64
	rateBurst       int
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
	// The admin secret comes only from the environment: flags show in process lists.
	cfg := &serveConfig{adminToken: getenv("GLAPP_ADMIN_TOKEN")}
	fs := newFlagSet("serve", "", "run the HTTP API until SIGTERM or SIGINT, then finish the requests in flight")
	fs.StringVar(&cfg.addr, "addr", envString(getenv, "GLAPP_ADDR", "127.0.0.1:8080"), "listen address (GLAPP_ADDR)")
	fs.StringVar(&cfg.dataDir, "data-dir", envString(getenv, "GLAPP_DATA_DIR", "./data"), "directory of the embedded store (GLAPP_DATA_DIR)")
	fs.BoolVar(&cfg.demo, "demo", getenv("GLAPP_DEMO") == "true", "load the demo project at start, idempotently (GLAPP_DEMO=true)")
	fs.Int64Var(&cfg.maxBodyBytes, "max-body-bytes", maxBody, "request body limit in bytes (GLAPP_MAX_BODY_BYTES)")
	fs.Int64Var(&cfg.maxImportBytes, "max-import-bytes", maxImport, "size limit of an uploaded evidence export (GLAPP_MAX_IMPORT_BYTES)")
	fs.StringVar(&cfg.logFormat, "log-format", envString(getenv, "GLAPP_LOG_FORMAT", "text"), "log format: text or json (GLAPP_LOG_FORMAT)")
	fs.StringVar(&cfg.corsOrigins, "cors-origins", getenv("GLAPP_CORS_ORIGINS"), "comma-separated browser origins allowed to call the API (GLAPP_CORS_ORIGINS)")
	fs.StringVar(&cfg.trustedProxies, "trusted-proxies", getenv("GLAPP_TRUSTED_PROXIES"), "comma-separated proxy addresses or CIDRs whose X-Forwarded-For is believed (GLAPP_TRUSTED_PROXIES)")
	fs.Float64Var(&cfg.rateLimit, "rate-limit", float64(rateLimit), "requests per second per token and per client address (GLAPP_RATE_LIMIT)")
	fs.IntVar(&cfg.rateBurst, "rate-burst", int(rateBurst), "requests allowed at once before the rate limit applies (GLAPP_RATE_BURST)")
	fs.DurationVar(&cfg.shutdownTimeout, "shutdown-timeout", 20*time.Second, "how long in-flight requests may finish after SIGTERM")
	if help, err := parseFlags(fs, args, stdout); help || err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, usagef(fs.Name(), "serve takes no arguments, got %q", fs.Args())
	}
	if cfg.logFormat != "text" && cfg.logFormat != "json" {
		return nil, usagef(fs.Name(), "--log-format must be text or json, not %q", cfg.logFormat)
	}
	return cfg, nil
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

// newLogger returns the process logger in the configured format.
func newLogger(format string, w io.Writer) *slog.Logger {
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, nil))
	}
	return slog.New(slog.NewTextHandler(w, nil))
}
