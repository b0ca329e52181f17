package storetest

import (
	"errors"
	"testing"

	"github.com/glapp/glapp/journeys"
)

func testEvidence(t *testing.T, open opener) {
	src := journeys.Source{ID: journeys.SourceIDFor("csv:int-1"), Kind: journeys.SourceInterview, ParticipantRole: journeys.RoleRelative, Pseudonym: "Anhörig 1"}
	ev := func(origin, text string, about ...string) journeys.Evidence {
		return journeys.Evidence{ID: journeys.EvidenceID(origin), Origin: origin, Text: text, Kind: journeys.InsightQuote, Source: src.ID, About: about}
	}
	batch := []journeys.Evidence{
		ev("csv:1", "Ingen ringde tillbaka.", "handover:j1/h1"),
		ev("csv:2", "Jag visste inte vart jag skulle vända mig."),
	}
	produce := func(items []journeys.Evidence) journeys.EvidenceProducer {
		return func(source func(*journeys.Source) error, evidence func(*journeys.Evidence) error) error {
			s := src
			if err := source(&s); err != nil {
				return err
			}
			for i := range items {
				e := items[i]
				if err := evidence(&e); err != nil {
					return err
				}
			}
			return nil
		}
	}

	t.Run("ImportIsIdempotent", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p")
		got, err := s.ImportEvidence(t.Context(), "p", "", produce(batch))
		if err != nil || got.Created != 2 || got.Unlinked != 1 || got.SourcesCreated != 1 {
			t.Fatalf("ImportEvidence() = %+v, %v; want 2 created, 1 unlinked, 1 source", got, err)
		}
		again, err := s.ImportEvidence(t.Context(), "p", "", produce(batch))
		if err != nil || again.Unchanged != 2 || again.Created+again.Updated+again.SourcesCreated != 0 {
			t.Fatalf("ImportEvidence(same) = %+v, %v; want 2 unchanged and nothing else", again, err)
		}
		changed := append([]journeys.Evidence(nil), batch...)
		changed[1].Text = "Jag visste inte vart jag skulle vända mig, ingen sa något."
		third, err := s.ImportEvidence(t.Context(), "p", "", produce(changed))
		if err != nil || third.Updated != 1 || third.Unchanged != 1 {
			t.Fatalf("ImportEvidence(one changed) = %+v, %v; want 1 updated, 1 unchanged", third, err)
		}
		e, err := s.GetEvidence(t.Context(), "p", batch[1].ID)
		if err != nil || e.Version != 2 || e.Text != changed[1].Text {
			t.Fatalf("GetEvidence() = %+v, %v; want the new text at version 2", e, err)
		}
		if _, err := s.GetSource(t.Context(), "p", src.ID); err != nil {
			t.Fatalf("GetSource(imported) = %v", err)
		}
	})
	t.Run("ImportIsAllOrNothing", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p")
		broken := errors.New("the file ended mid-record")
		failing := func(source func(*journeys.Source) error, evidence func(*journeys.Evidence) error) error {
			if err := produce(batch)(source, evidence); err != nil {
				return err
			}
			return broken
		}
		if _, err := s.ImportEvidence(t.Context(), "p", "", failing); !errors.Is(err, broken) {
			t.Fatalf("ImportEvidence(failing) = %v; want the producer's error", err)
		}
		invalid := append([]journeys.Evidence(nil), batch...)
		invalid = append(invalid, ev("csv:3", ""))
		_, err := s.ImportEvidence(t.Context(), "p", "", produce(invalid))
		wantCode(t, err, journeys.Invalid, "ImportEvidence(empty text)")
		list, err := s.ListEvidence(t.Context(), "p", journeys.EvidenceFilter{}, journeys.Page{})
		if err != nil || len(list.Items) != 0 {
			t.Fatalf("after refused imports: %d evidence, %v; want none", len(list.Items), err)
		}
		if _, err := s.GetSource(t.Context(), "p", src.ID); journeys.ErrorCode(err) != journeys.NotFound {
			t.Fatalf("GetSource after refused imports = %v; want NOT_FOUND", err)
		}
	})
	t.Run("DeliveryKeyIsImportedOnce", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p")
		if _, err := s.ImportEvidence(t.Context(), "p", "msg_1", produce(batch[:1])); err != nil {
			t.Fatal(err)
		}
		_, err := s.ImportEvidence(t.Context(), "p", "msg_1", produce(batch[1:]))
		wantCode(t, err, journeys.Conflict, "ImportEvidence(replayed message)")
		if _, err := s.GetEvidence(t.Context(), "p", batch[1].ID); journeys.ErrorCode(err) != journeys.NotFound {
			t.Fatalf("a replayed message stored a record: %v", err)
		}
	})
	t.Run("ListFilterUpdateDelete", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p")
		if _, err := s.ImportEvidence(t.Context(), "p", "", produce(batch)); err != nil {
			t.Fatal(err)
		}
		unlinked, err := s.ListEvidence(t.Context(), "p", journeys.EvidenceFilter{Unlinked: true}, journeys.Page{})
		if err != nil || len(unlinked.Items) != 1 || unlinked.Items[0].ID != batch[1].ID {
			t.Fatalf("ListEvidence(unlinked) = %v, %v; want only %s", unlinked, err, batch[1].ID)
		}
		ofJ1, _ := s.ListEvidence(t.Context(), "p", journeys.EvidenceFilter{Journey: "j1"}, journeys.Page{})
		if len(ofJ1.Items) != 1 || ofJ1.Items[0].ID != batch[0].ID {
			t.Fatalf("ListEvidence(journey j1) = %v; want only %s", ofJ1.Items, batch[0].ID)
		}
		linked, err := s.UpdateEvidence(t.Context(), "p", batch[1].ID, func(e *journeys.Evidence) error {
			e.About = []string{"step:j1/s1"}
			return nil
		})
		if err != nil || linked.Version != 2 || !linked.Linked() {
			t.Fatalf("UpdateEvidence(link) = %+v, %v", linked, err)
		}
		_, err = s.UpdateEvidence(t.Context(), "p", batch[1].ID, func(e *journeys.Evidence) error {
			e.About = []string{"steg:s1"}
			return nil
		})
		wantPointer(t, err, "/about/0", "UpdateEvidence(bad reference)")
		_, err = s.UpdateEvidence(t.Context(), "p", batch[1].ID, func(e *journeys.Evidence) error {
			e.Origin = "csv:99"
			return nil
		})
		wantCode(t, err, journeys.Invalid, "UpdateEvidence(origin changed)")
		if err := s.DeleteEvidence(t.Context(), "p", batch[0].ID); err != nil {
			t.Fatal(err)
		}
		var seen []string
		if err := s.EachEvidence(t.Context(), "p", func(e *journeys.Evidence) error { seen = append(seen, e.ID); return nil }); err != nil {
			t.Fatal(err)
		}
		if len(seen) != 1 || seen[0] != batch[1].ID {
			t.Fatalf("EachEvidence after delete = %v; want only %s", seen, batch[1].ID)
		}
		_, err = s.GetEvidence(t.Context(), "q", batch[1].ID)
		wantCode(t, err, journeys.NotFound, "GetEvidence(other project)")
	})
	t.Run("Webhooks", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p")
		w := &journeys.Webhook{ID: "dovetail", Format: "dovetail", Secrets: []string{"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}, Mapping: map[string][]string{"Väntan": {"handover:j1/h1"}}}
		got, created, err := s.PutWebhook(t.Context(), "p", w)
		if err != nil || !created || got.Version != 1 {
			t.Fatalf("PutWebhook() = %+v, %v, %v", got, created, err)
		}
		read, err := s.GetWebhook(t.Context(), "p", "dovetail")
		if err != nil || len(read.Secrets) != 1 || read.Secrets[0] != w.Secrets[0] {
			t.Fatalf("GetWebhook() = %+v, %v; want the secret kept for verification", read, err)
		}
		if _, _, err := s.PutWebhook(t.Context(), "p", &journeys.Webhook{ID: "notes", Format: "markdown", Secrets: []string{"whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD"}}); err != nil {
			t.Fatal(err)
		}
		testPages(t, "ListWebhooks", []string{"dovetail", "notes"}, func(w journeys.Webhook) string { return w.ID },
			func(p journeys.Page) (*journeys.List[journeys.Webhook], error) {
				return s.ListWebhooks(t.Context(), "p", p)
			})
		_, _, err = s.PutWebhook(t.Context(), "p", &journeys.Webhook{ID: "x", Format: "pdf"})
		wantPointer(t, err, "/format", "PutWebhook(bad format)")
		if err := s.DeleteWebhook(t.Context(), "p", "dovetail"); err != nil {
			t.Fatal(err)
		}
		_, err = s.GetWebhook(t.Context(), "p", "dovetail")
		wantCode(t, err, journeys.NotFound, "GetWebhook(deleted)")
	})
}
