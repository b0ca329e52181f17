package api_test

import (
	"testing"

	"github.com/glapp/glapp/journeys"
)

func TestEffectChain(t *testing.T) {
	s := withProjectAndJourney(t)
	const p = "/api/v1/projects/p"
	s.run(t, []call{
		{name: "Empty", method: "GET", path: p + "/effect-chain", status: 200, contains: []string{`"from":"goals"`, `"blindSpots":[{"kind":"unaddressed_finding"`}},
		{method: "PUT", path: p + "/goals/g", body: `{"title":"Ingen tappas bort","perspective":"person"}`, status: 201},
		{method: "PUT", path: p + "/goals/lonely", body: `{"title":"Ensamt mål","perspective":"person"}`, status: 201},
		{method: "PUT", path: p + "/measures/m", body: `{"goal":"g","name":"Öppna brister","direction":"decrease","metric":"open_findings"}`, status: 201},
		{name: "Gaps", method: "GET", path: journeyPath + "/gaps", status: 200, save: map[string]string{"fp": `"fingerprint":"([0-9a-f]{32})"`}},
		{method: "PUT", path: p + "/proposals/plan", body: `{"title":"Gemensam plan","goals":["g"],"addresses":["{fp}"]}`, status: 201},
		{method: "PUT", path: p + "/proposals/orphan", body: `{"title":"Utan mål"}`, status: 201},
		{name: "FromGoals", method: "GET", path: p + "/effect-chain", status: 200, contains: []string{
			`"goal":{"id":"g"`, `"computed":{"value":6`, `"id":"plan","title":"Gemensam plan","stage":"idea"`, `{"fingerprint":"{fp}","rule":`, `"open":true`,
			`{"kind":"proposal_without_goal","id":"orphan"}`, `{"kind":"goal_without_measure","id":"lonely"}`, `{"kind":"measure_without_baseline_or_target","id":"m"}`, `"priorities":[{"rule":`, `"scoreFormula":{"sv":`}},
		{name: "FromFindings", method: "GET", path: p + "/effect-chain?from=findings", status: 200, contains: []string{
			`"from":"findings"`, `"finding":{"fingerprint":"{fp}"`, `"proposals":["plan"],"goals":["g"]`}, lacks: []string{`"goals":[{`}},
		{name: "MarkdownEnglish", method: "GET", path: p + "/effect-chain?format=md&lang=en", status: 200, contains: []string{"# The effect chain", "## Goal: Ingen tappas bort (`g`)", "Proposal that serves no goal: `orphan`"}},
		{name: "MarkdownSwedish", method: "GET", path: p + "/effect-chain?format=md", status: 200, contains: []string{"# Effektkedjan", "Mål utan mätpunkt: `lonely`"}},
		{name: "BadFrom", method: "GET", path: p + "/effect-chain?from=actors", status: 400, code: journeys.Invalid, contains: []string{`"parameter":"from"`}},
		{name: "CSVRefused", method: "GET", path: p + "/effect-chain?format=csv", status: 400, code: journeys.Invalid, contains: []string{`"parameter":"format"`}},
		{name: "AcceptMarkdown", method: "GET", path: p + "/effect-chain", headers: []string{"Accept", "text/markdown"}, status: 200, contains: []string{"# Effektkedjan"}},
		{name: "NoProject", method: "GET", path: "/api/v1/projects/ghost/effect-chain", status: 404, code: journeys.NotFound},
	})
}
