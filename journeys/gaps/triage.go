package gaps

import "github.com/glapp/glapp/journeys"

// ApplyTriage returns findings with the project's triage decisions attached by
// fingerprint. Dismissed findings are left out unless includeDismissed is set, because a
// dismissal means the project has judged the finding not to be a gap. The input is not
// changed.
func ApplyTriage(findings []Finding, triage map[string]journeys.Triage, includeDismissed bool) []Finding {
	out := make([]Finding, 0, len(findings))
	for _, f := range findings {
		if t, ok := triage[f.Fingerprint]; ok {
			if t.Status == journeys.TriageDismissed && !includeDismissed {
				continue
			}
			f.Triage = &t
		}
		out = append(out, f)
	}
	return out
}
