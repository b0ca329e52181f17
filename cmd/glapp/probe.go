package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

// probe runs "glapp probe": it asks a running server's /readyz whether it is ready and
// fails (exit status 1) unless the answer is 200. It exists for container health checks:
// the image holds no shell, wget or curl, only the glapp binary.
func probe(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	fs := newFlagSet("probe", "", "ask a running server's /readyz whether it is ready; exit status 1 unless it answers 200 (for container health checks)")
	url := fs.String("url", probeURL(envString(getenv, "GLAPP_ADDR", defaultAddr)), "URL to ask; by default /readyz on the address glapp serve listens on (GLAPP_ADDR), through the loopback interface")
	timeout := fs.Duration("timeout", 5*time.Second, "how long to wait for the answer")
	if help, err := parseFlags(fs, args, stdout); help || err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef(fs.Name(), "probe takes no arguments, got %q", fs.Args())
	}
	if *timeout <= 0 {
		return usagef(fs.Name(), "--timeout must be positive, not %s", *timeout)
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, *url, nil)
	if err != nil {
		return usagef(fs.Name(), "--url: %v", err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("probe: %w", err)
	}
	defer resp.Body.Close()
	// Drain a bounded part of the body, so that a stray large answer costs nothing.
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("probe: %s answered %s", *url, resp.Status)
	}
	return nil
}

// probeURL is /readyz on the listen address addr, with an unspecified host (0.0.0.0,
// ::, or none, as in a container) replaced by the loopback address the probe can reach.
func probeURL(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "http://" + addr + "/readyz"
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/readyz"
}
