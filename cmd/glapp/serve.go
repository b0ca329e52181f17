package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/glapp/glapp/api"
	"github.com/glapp/glapp/demo"
	"github.com/glapp/glapp/imports"
	"github.com/glapp/glapp/journeys"
)

// serve runs the HTTP API until ctx is cancelled (SIGTERM or SIGINT), then stops taking
// new connections and lets in-flight requests finish.
func serve(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	cfg, err := parseServeConfig(args, getenv)
	if err != nil {
		return err
	}
	log := newLogger(cfg.logFormat, stdout)
	if n, err := imports.SweepSpool(); err != nil {
		log.Warn("could not remove leftover import files", "error", err.Error())
	} else if n > 0 {
		log.Info("removed leftover import files", "count", n)
	}

	store, err := openStore(cfg.dataDir, getenv)
	if err != nil {
		return err
	}
	defer store.Close()

	if cfg.demo {
		if err := demo.Load(ctx, store); err != nil {
			return fmt.Errorf("load demo: %w", err)
		}
		log.Info("demo project loaded", "project", demo.ProjectID)
	}

	access, ok := store.(journeys.AccessStore)
	if !ok {
		return fmt.Errorf("the configured store does not support tokens and the audit log yet; use the embedded store")
	}
	if err := bootstrapAdminToken(ctx, access, cfg.adminToken, stdout); err != nil {
		return err
	}
	handler, err := api.NewServer(api.Config{
		Store: store, Access: access, Logger: log, MaxBodyBytes: cfg.maxBodyBytes,
		Evidence: evidenceOf(store), MaxImportBytes: cfg.maxImportBytes,
		AdminToken: cfg.adminToken, CORSOrigins: list(cfg.corsOrigins), TrustedProxies: list(cfg.trustedProxies),
		RateLimit: cfg.rateLimit, RateBurst: cfg.rateBurst,
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
	log.Info("listening", "url", "http://"+ln.Addr().String(), "dataDir", cfg.dataDir)

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down", "timeout", cfg.shutdownTimeout.String())
	shutdownCtx, cancel := context.WithTimeout(context.Background(), cfg.shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped")
	return nil
}
