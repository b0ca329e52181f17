package gaps

import "github.com/glapp/glapp/journeys"

// ApplyTriage returns findings with the project's triage decisions attached by
// fingerprint. Dismissed findings are left out unless includeDismissed is set, because a
// dismissal means the project has judged the finding not to be a gap. The input is not
// changed.
func ApplyTriage(findings []Finding, triage map[string]journeys.Triage, includeDismissed bool) []Finding {
	if len(triage) == 0 {
		return findings // nothing to attach or drop; a project report need not copy every finding
	}
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
