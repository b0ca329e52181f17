package api

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/personal"
)

const requestIDHeader = "X-Request-Id"

// requestLogKey is where requestID leaves the request's logger (requestLog).
const requestLogKey = "glapp.requestLog"

// panicStackKey is where recoverPanics leaves the stack of a panic for the request line.
const panicStackKey = "glapp.panicStack"

// requestID gives every request an id: the client's X-Request-Id when it is a valid one
// (journeys.ValidRequestID: a short token of letters, digits, '.', '_' and '-', without
// personal data), so that a request can be followed through a proxy or a client's own
// logs, else a new one. The id is echoed in the response header, set on the request's
// context (for the audit entries of its writes, journeys.WithRequestID), and carried by
// the request's logger, so that every log line of the request names it.
func requestID(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		id := c.GetHeader(requestIDHeader)
		if !journeys.ValidRequestID(id) {
			id = newRequestID()
		}
		c.Set(requestIDHeader, id)
		c.Set(requestLogKey, log.With("requestId", id))
		c.Request = c.Request.WithContext(journeys.WithRequestID(c.Request.Context(), id))
		c.Header(requestIDHeader, id)
		c.Next()
	}
}

// newRequestID returns a random request id of 16 hex digits, drawn again in the unlikely
// case that its digits read as personal data.
func newRequestID() string {
	for {
		b := make([]byte, 8)
		_, _ = rand.Read(b)
		if id := hex.EncodeToString(b); journeys.ValidRequestID(id) {
			return id
		}
	}
}

// requestLog returns the request's logger, which names the request id in every line.
// Handlers that log use it, never the server's.
func requestLog(c *gin.Context) *slog.Logger {
	if l, ok := c.Get(requestLogKey); ok {
		return l.(*slog.Logger)
	}
	return slog.New(slog.DiscardHandler)
}

// logRequests writes one structured line per request: the request id, the route and
// path, the status, size and duration, the id of the token that authenticated it (never
// the secret) and the client's address as seen through the trusted proxies. It never
// prints what a client sent: no body, no query string, path parameters only when they
// are valid ids (safePath), and errors with personal data redacted.
//
// The line is the one ERROR of a request that failed on the server's side (a 5xx, or an
// answer that broke off after its status was sent), with the error and, after a panic,
// the stack, so that each such failure is logged exactly once; nothing else logs it.
// Other requests log at INFO, a client that hung up (499) included; an error on a request
// that otherwise succeeded or was refused (an audit entry that could not be written)
// makes it a WARN; successful probes of the open health and version routes log at DEBUG,
// so that an orchestrator's polling does not fill the log.
func logRequests() gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		status := c.Writer.Status()
		attrs := []any{
			"method", c.Request.Method,
			"route", c.FullPath(),
			"path", safePath(c),
			"status", status,
			"bytes", c.Writer.Size(),
			"durationMs", float64(time.Since(start).Microseconds()) / 1000,
			"client", c.ClientIP(),
		}
		if p := principalOf(c); p.TokenID != "" {
			attrs = append(attrs, "token", p.TokenID)
		}
		level := slog.LevelInfo
		switch {
		case status >= 500 || c.GetBool(failedMidAnswerKey):
			level = slog.LevelError
		case len(c.Errors) > 0:
			level = slog.LevelWarn
		case status < 400 && quietRoutes[c.FullPath()]:
			level = slog.LevelDebug
		}
		if len(c.Errors) > 0 {
			attrs = append(attrs, "error", redactedErrors(c.Errors.String()))
		}
		if stack := c.GetString(panicStackKey); stack != "" {
			attrs = append(attrs, "stack", stack)
		}
		requestLog(c).Log(c.Request.Context(), level, "request", attrs...)
	}
}

// measure records every request's duration by method, route template and status. It runs
// first, so that refusals by later middleware (rate limits, authentication) count too.
func (s *server) measure() gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		s.metrics.HTTPRequest(c.Request.Method, c.FullPath(), c.Writer.Status(), time.Since(start))
	}
}

// quietRoutes are the routes that probes call every few seconds; their successes log at
// DEBUG.
var quietRoutes = map[string]bool{"/healthz": true, "/readyz": true, "/api/v1/version": true}

// recoverPanics turns a panic in any handler into an INTERNAL problem, so no panic ever
// reaches a client as a dropped connection or a stack trace. The panic (redacted, through
// the problem's error) and its stack go into the request's one log line (logRequests).
func recoverPanics() gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			if r := recover(); r != nil {
				c.Set(panicStackKey, string(debug.Stack()))
				writeProblem(c, journeys.Wrap(journeys.Internal, fmt.Errorf("panic: %v", r), "panic"))
				c.Abort()
			}
		}()
		c.Next()
	}
}

// securityHeaders sets headers that cost nothing and close common holes for an API whose
// answers hold sensitive evidence.
func securityHeaders() gin.HandlerFunc {
	return func(c *gin.Context) {
		h := c.Writer.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		c.Next()
	}
}

// redactedErrors is error text for the log with personal data redacted: an error may quote
// what a client sent (a store's message, a panic's value).
func redactedErrors(s string) string {
	out, _ := personal.Redact(s)
	return out
}
