package api_test

import (
	"testing"

	"github.com/glapp/glapp/journeys"
)

// TestHistoryAndBaselines takes a baseline, edits the journey, and reads what was
// resolved since, the versions kept and the report as it stood; then deletes the journey,
// keeping and then purging its history.
func TestHistoryAndBaselines(t *testing.T) {
	s := withProjectAndJourney(t)
	const p = "/api/v1/projects/p"
	s.run(t, []call{
		{name: "CurrentIsVersion1", method: "GET", path: journeyPath + "?version=1", status: 200, contains: []string{`"version":1`}},
		// Before history, ?version=2 silently answered the current version.
		{name: "UnknownVersion", method: "GET", path: journeyPath + "?version=2", status: 404, code: journeys.NotFound},
		{name: "BadVersion", method: "GET", path: journeyPath + "?version=0", status: 400, code: journeys.Invalid},
		{name: "NotANumber", method: "GET", path: journeyPath + "/gaps?version=x", status: 400, code: journeys.Invalid},
		{method: "PUT", path: p + "/goals/g", body: `{"title":"Ansvar","perspective":"organisation"}`, status: 201},
		{method: "PUT", path: p + "/measures/who", body: `{"goal":"g","name":"Ansvarig","direction":"increase","metric":"handovers_with_responsible"}`, status: 201},
		{name: "TakeBaseline", method: "POST", path: p + "/baselines", body: `{"id":"start","title":"Innan arbetet"}`, status: 201,
			header: []string{"Location", p + "/baselines/start"}, contains: []string{`"journeys":[{"id":"adult-addiction-as-is","version":1`}},
		{name: "TakenID", method: "POST", path: p + "/baselines", body: `{"id":"start","title":"Igen"}`, status: 409, code: journeys.Conflict},
		{name: "BadBaseline", method: "POST", path: p + "/baselines", body: `{"id":"Not an id","title":""}`, status: 400, code: journeys.Invalid},
		{name: "Edit", method: "PATCH", path: journeyPath + "/handovers/h1", body: `{"responsible":"vc","information":"full","acknowledged":true,"followUp":true}`,
			headers: []string{"If-Match", "{etag}"}, status: 200},
		{name: "Versions", method: "GET", path: journeyPath + "/versions", status: 200,
			contains: []string{`"version":1`, `"version":2`, `"current":true`, `"replacedAt"`}},
		{name: "VersionsPaged", method: "GET", path: journeyPath + "/versions?limit=1", status: 200, contains: []string{`"version":1`, `"next"`}, lacks: []string{`"version":2`}},
		{name: "OldVersion", method: "GET", path: journeyPath + "?version=1", status: 200, contains: []string{`"responsible":null`}, header: []string{"ETag", `"1.`}},
		{name: "OldVersionGaps", method: "GET", path: journeyPath + "/gaps?version=1", status: 200, contains: []string{`"rule":"unowned_handover"`}},
		{name: "OldVersionDiagram", method: "GET", path: journeyPath + "/diagram?version=1&format=mermaid", status: 200},
		{name: "CurrentGaps", method: "GET", path: journeyPath + "/gaps", status: 200, lacks: []string{`"rule":"unowned_handover"`}},
		{name: "Since", method: "GET", path: p + "/gaps?since=start", status: 200,
			contains: []string{`"since":{"baseline":"start"`, `"since":"persisting"`, `"resolved":[`, `"rule":"unowned_handover"`, `"since":"resolved"`}, lacks: []string{`"since":"new"`}},
		{name: "JourneySince", method: "GET", path: journeyPath + "/gaps?since=start", status: 200, contains: []string{`"baseline":"start"`, `"since":"resolved"`}},
		{name: "SinceAndVersion", method: "GET", path: journeyPath + "/gaps?since=start&version=1", status: 400, code: journeys.Invalid},
		{name: "SinceCSV", method: "GET", path: p + "/gaps?since=start&format=csv", status: 200, contains: []string{"severityReason,since", ",resolved"}},
		{name: "SinceMarkdown", method: "GET", path: p + "/gaps?since=start&format=md&lang=en", status: 200, contains: []string{"Since baseline start:", "## Resolved since the baseline", "since the baseline: persisting"}},
		{name: "SinceMarkdownSwedish", method: "GET", path: journeyPath + "/gaps?since=start&format=md&lang=sv", status: 200, contains: []string{"## Åtgärdade sedan baslinjen"}},
		{name: "SinceUnknownBaseline", method: "GET", path: p + "/gaps?since=nope", status: 404, code: journeys.NotFound},
		{name: "BaselineGaps", method: "GET", path: p + "/baselines/start/gaps", status: 200, contains: []string{`"rule":"unowned_handover"`}, lacks: []string{`"since"`}},
		{name: "BaselineGapsCSV", method: "GET", path: p + "/baselines/start/gaps?format=csv", status: 200, contains: []string{"unowned_handover"}},
		{name: "BaselineMeasures", method: "GET", path: p + "/baselines/start/measures", status: 200,
			contains: []string{`"measure":"who"`, `"atBaseline":{"value":null,"counted":0,"unknown":1,"journeys":1}`, `"now":{"value":1,"counted":1,"unknown":0,"journeys":1}`}},
		{method: "GET", path: p + "/baselines", status: 200, contains: []string{`"id":"start"`, `"journeys":1`}},
		{method: "GET", path: p + "/baselines/start", status: 200, contains: []string{`"actors":[`, `"settings":`, `"triage":[]`}},
		{name: "ReadCurrent", method: "GET", path: journeyPath, status: 200, header: []string{"ETag", `"2.`}},
		{name: "Delete", method: "DELETE", path: journeyPath, headers: []string{"If-Match", "{etag}"}, status: 204, header: []string{"Glapp-History", "kept"}},
		{name: "DeletedVersions", method: "GET", path: journeyPath + "/versions", status: 200, contains: []string{`"deleted":true`}, lacks: []string{`"current":true`}},
		{name: "DeletedVersion", method: "GET", path: journeyPath + "?version=2", status: 200},
		{name: "BaselineStillReads", method: "GET", path: p + "/baselines/start/gaps", status: 200, contains: []string{`"rule":"unowned_handover"`}},
		{name: "BadHistory", method: "DELETE", path: journeyPath + "?history=forget", status: 400, code: journeys.Invalid},
		{name: "PurgeHeld", method: "DELETE", path: journeyPath + "?history=delete", status: 409, code: journeys.Conflict},
		{method: "DELETE", path: p + "/baselines/start", status: 204},
		{name: "BaselineGone", method: "GET", path: p + "/baselines/start/gaps", status: 404, code: journeys.NotFound},
		{name: "Purge", method: "DELETE", path: journeyPath + "?history=delete", status: 204, header: []string{"Glapp-History", "deleted"}},
		{name: "PurgedVersions", method: "GET", path: journeyPath + "/versions", status: 404, code: journeys.NotFound},
		{name: "Audit", method: "GET", path: p + "/audit?action=journey.purge", status: 200, contains: []string{`"action":"journey.purge"`}},
	})
}
