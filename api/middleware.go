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

// requestID gives every request an id, echoed in the response header and the log line, so
// a user's report of a failed request can be found in the logs.
func requestID() gin.HandlerFunc {
	return func(c *gin.Context) {
		b := make([]byte, 8)
		_, _ = rand.Read(b)
		id := hex.EncodeToString(b)
		c.Set(requestIDHeader, id)
		c.Header(requestIDHeader, id)
		c.Next()
	}
}

// logRequests writes one structured line per request, with the error behind any 5xx. It
// never prints what a client sent: no body, no query string, path parameters only when they
// are valid ids (safePath), and errors with personal data redacted.
func logRequests(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		status := c.Writer.Status()
		attrs := []any{
			"requestId", c.GetString(requestIDHeader),
			"method", c.Request.Method,
			"route", c.FullPath(),
			"path", safePath(c),
			"status", status,
			"bytes", c.Writer.Size(),
			"durationMs", float64(time.Since(start).Microseconds()) / 1000,
		}
		level := slog.LevelInfo
		if len(c.Errors) > 0 {
			attrs = append(attrs, "error", redactedErrors(c.Errors.String()))
		}
		if status >= 500 || c.GetBool(failedMidAnswerKey) {
			level = slog.LevelError
		}
		log.Log(c.Request.Context(), level, "request", attrs...)
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

// recoverPanics turns a panic in any handler into a logged INTERNAL problem, so no panic
// ever reaches a client as a dropped connection or a stack trace.
func recoverPanics(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			if r := recover(); r != nil {
				log.Error("panic", "requestId", c.GetString(requestIDHeader), "panic", redactedErrors(fmt.Sprint(r)), "stack", string(debug.Stack()))
				if !c.Writer.Written() {
					writeProblem(c, journeys.Wrap(journeys.Internal, fmt.Errorf("panic: %v", r), "panic"))
				}
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
