package journeys

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"slices"
	"strconv"
	"time"
)

// Role is what a token may do. Roles are fixed; a token's projects say where.
type Role string

// Roles.
const (
	// RoleAdmin may do everything, in every project, and manage tokens.
	RoleAdmin Role = "admin"
	// RoleLead reads and writes in its projects.
	RoleLead Role = "lead"
	// RoleAnalyst reads its projects and triages their findings.
	RoleAnalyst Role = "analyst"
	// RoleIntegration only pushes evidence (imports and webhooks) into its projects.
	RoleIntegration Role = "integration"
	// RoleMetrics only scrapes /metrics: a monitoring system's token, which sees no project.
	RoleMetrics Role = "metrics"
)

// Roles lists every valid Role.
var Roles = []Role{RoleAdmin, RoleLead, RoleAnalyst, RoleIntegration, RoleMetrics}

// Permission is one kind of access a route needs.
type Permission string

// Permissions.
const (
	PermRead   Permission = "read"
	PermWrite  Permission = "write"
	PermTriage Permission = "triage"
	PermImport Permission = "import"
	PermAdmin  Permission = "admin"
	// PermMetrics reads the service's metrics, which name no project.
	PermMetrics Permission = "metrics"
)

// Permissions lists every Permission.
var Permissions = []Permission{PermRead, PermWrite, PermTriage, PermImport, PermAdmin, PermMetrics}

// grants says which permissions each role has.
var grants = map[Role][]Permission{
	RoleAdmin:       {PermRead, PermWrite, PermTriage, PermImport, PermAdmin, PermMetrics},
	RoleLead:        {PermRead, PermWrite, PermTriage, PermImport},
	RoleAnalyst:     {PermRead, PermTriage},
	RoleIntegration: {PermImport},
	RoleMetrics:     {PermMetrics},
}

// projectPermissions are the permissions that act inside a project.
var projectPermissions = []Permission{PermRead, PermWrite, PermTriage, PermImport}

// NeedsProjects reports whether a token of the role must name the projects it holds: a
// role with a permission inside projects does, except admin, which holds them all.
func (r Role) NeedsProjects() bool {
	return r != RoleAdmin && slices.ContainsFunc(grants[r], func(p Permission) bool { return slices.Contains(projectPermissions, p) })
}

// Can reports whether the role grants the permission.
func (r Role) Can(p Permission) bool { return slices.Contains(grants[r], p) }

// Token is a bearer token: a role, the projects it holds, and an optional expiry. The
// secret itself is never stored; Hash is its SHA-256, hex-encoded.
type Token struct {
	ID   string `json:"id" example:"tok_3f5e0c1d2b4a6978"`
	Name string `json:"name" validate:"required" example:"Analytiker, region Väst"`
	Role Role   `json:"role" validate:"required"`
	// Projects are the project ids the token holds; an admin token holds every project.
	Projects  []string   `json:"projects,omitempty"`
	ExpiresAt *time.Time `json:"expiresAt,omitempty"`
	CreatedAt time.Time  `json:"createdAt" readonly:"true"`
	Hash      string     `json:"-"`
}

// Validate returns every violation in the client-supplied fields of t.
func (t *Token) Validate(now time.Time) []Violation {
	var v violations
	v.required("/name", t.Name)
	v.maxLen("/name", t.Name, maxNameLen)
	checkEnum(&v, "/role", t.Role, Roles, true)
	switch {
	case t.Role.NeedsProjects() && len(t.Projects) == 0:
		v.add("/projects", "A %s token must hold at least one project.", t.Role)
	case t.Role == RoleMetrics && len(t.Projects) > 0:
		v.add("/projects", "A %s token holds no project.", t.Role)
	}
	for i, p := range t.Projects {
		v.id("/projects/"+strconv.Itoa(i), p)
	}
	if t.ExpiresAt != nil && !t.ExpiresAt.After(now) {
		v.add("/expiresAt", "Must lie in the future.")
	}
	sortViolations(v)
	return v
}

// CheckRestore returns an error unless t, handed to RestoreToken, is a token as a store
// holds it: INVALID when its fields are not valid as of its CreatedAt (so an expired
// token passes), INTERNAL without an id, a hash or a creation time. Every store calls it
// first.
func (t *Token) CheckRestore() error {
	if t.ID == "" || t.Hash == "" || t.CreatedAt.IsZero() {
		return Errorf(Internal, "A restored token needs an id, the hash of its secret and its creation time.")
	}
	if v := t.Validate(t.CreatedAt); len(v) > 0 {
		return InvalidError("The token is not valid; nothing was stored.", v)
	}
	return nil
}

// SameAs reports whether t and o are the same stored token: every field, the hash and
// the creation time included.
func (t *Token) SameAs(o *Token) bool {
	return t.ID == o.ID && t.Name == o.Name && t.Role == o.Role && slices.Equal(t.Projects, o.Projects) &&
		sameTime(t.ExpiresAt, o.ExpiresAt) && t.CreatedAt.Equal(o.CreatedAt) && t.Hash == o.Hash
}

// sameTime reports whether a and b are both absent or the same instant.
func sameTime(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Equal(*b)
}

// Expired reports whether t has expired at now.
func (t *Token) Expired(now time.Time) bool {
	return t.ExpiresAt != nil && !now.Before(*t.ExpiresAt)
}

// Principal is who makes a request: the token's id, role and projects. Stores record the
// token id in the audit log of every write.
type Principal struct {
	TokenID  string
	Role     Role
	Projects []string
}

// System is the principal of work the service does on its own behalf: loading the demo,
// migrations, command-line tools that open the store directly.
var System = Principal{TokenID: "system", Role: RoleAdmin}

// Holds reports whether the principal may see the project at all. A project it does not
// hold must look to it exactly like a project that does not exist.
func (p Principal) Holds(projectID string) bool {
	return p.Role == RoleAdmin || slices.Contains(p.Projects, projectID)
}

type principalKey struct{}

// WithPrincipal returns a context that carries p.
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// PrincipalFrom returns the principal ctx carries, or System.
func PrincipalFrom(ctx context.Context) Principal {
	if p, ok := ctx.Value(principalKey{}).(Principal); ok {
		return p
	}
	return System
}

// SecretPrefix starts every token secret, so that secrets are easy to spot in a leaked
// file and for secret scanners.
const SecretPrefix = "glapp_"

// NewTokenSecret returns a new token id, its secret (shown to the client once) and the
// secret's hash (the only thing stored).
func NewTokenSecret() (id, secret, hash string, err error) {
	b := make([]byte, 40)
	if _, err := rand.Read(b); err != nil {
		return "", "", "", err
	}
	id = tokenIDPrefix + hex.EncodeToString(b[:8])
	secret = SecretPrefix + base64.RawURLEncoding.EncodeToString(b[8:])
	return id, secret, HashSecret(secret), nil
}

// HashSecret returns the hex SHA-256 of a token secret. Secrets are 32 random bytes, so a
// fast hash is enough: there is nothing to guess.
func HashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}
