package api_test

import (
	"testing"

	"github.com/glapp/glapp/journeys"
)

func TestGoalsAndMeasures(t *testing.T) {
	s := withProjectAndJourney(t)
	const goals, measures = "/api/v1/projects/p/goals", "/api/v1/projects/p/measures"
	s.run(t, []call{
		{method: "PUT", path: goals + "/top", body: `{"title":"Ingen tappas bort","perspective":"person"}`, status: 201, contains: []string{`"parent":null`, `"version":1`}},
		{method: "PUT", path: goals + "/sub", body: `{"title":"Varm överlämning","perspective":"organisation","parent":"top"}`, status: 201},
		{name: "PutSame", method: "PUT", path: goals + "/sub", body: `{"title":"Varm överlämning","perspective":"organisation","parent":"top"}`, status: 200, contains: []string{`"version":1`}},
		{name: "MissingParent", method: "PUT", path: goals + "/x", body: `{"title":"X","perspective":"person","parent":"nope"}`, status: 400, code: journeys.Invalid, contains: []string{`"pointer":"/parent"`}},
		{name: "Cycle", method: "PUT", path: goals + "/top", body: `{"title":"Ingen tappas bort","perspective":"person","parent":"sub"}`, status: 400, code: journeys.Invalid, contains: []string{"cycle"}},
		{name: "BadPerspective", method: "PUT", path: goals + "/x", body: `{"title":"X","perspective":"state"}`, status: 400, code: journeys.Invalid, contains: []string{`"pointer":"/perspective"`}},
		{method: "GET", path: goals, status: 200, contains: []string{`"id":"sub"`, `"id":"top"`}},
		{method: "GET", path: goals + "/sub", status: 200, contains: []string{`"parent":"top"`}},

		{name: "MeasureMissingGoal", method: "PUT", path: measures + "/m", body: `{"goal":"nope","name":"M","direction":"increase"}`, status: 400, code: journeys.Invalid, contains: []string{`"pointer":"/goal"`}},
		{name: "MeasureBadMetric", method: "PUT", path: measures + "/m", body: `{"goal":"sub","name":"M","direction":"increase","metric":"doors"}`, status: 400, code: journeys.Invalid, contains: []string{`"pointer":"/metric"`}},
		{name: "Computed", method: "PUT", path: measures + "/resp", body: `{"goal":"sub","name":"Ansvarig","direction":"increase","baseline":{"value":0,"at":"2026-01-01"},"target":{"value":1,"by":"2027-01-01"},"metric":"handovers_acknowledged"}`, status: 201},
		{name: "ComputedUnknown", method: "PUT", path: measures + "/who", body: `{"goal":"sub","name":"Ansvarig","direction":"increase","metric":"handovers_with_responsible"}`, status: 201},
		{name: "Manual", method: "PUT", path: measures + "/nps", body: `{"goal":"top","name":"Nöjdhet","unit":"poäng","direction":"decrease","baseline":{"value":30},"target":{"value":10},"metric":null}`, status: 201},
		{name: "OpenFindings", method: "PUT", path: measures + "/open", body: `{"goal":"sub","name":"Öppna brister","direction":"decrease","metric":"open_findings"}`, status: 201},
		{name: "GetOpenFindings", method: "GET", path: measures + "/open", status: 200, contains: []string{`"computed":{"value":6,"counted":6,"unknown":0,"journeys":1}`}},
		{name: "OpenFindingsBadRule", method: "PUT", path: measures + "/open2", body: `{"goal":"sub","name":"X","direction":"decrease","metric":"open_findings","metricRule":"nope","metricMinSeverity":"huge"}`, status: 400, code: journeys.Invalid, contains: []string{`"pointer":"/metricRule"`, `"pointer":"/metricMinSeverity"`}},
		{name: "OpenFindingsCritical", method: "PUT", path: measures + "/open2", body: `{"goal":"sub","name":"X","direction":"decrease","metric":"open_findings","metricMinSeverity":"critical","metricRule":"dead_end"}`, status: 201},
		{name: "GetOpenFindingsNarrowed", method: "GET", path: measures + "/open2", status: 200, contains: []string{`"journeys":1`}, lacks: []string{`"value":6`}},
		{method: "DELETE", path: measures + "/open2", status: 204},
		{name: "Gaps", method: "GET", path: journeyPath + "/gaps", status: 200, save: map[string]string{"fp": `"fingerprint":"([0-9a-f]{32})"`}},
		{name: "Dismiss", method: "PUT", path: "/api/v1/projects/p/findings/{fp}", body: `{"status":"dismissed","reason":"Samma enhet."}`, status: 201},
		{name: "GetOpenFindingsAfterTriage", method: "GET", path: measures + "/open", status: 200, contains: []string{`"computed":{"value":5,"counted":6,"unknown":0,"journeys":1}`}},
		{name: "GetComputed", method: "GET", path: measures + "/resp", status: 200, contains: []string{`"computed":{"value":0,"counted":1,"unknown":0,"journeys":1}`, `"progress":0`}},
		// The example's one hand-over does not say who is responsible: no value, one unknown.
		{name: "GetComputedUnknown", method: "GET", path: measures + "/who", status: 200, contains: []string{`"computed":{"value":null,"counted":0,"unknown":1,"journeys":1}`, `"progress":null`}},
		{name: "ObserveNothingToCount", method: "POST", path: measures + "/who/observations", body: `{"computed":true}`, status: 400, code: journeys.Invalid, contains: []string{`"pointer":"/computed"`}},
		{name: "GetManualNoObservation", method: "GET", path: measures + "/nps", status: 200, contains: []string{`"progress":null`}, lacks: []string{`"computed"`, `"latest"`}},
		{name: "ObserveManual", method: "POST", path: measures + "/nps/observations", body: `{"at":"2026-06-01","value":20,"source":"enkät"}`, status: 201, contains: []string{`"latest":{"at":"2026-06-01","value":20`, `"progress":0.5`}},
		{name: "ObserveManualNoValue", method: "POST", path: measures + "/nps/observations", body: `{"at":"2026-06-01"}`, status: 400, code: journeys.Invalid, contains: []string{`"pointer":"/value"`}},
		{name: "ObserveManualComputed", method: "POST", path: measures + "/nps/observations", body: `{"computed":true}`, status: 400, code: journeys.Invalid, contains: []string{`"pointer":"/computed"`}},
		{name: "ObserveComputed", method: "POST", path: measures + "/resp/observations", body: `{"computed":true,"note":"Efter workshop"}`, status: 201, contains: []string{`"source":"computed"`, `"value":0,"note":"Efter workshop"`}},
		{name: "ObserveComputedWithValue", method: "POST", path: measures + "/resp/observations", body: `{"computed":true,"value":3}`, status: 400, code: journeys.Invalid},
		{name: "ObserveMissing", method: "POST", path: measures + "/ghost/observations", body: `{"value":1}`, status: 404, code: journeys.NotFound},
		{name: "PutKeepsObservations", method: "PUT", path: measures + "/nps", body: `{"goal":"top","name":"Nöjdhet (NPS)","direction":"decrease","baseline":{"value":30},"target":{"value":10}}`, status: 200, contains: []string{`"observations":[{"at":"2026-06-01"`}},
		{method: "GET", path: measures, status: 200, contains: []string{`"id":"nps"`, `"id":"resp"`}},
		{name: "DeleteGoalWithChild", method: "DELETE", path: goals + "/top", status: 409, code: journeys.Conflict, contains: []string{`\"sub\"`, `\"nps\"`}},
		{method: "DELETE", path: measures + "/resp", status: 204},
		{method: "DELETE", path: measures + "/who", status: 204},
		{method: "DELETE", path: measures + "/open", status: 204},
		{method: "DELETE", path: measures + "/nps", status: 204},
		{method: "DELETE", path: goals + "/sub", status: 204},
		{method: "DELETE", path: goals + "/top", status: 204},
		{name: "GetDeleted", method: "GET", path: goals + "/top", status: 404, code: journeys.NotFound},
		{name: "Audit", method: "GET", path: "/api/v1/projects/p/audit?action=measure.observe", status: 200, contains: []string{`"action":"measure.observe"`}},
	})
}
