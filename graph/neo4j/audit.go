package neo4j

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync/atomic"
	"time"

	"github.com/glapp/glapp/journeys"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// The audit log is one :AuditEntry node per entry, keyed by (projectId, id) and linked to
// nothing: no project owns its log, so deleting a project (project_delete.cypher follows
// only the project's relationships) keeps it, and a project created again with the same
// id lists it.
//
// An entry's id is three fixed-width, lower-case hex numbers: the Unix nanoseconds of its
// time, then a sequence number this process counts up, then a number drawn at random
// once per process. Ids therefore sort by time, so listing newest first reads the index
// of the audit_entry_key constraint backwards and a time filter is a range of ids; among
// entries of the same instant, those this process wrote sort in the order it wrote them;
// and two processes cannot make the same id unless they draw the same 64-bit number, in
// which case the constraint refuses the second write rather than keep two entries under
// one id. The id is made inside the transaction, so a retried transaction makes a new one.
var (
	auditSeq      atomic.Uint64
	auditInstance = rand.Uint64()
)

// auditIDCeiling sorts after every audit id, which are lower-case hex: the upper bound of
// a listing that has neither cursor nor Until.
const auditIDCeiling = "g"

// auditTimeKey returns the prefix of the ids of the entries stamped at t. Ids compare as
// their times do, so entries at or after t are those with ids at or above it, and entries
// before t those with ids below it.
func auditTimeKey(t time.Time) string {
	return fmt.Sprintf("%016x", uint64(t.UnixNano()))
}

// newAuditID returns a new id for an entry stamped at t.
func newAuditID(t time.Time) string {
	return fmt.Sprintf("%s%016x%016x", auditTimeKey(t), auditSeq.Add(1), auditInstance)
}

// appendAudit stamps entries with the store's clock and ids of their own, in the order
// given, and stores them inside tx with one statement. write calls it for every write
// transaction; with no entries it runs nothing.
func (s *Store) appendAudit(ctx context.Context, tx tx, entries []*journeys.AuditEntry) error {
	if len(entries) == 0 {
		return nil
	}
	now := s.Now()
	rows := make([]map[string]any, 0, len(entries))
	for _, e := range entries {
		e.Time, e.ID = now, newAuditID(now)
		rows = append(rows, auditRow(e))
	}
	recs, err := tx.run(ctx, qAuditAppend, map[string]any{"rows": rows})
	if err != nil {
		return err
	}
	written := int64(-1)
	if len(recs) == 1 {
		r := columnsOf(qAuditAppend.name, recs[0])
		written = r.int64("written")
		if r.err != nil {
			return r.err
		}
	}
	if written != int64(len(rows)) {
		return internal("%s wrote %d of %d audit entries", qAuditAppend.name, written, len(rows))
	}
	return nil
}

// ListAudit returns the project's audit entries that pass the filter, newest first. The
// log outlives its project, so a deleted project's id lists what was done to it; an id
// that never had a write lists nothing rather than NOT_FOUND, since a log need not exist
// for its project to. The whole filter runs in the database (the times as a range of
// ids), so that every page but the last is full.
func (s *Store) ListAudit(ctx context.Context, projectID string, f journeys.AuditFilter, page journeys.Page) (*journeys.List[journeys.AuditEntry], error) {
	after, err := page.After()
	if err != nil {
		return nil, err
	}
	fromID, beforeID := auditRange(f, after)
	return read(ctx, s, func(ctx context.Context, tx tx) (*journeys.List[journeys.AuditEntry], error) {
		recs, err := tx.run(ctx, qAuditList, map[string]any{
			"projectId": projectID,
			"fromId":    fromID,
			"beforeId":  beforeID,
			"token":     nullable(f.Token),
			"action":    nullable(f.Action),
			"outcome":   nullable(f.Outcome),
			"limit":     page.Size() + 1,
		})
		if err != nil {
			return nil, err
		}
		items := make([]journeys.AuditEntry, 0, len(recs))
		for _, rec := range recs {
			r := columnsOf("audit entry", rec)
			n, ok := r.node("entry")
			if r.err == nil && !ok {
				r.err = internal("%s returned a null entry", qAuditList.name)
			}
			if r.err != nil {
				return nil, r.err
			}
			e, err := auditEntryFromNode(n)
			if err != nil {
				return nil, err
			}
			items = append(items, e)
		}
		return pageOf(items, page.Size(), func(e *journeys.AuditEntry) string { return e.ID }), nil
	})
}

// auditRange returns the ids a listing covers, from fromID (inclusive) to beforeID
// (exclusive): below the cursor's id when there is one, and within the filter's times.
func auditRange(f journeys.AuditFilter, after string) (fromID, beforeID string) {
	beforeID = auditIDCeiling
	if after != "" {
		beforeID = after
	}
	if !f.Until.IsZero() {
		beforeID = min(beforeID, auditTimeKey(f.Until))
	}
	if !f.Since.IsZero() {
		fromID = auditTimeKey(f.Since)
	}
	return fromID, beforeID
}

// RecordAudit appends e on its own, for a write the service refused, keeping its token,
// action, objects and outcome within the bounds of an entry (journeys.AuditEntry.Bounded).
// It sets e's ID and Time once the entry is stored.
func (s *Store) RecordAudit(ctx context.Context, e *journeys.AuditEntry) error {
	if e.Project == "" || e.Action == "" {
		return journeys.Errorf(journeys.Internal, "An audit entry needs a project and an action.")
	}
	rec := e.Bounded()
	stored, err := write(ctx, s, func(_ context.Context, tx *writeTx) (*journeys.AuditEntry, error) {
		return tx.record(rec), nil
	})
	if err != nil {
		return err
	}
	e.ID, e.Time = stored.ID, stored.Time
	return nil
}

