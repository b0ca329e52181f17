package storetest

import (
	"testing"

	"github.com/glapp/glapp/journeys"
	"github.com/google/go-cmp/cmp"
)

const (
	fingerprintA = "0123456789abcdef0123456789abcdef"
	fingerprintB = "fedcba9876543210fedcba9876543210"
)

func testSettings(t *testing.T, open opener) {
	t.Run("DefaultsUntilSet", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p")
		got, err := s.GetSettings(t.Context(), "p")
		if err != nil {
			t.Fatalf("GetSettings(%q) = %v", "p", err)
		}
		if diff := cmp.Diff(journeys.DefaultSettings(), *got); diff != "" {
			t.Errorf("GetSettings() of a new project differs from the defaults (-want +got):\n%s", diff)
		}
	})
	t.Run("OK", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p")
		mustCreateProject(t, s, "q")
		in := journeys.DefaultSettings()
		in.LongWait.Handover[journeys.HandoverReferral] = 60
		in.EvidenceHotspot.MinSources = 3
		if _, err := s.PutSettings(t.Context(), "p", &in); err != nil {
			t.Fatalf("PutSettings() = %v", err)
		}
		got, err := s.GetSettings(t.Context(), "p")
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(in, *got); diff != "" {
			t.Errorf("GetSettings() after PutSettings (-want +got):\n%s", diff)
		}
		other, _ := s.GetSettings(t.Context(), "q")
		if other.LongWait.Handover[journeys.HandoverReferral] != 90 {
			t.Errorf("another project's settings changed: referral threshold %d; want 90", other.LongWait.Handover[journeys.HandoverReferral])
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p")
		in := journeys.DefaultSettings()
		in.LongWait.EntryStep = -1
		_, err := s.PutSettings(t.Context(), "p", &in)
		wantPointer(t, err, "/longWait/entryStep", "PutSettings(negative threshold)")
		got, _ := s.GetSettings(t.Context(), "p")
		if got.LongWait.EntryStep != journeys.DefaultEntryStepWait {
			t.Errorf("refused settings were stored: entryStep %d", got.LongWait.EntryStep)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		s := open(t)
		_, err := s.GetSettings(t.Context(), "nope")
		wantCode(t, err, journeys.NotFound, "GetSettings(missing project)")
		in := journeys.DefaultSettings()
		_, err = s.PutSettings(t.Context(), "nope", &in)
		wantCode(t, err, journeys.NotFound, "PutSettings(missing project)")
	})
}

func testTriage(t *testing.T, open opener) {
	t.Run("OK", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p")
		in := &journeys.Triage{Fingerprint: fingerprintA, Status: journeys.TriageDismissed, Reason: "Samma aktör i praktiken."}
		got, created, err := s.PutTriage(t.Context(), "p", in)
		if err != nil || !created || got.Version != 1 || got.UpdatedAt == nil {
			t.Fatalf("PutTriage() = %+v, %v, %v; want created at version 1", got, created, err)
		}
		again, created, err := s.PutTriage(t.Context(), "p", in)
		if err != nil || created || again.Version != 1 {
			t.Fatalf("PutTriage(same) = %+v, %v, %v; want unchanged version 1", again, created, err)
		}
		mustPutProposal(t, s, "p", journeys.Proposal{ID: "sip", Title: "SIP vid varje utskrivning"})
		changed := &journeys.Triage{Fingerprint: fingerprintA, Status: journeys.TriageAddressed, Proposal: "sip", Note: "SIP vid varje utskrivning."}
		if got, _, err := s.PutTriage(t.Context(), "p", changed); err != nil || got.Version != 2 {
			t.Fatalf("PutTriage(changed) = %+v, %v; want version 2", got, err)
		}
		read, err := s.GetTriage(t.Context(), "p", fingerprintA)
		if err != nil || read.Status != journeys.TriageAddressed || read.Reason != "" || read.Proposal != "sip" {
			t.Fatalf("GetTriage() = %+v, %v; want addressed with the old reason gone", read, err)
		}
	})
	t.Run("List", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p")
		for _, fp := range []string{fingerprintB, fingerprintA} {
			if _, _, err := s.PutTriage(t.Context(), "p", &journeys.Triage{Fingerprint: fp, Status: journeys.TriageConfirmed}); err != nil {
				t.Fatal(err)
			}
		}
		testPages(t, "ListTriage", []string{fingerprintA, fingerprintB}, func(x journeys.Triage) string { return x.Fingerprint },
			func(p journeys.Page) (*journeys.List[journeys.Triage], error) {
				return s.ListTriage(t.Context(), "p", p)
			})
	})
	t.Run("Delete", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p")
		if _, _, err := s.PutTriage(t.Context(), "p", &journeys.Triage{Fingerprint: fingerprintA, Status: journeys.TriageConfirmed}); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteTriage(t.Context(), "p", fingerprintA); err != nil {
			t.Fatalf("DeleteTriage() = %v", err)
		}
		_, err := s.GetTriage(t.Context(), "p", fingerprintA)
		wantCode(t, err, journeys.NotFound, "GetTriage(after delete)")
		wantCode(t, s.DeleteTriage(t.Context(), "p", fingerprintA), journeys.NotFound, "DeleteTriage(again)")
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p")
		_, _, err := s.PutTriage(t.Context(), "p", &journeys.Triage{Fingerprint: fingerprintA, Status: journeys.TriageDismissed})
		wantPointer(t, err, "/reason", "PutTriage(dismissed without reason)")
		_, err = s.GetTriage(t.Context(), "p", fingerprintA)
		wantCode(t, err, journeys.NotFound, "GetTriage(after refused put)")
	})
	t.Run("Isolation", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p")
		mustCreateProject(t, s, "q")
		if _, _, err := s.PutTriage(t.Context(), "p", &journeys.Triage{Fingerprint: fingerprintA, Status: journeys.TriageConfirmed}); err != nil {
			t.Fatal(err)
		}
		_, err := s.GetTriage(t.Context(), "q", fingerprintA)
		wantCode(t, err, journeys.NotFound, "GetTriage(other project)")
		if err := s.DeleteProject(t.Context(), "p"); err != nil {
			t.Fatal(err)
		}
		mustCreateProject(t, s, "p")
		_, err = s.GetTriage(t.Context(), "p", fingerprintA)
		wantCode(t, err, journeys.NotFound, "GetTriage(re-created project)")
	})
}
