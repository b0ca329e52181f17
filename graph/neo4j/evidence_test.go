package neo4j

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/glapp/glapp/graph/storetest"
	"github.com/glapp/glapp/journeys"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// These tests run the evidence side of the store on fakeDB, for what the contract cannot
// see: how many statements an import costs, how it counts what it sees twice, what
// happens when a write fails inside the producer, and the relationships evidence gets.

// producer returns an EvidenceProducer that yields src, when set, and then records.
func producer(src *journeys.Source, records ...journeys.Evidence) journeys.EvidenceProducer {
	return func(source func(*journeys.Source) error, evidence func(*journeys.Evidence) error) error {
		if src != nil {
			s := *src
			if err := source(&s); err != nil {
				return err
			}
		}
		for i := range records {
			e := records[i]
			if err := evidence(&e); err != nil {
				return err
			}
		}
		return nil
	}
}

// quote returns a piece of evidence from origin with the given references.
func quote(origin, text string, about ...string) journeys.Evidence {
	return journeys.Evidence{ID: journeys.EvidenceID(origin), Origin: origin, Text: text, Kind: journeys.InsightQuote, About: about}
}

// count returns how often name occurs in ran.
func count(ran []string, name string) int {
	n := 0
	for _, r := range ran {
		if r == name {
			n++
		}
	}
	return n
}

// TestImportEvidenceBatches checks that an import writes its records importBatch at a
// time, with one read and at most two writes per batch, all in one transaction with one
// audit entry, and that importing the same again reads but writes nothing and records
// nothing. Every unit of work runs three times, so the counts must start afresh.
func TestImportEvidenceBatches(t *testing.T) {
	s, db := newFakeStore(t)
	db.retries = 2
	mustCreate(t, s, "p1")
	src := &journeys.Source{ID: "src_1", Kind: journeys.SourceInterview}
	records := make([]journeys.Evidence, 2*importBatch+1)
	for i := range records {
		records[i] = quote(fmt.Sprintf("csv:%d", i), fmt.Sprintf("Citat %d.", i), "actor:vc")
		records[i].Source = src.ID
	}
	records[0].About = nil

	db.resetLog()
	got, err := s.ImportEvidence(t.Context(), "p1", "", producer(src, records...))
	want := &journeys.ImportCounts{Created: len(records), Unlinked: 1, SourcesCreated: 1}
	if err != nil || !cmp.Equal(got, want) {
		t.Fatalf("ImportEvidence(%d records) = %+v, %v; want %+v", len(records), got, err, want)
	}
	ran := db.statementsRun()
	for name, n := range map[string]int{
		"source_by_ids.cypher": 1, "source_upsert.cypher": 1,
		"evidence_by_ids.cypher": 3, "evidence_upsert.cypher": 3, "evidence_about.cypher": 3,
		"audit_append.cypher": 1, "delivery_record.cypher": 0,
	} {
		if c := count(ran, name); c != n {
			t.Errorf("ImportEvidence(%d records) ran %s %d times; want %d", len(records), name, c, n)
		}
	}
	if len(ran) != 2+2+3*3+1 {
		t.Errorf("ImportEvidence(%d records) ran %q; want the lock, 2 statements for the source, 3 per batch and the audit entry", len(records), ran)
	}

	db.resetLog()
	again, err := s.ImportEvidence(t.Context(), "p1", "", producer(src, records...))
	want = &journeys.ImportCounts{Unchanged: len(records), Unlinked: 1}
	if err != nil || !cmp.Equal(again, want) {
		t.Fatalf("ImportEvidence(same) = %+v, %v; want %+v", again, err, want)
	}
	wantRan := []string{"project_lock.cypher", "source_by_ids.cypher", "evidence_by_ids.cypher", "evidence_by_ids.cypher",
		"evidence_by_ids.cypher", "project_unlock.cypher"}
	if got := db.statementsRun(); !slices.Equal(got, wantRan) {
		t.Errorf("ImportEvidence(same) ran %q; want %q", got, wantRan)
	}
}

