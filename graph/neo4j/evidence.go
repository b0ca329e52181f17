package neo4j

import (
	"context"
	"slices"

	"github.com/glapp/glapp/journeys"
)

// Imported evidence is one :Evidence node per record, linked to its project (HAS_EVIDENCE),
// to its source (FROM_SOURCE) and to the steps, hand-overs, actors and journeys its
// references name (ABOUT), where those exist. Its about property is the truth that reads
// return; the relationships are there for analysts, and are made again whenever either
// end is written: by the evidence's own writes (evidence_upsert, evidence_about), by a
// journey's (writeJourney calls relinkEvidence, since it replaces the journey's elements),
// by an actor's creation (actor_upsert) and by a source's (source_upsert).

const (
	// importBatch is how many records (or sources) an import holds before it writes them
	// with one UNWIND statement: few round trips for a large export, and a bounded
	// amount of it in memory and in each statement's parameters.
	importBatch = 500
	// eachEvidenceBatch is how many pieces of evidence EachEvidence reads per transaction.
	eachEvidenceBatch = 200
)

// evidence describes imported evidence to the generic entity helpers it fits: getOne,
// read, readMany and remove. Evidence is written by ImportEvidence and UpdateEvidence, in
// batches with relationships of their own, and listed with a filter, so put and page,
// which would need an upsert and a list statement of the helpers' shape, are not for it.
var evidence = entity[journeys.Evidence]{
	name:     "evidence",
	audit:    "evidence",
	column:   "evidence",
	keyParam: "evidenceId",
	key:      func(e *journeys.Evidence) string { return e.ID },
	fromNode: evidenceFromNode,
	get:      qEvidenceGet,
	delete:   qEvidenceDelete,
	byIDs:    qEvidenceByIDs,
}

// ImportEvidence runs produce inside one write transaction, which holds the project's
// write lock, and stores what it yields: sources and records are queued as they come and
// written importBatch at a time, each batch with one statement that reads what is stored
// under its ids and at most two that write those that are new or changed (the nodes, then
// what they are about), so that counting created, updated and unchanged records costs no
// round trip per record. A delivery key
// is recorded first, in the same transaction; one recorded before refuses the import with
// CONFLICT. "evidence.import" is audited when the import changed anything or recorded a
// key. The driver may run all of this again after a transient failure, produce included,
// as the EvidenceStore contract allows; every count starts afresh each time.
func (s *Store) ImportEvidence(ctx context.Context, projectID, deliveryKey string, produce journeys.EvidenceProducer) (*journeys.ImportCounts, error) {
	return writeProject(ctx, s, projectID, func(ctx context.Context, tx *writeTx) (*journeys.ImportCounts, error) {
		if deliveryKey != "" {
			if err := recordDelivery(ctx, tx, s, projectID, deliveryKey); err != nil {
				return nil, err
			}
		}
		imp := &evidenceImport{ctx: ctx, tx: tx, s: s, projectID: projectID,
			queuedSources: map[string]bool{}, queuedRecords: map[string]bool{}}
		err := produce(imp.source, imp.record)
		if err == nil {
			imp.flush()
		}
		switch {
		case imp.err != nil:
			// A write failed: the database's error, whatever produce made of it, so that
			// the driver can retry a transient one and translate sees it.
			return nil, imp.err
		case err != nil:
			return nil, &journeys.CallerError{Err: err}
		}
		if imp.changed || deliveryKey != "" {
			tx.audit(ctx, projectID, "evidence.import")
		}
		return &imp.counts, nil
	})
}

// recordDelivery records a webhook message id in the import's transaction, or returns
// CONFLICT when it was recorded before.
func recordDelivery(ctx context.Context, tx tx, s *Store, projectID, key string) error {
	recs, err := tx.run(ctx, qDeliveryRecord, map[string]any{"projectId": projectID, "deliveryKey": key, "now": s.Now()})
	if err != nil {
		return err
	}
	if len(recs) != 1 {
		return internal("%s returned %d records; want 1", qDeliveryRecord.name, len(recs))
	}
	r := columnsOf("delivery", recs[0])
	created := r.bool("created")
	if r.err != nil {
		return r.err
	}
	if !created {
		return journeys.Delivered(key)
	}
	return nil
}

