package gaps

import "github.com/glapp/glapp/journeys"

// Since is a finding's state against a baseline: found now and not then (new), found both
// then and now (persisting), or found then and no longer (resolved). Findings are matched
// by fingerprint.
type Since string

// The states of a finding against a baseline.
const (
	SinceNew        Since = "new"
	SincePersisting Since = "persisting"
	SinceResolved   Since = "resolved"
)

// SinceStates lists every Since.
var SinceStates = []Since{SinceNew, SincePersisting, SinceResolved}

// SinceCounts counts a report's findings against a baseline. It is the summary's since
// field, present only in a report read with ?since=.
type SinceCounts struct {
	// Baseline is the id of the baseline the report is read against.
	Baseline   string `json:"baseline"`
	New        int    `json:"new"`
	Persisting int    `json:"persisting"`
	Resolved   int    `json:"resolved"`
}

// MarkSince returns findings, made with every triage decision attached and dismissed
// findings kept, each marked new or persisting by whether then (the fingerprints of the
// baseline's report, dismissed ones included) holds its fingerprint; dismissed findings
// are then left out unless includeDismissed. Marking before leaving them out is what
// keeps a finding dismissed since the baseline from reading as resolved. The input is
// not changed.
func MarkSince(findings []Finding, then map[string]bool, includeDismissed bool) []Finding {
	out := make([]Finding, 0, len(findings))
	for _, f := range findings {
		if !includeDismissed && dismissed(&f) {
			continue
		}
		f.Since = SinceNew
		if then[f.Fingerprint] {
			f.Since = SincePersisting
		}
		out = append(out, f)
	}
	return out
}

// Resolved returns the findings of the baseline's report (then, in its order) whose
// fingerprint no report now holds (now, dismissed findings included), marked resolved;
// those the baseline had dismissed are left out unless includeDismissed.
func Resolved(then []Finding, now map[string]bool, includeDismissed bool) []Finding {
	out := []Finding{}
	for _, f := range then {
		if now[f.Fingerprint] || !includeDismissed && dismissed(&f) {
			continue
		}
		f.Since = SinceResolved
		out = append(out, f)
	}
	return out
}

// CountSince counts findings (marked by MarkSince) and resolved against baseline.
func CountSince(baseline string, findings, resolved []Finding) *SinceCounts {
	c := &SinceCounts{Baseline: baseline, Resolved: len(resolved)}
	for i := range findings {
		switch findings[i].Since {
		case SinceNew:
			c.New++
		case SincePersisting:
			c.Persisting++
		}
	}
	return c
}

// Fingerprints returns the set of findings' fingerprints.
func Fingerprints(findings []Finding) map[string]bool {
	m := make(map[string]bool, len(findings))
	for i := range findings {
		m[findings[i].Fingerprint] = true
	}
	return m
}

func dismissed(f *Finding) bool {
	return f.Triage != nil && f.Triage.Status == journeys.TriageDismissed
}
