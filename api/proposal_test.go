package api_test

import (
	"testing"

	"github.com/glapp/glapp/journeys"
)

// TestProposals walks a proposal through the API: created at a stage, its stage moved
// only by decisions, tests written and read, triage naming it, and the delete that this
// triage refuses.
func TestProposals(t *testing.T) {
	s := withProjectAndJourney(t)
	p := "/api/v1/projects/p/proposals"
	s.run(t, []call{
		{name: "Findings", method: "GET", path: journeyPath + "/gaps", status: 200, save: map[string]string{"fp": `"fingerprint":"([0-9a-f]+)"`}},
		{name: "CreateUnknownGoalAndMeasure", method: "PUT", path: p + "/sip", body: `{"title":"SIP","goals":["trygghet"],"expected":[{"measure":"vantetid","value":14}]}`, status: 400, code: journeys.Invalid, contains: []string{`"pointer":"/goals/0"`, `"pointer":"/expected/0/measure"`}},
		{method: "PUT", path: "/api/v1/projects/p/goals/trygghet", body: `{"title":"Trygghet","perspective":"person"}`, status: 201},
		{method: "PUT", path: "/api/v1/projects/p/measures/vantetid", body: `{"goal":"trygghet","name":"Väntetid","direction":"decrease"}`, status: 201},
		{name: "Create", method: "PUT", path: p + "/sip", body: `{"title":"SIP vid utskrivning","addresses":["{fp}"],"goals":["trygghet"],"expected":[{"measure":"vantetid","value":14}],"owners":["soc"],"investment":"Två timmar per plan"}`, status: 201, contains: []string{`"stage":"idea"`, `"version":1`}},
		{name: "CreateAtStage", method: "PUT", path: p + "/hembesok", body: `{"title":"Hembesök","stage":"test"}`, status: 201, contains: []string{`"stage":"test"`}},
		{name: "UnknownOwner", method: "PUT", path: p + "/x", body: `{"title":"X","owners":["nobody"]}`, status: 400, code: journeys.Invalid, contains: []string{`"/owners/0"`}},
		{name: "AsIsJourneyAsToBe", method: "PUT", path: p + "/x", body: `{"title":"X","toBe":"adult-addiction-as-is"}`, status: 400, code: journeys.Invalid, contains: []string{`"/toBe"`}},
		{name: "BadFingerprint", method: "PUT", path: p + "/x", body: `{"title":"X","addresses":["nope"]}`, status: 400, code: journeys.Invalid, contains: []string{`"/addresses/0"`}},
		{name: "StageByPut", method: "PUT", path: p + "/sip", body: `{"title":"SIP vid utskrivning","stage":"adopted"}`, status: 409, code: journeys.Conflict, contains: []string{"decision"}},
		{name: "ListByStage", method: "GET", path: p + "?stage=test", status: 200, contains: []string{`"id":"hembesok"`}, lacks: []string{`"id":"sip"`}},
		{name: "ListBadStage", method: "GET", path: p + "?stage=done", status: 400, code: journeys.Invalid},
		{name: "Decide", method: "POST", path: p + "/sip/decisions", body: `{"from":"idea","to":"analysis","outcome":"go","decidedBy":"styrgrupp","mandate":"Prioriterar arbetet","basedOn":["pilot-1"]}`, status: 201, contains: []string{`"id":"d1"`, `"proposal":"sip"`, `"at":"`}},
		{name: "StaleDecision", method: "POST", path: p + "/sip/decisions", body: `{"from":"idea","to":"analysis","outcome":"go","decidedBy":"styrgrupp","mandate":"m"}`, status: 409, code: journeys.Conflict},
		{name: "DecisionWithoutMandate", method: "POST", path: p + "/sip/decisions", body: `{"from":"analysis","to":"test","outcome":"go","decidedBy":"styrgrupp"}`, status: 400, code: journeys.Invalid, contains: []string{`"/mandate"`}},
		{name: "DecisionNotAllowed", method: "POST", path: p + "/sip/decisions", body: `{"from":"analysis","to":"adopted","outcome":"go","decidedBy":"styrgrupp","mandate":"m"}`, status: 400, code: journeys.Invalid, contains: []string{`"/to"`}},
		{name: "StageMoved", method: "GET", path: p + "/sip", status: 200, contains: []string{`"stage":"analysis"`, `"version":2`}},
		{name: "Decisions", method: "GET", path: p + "/sip/decisions", status: 200, contains: []string{`"outcome":"go"`, `"decidedBy":"styrgrupp"`}},
		{name: "NoDecisionPut", method: "PUT", path: p + "/sip/decisions", body: `{}`, status: 405},
		{name: "PutTest", method: "PUT", path: p + "/sip/tests/pilot-1", body: `{"kind":"pilot","actors":["soc"],"period":{"from":"2026-04-01","to":"2026-06-30"},"plan":"Tio utskrivningar","status":"running","observations":[{"measure":"vantetid","at":"2026-05-01","value":21}]}`, status: 201, contains: []string{`"proposal":"sip"`}},
		{name: "PutTestAgain", method: "PUT", path: p + "/sip/tests/pilot-1", body: `{"kind":"pilot","actors":["soc"],"period":{"from":"2026-04-01","to":"2026-06-30"},"plan":"Tio utskrivningar","status":"running","observations":[{"measure":"vantetid","at":"2026-05-01","value":21}]}`, status: 200, contains: []string{`"version":1`}},
		{name: "PutTestBadPeriod", method: "PUT", path: p + "/sip/tests/t2", body: `{"kind":"pilot","status":"planned","period":{"from":"2026-04-01","to":"2026-03-01"}}`, status: 400, code: journeys.Invalid, contains: []string{`"/period/to"`}},
		{name: "PutTestOtherProposal", method: "PUT", path: p + "/sip/tests/t2", body: `{"proposal":"hembesok","kind":"pilot","status":"planned"}`, status: 400, code: journeys.Invalid},
		{name: "GetTest", method: "GET", path: p + "/sip/tests/pilot-1", status: 200, contains: []string{`"kind":"pilot"`}},
		{name: "ListTests", method: "GET", path: p + "/sip/tests", status: 200, contains: []string{`"id":"pilot-1"`}},
		{name: "TriageMissingProposal", method: "PUT", path: "/api/v1/projects/p/findings/{fp}", body: `{"status":"addressed","proposal":"nope"}`, status: 400, code: journeys.Invalid, contains: []string{`"/proposal"`}},
		{name: "TriageAddressed", method: "PUT", path: "/api/v1/projects/p/findings/{fp}", body: `{"status":"addressed","proposal":"sip"}`, status: 201, contains: []string{`"proposal":"sip"`}},
		{name: "DeleteNamed", method: "DELETE", path: p + "/sip", status: 409, code: journeys.Conflict, contains: []string{"{fp}"}},
		{name: "DeleteServedGoal", method: "DELETE", path: "/api/v1/projects/p/goals/trygghet", status: 409, code: journeys.Conflict, contains: []string{`\"sip\"`}},
		{name: "DeleteExpectedMeasure", method: "DELETE", path: "/api/v1/projects/p/measures/vantetid", status: 409, code: journeys.Conflict, contains: []string{`\"sip\"`}},
		{method: "DELETE", path: "/api/v1/projects/p/findings/{fp}", status: 204},
		{method: "DELETE", path: p + "/sip/tests/pilot-1", status: 204},
		{name: "GetDeletedTest", method: "GET", path: p + "/sip/tests/pilot-1", status: 404, code: journeys.NotFound},
		{method: "DELETE", path: p + "/sip", status: 204},
		{name: "DecisionsGone", method: "GET", path: p + "/sip/decisions", status: 404, code: journeys.NotFound},
		{name: "Audit", method: "GET", path: "/api/v1/projects/p/audit?action=decision.add", status: 200, contains: []string{`"action":"decision.add"`}},
	})
}
