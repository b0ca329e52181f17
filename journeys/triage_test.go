package journeys_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/glapp/glapp/journeys"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

const someFingerprint = "0123456789abcdef0123456789abcdef"

func TestTriage_Validate(t *testing.T) {
	tests := []struct {
		name string
		t    journeys.Triage
		want []string
	}{
		{"Confirmed", journeys.Triage{Fingerprint: someFingerprint, Status: journeys.TriageConfirmed}, nil},
		{"DismissedWithReason", journeys.Triage{Fingerprint: someFingerprint, Status: journeys.TriageDismissed, Reason: "Handled by the SIP team."}, nil},
		{"AddressedWithProposal", journeys.Triage{Fingerprint: someFingerprint, Status: journeys.TriageAddressed, Proposal: "warm-handover", Note: "Warm hand-over by phone."}, nil},
		{"ProposalOnConfirmed", journeys.Triage{Fingerprint: someFingerprint, Status: journeys.TriageConfirmed, Proposal: "warm-handover"}, []string{"/proposal"}},
		{"AddressedWithBadProposalID", journeys.Triage{Fingerprint: someFingerprint, Status: journeys.TriageAddressed, Proposal: "a b"}, []string{"/proposal"}},
		{"DismissedWithoutReason", journeys.Triage{Fingerprint: someFingerprint, Status: journeys.TriageDismissed, Note: "a note is not a reason"}, []string{"/reason"}},
		{"DismissedWithBlankReason", journeys.Triage{Fingerprint: someFingerprint, Status: journeys.TriageDismissed, Reason: "  "}, []string{"/reason"}},
		{"AddressedWithoutProposal", journeys.Triage{Fingerprint: someFingerprint, Status: journeys.TriageAddressed, Note: "a note is not a proposal"}, []string{"/proposal"}},
		{"MissingStatus", journeys.Triage{Fingerprint: someFingerprint}, []string{"/status"}},
		{"UnknownStatus", journeys.Triage{Fingerprint: someFingerprint, Status: "ignored"}, []string{"/status"}},
		{"MissingFingerprint", journeys.Triage{Status: journeys.TriageConfirmed}, []string{"/fingerprint"}},
		{"MalformedFingerprint", journeys.Triage{Fingerprint: strings.ToUpper(someFingerprint), Status: journeys.TriageConfirmed}, []string{"/fingerprint"}},
		{"TooLongReason", journeys.Triage{Fingerprint: someFingerprint, Status: journeys.TriageDismissed, Reason: strings.Repeat("x", 20001)}, []string{"/reason"}},
		{"EverythingWrong", journeys.Triage{Fingerprint: "x", Status: journeys.TriageAddressed}, []string{"/fingerprint", "/proposal"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, violationPointers(tt.t.Validate()), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Validate() pointers mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTriage_JSONNames(t *testing.T) {
	var tr journeys.Triage
	doc := `{"fingerprint":"` + someFingerprint + `","status":"dismissed","reason":"r","note":"n"}`
	if err := journeys.DecodeStrict([]byte(doc), &tr); err != nil {
		t.Fatalf("DecodeStrict(%s) = %v", doc, err)
	}
	want := journeys.Triage{Fingerprint: someFingerprint, Status: journeys.TriageDismissed, Reason: "r", Note: "n"}
	if diff := cmp.Diff(want, tr); diff != "" {
		t.Errorf("decoded triage mismatch (-want +got):\n%s", diff)
	}
	b, _ := json.Marshal(journeys.Triage{Fingerprint: someFingerprint, Status: journeys.TriageConfirmed})
	if got := string(b); got != `{"fingerprint":"`+someFingerprint+`","status":"confirmed"}` {
		t.Errorf("json.Marshal(triage) = %s", got)
	}
}
