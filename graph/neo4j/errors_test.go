package neo4j

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/glapp/glapp/journeys"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// TestTranslate feeds translate the driver's own error values and checks the codes the
// Store contract promises. Only codes are compared, never messages, as the store itself
// does.
func TestTranslate(t *testing.T) {
	ctx := context.Background()
	notFound := journeys.Errorf(journeys.NotFound, "Project %q does not exist.", "p")
	for _, tt := range []struct {
		name string
		err  error
		want journeys.Code
	}{
		{"ConstraintViolation", &neo4j.Neo4jError{Code: "Neo.ClientError.Schema.ConstraintValidationFailed", Msg: "Node(1) already exists"}, journeys.Conflict},
		{"WrappedConstraintViolation", fmt.Errorf("run: %w", &neo4j.Neo4jError{Code: "Neo.ClientError.Schema.ConstraintValidationFailed"}), journeys.Conflict},
		{"Connectivity", &neo4j.ConnectivityError{Inner: io.EOF}, journeys.Unavailable},
		{"RetriesExhausted", &neo4j.TransactionExecutionLimit{Cause: "timeout (exceeded max retry time: 15s)", Errors: []error{io.EOF}}, journeys.Unavailable},
		{"Deadlock", &neo4j.Neo4jError{Code: "Neo.TransientError.Transaction.DeadlockDetected"}, journeys.Unavailable},
		{"NotALeader", &neo4j.Neo4jError{Code: "Neo.ClientError.Cluster.NotALeader"}, journeys.Unavailable},
		{"TxTimeout", &neo4j.Neo4jError{Code: "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration"}, journeys.Unavailable},
		{"DatabaseNotFound", &neo4j.Neo4jError{Code: "Neo.ClientError.Database.DatabaseNotFound"}, journeys.Unavailable},
		{"Unauthorized", &neo4j.Neo4jError{Code: "Neo.ClientError.Security.Unauthorized"}, journeys.Unavailable},
		{"SyntaxError", &neo4j.Neo4jError{Code: "Neo.ClientError.Statement.SyntaxError"}, journeys.Internal},
		{"ParameterMissing", &neo4j.Neo4jError{Code: "Neo.ClientError.Statement.ParameterMissing"}, journeys.Internal},
		{"Usage", &neo4j.UsageError{Message: "invalid transaction handle"}, journeys.Internal},
		{"Unknown", errors.New("surprise"), journeys.Internal},
		{"Domain", notFound, journeys.NotFound},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := translate(ctx, tt.err)
			if code := journeys.ErrorCode(got); code != tt.want {
				t.Errorf("translate(%v) = %v; want code %s", tt.err, got, tt.want)
			}
			if tt.want != journeys.Internal && tt.err != notFound && !errors.Is(got, tt.err) {
				t.Errorf("translate(%v) = %v; want the driver's error kept as the cause", tt.err, got)
			}
			if msg := journeys.ErrorMessage(got); strings.Contains(msg, "Neo.") || strings.Contains(msg, "Node(") {
				t.Errorf("translate(%v) message %q; want nothing of the driver's error shown to clients", tt.err, msg)
			}
		})
	}

	t.Run("Nil", func(t *testing.T) {
		if err := translate(ctx, nil); err != nil {
			t.Errorf("translate(nil) = %v; want nil", err)
		}
	})
	t.Run("CallerError", func(t *testing.T) {
		errStop := errors.New("stop")
		if got := translate(ctx, &journeys.CallerError{Err: errStop}); got != errStop {
			t.Errorf("translate(callerError(stop)) = %v; want stop itself", got)
		}
	})
	t.Run("CancelledContext", func(t *testing.T) {
		cancelled, cancel := context.WithCancel(ctx)
		cancel()
		// The driver reports a cancelled read as a connectivity error that does not
		// unwrap to context.Canceled; the context is what says why.
		got := translate(cancelled, &neo4j.ConnectivityError{Inner: errors.New("reading from connection has been canceled")})
		if journeys.ErrorCode(got) != journeys.Unavailable || !errors.Is(got, context.Canceled) {
			t.Errorf("translate(cancelled ctx, connectivity error) = %v; want UNAVAILABLE wrapping context.Canceled", got)
		}
	})
	t.Run("DeadlineFromDriver", func(t *testing.T) {
		got := translate(ctx, fmt.Errorf("begin: %w", context.DeadlineExceeded))
		if journeys.ErrorCode(got) != journeys.Unavailable || !errors.Is(got, context.DeadlineExceeded) {
			t.Errorf("translate(deadline exceeded) = %v; want UNAVAILABLE wrapping context.DeadlineExceeded", got)
		}
	})
}

// TestTranslateRetryable checks that what translate calls UNAVAILABLE agrees with what
// the driver itself retries, for the Neo4j errors above.
func TestTranslateRetryable(t *testing.T) {
	for _, code := range []string{"Neo.TransientError.Transaction.DeadlockDetected", "Neo.TransientError.General.DatabaseUnavailable", "Neo.ClientError.Cluster.NotALeader"} {
		err := &neo4j.Neo4jError{Code: code}
		if !neo4j.IsRetryable(err) {
			t.Errorf("neo4j.IsRetryable(%s) = false; the test assumes the driver retries it", code)
		}
		if got := journeys.ErrorCode(translate(context.Background(), err)); got != journeys.Unavailable {
			t.Errorf("translate(%s) = %s; want UNAVAILABLE like every error the driver retries", code, got)
		}
	}
}