// evidenceImport is one run of an import's work function: the sources and records
// produce has handed over and not yet written, and what has been done so far.
type evidenceImport struct {
	ctx       context.Context
	tx        tx
	s         *Store
	projectID string

	counts journeys.ImportCounts
	// changed reports whether anything was written, a changed source included.
	changed bool

	sources       []journeys.Source
	records       []journeys.Evidence
	queuedSources map[string]bool
	queuedRecords map[string]bool

	// err is the first error a write returned. Once set, the transaction is lost: every
	// callback returns it, and ImportEvidence returns it whatever produce does with it.
	err error
}

// source is the source callback handed to produce.
func (imp *evidenceImport) source(src *journeys.Source) error {
	if imp.err != nil {
		return imp.err
	}
	if v := src.Validate(); len(v) > 0 {
		return journeys.InvalidError("An imported source is not valid; nothing was imported.", v)
	}
	if imp.queuedSources[src.ID] {
		// The same source twice: write the first before comparing the second with it.
		if imp.flush(); imp.err != nil {
			return imp.err
		}
	}
	imp.sources = append(imp.sources, *src)
	imp.queuedSources[src.ID] = true
	if len(imp.sources) >= importBatch {
		imp.flush()
	}
	return imp.err
}

// record is the evidence callback handed to produce. It keeps a copy of e, since produce
// may reuse e once the callback has returned.
func (imp *evidenceImport) record(e *journeys.Evidence) error {
	if imp.err != nil {
		return imp.err
	}
	if v := e.Validate(); len(v) > 0 {
		return journeys.InvalidError("An imported record is not valid; nothing was imported.", v)
	}
	if imp.queuedRecords[e.ID] {
		// The same record twice: write the first before comparing the second with it,
		// so that it counts as the embedded store counts it.
		if imp.flush(); imp.err != nil {
			return imp.err
		}
	}
	imp.records = append(imp.records, cloneEvidence(*e))
	imp.queuedRecords[e.ID] = true
	if !e.Linked() {
		imp.counts.Unlinked++
	}
	if len(imp.records) >= importBatch {
		imp.flush()
	}
	return imp.err
}

// flush writes the queued sources, then the queued records, so that records find the
// sources they name already stored and are linked to them.
func (imp *evidenceImport) flush() {
	if imp.err == nil {
		imp.err = imp.flushSources()
	}
	if imp.err == nil {
		imp.err = imp.flushRecords()
	}
}

// flushSources writes the queued sources that are new or changed, as journeys.PlanUpsert
// plans each from the stored one, with one read and at most one write.
func (imp *evidenceImport) flushSources() error {
	if len(imp.sources) == 0 {
		return nil
	}
	queued := imp.sources
	imp.sources, imp.queuedSources = nil, map[string]bool{}
	stored, err := sources.readMany(imp.ctx, imp.tx, imp.projectID, keysOf(queued, func(s *journeys.Source) string { return s.ID }))
	if err != nil {
		return err
	}
	now := imp.s.Now()
	var rows []map[string]any
	for _, src := range queued {
		var prev *journeys.Source
		if old, found := stored[src.ID]; found {
			prev = &old
		}
		u := journeys.PlanUpsert(prev, src, now)
		if !u.Changed {
			continue
		}
		if u.Created {
			imp.counts.SourcesCreated++
		}
		rows = append(rows, sourceRow(&u.Value))
	}
	if len(rows) == 0 {
		return nil
	}
	imp.changed = true
	_, err = sources.upsertRows(imp.ctx, imp.tx, imp.projectID, rows)
	return err
}

