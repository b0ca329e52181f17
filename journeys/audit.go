package journeys

import (
	"context"
	"fmt"
	"time"
	"unicode/utf8"
)

// SystemAuditProject is the audit log of writes that belong to no project, such as
// creating tokens. No project can have this id: ids start with a letter or digit.
const SystemAuditProject = "_system"

// Audit outcomes. A write that commits records OutcomeOK in its own transaction, so a
// committed write always has an entry and a rolled-back one never has. A write the
// service refused is recorded apart, with the refusal's error code as its outcome.
const OutcomeOK = "ok"

// The bounds of an audit entry, so that no request can make its entry large: a write on
// many objects records the first MaxAuditObjects-1 and one more object that counts the
// rest ("+37 more"), and the action, the outcome and each object are cut to
// MaxAuditTextBytes. Every store keeps entries within them (AuditEntry.Bounded).
const (
	MaxAuditObjects   = 20
	MaxAuditTextBytes = 128
)

// AuditEntry records one write: who (the token's id), when, in which project, what
// action on which objects, and how it ended. It holds ids only, never evidence text or
// anything that identifies a person, and is bounded in size (MaxAuditObjects).
type AuditEntry struct {
	ID      string    `json:"id"`
	Time    time.Time `json:"time"`
	Token   string    `json:"token"`
	Project string    `json:"project"`
	// Action names the write as "<noun>.<verb>", e.g. "journey.put", "step.add".
	Action  string   `json:"action" example:"journey.put"`
	Objects []string `json:"objects"`
	Outcome string   `json:"outcome" example:"ok"`
	// RequestID is the id of the HTTP request that made the write (its X-Request-Id), so
	// that an entry can be found in the server log; empty for work no request asked for.
	RequestID string `json:"requestId,omitempty" example:"5f0c2a9e81b3d4c7"`
}

// NewAuditEntry returns the entry for a committed write by the principal ctx carries, in
// the request ctx carries (WithRequestID), with the action and objects the caller named through WithAuditDetail, if any, else
// those given. Stores call it inside the write's transaction and set ID and Time.
func NewAuditEntry(ctx context.Context, projectID, action string, objects ...string) AuditEntry {
	action, objects = AuditAction(ctx, action, objects...)
	e := AuditEntry{Token: PrincipalFrom(ctx).TokenID, Project: projectID, Action: action, Objects: objects, Outcome: OutcomeOK, RequestID: RequestIDFrom(ctx)}
	return e.Bounded()
}

// Bounded returns a copy of e within the bounds of an audit entry (MaxAuditObjects,
// MaxAuditTextBytes), with objects of its own, never nil, and no request id unless it is
// a valid one (ValidRequestID). Stores call it on every entry they append, so that the
// bounds hold however an entry was made.
func (e AuditEntry) Bounded() AuditEntry {
	e.Action, e.Outcome = clip(e.Action), clip(e.Outcome)
	if !ValidRequestID(e.RequestID) {
		e.RequestID = ""
	}
	objects := e.Objects
	var rest string
	if len(objects) > MaxAuditObjects {
		rest = fmt.Sprintf("+%d more", len(objects)-(MaxAuditObjects-1))
		objects = objects[:MaxAuditObjects-1]
	}
	e.Objects = make([]string, 0, len(objects)+1)
	for _, o := range objects {
		e.Objects = append(e.Objects, clip(o))
	}
	if rest != "" {
		e.Objects = append(e.Objects, rest)
	}
	return e
}

// clip cuts s to at most MaxAuditTextBytes, at a character boundary, ending a cut one
// with "…" so that no reader takes it for a whole id.
func clip(s string) string {
	if len(s) <= MaxAuditTextBytes {
		return s
	}
	const ellipsis = "…"
	cut := MaxAuditTextBytes - len(ellipsis)
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + ellipsis
}

type auditDetailKey struct{}

// auditDetail is what a caller tells the store about a write it cannot see for itself.
type auditDetail struct {
	action  string
	objects []string
}

// WithAuditDetail returns a context that names the write for the audit log more exactly
// than the store method can: an element edit is "step.add" on the journey and the step,
// where UpdateJourney alone would say "journey.update".
func WithAuditDetail(ctx context.Context, action string, objects ...string) context.Context {
	return context.WithValue(ctx, auditDetailKey{}, auditDetail{action, objects})
}

// AuditAction returns the action and objects to record for a write: the caller's detail
// from ctx if there is one, else the store's own.
func AuditAction(ctx context.Context, action string, objects ...string) (string, []string) {
	if d, ok := ctx.Value(auditDetailKey{}).(auditDetail); ok {
		return d.action, d.objects
	}
	return action, objects
}

// AuditFilter narrows an audit listing; empty fields match everything.
type AuditFilter struct {
	Token   string
	Action  string
	Outcome string
	Since   time.Time
	Until   time.Time
}

// Match reports whether e passes the filter.
func (f AuditFilter) Match(e *AuditEntry) bool {
	return (f.Token == "" || e.Token == f.Token) &&
		(f.Action == "" || e.Action == f.Action) &&
		(f.Outcome == "" || e.Outcome == f.Outcome) &&
		(f.Since.IsZero() || !e.Time.Before(f.Since)) &&
		(f.Until.IsZero() || e.Time.Before(f.Until))
}

// CheckRestore returns an INTERNAL error unless entries, handed to RestoreAudit, are at
// most PruneBatch and each has what a stored entry has: an id, a time, a project and an
// action. Every store calls it first.
func CheckRestore(entries []AuditEntry) error {
	if len(entries) > PruneBatch {
		return Errorf(Internal, "RestoreAudit takes at most %d entries at a time, not %d.", PruneBatch, len(entries))
	}
	for _, e := range entries {
		if e.ID == "" || e.Time.IsZero() || e.Project == "" || e.Action == "" {
			return Errorf(Internal, "A restored audit entry needs an id, a time, a project and an action.")
		}
	}
	return nil
}
