package journeys

import (
	"context"
	"time"
)

// SystemAuditProject is the audit log of writes that belong to no project, such as
// creating tokens. No project can have this id: ids start with a letter or digit.
const SystemAuditProject = "_system"

// Audit outcomes. A write that commits records OutcomeOK in its own transaction, so a
// committed write always has an entry and a rolled-back one never has. A write the
// service refused is recorded apart, with the refusal's error code as its outcome.
const OutcomeOK = "ok"

// AuditEntry records one write: who (the token's id), when, in which project, what
// action on which objects, and how it ended. It holds ids only, never evidence text or
// anything that identifies a person.
type AuditEntry struct {
	ID      string    `json:"id"`
	Time    time.Time `json:"time"`
	Token   string    `json:"token"`
	Project string    `json:"project"`
	// Action names the write as "<noun>.<verb>", e.g. "journey.put", "step.add".
	Action  string   `json:"action" example:"journey.put"`
	Objects []string `json:"objects"`
	Outcome string   `json:"outcome" example:"ok"`
}

// NewAuditEntry returns the entry for a committed write by the principal ctx carries,
// with the action and objects the caller named through WithAuditDetail, if any, else
// those given. Stores call it inside the write's transaction and set ID and Time.
func NewAuditEntry(ctx context.Context, projectID, action string, objects ...string) AuditEntry {
	action, objects = AuditAction(ctx, action, objects...)
	if objects == nil {
		objects = []string{}
	}
	return AuditEntry{Token: PrincipalFrom(ctx).TokenID, Project: projectID, Action: action, Objects: objects, Outcome: OutcomeOK}
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
