package gaps

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"

	"github.com/glapp/glapp/journeys"
)

// fingerprint identifies a finding across reads, so that its triage can be stored by it:
// the first 16 bytes, in hex, of SHA-256 over the journey id, the rule and the subject's
// ids in sorted order. It depends on nothing else, so renaming a step, adding an
// unrelated one, reordering the document's arrays or changing a finding's severity or
// evidence keeps it, while a different subject (another hand-over, another loop) changes
// it. The parts are joined with NUL, which no id contains, so that no two different
// inputs run together into the same bytes.
func fingerprint(journey string, rule Rule, subject []string) string {
	ids := slices.Sorted(slices.Values(subject))
	h := sha256.New()
	h.Write([]byte(journey))
	h.Write([]byte{0})
	h.Write([]byte(rule))
	for _, id := range ids {
		h.Write([]byte{0})
		h.Write([]byte(id))
	}
	return hex.EncodeToString(h.Sum(nil)[:journeys.FingerprintLen/2])
}
