package imports_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/glapp/glapp/graph/embedded"
	"github.com/glapp/glapp/graph/storetest"
	"github.com/glapp/glapp/imports"
	"github.com/glapp/glapp/journeys"
)

// newService returns an import service over a fresh embedded store holding project "p"
// with journey "j1" (steps s0..s3).
func newService(t *testing.T) (imports.Service, *embedded.Store) {
	t.Helper()
	s, err := embedded.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.CreateProject(t.Context(), &journeys.Project{ID: "p", Name: "P"}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.PutJourney(t.Context(), "p", storetest.GenerateJourney("j1", 4, "a"), journeys.Precondition{}); err != nil {
		t.Fatal(err)
	}
	return imports.Service{Store: s}, s
}

func request(format journeys.ImportFormat, data string) imports.Request {
	return imports.Request{Format: format, Name: "notes", File: strings.NewReader(data), Size: int64(len(data))}
}

func stored(t *testing.T, s journeys.EvidenceStore) map[string]journeys.Evidence {
	t.Helper()
	l, err := s.ListEvidence(t.Context(), "p", journeys.EvidenceFilter{}, journeys.Page{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]journeys.Evidence{}
	for _, e := range l.Items {
		out[e.Origin] = e
	}
	return out
}

const notes = `{"type":"source","id":"i1","kind":"interview","pseudonym":"P1"}
{"type":"insight","id":"x1","text":"Ring mig på 070-123 45 67.","kind":"quote","source":"i1","codes":["Väntan"]}
{"type":"insight","id":"x2","text":"Ingen hörde av sig.","kind":"pain_point","codes":["step:j1/s1","step:j9/s9"]}
{"type":"insight","id":"x3","text":"Bra bemötande.","kind":"quote","about":["s2"]}
`

func TestRun(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		svc, s := newService(t)
		req := request("jsonl", notes)
		req.Mapping = map[string][]string{"Väntan": {"step:j1/s0"}}
		rep, err := svc.Run(t.Context(), "p", req)
		if err != nil {
			t.Fatalf("Run() = %v", err)
		}
		if rep.Records != 3 || rep.Created != 3 || rep.SourcesCreated != 1 || rep.UnresolvedRefs != 1 || rep.Redactions["TELEFON"] != 1 {
			t.Errorf("Run() = %+v; want 3 records created, 1 source, 1 unresolved ref, 1 phone number redacted", rep)
		}
		got := stored(t, s)
		if e := got["jsonl:x1"]; strings.Contains(e.Text, "070") || !strings.Contains(e.Text, "[TELEFON]") || len(e.About) != 1 || e.About[0] != "step:j1/s0" || e.Source == "" {
			t.Errorf("x1 = %+v; want the phone number redacted, linked through the mapping to step:j1/s0, with its source", e)
		}
		if e := got["jsonl:x2"]; len(e.About) != 1 || e.About[0] != "step:j1/s1" {
			t.Errorf("x2 about = %v; want the code naming step:j1/s1 only (step:j9/s9 names nothing)", e.About)
		}
		if e := got["jsonl:x3"]; len(e.About) != 1 || e.About[0] != "step:j1/s2" {
			t.Errorf("x3 about = %v; want the bare id s2 resolved to step:j1/s2", e.About)
		}
	})
	t.Run("Idempotent", func(t *testing.T) {
		svc, _ := newService(t)
		if _, err := svc.Run(t.Context(), "p", request("jsonl", notes)); err != nil {
			t.Fatal(err)
		}
		rep, err := svc.Run(t.Context(), "p", request("jsonl", notes))
		if err != nil || rep.Unchanged != 3 || rep.Created+rep.Updated != 0 {
			t.Errorf("second Run() = %+v, %v; want 3 unchanged", rep, err)
		}
		changed := strings.Replace(notes, "Bra bemötande.", "Mycket bra bemötande.", 1)
		if rep, err := svc.Run(t.Context(), "p", request("jsonl", changed)); err != nil || rep.Updated != 1 || rep.Unchanged != 2 {
			t.Errorf("Run() with one text changed = %+v, %v; want 1 updated, 2 unchanged (keyed by origin)", rep, err)
		}
	})
	t.Run("DeliveredOnce", func(t *testing.T) {
		svc, _ := newService(t)
		req := request("jsonl", notes)
		req.DeliveryKey = "webhook:w:1"
		if _, err := svc.Run(t.Context(), "p", req); err != nil {
			t.Fatal(err)
		}
		req = request("jsonl", notes)
		req.DeliveryKey = "webhook:w:1"
		if _, err := svc.Run(t.Context(), "p", req); !errors.Is(err, journeys.ErrDelivered) {
			t.Errorf("Run() again with the same delivery key = %v; want ErrDelivered", err)
		}
	})
	t.Run("ErrUnknownFormat", func(t *testing.T) {
		svc, s := newService(t)
		if _, err := svc.Run(t.Context(), "p", request("docx", notes)); journeys.ErrorCode(err) != journeys.Invalid {
			t.Errorf("Run(docx) = %v; want INVALID", err)
		}
		if got := stored(t, s); len(got) != 0 {
			t.Errorf("stored %d records after a refused import; want none", len(got))
		}
	})
	t.Run("ErrUnreadableFileStoresNothing", func(t *testing.T) {
		svc, s := newService(t)
		broken := notes + "{\"type\":\"insight\",\"id\":\"x4\",\"text\":\"x\",\"owner\":\"?\"}\n"
		if _, err := svc.Run(t.Context(), "p", request("jsonl", broken)); journeys.ErrorCode(err) != journeys.Invalid {
			t.Errorf("Run() of a file broken on its last line = %v; want INVALID", err)
		}
		if got := stored(t, s); len(got) != 0 {
			t.Errorf("stored %d records of a broken file; want none (all or nothing)", len(got))
		}
	})
	t.Run("ErrStoreFailsStoresNothing", func(t *testing.T) {
		svc, s := newService(t)
		boom := errors.New("disk full")
		svc.Store = failAfter{s, 2, boom}
		if _, err := svc.Run(t.Context(), "p", request("jsonl", notes)); !errors.Is(err, boom) {
			t.Errorf("Run() on a store failing at the third record = %v; want its error", err)
		}
		if got := stored(t, s); len(got) != 0 {
			t.Errorf("stored %d records though the store failed; want none (all or nothing)", len(got))
		}
	})
	t.Run("ErrProjectNotFound", func(t *testing.T) {
		svc, _ := newService(t)
		if _, err := svc.Run(t.Context(), "nope", request("jsonl", notes)); journeys.ErrorCode(err) != journeys.NotFound {
			t.Errorf("Run() into a missing project = %v; want NOT_FOUND", err)
		}
	})
}

// failAfter is a store whose writes of evidence fail after n records.
type failAfter struct {
	*embedded.Store
	n   int
	err error
}

func (f failAfter) ImportEvidence(ctx context.Context, projectID, key string, produce journeys.EvidenceProducer) (*journeys.ImportCounts, error) {
	return f.Store.ImportEvidence(ctx, projectID, key, func(source func(*journeys.Source) error, record func(*journeys.Evidence) error) error {
		n := 0
		return produce(source, func(e *journeys.Evidence) error {
			if n++; n > f.n {
				return f.err
			}
			return record(e)
		})
	})
}
