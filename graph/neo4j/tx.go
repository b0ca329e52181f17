package neo4j

import (
	"context"
	"time"

	"github.com/glapp/glapp/journeys"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// tx is what the store's work functions need of a transaction: run one statement and get
// all of its records. Collecting inside the transaction is the point: no driver Result
// ever leaves a work function, so none can be read after its transaction has ended.
type tx interface {
	run(ctx context.Context, st statement, params map[string]any) ([]*neo4j.Record, error)
}

// work is a unit of work in one transaction. The driver retries it after a transient
// failure (a deadlock, a lost leader), so it must be idempotent: it may change nothing
// outside the transaction but its own return values, and must compute those afresh.
type work func(ctx context.Context, tx tx) (any, error)

// transactor runs units of work in managed transactions. The store has exactly one, on
// the driver; tests substitute one that runs work against scripted records, since no
// Neo4j server is at hand where Glapp is built.
type transactor interface {
	// execute runs w in one read (write false) or write transaction and returns what w
	// returned, or the error that ended the transaction, untranslated.
	execute(ctx context.Context, write bool, w work) (any, error)
}

// driverTransactor runs work through the driver's managed transactions.
type driverTransactor struct {
	driver   neo4j.DriverWithContext
	database string
	timeout  time.Duration
}

// execute opens a session for this one unit of work, with the database set, and runs w
// with neo4j.ExecuteRead or neo4j.ExecuteWrite, which retry transient failures. The
// transaction timeout ends a transaction the server cannot finish in time, below any HTTP
// deadline; ctx, the request's context, ends the wait sooner when the client goes away.
func (d *driverTransactor) execute(ctx context.Context, write bool, w work) (any, error) {
	mode := neo4j.AccessModeRead
	if write {
		mode = neo4j.AccessModeWrite
	}
	session := d.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: d.database, AccessMode: mode})
	// Closing must happen even when ctx is already cancelled, or the connection is not
	// returned to the pool in a known state.
	defer session.Close(context.WithoutCancel(ctx))
	fn := func(mtx neo4j.ManagedTransaction) (any, error) { return w(ctx, managedTx{mtx}) }
	configure := []func(*neo4j.TransactionConfig){
		neo4j.WithTxTimeout(d.timeout),
		neo4j.WithTxMetadata(map[string]any{"app": "glapp"}),
	}
	if write {
		return neo4j.ExecuteWrite(ctx, session, fn, configure...)
	}
	return neo4j.ExecuteRead(ctx, session, fn, configure...)
}

// managedTx is a driver transaction seen as a tx.
type managedTx struct{ mtx neo4j.ManagedTransaction }

// run runs st and collects its records before returning.
func (t managedTx) run(ctx context.Context, st statement, params map[string]any) ([]*neo4j.Record, error) {
	res, err := t.mtx.Run(ctx, st.cypher, params)
	if err != nil {
		return nil, err
	}
	return res.Collect(ctx)
}

// read runs fn in one read transaction and translates its error.
func read[T any](ctx context.Context, s *Store, fn func(ctx context.Context, tx tx) (T, error)) (T, error) {
	return execute(ctx, s, false, fn)
}

// writeTx is a write transaction as the store's write functions see it: a tx to run
// statements in, and the audit entries of the changes the work made, which write appends
// to the audit log in the same transaction once the work has succeeded.
type writeTx struct {
	tx
	entries []*journeys.AuditEntry
	// change is how the work moves its project's stamp, which writeProject applies as it
	// releases the project's lock.
	change journeys.StampChange
}

// moveStamp notes that the work moves its project's stamp as change says, beyond what
// its audit actions say (a journey write that upserts carried actors).
func (w *writeTx) moveStamp(change journeys.StampChange) { w.change = w.change.Or(change) }

// audit notes that the work changed stored data: action on objects, in the audit log of
// projectID, by the principal ctx carries (or as the caller named the write with
// journeys.WithAuditDetail). Work calls it only once it has changed something, so that a
// write that changes nothing, or is refused, records nothing.
func (w *writeTx) audit(ctx context.Context, projectID, action string, objects ...string) {
	w.moveStamp(journeys.StampChangeOf(action))
	w.record(journeys.NewAuditEntry(ctx, projectID, action, objects...))
}

// record notes e, complete but for its id and time, as an entry to append. It returns the
// copy it keeps, on which write sets the id and time when it appends the entry; that is
// where RecordAudit reads them.
func (w *writeTx) record(e journeys.AuditEntry) *journeys.AuditEntry {
	w.entries = append(w.entries, &e)
	return &e
}

// write runs fn in one write transaction and translates its error. It is the one place
// where the store writes, and so where every write is audited: after fn returns, the
// entries fn noted with tx.audit are appended to the audit log in the same transaction
// (audit.go), so that a committed write always has its entries and a rolled-back one
// never has. A retried transaction runs fn afresh, with no entries.
func write[T any](ctx context.Context, s *Store, fn func(ctx context.Context, tx *writeTx) (T, error)) (T, error) {
	return execute(ctx, s, true, func(ctx context.Context, tx tx) (T, error) {
		var zero T
		w := &writeTx{tx: tx}
		out, err := fn(ctx, w)
		if err != nil {
			return zero, err
		}
		if err := s.appendAudit(ctx, tx, w.entries); err != nil {
			return zero, err
		}
		return out, nil
	})
}

// writeProject runs fn in one write transaction that holds project id's write lock, and
// fails with NOT_FOUND when there is no such project. Every write inside a project goes
// through it, so that writes to one project are serialised (see project_lock.cypher) and
// none can slip into a project that does not exist.
func writeProject[T any](ctx context.Context, s *Store, projectID string, fn func(ctx context.Context, tx *writeTx) (T, error)) (T, error) {
	return write(ctx, s, func(ctx context.Context, tx *writeTx) (T, error) {
		var zero T
		recs, err := tx.run(ctx, qProjectLock, map[string]any{"projectId": projectID})
		if err != nil {
			return zero, err
		}
		if len(recs) == 0 {
			return zero, projectNotFound(projectID)
		}
		out, err := fn(ctx, tx)
		if err != nil {
			return zero, err
		}
		// The unlock finds no project after DeleteProject; that is fine, the lock goes
		// with the transaction. It moves the project's stamp as the work's audit actions
		// say, in the same transaction (journeys.Stamp).
		if _, err := tx.run(ctx, qProjectUnlock, map[string]any{"projectId": projectID,
			"revision": stampStep(tx.change.Revision), "inputs": stampStep(tx.change.Inputs)}); err != nil {
			return zero, err
		}
		return out, nil
	})
}

// execute is read and write: it refuses work for a request that is already over, runs fn
// through the store's transactor and translates what ends it.
func execute[T any](ctx context.Context, s *Store, write bool, fn func(ctx context.Context, tx tx) (T, error)) (T, error) {
	var zero T
	if err := ctx.Err(); err != nil {
		return zero, contextError(err)
	}
	out, err := s.tx.execute(ctx, write, func(ctx context.Context, tx tx) (any, error) { return fn(ctx, tx) })
	if err != nil {
		return zero, translate(ctx, err)
	}
	return out.(T), nil
}

// stampStep is how far a stamp counter moves: one when it moves, else nothing.
func stampStep(moves bool) int64 {
	if moves {
		return 1
	}
	return 0
}
