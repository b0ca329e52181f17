package neo4j

import (
	"context"
	"errors"
	"fmt"

	"github.com/glapp/glapp/journeys"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Neo4j status codes the store tells apart. They are part of Neo4j's documented API;
// messages are not, so the store never looks at them.
const (
	codeConstraintViolation = "Neo.ClientError.Schema.ConstraintValidationFailed"
	codeTxTimedOut          = "Neo.ClientError.Transaction.TransactionTimedOut"
	codeTxTimedOutByClient  = "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration"
	codeDatabaseNotFound    = "Neo.ClientError.Database.DatabaseNotFound"
	codeDatabaseUnavailable = "Neo.TransientError.General.DatabaseUnavailable"
)

// translate turns what ended a transaction into the error the Store contract promises:
//
//   - the caller's own errors and domain errors (NOT_FOUND, INVALID, ...) pass through;
//   - a cancelled or expired request becomes UNAVAILABLE wrapping the context's error;
//   - a uniqueness constraint violation becomes CONFLICT: two writers created the same
//     thing at once;
//   - connectivity errors, retries the driver gave up on, retryable errors, transaction
//     timeouts and a database that is missing or down become UNAVAILABLE (503 with
//     Retry-After), as does a refusal of Glapp's credentials;
//   - anything else (a Cypher error is a bug) becomes INTERNAL.
//
// Every result keeps the driver's error as its cause, for the log, never for the client.
func translate(ctx context.Context, err error) error {
	var caller *journeys.CallerError
	var domain *journeys.Error
	var dbErr *neo4j.Neo4jError
	var connErr *neo4j.ConnectivityError
	var limitErr *neo4j.TransactionExecutionLimit
	var authErr *neo4j.TokenExpiredError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &caller):
		return caller.Err
	case errors.As(err, &domain):
		return err
	// The driver wraps a cancelled read or write in errors of its own that do not unwrap
	// to the context's error, so ask the context.
	case ctx.Err() != nil:
		return contextError(ctx.Err())
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return contextError(err)
	case errors.As(err, &dbErr) && dbErr.Code == codeConstraintViolation:
		return journeys.Wrap(journeys.Conflict, err, "The write clashed with another write made at the same time; read again and retry.")
	case errors.As(err, &dbErr) && (dbErr.Code == codeTxTimedOut || dbErr.Code == codeTxTimedOutByClient):
		return journeys.Wrap(journeys.Unavailable, err, "The database did not finish in time.")
	case errors.As(err, &dbErr) && (dbErr.Code == codeDatabaseNotFound || dbErr.Code == codeDatabaseUnavailable):
		return journeys.Wrap(journeys.Unavailable, err, "The database is not available.")
	case errors.As(err, &authErr), errors.As(err, &dbErr) && dbErr.HasSecurityCode():
		return journeys.Wrap(journeys.Unavailable, err, "The database refused the service's credentials.")
	case errors.As(err, &connErr), errors.As(err, &limitErr), neo4j.IsRetryable(err):
		return journeys.Wrap(journeys.Unavailable, err, "The database cannot be reached.")
	default:
		return journeys.Wrap(journeys.Internal, err, "The database failed.")
	}
}

// contextError reports a cancelled or timed-out request. It keeps the context error as
// its cause so that callers can still tell the two apart with errors.Is.
func contextError(err error) error {
	return journeys.Wrap(journeys.Unavailable, err, "The request was cancelled or timed out before the database answered.")
}

// internal reports stored data the store cannot make sense of, or a statement that did
// less than it must: a bug or a damaged database, never a client mistake.
func internal(format string, args ...any) error {
	return journeys.Wrap(journeys.Internal, fmt.Errorf(format, args...), "The database holds data the service cannot read.")
}

func projectNotFound(id string) error {
	return journeys.ProjectNotFound(id)
}