// flushRecords writes the queued records that are new or changed, with one read and at
// most two writes, and counts each record as created, updated or unchanged.
func (imp *evidenceImport) flushRecords() error {
	if len(imp.records) == 0 {
		return nil
	}
	queued := imp.records
	imp.records, imp.queuedRecords = nil, map[string]bool{}
	stored, err := evidence.readMany(imp.ctx, imp.tx, imp.projectID, keysOf(queued, func(e *journeys.Evidence) string { return e.ID }))
	if err != nil {
		return err
	}
	now := imp.s.Now()
	changed := queued[:0]
	for _, e := range queued {
		var prev *journeys.Evidence
		if old, found := stored[e.ID]; found {
			prev = &old
		}
		u := journeys.PlanUpsert(prev, e, now)
		switch {
		case !u.Changed:
			imp.counts.Unchanged++
			continue
		case u.Created:
			imp.counts.Created++
		default:
			imp.counts.Updated++
		}
		changed = append(changed, u.Value)
	}
	if len(changed) == 0 {
		return nil
	}
	imp.changed = true
	return writeEvidence(imp.ctx, imp.tx, imp.projectID, changed)
}

// keysOf returns the key of each of xs.
func keysOf[T any](xs []T, key func(*T) string) []string {
	out := make([]string, len(xs))
	for i := range xs {
		out[i] = key(&xs[i])
	}
	return out
}

// writeEvidence writes evs, which journeys.PlanUpsert found new or changed and stamped
// with their next version, inside the caller's write transaction, with their
// relationships: one statement for the nodes and their sources, one for what they are
// about.
func writeEvidence(ctx context.Context, tx tx, projectID string, evs []journeys.Evidence) error {
	rows := make([]map[string]any, 0, len(evs))
	var links []map[string]any
	for i := range evs {
		rows = append(rows, evidenceRow(&evs[i]))
		links = append(links, evidenceLinks(evs[i].ID, evs[i].About)...)
	}
	recs, err := tx.run(ctx, qEvidenceUpsert, map[string]any{"projectId": projectID, "rows": rows})
	if err != nil {
		return err
	}
	written := int64(-1)
	if len(recs) == 1 {
		r := columnsOf(qEvidenceUpsert.name, recs[0])
		written = r.int64("written")
		if r.err != nil {
			return r.err
		}
	}
	if written != int64(len(rows)) {
		return internal("%s wrote %d of %d records", qEvidenceUpsert.name, written, len(rows))
	}
	return linkEvidence(ctx, tx, projectID, links)
}

// evidenceLinks returns the rows evidence_about.cypher takes for the references of
// evidence id: one per reference that names one element. A step or hand-over named
// without its journey ("step:s1") is left out, since it may name one in every journey.
func evidenceLinks(id string, about []string) []map[string]any {
	var rows []map[string]any
	for _, ref := range about {
		kind, journey, element, ok := journeys.ParseRef(ref)
		if !ok {
			continue
		}
		var journeyID any
		switch kind {
		case "step", "handover":
			if journey == "" {
				continue
			}
			journeyID = journey
		case "journey":
			journeyID = element
		}
		rows = append(rows, map[string]any{"id": id, "kind": kind, "journeyId": journeyID, "about": element})
	}
	return rows
}

// linkEvidence links evidence to the elements that rows (evidenceLinks) name and the
// graph holds, inside the caller's write transaction. Rows whose element is not there
// link nothing, which is no error: the evidence keeps the reference.
func linkEvidence(ctx context.Context, tx tx, projectID string, rows []map[string]any) error {
	if len(rows) == 0 {
		return nil
	}
	_, err := tx.run(ctx, qEvidenceAbout, map[string]any{"projectId": projectID, "rows": rows})
	return err
}

