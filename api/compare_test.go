package api_test

import (
	"testing"

	"github.com/glapp/glapp/journeys"
)

// The spec's example as-is, a to-be that gives its hand-over an owner and a referral, and
// a lived journey that follows the to-be but skipped the planned meeting and waited
// longer than planned for the call.
const (
	toBeDoc = `{"title":"Önskat läge","kind":"to_be","basedOn":"adult-addiction-as-is",
	"stages":[{"id":"seek","name":"Söka hjälp","order":1}],
	"steps":[{"id":"s1","title":"Ringer vårdcentralen","stage":"seek","actor":"vc","entry":true,"waitDays":{"expected":2}},
	         {"id":"s2","title":"Samordnat möte","stage":"seek","actor":"soc","terminal":true,"waitDays":{"expected":14}}],
	"handovers":[{"id":"h1","from":"s1","to":"s2","type":"referral","responsible":"vc","information":"full","acknowledged":true,"followUp":true}]}`
	livedDoc = `{"title":"Levd resa 1","kind":"lived","basedOn":"to-be",
	"steps":[{"id":"l1","title":"Ringde","actor":"vc","entry":true,"planned":"s1","waitDays":{"observed":9}},
	         {"id":"l2","title":"Akut besök","actor":"soc","terminal":true}],
	"handovers":[{"id":"lh1","from":"l1","to":"l2","type":"referral","responsible":"vc"}]}`
)

func TestCompare(t *testing.T) {
	s := withProjectAndJourney(t)
	const p = "/api/v1/projects/p"
	s.run(t, []call{
		{method: "PUT", path: p + "/journeys/to-be", body: toBeDoc, status: 201},
		{method: "PUT", path: p + "/journeys/lived-1", body: livedDoc, status: 201},
		{name: "AsIsToBe", method: "GET", path: p + "/compare?from=adult-addiction-as-is&to=to-be", status: 200, contains: []string{
			`"kind":"improvement"`, `"linked":true`, `{"rule":"unowned_handover","category":"responsibility"`, `"counts":{"resolved":5,"remaining":1,"new":0}`,
			`"matchedBy":"place"`, `"metric":"handovers_with_responsible","from":{"value":null`,
			`"handovers":{"added":[],"removed":[],"changed":[{"id":"h1","fields":["type","responsible","information","acknowledged","followUp"]}]}`},
			lacks: []string{`"note"`}},
		{name: "PlannedLived", method: "GET", path: p + "/compare?from=to-be&to=lived-1", status: 200, contains: []string{
			`"kind":"conformance"`, `{"kind":"missing","planned":["s2"],"lived":[]`, `{"kind":"ad_hoc","planned":[],"lived":["l2"]`,
			`{"kind":"wait_over_plan","planned":["s1"],"lived":["l1"],"plannedDays":2,"livedDays":9`, `"en":"The planned step “Samordnat möte”`}},
		{name: "MarkdownSwedish", method: "GET", path: p + "/compare?from=to-be&to=lived-1&format=md", status: 200,
			header:   []string{"Content-Type", "text/markdown", "Content-Language", "sv"},
			contains: []string{"# Jämförelse: Önskat läge (`to-be`) → Levd resa 1 (`lived-1`)", "**Planerat steg saknas**: Det planerade steget ”Samordnat möte”"}},
		{name: "MarkdownEnglishByAccept", method: "GET", path: p + "/compare?from=adult-addiction-as-is&to=to-be",
			headers: []string{"Accept", "text/markdown", "Accept-Language", "en"}, status: 200,
			contains: []string{"# Comparison:", "### Resolved", "| Hand-overs with someone responsible | – | 1 |", "`h1` (type, responsible"}},
		{name: "Same", method: "GET", path: p + "/compare?from=to-be&to=to-be", status: 400, code: journeys.Invalid, contains: []string{`"parameter":"to"`}},
		{name: "LivedAgainstOther", method: "GET", path: p + "/compare?from=adult-addiction-as-is&to=lived-1", status: 400, code: journeys.Invalid},
		{name: "MissingTo", method: "GET", path: p + "/compare?from=to-be", status: 400, code: journeys.Invalid, contains: []string{`"parameter":"to"`}},
		{name: "UnknownFrom", method: "GET", path: p + "/compare?from=ghost&to=to-be", status: 404, code: journeys.NotFound},
		{name: "UnknownTo", method: "GET", path: p + "/compare?from=to-be&to=ghost", status: 404, code: journeys.NotFound},
		{name: "Conformance", method: "GET", path: p + "/journeys/to-be/conformance", status: 200, contains: []string{
			`"plan":{"id":"to-be"`, `"lived":1,"capped":false,"limit":5000`, `{"kind":"missing","journeys":1,"share":1,"occurrences":1}`,
			`{"id":"s1","title":"Ringer vårdcentralen","missed":0,"missedShare":0,"plannedWait":2,"medianWait":9,"waits":1,"overPlan":1}`}},
		{name: "ConformanceMarkdown", method: "GET", path: p + "/journeys/to-be/conformance?format=md&lang=en", status: 200, contains: []string{
			"# Conformance to the plan: Önskat läge (`to-be`)", "Based on 1 lived journeys", "| Samordnat möte (`s2`) | 1 | 100 % |"}},
		{name: "ConformanceOfLived", method: "GET", path: p + "/journeys/lived-1/conformance", status: 400, code: journeys.Invalid, contains: []string{"to-be"}},
		{name: "ConformanceNone", method: "GET", path: journeyPath + "/conformance", status: 200, contains: []string{`"lived":0`, `"missedShare":null`}},
		{name: "ConformanceUnknown", method: "GET", path: p + "/journeys/ghost/conformance", status: 404, code: journeys.NotFound},
	})
}
