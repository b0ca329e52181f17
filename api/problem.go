package api

import (
	"context"
	"errors"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/journeys"
)

// Codes for failures that only exist in HTTP. Domain codes come from package journeys.
const (
	codeTooLarge         journeys.Code = "TOO_LARGE"
	codeUnsupportedMedia journeys.Code = "UNSUPPORTED_MEDIA_TYPE"
	codeMethodNotAllowed journeys.Code = "METHOD_NOT_ALLOWED"
	codeNotAcceptable    journeys.Code = "NOT_ACCEPTABLE"
	// codeClientClosed: the client hung up before the answer was ready; nobody reads it,
	// but the request log shows it as what it is, not as a server failure.
	codeClientClosed journeys.Code = "CLIENT_CLOSED_REQUEST"
)

// statusClientClosed is nginx's status for a request the client gave up on; net/http has
// no name for it.
const statusClientClosed = 499

// statusOf is the one table that turns error codes into HTTP statuses.
var statusOf = map[journeys.Code]int{
	journeys.Invalid:              http.StatusBadRequest,
	journeys.NotFound:             http.StatusNotFound,
	journeys.Conflict:             http.StatusConflict,
	journeys.Forbidden:            http.StatusForbidden,
	journeys.PreconditionFailed:   http.StatusPreconditionFailed,
	journeys.PreconditionRequired: http.StatusPreconditionRequired,
	journeys.Unauthorized:         http.StatusUnauthorized,
	journeys.RateLimited:          http.StatusTooManyRequests,
	journeys.LimitExceeded:        http.StatusUnprocessableEntity,
	journeys.Unavailable:          http.StatusServiceUnavailable,
	journeys.Unsupported:          http.StatusNotImplemented,
	journeys.Internal:             http.StatusInternalServerError,
	codeTooLarge:                  http.StatusRequestEntityTooLarge,
	codeUnsupportedMedia:          http.StatusUnsupportedMediaType,
	codeMethodNotAllowed:          http.StatusMethodNotAllowed,
	codeNotAcceptable:             http.StatusNotAcceptable,
	codeClientClosed:              statusClientClosed,
}

// ProblemCodes lists every code a problem can carry, from the one table of codes and
// statuses, for the OpenAPI document.
func ProblemCodes() []string {
	out := make([]string, 0, len(statusOf))
	for c := range statusOf {
		out = append(out, string(c))
	}
	slices.Sort(out)
	return out
}

// Problem is an RFC 9457 problem details body, with Glapp's stable code, the violations
// behind a refused request and the request's id, which finds its line in the server log.
// It never carries internal error text.
type Problem struct {
	Type     string               `json:"type" example:"urn:glapp:problem:invalid"`
	Title    string               `json:"title" example:"Bad Request"`
	Status   int                  `json:"status" example:"400"`
	Detail   string               `json:"detail,omitempty" example:"The journey document is not valid; nothing was stored."`
	Instance string               `json:"instance,omitempty" example:"/api/v1/projects/demo/journeys/j1"`
	Code     journeys.Code        `json:"code" example:"INVALID"`
	Errors   []journeys.Violation `json:"errors,omitempty"`
	// RequestID is the request's id, as in its X-Request-Id response header.
	RequestID string `json:"requestId,omitempty" example:"5f0c2a9e81b3d4c7"`
}

// problemFor builds the problem body for err on the request path.
func problemFor(err error, path string) Problem {
	code := journeys.ErrorCode(err)
	status, ok := statusOf[code]
	if !ok {
		code, status = journeys.Internal, http.StatusInternalServerError
	}
	title := http.StatusText(status)
	if status == statusClientClosed {
		title = "Client Closed Request"
	}
	return Problem{
		Type:     "urn:glapp:problem:" + strings.ToLower(strings.ReplaceAll(string(code), "_", "-")),
		Title:    title,
		Status:   status,
		Detail:   journeys.ErrorMessage(err),
		Instance: path,
		Code:     code,
		Errors:   journeys.ErrorViolations(err),
	}
}

// writeProblem answers with err as application/problem+json. An internal error is kept on
// the request so that the request log line records it, once, with the request id. The
// instance is the path with personal data redacted: answers may be kept and shown. A
// request the client gave up on (stores report it as UNAVAILABLE with the context's error
// underneath) answers 499, which the request log writes at INFO; a deadline that ran out
// inside the server stays UNAVAILABLE.
//
// An answer already under way (a streamed report) keeps the status it was sent with and
// gets no problem body in the middle of it: a hang-up is left at that, any other failure
// is recorded for the request log, which writes it as an ERROR.
func writeProblem(c *gin.Context, err error) {
	hungUp := errors.Is(err, context.Canceled) && c.Request.Context().Err() != nil
	if c.Writer.Written() {
		if !hungUp {
			_ = c.Error(err)
			c.Set(failedMidAnswerKey, true)
		}
		c.Abort()
		return
	}
	if hungUp {
		err = journeys.Wrap(codeClientClosed, err, "The client closed the request before the answer was ready.")
	}
	p := problemFor(err, redactedText(c.Request.URL.Path))
	p.RequestID = c.GetString(requestIDHeader)
	c.Set(problemCodeKey, string(p.Code))
	if p.Status >= 500 {
		_ = c.Error(err)
	}
	if wait := journeys.RetryAfter(err); wait > 0 {
		c.Header("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
	} else if p.Code == journeys.Unavailable {
		c.Header("Retry-After", "5")
	}
	c.Header("Content-Type", "application/problem+json")
	c.Header("Cache-Control", "no-store")
	c.Status(p.Status)
	if err := encodeJSON(c.Writer, p); err != nil {
		_ = c.Error(err)
	}
	c.Abort()
}

// failedMidAnswerKey marks a request whose answer failed after its status was sent.
const failedMidAnswerKey = "glapp.failedMidAnswer"

// problemCodeKey is where writeProblem leaves the code for the audit of refused writes.
const problemCodeKey = "glapp.problemCode"

// handler is how every endpoint is written: it returns an error instead of writing one,
// so that no path can forget to answer or answer twice.
type handler func(c *gin.Context) error

// handle adapts a handler to gin, writing the problem for any error it returns.
func handle(h handler) gin.HandlerFunc {
	return func(c *gin.Context) {
		if err := h(c); err != nil {
			writeProblem(c, err)
		}
	}
}
