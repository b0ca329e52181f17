package api

import "github.com/glapp/glapp/journeys/gaps"

// The JSON reports carry each explanation and question in one language, the one the
// client asked for; the engine produces both. These types shadow the engine's two-language
// fields with one-language ones and keep every other field as the engine writes it.

// finding is a gaps.Finding with its explanation and severity reason in one language.
type finding struct {
	gaps.Finding
	Explanation    string `json:"explanation"`
	SeverityReason string `json:"severityReason" example:"Hög: grundnivå medel för regeln, höjd ett steg av validerad negativ evidens (i3)."`
}

// unknown is a gaps.Unknown with its name and questions in one language.
type unknown struct {
	gaps.Unknown
	Name      string   `json:"name"`
	Questions []string `json:"questions"`
}

// journeyReport is the JSON gap report for one journey.
type journeyReport struct {
	gaps.JourneyReport
	Findings []finding `json:"findings"`
	Unknowns []unknown `json:"unknowns"`
	Resolved []finding `json:"resolved,omitempty"`
}

// projectReport is the JSON project gap report, as reports.WriteProjectJSON writes it
// with localizeFinding; the type documents the response in the OpenAPI document.
//
//lint:ignore U1000 named in the OpenAPI annotations, which swag reads
type projectReport struct {
	gaps.ProjectReport
	Findings []finding `json:"findings"`
	Resolved []finding `json:"resolved,omitempty"`
}

func localizeFinding(f *gaps.Finding, lang string) finding {
	return finding{Finding: *f, Explanation: f.Explanation.In(lang), SeverityReason: f.SeverityReason.In(lang)}
}

func localizeFindings(in []gaps.Finding, lang string) []finding {
	out := make([]finding, len(in))
	for i := range in {
		out[i] = localizeFinding(&in[i], lang)
	}
	return out
}

func localizeReport(r *gaps.JourneyReport, lang string) journeyReport {
	out := journeyReport{JourneyReport: *r, Findings: localizeFindings(r.Findings, lang), Unknowns: make([]unknown, len(r.Unknowns))}
	if r.Resolved != nil {
		out.Resolved = localizeFindings(r.Resolved, lang)
	}
	for i, u := range r.Unknowns {
		qs := make([]string, len(u.Questions))
		for k, q := range u.Questions {
			qs[k] = q.In(lang)
		}
		out.Unknowns[i] = unknown{Unknown: u, Name: u.Name.In(lang), Questions: qs}
	}
	return out
}
