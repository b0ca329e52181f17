package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/glapp/glapp/api"
	"github.com/glapp/glapp/demo"
	"github.com/glapp/glapp/imports"
	"github.com/glapp/glapp/internal/buildinfo"
	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/metrics"
	"github.com/glapp/glapp/reports"
)

// serve runs the HTTP API until ctx is cancelled (SIGTERM or SIGINT), then stops taking
// new connections and lets in-flight requests finish.
func serve(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	cfg, err := parseServeConfig(args, getenv, stdout)
	if cfg == nil || err != nil {
		return err
	}
	log := newLogger(cfg.logFormat, cfg.logLevel, stdout)
	if n, err := imports.SweepSpool(); err != nil {
		log.Warn("could not remove leftover import files", "error", err.Error())
	} else if n > 0 {
		log.Info("removed leftover import files", "count", n)
	}

	store, err := openStore(cfg.dataDir, getenv, cfg.limits)
	if err != nil {
		return err
	}
	defer store.Close()
	// Every call the server makes to the store, whichever it is, is timed.
	m := metrics.New()
	store = metrics.ObserveStore(store, storeName(getenv), m)

	switch {
	case cfg.demoReset:
		if err := demo.Reset(ctx, store); err != nil {
			return fmt.Errorf("reset demo: %w", err)
		}
		log.Info("demo project reset to its original data", "project", demo.ProjectID)
	case cfg.demo:
		loaded, err := demo.Load(ctx, store)
		if err != nil {
			return fmt.Errorf("load demo: %w", err)
		}
		if loaded {
			log.Info("demo project loaded", "project", demo.ProjectID)
		} else {
			log.Info("demo project exists; left as it is (--demo-reset restores it)", "project", demo.ProjectID)
		}
	}

	if err := bootstrapAdminToken(ctx, store, cfg.adminToken, stdout); err != nil {
		return err
	}
	// The pruner stops, and this waits for it, before the deferred Close of the store.
	pruneCtx, stopPruning := context.WithCancel(ctx)
	pruned := make(chan struct{})
	go func() {
		defer close(pruned)
		prunePeriodically(pruneCtx, store, journeys.Retention{Audit: cfg.auditRetention, History: cfg.historyRetention}, log)
	}()
	defer func() { stopPruning(); <-pruned }()
	handler, err := api.NewServer(api.Config{
		Store: store, Logger: log, MaxBodyBytes: cfg.maxBodyBytes, MaxImportBytes: cfg.maxImportBytes,
		AdminToken: cfg.adminToken, CORSOrigins: list(cfg.corsOrigins), TrustedProxies: list(cfg.trustedProxies),
		RateLimit: cfg.rateLimit, RateBurst: cfg.rateBurst, DiagramTimeout: cfg.diagramTimeout, Metrics: m,
		CacheBytes: cacheBytes(cfg.cacheBytes), Analyses: analysisCache(cfg.analysisCacheBytes),
		Limits: cfg.limits,
	})
	if err != nil {
		return err
	}

	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	log.Info("listening", append([]any{"url", "http://" + ln.Addr().String(), "dataDir", cfg.dataDir}, buildinfo.Read().LogAttrs()...)...)

	errc := make(chan error, 2)
	go func() { errc <- srv.Serve(ln) }()
	metricsSrv, err := serveMetrics(cfg.metricsAddr, m, errc, log)
	if err != nil {
		srv.Close()
		return err
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down", "timeout", cfg.shutdownTimeout.String())
	shutdownCtx, cancel := context.WithTimeout(context.Background(), cfg.shutdownTimeout)
	defer cancel()
	if metricsSrv != nil {
		// A scrape is short and changes nothing: no need to let it finish.
		metricsSrv.Close()
		if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
			return err
		}
	}
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped")
	return nil
}

// storeName is the store label of the metrics: the store openStore picks.
func storeName(getenv func(string) string) string {
	if getenv("NEO4J_URI") != "" {
		return "neo4j"
	}
	return "embedded"
}

// serveMetrics serves m at /metrics on addr, without a token, when addr is set; its Serve
// error goes to errc. It answers nothing else, so that the address reveals no data.
func serveMetrics(addr string, m *metrics.Metrics, errc chan<- error, log *slog.Logger) (*http.Server, error) {
	if addr == "" {
		return nil, nil
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("metrics address: %w", err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.Handler())
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second, WriteTimeout: 30 * time.Second, MaxHeaderBytes: 16 << 10}
	log.Info("metrics listening", "metricsUrl", "http://"+ln.Addr().String()+"/metrics")
	go func() { errc <- srv.Serve(ln) }()
	return srv, nil
}

// pruneInterval is how often a running server prunes: daily is enough for a retention
// counted in days and a TTL of one day.
const pruneInterval = 24 * time.Hour

// prunePeriodically deletes audit entries and journey versions past retention and expired idempotency records
// (journeys.Prune) at once and then every pruneInterval, until ctx ends. Each run logs
// what it deleted at INFO; pruning writes no audit entry of its own.
func prunePeriodically(ctx context.Context, b journeys.Backend, retention journeys.Retention, log *slog.Logger) {
	tick := time.NewTicker(pruneInterval)
	defer tick.Stop()
	for {
		n, err := journeys.Prune(ctx, b, time.Now(), retention)
		switch {
		case err != nil && ctx.Err() != nil:
			return // the server is stopping; what was deleted stays deleted
		case err != nil:
			log.Error("prune failed", "err", err, "auditEntries", n.AuditEntries, "idempotencyKeys", n.IdempotencyKeys, "historyVersions", n.HistoryVersions)
		default:
			log.Info("pruned", "auditEntries", n.AuditEntries, "idempotencyKeys", n.IdempotencyKeys, "auditRetention", retentionString(retention.Audit),
				"historyVersions", n.HistoryVersions, "historyRetention", retentionString(retention.History))
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// retentionString says a retention as the setting does: whole days, or forever.
func retentionString(d time.Duration) string {
	switch {
	case d == 0:
		return "forever"
	case d%(24*time.Hour) == 0:
		return fmt.Sprintf("%dd", d/(24*time.Hour))
	}
	return d.String()
}

// cacheBytes is the answer cache's bound as api.Config takes it: negative for none.
func cacheBytes(n int64) int64 {
	if n <= 0 {
		return -1
	}
	return n
}

// analysisCache returns the cache of journeys' analyses, or nil for none.
func analysisCache(n int64) *reports.AnalysisCache {
	if n <= 0 {
		return nil
	}
	return reports.NewAnalysisCache(n)
}
