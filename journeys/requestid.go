package journeys

import (
	"context"

	"github.com/glapp/glapp/journeys/personal"
)

// MaxRequestIDBytes bounds a request id, so that a client's X-Request-Id cannot make log
// lines or audit entries large.
const MaxRequestIDBytes = 64

// ValidRequestID reports whether id may serve as a request id: 1 to MaxRequestIDBytes of
// ASCII letters, digits, '.', '_' and '-', and no personal data (a personal identity number
// fits those characters). The API adopts a client's X-Request-Id only when it is valid,
// and stores keep only valid ones (AuditEntry.Bounded), since the id goes into logs and
// the audit log, which never hold personal data.
func ValidRequestID(id string) bool {
	if id == "" || len(id) > MaxRequestIDBytes {
		return false
	}
	for i := 0; i < len(id); i++ {
		switch c := id[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '.', c == '_', c == '-':
		default:
			return false
		}
	}
	return !personal.Contains(id)
}

type requestIDKey struct{}

// WithRequestID returns a context that carries the id of the request it serves, so that
// the audit entries the request's writes leave name it (NewAuditEntry).
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// RequestIDFrom returns the request id ctx carries, or "" for work no request asked for.
func RequestIDFrom(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}
