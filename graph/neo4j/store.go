// Package neo4j is Glapp's production store: journeys.Store, journeys.AccessStore and
// journeys.EvidenceStore on Neo4j 5 (one server, a cluster or Aura) through the official
// Go driver, so that several stateless Glapp instances can share one database. It is the
// only package that imports the driver.
//
// Every statement lives in cypher/*.cypher, embedded in the binary and parameterised:
// labels, relationship types and sort keys are written into the files, never taken from
// input. The schema (uniqueness constraints and indexes) is applied at start-up from
// cypher/schema.cypher.
//
// A journey is kept twice, in one transaction: as the JSON document the client wrote, on
// its :Journey node, which reads return so that the round trip is exact; and as a graph
// of :Stage, :Step, :Handover and :Insight nodes with their relationships, which analysts
// query (docs/graph-model.md). Imported evidence is a node per record, keyed by its origin,
// whose references are kept as a property that reads return and as relationships for
// analysts (evidence.go). Writes to one project are serialised by a write lock on its
// :Project node, so that a journey is validated against exactly the actors that are there
// when it commits, as in the embedded store. Every write transaction goes through one
// helper, write (tx.go), which appends the write's audit entries in the same transaction
// (audit.go). Tokens, the audit log and idempotency keys are nodes of their own, linked
// to no project. The package holds no domain rules: it calls the journeys package to
// validate, as the embedded store does, and translates every driver error where it
// enters (errors.go).
package neo4j

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/glapp/glapp/journeys"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
)

// Defaults for Config.
const (
	// DefaultDatabase is Neo4j's default database, the one a fresh server has.
	DefaultDatabase = "neo4j"
	// DefaultTxTimeout bounds one transaction on the server. It sits well below the HTTP
	// server's write timeout, so that a stuck transaction ends as a 503 the client sees
	// rather than as a dropped connection.
	DefaultTxTimeout = 10 * time.Second
	// DefaultMaxRetryTime bounds how long the driver retries a transaction that failed
	// with a transient error (a deadlock, a leader switch in a cluster).
	DefaultMaxRetryTime = 15 * time.Second
)

// Config says how to reach Neo4j.
type Config struct {
	// URI is any URI the driver takes: neo4j://, neo4j+s:// and neo4j+ssc:// route
	// through a cluster; bolt://, bolt+s:// and bolt+ssc:// talk to one server.
	URI string
	// Username and Password authenticate with basic auth; an empty Username means none.
	Username string
	Password string
	// Database is the database to use; DefaultDatabase when empty. It is always set on
	// the session, which spares the driver a round trip to resolve the home database.
	Database string
	// TxTimeout bounds each transaction on the server; DefaultTxTimeout when zero.
	TxTimeout time.Duration
	// MaxRetryTime bounds the driver's retries of a transaction; DefaultMaxRetryTime
	// when zero.
	MaxRetryTime time.Duration
	// SkipSchema leaves the schema as it is instead of applying cypher/schema.cypher,
	// for commands that only read: "glapp check" must see a missing constraint, not
	// create it. It does not stop writes.
	SkipSchema bool
}

// Store implements the whole contract; the compiler says so before any test does.
var _ journeys.Backend = (*Store)(nil)

// Store is a journeys.Backend on Neo4j. It holds the process's one driver, which pools
// connections and is safe for concurrent use; every method opens a session of its own.
type Store struct {
	driver neo4j.DriverWithContext
	tx     transactor

	// Now returns the time the store stamps on what it writes. It defaults to the UTC
	// wall clock; tests replace it to get stable timestamps. Set it before first use.
	Now func() time.Time
	// Limits bound the size of each journey written; zero means journeys.DefaultLimits.
	// Set it before first use.
	Limits journeys.Limits
}

// Open connects to Neo4j, checks that the configured database answers, and applies the
// schema. ctx bounds all of this; Open fails with an error that names the server (never
// the password) when the database cannot be reached or refuses the credentials.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if cfg.URI == "" {
		return nil, errors.New("neo4j: no URI configured")
	}
	if cfg.Database == "" {
		cfg.Database = DefaultDatabase
	}
	if cfg.TxTimeout <= 0 {
		cfg.TxTimeout = DefaultTxTimeout
	}
	if cfg.MaxRetryTime <= 0 {
		cfg.MaxRetryTime = DefaultMaxRetryTime
	}
	auth := neo4j.NoAuth()
	if cfg.Username != "" {
		auth = neo4j.BasicAuth(cfg.Username, cfg.Password, "")
	}
	driver, err := neo4j.NewDriverWithContext(cfg.URI, auth, func(c *config.Config) {
		c.MaxTransactionRetryTime = cfg.MaxRetryTime
		c.UserAgent = "glapp"
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j: %s: %w", redact(cfg.URI), err)
	}
	s := &Store{
		driver: driver,
		tx:     &driverTransactor{driver: driver, database: cfg.Database, timeout: cfg.TxTimeout},
		Now:    func() time.Time { return time.Now().UTC() },
	}
	if err := driver.VerifyConnectivity(ctx); err != nil {
		driver.Close(context.WithoutCancel(ctx))
		return nil, fmt.Errorf("neo4j: cannot reach %s: %w", redact(cfg.URI), err)
	}
	if err := s.Ping(ctx); err != nil {
		driver.Close(context.WithoutCancel(ctx))
		return nil, fmt.Errorf("neo4j: database %q on %s does not answer: %w", cfg.Database, redact(cfg.URI), err)
	}
	if cfg.SkipSchema {
		return s, nil
	}
	if err := s.applySchema(ctx); err != nil {
		driver.Close(context.WithoutCancel(ctx))
		return nil, fmt.Errorf("neo4j: apply schema to database %q on %s: %w", cfg.Database, redact(cfg.URI), err)
	}
	return s, nil
}

// Close closes the driver and its connections.
func (s *Store) Close() error {
	if err := s.driver.Close(context.Background()); err != nil {
		return journeys.Wrap(journeys.Internal, err, "The database connection could not be closed.")
	}
	return nil
}

// pingTimeout bounds Ping, which readiness probes call: while Neo4j is down the driver
// would otherwise keep retrying for up to MaxRetryTime before the probe got its answer.
const pingTimeout = 5 * time.Second

// Ping reports whether the configured database answers a query.
func (s *Store) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, pingTimeout)
	defer cancel()
	_, err := read(ctx, s, func(ctx context.Context, tx tx) (struct{}, error) {
		recs, err := tx.run(ctx, qPing, nil)
		if err == nil && len(recs) != 1 {
			err = internal("The database answered a ping with %d records.", len(recs))
		}
		return struct{}{}, err
	})
	return err
}

// applySchema creates the constraints and indexes of cypher/schema.cypher that do not
// exist yet, one statement per transaction: Neo4j does not mix schema changes with other
// writes, and each statement is idempotent, so several Glapp instances starting at once
// do no harm.
func (s *Store) applySchema(ctx context.Context) error {
	for _, st := range schemaStatements() {
		if _, err := write(ctx, s, func(ctx context.Context, tx *writeTx) (struct{}, error) {
			_, err := tx.run(ctx, st, nil)
			return struct{}{}, err
		}); err != nil {
			return fmt.Errorf("%s: %w", st.name, err)
		}
	}
	return nil
}

// redact returns uri without any user information, for error messages and logs.
func redact(uri string) string {
	u, err := url.Parse(uri)
	if err != nil {
		return "the configured URI"
	}
	u.User = nil
	return u.String()
}
