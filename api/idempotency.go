package api

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/journeys"
)

// replayedHeaders are the response headers a replay repeats.
var replayedHeaders = []string{"Content-Type", "Location", "ETag"}

// idempotent makes a create safe to retry: with an Idempotency-Key header, the first
// request runs and its response is stored; a retry with the same key and body gets that
// response again (with Idempotent-Replayed: true) and changes nothing, a retry with
// another body is refused, and one that arrives while the first still runs is told to
// wait. Keys are scoped by token and URL, so clients cannot collide.
func (s *server) idempotent(c *gin.Context) {
	key := c.GetHeader("Idempotency-Key")
	if key == "" {
		c.Next()
		return
	}
	if len(key) > 255 {
		writeProblem(c, journeys.InvalidError("The Idempotency-Key is too long.", []journeys.Violation{{Parameter: "Idempotency-Key", Detail: "Must be at most 255 characters."}}))
		return
	}
	body, err := s.readBody(c)
	if err != nil {
		writeProblem(c, err)
		return
	}
	c.Request.Body = io.NopCloser(bytes.NewReader(body))
	sum := sha256.Sum256(body)
	hash := hex.EncodeToString(sum[:])
	scoped := principalOf(c).TokenID + " " + c.Request.Method + " " + c.Request.URL.Path + " " + key

	// Storing the outcome must not fail because the client hung up.
	ctx := context.WithoutCancel(c.Request.Context())
	prev, err := s.tokens.ClaimIdempotencyKey(ctx, scoped, hash)
	switch {
	case err != nil:
		writeProblem(c, err)
		return
	case prev != nil && prev.RequestHash != hash:
		writeProblem(c, journeys.Errorf(journeys.Conflict, "This Idempotency-Key was used with a different request body; use a new key for a new request."))
		return
	case prev != nil && !prev.Done:
		writeProblem(c, journeys.Busy(time.Second, "A request with this Idempotency-Key is still running; retry shortly."))
		return
	case prev != nil:
		for k, v := range prev.Header {
			c.Header(k, v)
		}
		c.Header("Idempotent-Replayed", "true")
		c.Data(prev.Status, prev.Header["Content-Type"], prev.Body)
		c.Abort()
		return
	}

	w := &capturingWriter{ResponseWriter: c.Writer}
	c.Writer = w
	c.Next()
	// An answer that says nothing about the request (a failure, a client that hung up,
	// a refusal to retry later) is not kept: the retry runs afresh.
	if w.Status() >= http.StatusInternalServerError || w.Status() == statusClientClosed || w.Header().Get("Retry-After") != "" {
		if err := s.tokens.ReleaseIdempotencyKey(ctx, scoped); err != nil {
			_ = c.Error(err)
		}
		return
	}
	resp := &journeys.IdempotentResponse{Key: scoped, RequestHash: hash, Done: true, Status: w.Status(), Body: w.body.Bytes(), Header: map[string]string{}}
	for _, h := range replayedHeaders {
		if v := w.Header().Get(h); v != "" {
			resp.Header[h] = v
		}
	}
	if err := s.tokens.CompleteIdempotencyKey(ctx, scoped, resp); err != nil {
		_ = c.Error(err)
	}
}

// capturingWriter keeps a copy of the response body for replays.
type capturingWriter struct {
	gin.ResponseWriter
	body bytes.Buffer
}

func (w *capturingWriter) Write(b []byte) (int, error) {
	w.body.Write(b)
	return w.ResponseWriter.Write(b)
}

func (w *capturingWriter) WriteString(s string) (int, error) {
	w.body.WriteString(s)
	return w.ResponseWriter.WriteString(s)
}