// TestImportEvidenceTwiceInOneImport checks that a record that comes twice in one import
// counts as it would in two: the second time unchanged when it is the same, updated (and
// stored at the next version) when it differs.
func TestImportEvidenceTwiceInOneImport(t *testing.T) {
	s, _ := newFakeStore(t)
	mustCreate(t, s, "p1")
	first := quote("csv:1", "Ingen ringde.")
	changed := first
	changed.Text = "Ingen ringde tillbaka."

	got, err := s.ImportEvidence(t.Context(), "p1", "", producer(nil, first, first))
	if want := (&journeys.ImportCounts{Created: 1, Unchanged: 1, Unlinked: 2}); err != nil || !cmp.Equal(got, want) {
		t.Errorf("ImportEvidence(same record twice) = %+v, %v; want %+v", got, err, want)
	}
	got, err = s.ImportEvidence(t.Context(), "p1", "", producer(nil, first, changed))
	if want := (&journeys.ImportCounts{Unchanged: 1, Updated: 1, Unlinked: 2}); err != nil || !cmp.Equal(got, want) {
		t.Errorf("ImportEvidence(record, then changed) = %+v, %v; want %+v", got, err, want)
	}
	e, err := s.GetEvidence(t.Context(), "p1", first.ID)
	if err != nil || e.Text != changed.Text || e.Version != 2 {
		t.Errorf("GetEvidence() = %+v, %v; want the changed text at version 2", e, err)
	}
}

// TestImportEvidenceWriteFails checks that a failed write inside the import is what the
// caller gets, translated, whatever the producer makes of it: the driver must see its own
// error to retry it, and the client must get UNAVAILABLE rather than the producer's words.
func TestImportEvidenceWriteFails(t *testing.T) {
	for name, produce := range map[string]func(records []journeys.Evidence) journeys.EvidenceProducer{
		"Wrapped": func(records []journeys.Evidence) journeys.EvidenceProducer {
			return func(source func(*journeys.Source) error, evidence func(*journeys.Evidence) error) error {
				for i := range records {
					if err := evidence(&records[i]); err != nil {
						return fmt.Errorf("record %d: %w", i, err)
					}
				}
				return nil
			}
		},
		"Ignored": func(records []journeys.Evidence) journeys.EvidenceProducer {
			return func(source func(*journeys.Source) error, evidence func(*journeys.Evidence) error) error {
				for i := range records {
					_ = evidence(&records[i])
				}
				return nil
			}
		},
	} {
		t.Run(name, func(t *testing.T) {
			s, db := newFakeStore(t)
			mustCreate(t, s, "p1")
			db.before = func(st statement, _ *fakeState) error {
				if st == qEvidenceUpsert {
					return &neo4j.ConnectivityError{Inner: errors.New("connection reset")}
				}
				return nil
			}
			records := make([]journeys.Evidence, importBatch+10)
			for i := range records {
				records[i] = quote(fmt.Sprintf("csv:%d", i), "Citat.")
			}
			_, err := s.ImportEvidence(t.Context(), "p1", "", produce(records))
			if journeys.ErrorCode(err) != journeys.Unavailable {
				t.Errorf("ImportEvidence() whose write failed = %v; want UNAVAILABLE", err)
			}
			db.before = nil
			if l, err := s.ListEvidence(t.Context(), "p1", journeys.EvidenceFilter{}, journeys.Page{}); err != nil || len(l.Items) != 0 {
				t.Errorf("ListEvidence() after the failed import = %d items, %v; want none", len(l.Items), err)
			}
		})
	}
}

// TestImportEvidenceDelivery checks that a delivery key is recorded in the import's
// transaction and audited even when the import brings nothing new.
func TestImportEvidenceDelivery(t *testing.T) {
	s, db := newFakeStore(t)
	mustCreate(t, s, "p1")
	db.resetLog()
	if _, err := s.ImportEvidence(t.Context(), "p1", "msg_1", producer(nil)); err != nil {
		t.Fatal(err)
	}
	want := []string{"project_lock.cypher", "delivery_record.cypher", "project_unlock.cypher", "audit_append.cypher"}
	if got := db.statementsRun(); !slices.Equal(got, want) {
		t.Errorf("ImportEvidence(empty, with a key) ran %q; want %q", got, want)
	}
	_, err := s.ImportEvidence(t.Context(), "p1", "msg_1", producer(nil))
	if journeys.ErrorCode(err) != journeys.Conflict || journeys.ErrorMessage(err) != `Message "msg_1" was delivered before; it is not imported again.` {
		t.Errorf("ImportEvidence(replayed) = %v; want CONFLICT naming the message", err)
	}
	if _, err := s.ImportEvidence(t.Context(), "p1", "msg_1", producer(nil)); journeys.ErrorCode(err) != journeys.Conflict {
		t.Errorf("ImportEvidence(replayed again) = %v; want CONFLICT", err)
	}
	if _, err := s.ImportEvidence(t.Context(), "nope", "msg_1", producer(nil)); journeys.ErrorCode(err) != journeys.NotFound {
		t.Errorf("ImportEvidence(no such project) = %v; want NOT_FOUND", err)
	}
}

