package journeys

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// TriageStatus is what a project decided about a finding.
type TriageStatus string

// Triage statuses.
const (
	// TriageConfirmed: the gap is real.
	TriageConfirmed TriageStatus = "confirmed"
	// TriageDismissed: not a gap, for the reason given; reports leave it out by default.
	TriageDismissed TriageStatus = "dismissed"
	// TriageAddressed: the project has a proposal for closing the gap, named by Proposal.
	TriageAddressed TriageStatus = "addressed"
)

// TriageStatuses lists every valid TriageStatus.
var TriageStatuses = []TriageStatus{TriageConfirmed, TriageDismissed, TriageAddressed}

// FingerprintLen is the length of a finding's fingerprint: 16 bytes written as lowercase hex.
const FingerprintLen = 32

var fingerprintPattern = regexp.MustCompile(`^[0-9a-f]{32}$`)

// ValidFingerprint reports whether s has the form of a finding's fingerprint.
func ValidFingerprint(s string) bool { return fingerprintPattern.MatchString(s) }

// Triage is a project's decision about a finding. Findings are computed on every read and
// never stored; their triage is stored by fingerprint, which stays the same while the rule
// and the subject of the finding do, so a decision survives unrelated edits to the journey.
type Triage struct {
	Fingerprint string       `json:"fingerprint" example:"3f5e0c1d2b4a69788796a5b4c3d2e1f0"`
	Status      TriageStatus `json:"status" validate:"required"`
	// Reason says why a finding was dismissed; required for dismissed.
	Reason string `json:"reason,omitempty"`
	// Proposal is the id of the project's proposal that addresses the gap; required for
	// addressed, and only for it. Stores check that it exists.
	Proposal string `json:"proposal,omitempty" example:"shared-plan"`
	// Note says more about the decision, in words.
	Note string `json:"note,omitempty"`
	// Server fields: set by the store, ignored on input.
	Version   int64      `json:"version,omitempty" readonly:"true"`
	UpdatedAt *time.Time `json:"updatedAt,omitempty" readonly:"true"`
}

// SameContent reports whether t and o differ only in server fields.
func (t Triage) SameContent(o Triage) bool {
	t.Version, t.UpdatedAt, o.Version, o.UpdatedAt = 0, nil, 0, nil
	return t == o
}

// Validate returns every violation in t. A dismissal must say why and an addressed finding
// must name the proposal that addresses it, so that a later reader of the report can judge the decision.
func (t *Triage) Validate() []Violation {
	var v violations
	switch {
	case t.Fingerprint == "":
		v.add("/fingerprint", "This field is required.")
	case !ValidFingerprint(t.Fingerprint):
		v.add("/fingerprint", "Must be a finding's fingerprint: %d lowercase hexadecimal characters.", FingerprintLen)
	}
	checkEnum(&v, "/status", t.Status, TriageStatuses, true)
	if t.Status == TriageDismissed && strings.TrimSpace(t.Reason) == "" {
		v.add("/reason", "A dismissed finding needs a reason.")
	}
	switch {
	case t.Status == TriageAddressed && t.Proposal == "":
		v.add("/proposal", "An addressed finding names the proposal that addresses it.")
	case t.Status == TriageAddressed:
		v.id("/proposal", t.Proposal)
	case t.Proposal != "":
		v.add("/proposal", "Only an addressed finding names a proposal.")
	}
	v.maxLen("/reason", t.Reason, maxTextLen)
	v.maxLen("/note", t.Note, maxTextLen)
	sortViolations(v)
	return v
}

// CheckTriageProposal returns INVALID when t names a proposal the project lacks; exists
// is the store's lookup inside its write transaction.
func CheckTriageProposal(t *Triage, exists func(id string) (bool, error)) error {
	if t.Proposal == "" {
		return nil
	}
	ok, err := exists(t.Proposal)
	if err != nil || ok {
		return err
	}
	return InvalidError("The triage decision names no proposal of the project; nothing was stored.", []Violation{{
		Pointer: "/proposal", Detail: "The project has no proposal " + strconv.Quote(t.Proposal) + ".",
	}})
}