// eachAuditBatch is how many entries EachAuditEntry reads in one transaction.
const eachAuditBatch = 1000

// EachAuditEntry calls fn with every entry of every log, ordered by project id and id,
// reading a page at a time (audit_each.cypher) and calling fn outside the transaction.
func (s *Store) EachAuditEntry(ctx context.Context, fn func(*journeys.AuditEntry) error) error {
	var afterProject, afterID string
	for {
		batch, err := read(ctx, s, func(ctx context.Context, tx tx) ([]journeys.AuditEntry, error) {
			recs, err := tx.run(ctx, qAuditEach, map[string]any{"afterProject": afterProject, "afterId": afterID, "limit": eachAuditBatch})
			if err != nil {
				return nil, err
			}
			out := make([]journeys.AuditEntry, 0, len(recs))
			for _, rec := range recs {
				r := columnsOf("audit entry", rec)
				n, ok := r.node("entry")
				if r.err == nil && !ok {
					r.err = internal("%s returned a null entry", qAuditEach.name)
				}
				if r.err != nil {
					return nil, r.err
				}
				e, err := auditEntryFromNode(n)
				if err != nil {
					return nil, err
				}
				out = append(out, e)
			}
			return out, nil
		})
		if err != nil {
			return err
		}
		for i := range batch {
			if err := fn(&batch[i]); err != nil {
				return err
			}
		}
		if len(batch) < eachAuditBatch {
			return nil
		}
		last := batch[len(batch)-1]
		afterProject, afterID = last.Project, last.ID
	}
}

// RestoreAudit appends entries as another store held them, in one write transaction
// (audit_restore.cypher), skipping those already stored.
func (s *Store) RestoreAudit(ctx context.Context, entries []journeys.AuditEntry) (int, error) {
	if err := journeys.CheckRestore(entries); err != nil {
		return 0, err
	}
	if len(entries) == 0 {
		return 0, nil
	}
	rows := make([]map[string]any, 0, len(entries))
	for _, in := range entries {
		e := in.Bounded()
		rows = append(rows, auditRow(&e))
	}
	return write(ctx, s, func(ctx context.Context, tx *writeTx) (int, error) {
		recs, err := tx.run(ctx, qAuditRestore, map[string]any{"rows": rows})
		if err != nil {
			return 0, err
		}
		if len(recs) != 1 {
			return 0, internal("%s returned %d records; want 1", qAuditRestore.name, len(recs))
		}
		r := columnsOf(qAuditRestore.name, recs[0])
		n := r.int("added")
		return n, r.err
	})
}

// pruneBatch is journeys.PruneBatch, a variable so that tests can make it small.
var pruneBatch = journeys.PruneBatch

// PruneAudit deletes the entries stamped before before from every project's log, in
// write transactions of at most pruneBatch entries each (audit_prune.cypher), and
// returns how many it deleted. It writes no audit entry of its own.
func (s *Store) PruneAudit(ctx context.Context, before time.Time) (int, error) {
	return s.prune(ctx, qAuditPrune, map[string]any{"before": before})
}

// prune runs st, which deletes at most $limit items and returns how many as "pruned",
// in one write transaction after another until one deletes fewer than pruneBatch, and
// returns the total.
func (s *Store) prune(ctx context.Context, st statement, params map[string]any) (int, error) {
	params["limit"] = pruneBatch
	total := 0
	for {
		n, err := write(ctx, s, func(ctx context.Context, tx *writeTx) (int, error) {
			recs, err := tx.run(ctx, st, params)
			if err != nil {
				return 0, err
			}
			if len(recs) != 1 {
				return 0, internal("%s returned %d records; want 1", st.name, len(recs))
			}
			r := columnsOf(st.name, recs[0])
			n := r.int("pruned")
			return n, r.err
		})
		total += n
		if err != nil || n < pruneBatch {
			return total, err
		}
	}
}

// auditRow is the row audit_append.cypher writes for e. No objects are stored as none and
// no request id as null: absent is how the graph says empty.
func auditRow(e *journeys.AuditEntry) map[string]any {
	return map[string]any{
		"projectId": e.Project,
		"id":        e.ID,
		"time":      e.Time,
		"token":     e.Token,
		"action":    e.Action,
		"objects":   list(e.Objects),
		"outcome":   e.Outcome,
		"requestId": nullable(e.RequestID),
	}
}

// auditEntryFromNode maps an :AuditEntry node. Objects are never nil, as the embedded
// store's are not: an entry about nothing in particular lists none.
func auditEntryFromNode(n neo4j.Node) (journeys.AuditEntry, error) {
	r := propsOf("audit entry", n)
	e := journeys.AuditEntry{
		ID:        r.str("id"),
		Token:     r.str("token"),
		Project:   r.str("projectId"),
		Action:    r.str("action"),
		Objects:   r.strings("objects"),
		Outcome:   r.str("outcome"),
		RequestID: r.str("requestId"),
	}
	if t := r.time("time"); t != nil {
		e.Time = *t
	}
	if e.Objects == nil {
		e.Objects = []string{}
	}
	return e, r.err
}