// TestEvidenceLinks checks that evidence gets the relationships its references name, and
// keeps them when what they point at is written again: a journey replaces its elements on
// every write, an actor or a source may come after the evidence that names it.
func TestEvidenceLinks(t *testing.T) {
	s, db := newFakeStore(t)
	mustCreate(t, s, "p1")
	ctx := t.Context()
	j := storetest.GenerateJourney("resa", 3, "a")
	if _, _, err := s.PutJourney(ctx, "p1", j, journeys.Precondition{}); err != nil {
		t.Fatal(err)
	}
	src := &journeys.Source{ID: "src_1", Kind: journeys.SourceInterview}
	step := quote("csv:1", "Om steget.", "step:resa/s1", "step:annan/s1", "step:s2")
	step.Source = src.ID
	handover := quote("csv:2", "Om överlämningen.", "handover:resa/h2", "journey:resa")
	actor := quote("csv:3", "Om en aktör som inte finns än.", "actor:ny")
	late := quote("csv:4", "Från en källa som kommer senare.")
	late.Source = "src_2"
	if _, err := s.ImportEvidence(ctx, "p1", "", producer(src, step, handover, actor, late)); err != nil {
		t.Fatal(err)
	}
	links := func() map[string][]string {
		db.mu.Lock()
		defer db.mu.Unlock()
		out := map[string][]string{}
		for id, targets := range db.state.projects["p1"].links {
			out[id] = slices.Sorted(maps.Keys(targets))
		}
		return out
	}
	want := map[string][]string{
		step.ID:     {"source:src_1", "step:resa/s1"},
		handover.ID: {"handover:resa/h2", "journey:resa"},
		actor.ID:    {},
		late.ID:     {},
	}
	if diff := cmp.Diff(want, links(), cmpopts.EquateEmpty()); diff != "" {
		t.Fatalf("links after the import mismatch (-want +got):\n%s", diff)
	}

	j.Title = "Resa, ändrad"
	if _, _, err := s.PutJourney(ctx, "p1", j, journeys.Precondition{}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, links(), cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("links after the journey was written again mismatch (-want +got):\n%s", diff)
	}

	if _, _, err := s.PutActor(ctx, "p1", &journeys.Actor{ID: "ny", Name: "Ny aktör", Sector: journeys.SectorPrivate}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.PutSource(ctx, "p1", &journeys.Source{ID: "src_2", Kind: journeys.SourceWorkshop}); err != nil {
		t.Fatal(err)
	}
	want[actor.ID] = []string{"actor:ny"}
	want[late.ID] = []string{"source:src_2"}
	if diff := cmp.Diff(want, links(), cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("links after the actor and the source came mismatch (-want +got):\n%s", diff)
	}

	if _, err := s.UpdateEvidence(ctx, "p1", handover.ID, func(e *journeys.Evidence) error {
		e.About = []string{"step:resa/s0"}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	want[handover.ID] = []string{"step:resa/s0"}
	if diff := cmp.Diff(want, links(), cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("links after the evidence was linked elsewhere mismatch (-want +got):\n%s", diff)
	}

	if err := s.DeleteJourney(ctx, "p1", "resa", journeys.Precondition{}); err != nil {
		t.Fatal(err)
	}
	want[step.ID] = []string{"source:src_1"}
	want[handover.ID] = []string{}
	if diff := cmp.Diff(want, links(), cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("links after the journey was deleted mismatch (-want +got):\n%s", diff)
	}
	e, err := s.GetEvidence(ctx, "p1", step.ID)
	if err != nil || !slices.Equal(e.About, step.About) {
		t.Errorf("GetEvidence() after the journey was deleted = %+v, %v; want its references kept", e, err)
	}
}

// TestUpdateEvidence covers what the contract does not: an update that changes nothing
// writes and records nothing, even when it turns "no references" into an empty list, and
// fn's own error reaches the caller unchanged.
func TestUpdateEvidence(t *testing.T) {
	s, db := newFakeStore(t)
	mustCreate(t, s, "p1")
	ev := quote("csv:1", "Citat.")
	sentiment := -1
	ev.Sentiment = &sentiment
	if _, err := s.ImportEvidence(t.Context(), "p1", "", producer(nil, ev)); err != nil {
		t.Fatal(err)
	}
	db.resetLog()
	got, err := s.UpdateEvidence(t.Context(), "p1", ev.ID, func(e *journeys.Evidence) error {
		e.About = []string{}
		e.Version = 99
		return nil
	})
	if err != nil || got.Version != 1 || got.About == nil || *got.Sentiment != -1 {
		t.Errorf("UpdateEvidence(no change) = %+v, %v; want version 1, an empty about and the sentiment", got, err)
	}
	want := []string{"project_lock.cypher", "evidence_get.cypher", "project_unlock.cypher"}
	if ran := db.statementsRun(); !slices.Equal(ran, want) {
		t.Errorf("UpdateEvidence(no change) ran %q; want %q", ran, want)
	}

	got, err = s.UpdateEvidence(t.Context(), "p1", ev.ID, func(e *journeys.Evidence) error {
		*e.Sentiment = -2 // in place: the store must compare with its own copy
		return nil
	})
	if err != nil || got.Version != 2 || *got.Sentiment != -2 {
		t.Errorf("UpdateEvidence(sentiment changed in place) = %+v, %v; want version 2", got, err)
	}

	mine := errors.New("the patch does not apply")
	if _, err := s.UpdateEvidence(t.Context(), "p1", ev.ID, func(*journeys.Evidence) error { return mine }); err != mine {
		t.Errorf("UpdateEvidence(fn fails) = %v; want fn's error itself", err)
	}
	if _, err := s.UpdateEvidence(t.Context(), "p1", "ev_0000000000000000", func(*journeys.Evidence) error { return nil }); journeys.ErrorCode(err) != journeys.NotFound {
		t.Errorf("UpdateEvidence(no such evidence) = %v; want NOT_FOUND", err)
	}
}

// TestEachEvidence checks that EachEvidence sees every piece once, in id order, across
// batches.
func TestEachEvidence(t *testing.T) {
	s, _ := newFakeStore(t)
	mustCreate(t, s, "p1")
	var records []journeys.Evidence
	for i := range eachEvidenceBatch + 1 {
		records = append(records, quote(fmt.Sprintf("csv:%d", i), "Citat."))
	}
	if _, err := s.ImportEvidence(t.Context(), "p1", "", producer(nil, records...)); err != nil {
		t.Fatal(err)
	}
	var seen []string
	if err := s.EachEvidence(t.Context(), "p1", func(e *journeys.Evidence) error { seen = append(seen, e.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	want := keysOf(records, func(e *journeys.Evidence) string { return e.ID })
	slices.Sort(want)
	if !slices.Equal(seen, want) {
		t.Errorf("EachEvidence() saw %d ids; want the %d imported, each once, in order", len(seen), len(want))
	}
	if err := s.EachEvidence(t.Context(), "nope", func(*journeys.Evidence) error { return nil }); journeys.ErrorCode(err) != journeys.NotFound {
		t.Errorf("EachEvidence(no such project) = %v; want NOT_FOUND", err)
	}
}

// TestListWebhooks checks what the contract's paging does not: that a listed webhook
// keeps its secrets and mapping through the statement's row mapping.
func TestListWebhooks(t *testing.T) {
	s, db := newFakeStore(t)
	mustCreate(t, s, "p1")
	var want []journeys.Webhook
	for _, id := range []string{"c", "a", "b"} {
		w, _, err := s.PutWebhook(t.Context(), "p1", &journeys.Webhook{ID: id, Format: "jsonl",
			Secrets: []string{"whsec_" + id}, Mapping: map[string][]string{"Väntan": {"handover:j1/h1"}}})
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, *w)
	}
	slices.SortFunc(want, func(a, b journeys.Webhook) int { return strings.Compare(a.ID, b.ID) })
	var got []journeys.Webhook
	for page := (journeys.Page{Limit: 2}); ; {
		l, err := s.ListWebhooks(t.Context(), "p1", page)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, l.Items...)
		if l.Next == "" {
			break
		}
		page.Cursor = l.Next
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ListWebhooks() mismatch (-want +got):\n%s", diff)
	}
	if !slices.Contains(db.statementsRun(), qWebhookList.name) {
		t.Errorf("ListWebhooks() did not run %s", qWebhookList.name)
	}
	if _, err := s.ListWebhooks(t.Context(), "nope", journeys.Page{}); journeys.ErrorCode(err) != journeys.NotFound {
		t.Errorf("ListWebhooks(no such project) = %v; want NOT_FOUND", err)
	}
}

// TestEvidenceRowsRoundTrip writes evidence and webhooks as their rows, stores the rows'
// properties as Neo4j would (a null removes the property, lists come back as []any and
// integers as int64), reads the nodes back, and expects the same content.
func TestEvidenceRowsRoundTrip(t *testing.T) {
	asStored := func(row map[string]any) dbtype.Node {
		props := map[string]any{"projectId": "p1", "version": int64(2), "updatedAt": stampOffset}
		for k, v := range row {
			if v != nil {
				props[k] = driverValue(v)
			}
		}
		return dbtype.Node{Props: props}
	}
	sentiment := -2
	for _, e := range []journeys.Evidence{
		{ID: "ev_1", Origin: "dovetail:hl_1", Text: "Citat.", Kind: journeys.InsightPainPoint, Status: journeys.StatusValidated,
			Sentiment: &sentiment, Source: "src_1", Tags: []string{"Väntan"}, Date: "2026-03-14", About: []string{"step:j1/s1", "actor:vc"}},
		{ID: "ev_2", Origin: "csv:2", Text: "Observation.", Kind: journeys.InsightObservation},
	} {
		e.Version, e.UpdatedAt = 2, &stampOffset
		got, err := evidenceFromNode(asStored(evidenceRow(&e)))
		if err != nil || !got.SameContent(e) || got.Version != 2 || !got.UpdatedAt.Equal(stamp) || got.About == nil {
			t.Errorf("evidenceFromNode(evidenceRow(%+v)) = %+v, %v; want the same evidence at version 2, about never null", e, got, err)
		}
	}
	if row := evidenceRow(&journeys.Evidence{About: []string{"step:j1/s1", "journey:j2", "actor:vc"}}); !cmp.Equal(row["journeys"], []string{"j1", "j2"}) {
		t.Errorf("evidenceRow().journeys = %v; want [j1 j2]", row["journeys"])
	}
	for _, w := range []journeys.Webhook{
		{ID: "dovetail", Format: "dovetail", Secrets: []string{"whsec_a", "whsec_b"}, Mapping: map[string][]string{"Väntan": {"handover:j1/h1"}, "Tom": {}}},
		{ID: "csv", Format: "csv"},
	} {
		w.Version, w.UpdatedAt = 2, &stampOffset
		got, err := webhookFromNode(asStored(webhookRow(&w)))
		if err != nil || !got.SameContent(w) || got.Version != 2 {
			t.Errorf("webhookFromNode(webhookRow(%+v)) = %+v, %v; want the same webhook at version 2", w, got, err)
		}
	}
	if _, err := webhookFromNode(dbtype.Node{Props: map[string]any{"id": "x", "format": "csv", "mapping": "{"}}); journeys.ErrorCode(err) != journeys.Internal {
		t.Errorf("webhookFromNode(damaged mapping) = %v; want INTERNAL", err)
	}
	if _, err := evidenceFromNode(dbtype.Node{Props: map[string]any{"id": "ev_1", "sentiment": "-1"}}); journeys.ErrorCode(err) != journeys.Internal {
		t.Errorf("evidenceFromNode(sentiment is a string) = %v; want INTERNAL", err)
	}
}
