package journeys

import (
	"errors"
	"fmt"
	"time"
)

// Code classifies an error independently of any transport. The HTTP layer maps each code
// to one status in a single table.
type Code string

// Error codes. They are part of the public API: clients read them from problem+json bodies.
const (
	Invalid            Code = "INVALID"
	NotFound           Code = "NOT_FOUND"
	Conflict           Code = "CONFLICT"
	Forbidden          Code = "FORBIDDEN"
	PreconditionFailed Code = "PRECONDITION_FAILED"
	// PreconditionRequired: an update that must name the version it replaces did not.
	PreconditionRequired Code = "PRECONDITION_REQUIRED"
	// Unauthorized: no valid credentials.
	Unauthorized Code = "UNAUTHORIZED"
	// LimitExceeded: the write would make a journey larger than the configured Limits.
	LimitExceeded Code = "LIMIT_EXCEEDED"
	// RateLimited: too many requests; retry later.
	RateLimited Code = "RATE_LIMITED"
	// Unsupported: this store cannot do what was asked; the message says what to use
	// instead (an online backup of a Neo4j store: the database's own tools).
	Unsupported Code = "UNSUPPORTED"
	Unavailable Code = "UNAVAILABLE"
	Internal    Code = "INTERNAL"
)

// Violation is one reason a document was refused, located by a JSON pointer (RFC 6901)
// into the document the client sent.
type Violation struct {
	// Pointer locates the offending value in the request body; empty for query parameters.
	Pointer string `json:"pointer,omitempty"`
	// Parameter names the offending query parameter or header, when it is not in the body.
	Parameter string `json:"parameter,omitempty"`
	// Cell locates the offending value in a workbook sent instead of JSON, as
	// "Sheet!C7" (a sheet alone when no cell is to blame).
	Cell   string `json:"cell,omitempty" example:"Överlämningar!C7"`
	Detail string `json:"detail"`
}

// Error is a domain error: a code, a message fit to show a client, the violations behind
// an INVALID error, and optionally the underlying cause (never shown to clients).
type Error struct {
	Code       Code
	Message    string
	Violations []Violation
	// RetryAfter, when set, says the same request may succeed after this long: the
	// refusal is about work in progress, not about the request.
	RetryAfter time.Duration
	Err        error
}

// Error returns the code, the message and the cause, for logs; clients see only the
// message (ErrorMessage).
func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Unwrap returns the underlying cause, so errors.Is and errors.As see through an Error.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an Error with the given code and a formatted client-facing message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Wrap returns an Error with the given code and message that keeps err as its cause.
func Wrap(code Code, err error, message string) *Error {
	return &Error{Code: code, Message: message, Err: err}
}

// InvalidError returns an INVALID error carrying every violation, sorted by pointer.
func InvalidError(message string, violations []Violation) *Error {
	sortViolations(violations)
	return &Error{Code: Invalid, Message: message, Violations: violations}
}

// Busy returns a CONFLICT error for a request that clashes with work in progress and may
// succeed when it is done, retryAfter from now (the HTTP layer sends Retry-After). It is
// not UNAVAILABLE: the store is up, the resource is taken for now.
func Busy(retryAfter time.Duration, format string, args ...any) *Error {
	return &Error{Code: Conflict, Message: fmt.Sprintf(format, args...), RetryAfter: retryAfter}
}

// RetryAfter returns how long err says to wait before retrying; zero when it does not.
func RetryAfter(err error) time.Duration {
	var e *Error
	if errors.As(err, &e) {
		return e.RetryAfter
	}
	return 0
}

// ProjectNotFound is the error for a project that does not exist. The API answers with
// it, word for word, for a project the caller's token does not hold, so that the two
// cannot be told apart; stores use it too.
func ProjectNotFound(id string) *Error {
	return Errorf(NotFound, "Project %q does not exist.", id)
}

// ErrorCode returns the code of the first Error in err's chain, or INTERNAL for any other
// non-nil error, so an unexpected error never passes for a client mistake.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// ErrorMessage returns the client-facing message of err. Errors that are not domain
// errors say only "Internal error." so that no internal detail leaks to clients.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Code != Internal {
		return e.Message
	}
	return "Internal error."
}

// ErrorViolations returns the violations carried by err, if any.
func ErrorViolations(err error) []Violation {
	var e *Error
	if errors.As(err, &e) {
		return e.Violations
	}
	return nil
}
