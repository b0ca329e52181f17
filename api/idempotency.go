package api

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/journeys"
)

// replayedHeaders are the response headers a replay repeats.
var replayedHeaders = []string{"Content-Type", "Location", "ETag", redactedHeader}

// idempotent makes a create safe to retry: with an Idempotency-Key header, the first
// request runs and its response is stored; a retry with the same key and body gets that
// response again (with Idempotent-Replayed: true) and changes nothing, a retry with
// another body is refused, and one that arrives while the first still runs is told to
// wait. Keys are scoped by token and URL, so clients cannot collide, and stored only as a
// hash of the scoped key (idempotencyRecordKey). Only a success is stored for replay: a
// refused request (4xx) changed nothing, and a failed one (5xx) may not have, so either
// releases the key and a retry runs again, gets the same refusal, and no answer that may
// quote the request is kept.
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
	scoped := idempotencyRecordKey(principalOf(c).TokenID, c.Request.Method, c.Request.URL.Path, key)

	// Storing the outcome must not fail because the client hung up.
	ctx := context.WithoutCancel(c.Request.Context())
	// The claim names this request's hold on the key, so that completing or releasing it
	// cannot touch the record of a retry that took the key over after the pending timeout.
	claim := rand.Text()
	prev, err := s.store.ClaimIdempotencyKey(ctx, scoped, hash, claim)
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

	release := func() {
		if err := s.store.ReleaseIdempotencyKey(ctx, scoped, claim); err != nil {
			_ = c.Error(err)
		}
	}
	w := &capturingWriter{ResponseWriter: c.Writer}
	c.Writer = w
	ran := false
	defer func() {
		// A handler that panicked (recoverPanics answers 500) failed like any other: its
		// key must not stay claimed, or every retry would be told it is still running.
		if !ran {
			release()
		}
	}()
	c.Next()
	ran = true
	// Only a success is kept for replay: a refusal's problem body may echo the request (its
	// instance is the path), and a refusal, a failure or a client that hung up changed
	// nothing, so the retry runs afresh.
	if w.Status() >= http.StatusBadRequest {
		release()
		return
	}
	resp := &journeys.IdempotentResponse{Key: scoped, RequestHash: hash, Done: true, Status: w.Status(), Body: w.body.Bytes(), Header: map[string]string{}}
	for _, h := range replayedHeaders {
		if v := w.Header().Get(h); v != "" {
			resp.Header[h] = v
		}
	}
	if err := s.store.CompleteIdempotencyKey(ctx, scoped, claim, resp); err != nil {
		_ = c.Error(err)
	}
}

// idempotencyRecordKey is what the store keeps of a client's key: the SHA-256, in hex, of
// the key scoped by token, method and path. Neither the key nor the path, which holds
// ids, is stored, and two clients' keys still never meet.
func idempotencyRecordKey(tokenID, method, path, key string) string {
	sum := sha256.Sum256([]byte(tokenID + "\x00" + method + "\x00" + path + "\x00" + key))
	return hex.EncodeToString(sum[:])
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