// relinkEvidence links the project's evidence about journey id to the journey and its
// elements again, inside the transaction that has just written them (writeJourney):
// writing a journey replaces its elements, and with them the ABOUT relationships that
// evidence had to them.
func relinkEvidence(ctx context.Context, tx tx, projectID, id string) error {
	recs, err := tx.run(ctx, qEvidenceInJourney, map[string]any{"projectId": projectID, "journeyId": id})
	if err != nil {
		return err
	}
	var rows []map[string]any
	for _, rec := range recs {
		r := columnsOf("evidence references", rec)
		evidenceID := r.str("evidenceId")
		about := r.strings("about")
		if r.err != nil {
			return r.err
		}
		for _, row := range evidenceLinks(evidenceID, about) {
			if row["journeyId"] == id {
				rows = append(rows, row)
			}
		}
	}
	return linkEvidence(ctx, tx, projectID, rows)
}

// GetEvidence returns one piece of evidence.
func (s *Store) GetEvidence(ctx context.Context, projectID, id string) (*journeys.Evidence, error) {
	return evidence.getOne(ctx, s, projectID, id)
}

// ListEvidence returns the evidence that passes the filter, ordered by id. The filter
// runs in the database, so that every page but the last is full.
func (s *Store) ListEvidence(ctx context.Context, projectID string, f journeys.EvidenceFilter, page journeys.Page) (*journeys.List[journeys.Evidence], error) {
	after, err := page.After()
	if err != nil {
		return nil, err
	}
	return read(ctx, s, func(ctx context.Context, tx tx) (*journeys.List[journeys.Evidence], error) {
		items, err := listEvidence(ctx, tx, projectID, f, after, page.Size()+1)
		if err != nil {
			return nil, err
		}
		return pageOf(items, page.Size(), evidence.key), nil
	})
}

// listEvidence returns up to limit pieces of the project's evidence after after, in id
// order, that pass the filter; NOT_FOUND when the project does not exist.
func listEvidence(ctx context.Context, tx tx, projectID string, f journeys.EvidenceFilter, after string, limit int) ([]journeys.Evidence, error) {
	recs, err := tx.run(ctx, qEvidenceList, map[string]any{
		"projectId": projectID,
		"after":     after,
		"limit":     limit,
		"unlinked":  f.Unlinked,
		"journey":   nullable(f.Journey),
	})
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, projectNotFound(projectID)
	}
	var items []journeys.Evidence
	for _, rec := range recs {
		r := columnsOf("evidence", rec)
		n, ok := r.node("evidence")
		if r.err != nil {
			return nil, r.err
		}
		if !ok {
			continue
		}
		e, err := evidenceFromNode(n)
		if err != nil {
			return nil, err
		}
		items = append(items, e)
	}
	return items, nil
}

// UpdateEvidence applies fn to a copy of the stored evidence and, in the same
// transaction, stores the result when it is valid and differs, with the next version, its
// relationships made again and its audit entry, as journeys.PlanUpsert plans it. fn must
// not change the id or the origin;
// server fields it changes are ignored. fn runs inside the transaction and runs again if
// the driver retries it.
func (s *Store) UpdateEvidence(ctx context.Context, projectID, id string, fn func(*journeys.Evidence) error) (*journeys.Evidence, error) {
	return writeProject(ctx, s, projectID, func(ctx context.Context, tx *writeTx) (*journeys.Evidence, error) {
		old, found, err := evidence.read(ctx, tx, projectID, id)
		if err == nil && !found {
			err = evidence.notFound(projectID, id)
		}
		if err != nil {
			return nil, err
		}
		next := cloneEvidence(old)
		if err := fn(&next); err != nil {
			return nil, &journeys.CallerError{Err: err}
		}
		if next.ID != old.ID || next.Origin != old.Origin {
			return nil, journeys.InvalidError("Evidence keeps its id and origin.", []journeys.Violation{{Pointer: "/origin", Detail: "Must stay " + old.Origin + "."}})
		}
		if v := next.Validate(); len(v) > 0 {
			return nil, journeys.InvalidError("The evidence is not valid; nothing was changed.", v)
		}
		u := journeys.PlanUpsert(&old, next, s.Now())
		if !u.Changed {
			return &old, nil
		}
		if err := writeEvidence(ctx, tx, projectID, []journeys.Evidence{u.Value}); err != nil {
			return nil, err
		}
		tx.audit(ctx, projectID, "evidence.update", id)
		stored, found, err := evidence.read(ctx, tx, projectID, id)
		if err == nil && !found {
			err = internal("evidence %q is gone right after it was written", id)
		}
		if err != nil {
			return nil, err
		}
		return &stored, nil
	})
}

// DeleteEvidence removes one piece of evidence with its audit entry.
func (s *Store) DeleteEvidence(ctx context.Context, projectID, id string) error {
	return evidence.remove(ctx, s, projectID, id)
}

// EachEvidence calls fn with every piece of the project's evidence in id order. It reads
// eachEvidenceBatch pieces per read transaction and calls fn between transactions, never
// inside one, as EachJourney does: the driver may run a transaction's work more than
// once, and fn must run once per piece.
func (s *Store) EachEvidence(ctx context.Context, projectID string, fn func(*journeys.Evidence) error) error {
	after := ""
	for {
		batch, err := read(ctx, s, func(ctx context.Context, tx tx) ([]journeys.Evidence, error) {
			return listEvidence(ctx, tx, projectID, journeys.EvidenceFilter{}, after, eachEvidenceBatch)
		})
		if err != nil {
			return err
		}
		for i := range batch {
			if err := ctx.Err(); err != nil {
				return contextError(err)
			}
			if err := fn(&batch[i]); err != nil {
				return err
			}
		}
		if len(batch) < eachEvidenceBatch {
			return nil
		}
		after = batch[len(batch)-1].ID
	}
}

// cloneEvidence returns a copy of e that shares nothing with it, so that neither a
// producer reusing its record nor UpdateEvidence's fn can reach what the store compares
// with.
func cloneEvidence(e journeys.Evidence) journeys.Evidence {
	e.About = slices.Clone(e.About)
	e.Tags = slices.Clone(e.Tags)
	if e.Sentiment != nil {
		n := *e.Sentiment
		e.Sentiment = &n
	}
	if e.UpdatedAt != nil {
		t := *e.UpdatedAt
		e.UpdatedAt = &t
	}
	return e
}

// webhooks describes webhook endpoints to the generic entity helpers.
var webhooks = entity[journeys.Webhook]{
	name:     "webhook",
	audit:    "webhook",
	column:   "webhook",
	keyParam: "webhookId",
	key:      func(w *journeys.Webhook) string { return w.ID },
	validate: func(w *journeys.Webhook) []journeys.Violation { return w.Validate() },
	plan:     journeys.PlanUpsert[journeys.Webhook, *journeys.Webhook],
	row:      webhookRow,
	fromNode: webhookFromNode,
	get:      qWebhookGet,
	list:     qWebhookList,
	upsert:   qWebhookUpsert,
	delete:   qWebhookDelete,
}

// PutWebhook creates or replaces a webhook endpoint, secrets included; created reports
// which.
func (s *Store) PutWebhook(ctx context.Context, projectID string, w *journeys.Webhook) (*journeys.Webhook, bool, error) {
	return webhooks.put(ctx, s, projectID, w)
}

// GetWebhook returns one webhook endpoint with its secrets, for verifying deliveries.
func (s *Store) GetWebhook(ctx context.Context, projectID, id string) (*journeys.Webhook, error) {
	return webhooks.getOne(ctx, s, projectID, id)
}

// ListWebhooks returns the project's webhook endpoints ordered by id.
func (s *Store) ListWebhooks(ctx context.Context, projectID string, page journeys.Page) (*journeys.List[journeys.Webhook], error) {
	return webhooks.page(ctx, s, projectID, page)
}

// DeleteWebhook removes a webhook endpoint with its audit entry.
func (s *Store) DeleteWebhook(ctx context.Context, projectID, id string) error {
	return webhooks.remove(ctx, s, projectID, id)
}
