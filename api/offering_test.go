package api_test

import (
	"testing"

	"github.com/glapp/glapp/journeys"
)

// offeringJourney is a young person's as-is journey: the school counsellor only gives a
// phone number, so the person finds the youth clinic alone.
const offeringJourney = `{"id":"ung","title":"Ung med oro","kind":"as_is","targetGroup":"unga med oro","ageGroup":"child",
 "steps":[
  {"id":"s1","title":"Pratar med kuratorn","actor":"skola","entry":true},
  {"id":"s2","title":"Ringer ungdomsmottagningen","actor":"umo","channel":"phone","waitDays":{"observed":10}}],
 "handovers":[{"id":"h1","from":"s1","to":"s2","type":"advice_to_contact","responsible":null,"acknowledged":null,"followUp":null}],
 "insights":[
  {"id":"i1","text":"Jag fick ett nummer och sen var det upp till mig.","kind":"quote","about":["h1"]},
  {"id":"i2","text":"Det finns inget för lättare oro.","kind":"pain_point","about":["oro-latt"]}]}`

func TestOffering(t *testing.T) {
	s := newScenario(t)
	const p = "/api/v1/projects/p"
	s.run(t, []call{
		{method: "POST", path: "/api/v1/projects", body: `{"id":"p","name":"Projekt"}`, status: 201},
		{name: "EmptyReport", method: "GET", path: p + "/offering", status: 200, contains: []string{`"levels":["self_help","first_line","primary","specialist"]`, `"items":[]`}},
		{method: "PUT", path: p + "/actors/skola", body: `{"name":"Elevhälsan","sector":"municipality"}`, status: 201},
		{method: "PUT", path: p + "/actors/umo", body: `{"name":"Ungdomsmottagningen","sector":"region","offers":[{"id":"umo-samtal","name":"Stödsamtal","level":"primary","ageGroups":["child"],"channels":["phone","visit"],"access":"self_referral"}]}`, status: 201,
			contains: []string{`"offers":[{"id":"umo-samtal"`}},
		{method: "PUT", path: p + "/actors/natdig", body: `{"name":"Nationell självhjälp","sector":"national","offers":[{"id":"egen-kbt","name":"Självhjälpsprogram","level":"self_help","channels":["digital"],"access":"self_referral"}]}`, status: 201},
		{name: "DuplicateOffer", method: "PUT", path: p + "/actors/bup", body: `{"name":"BUP","sector":"region","offers":[{"id":"umo-samtal","name":"Samtal","level":"specialist","access":"referral"}]}`, status: 400, code: journeys.Invalid,
			contains: []string{`"pointer":"/offers/0/id"`, `already an offer of actor \"umo\"`}},
		{name: "BadOffer", method: "PUT", path: p + "/actors/bup", body: `{"name":"BUP","sector":"region","offers":[{"id":"x","name":"X","level":"tertiary","access":"door"}]}`, status: 400, code: journeys.Invalid,
			contains: []string{`"pointer":"/offers/0/level"`, `"pointer":"/offers/0/access"`}},
		{name: "PutNeed", method: "PUT", path: p + "/needs/oro-latt", body: `{"title":"Stöd vid lättare oro","targetGroup":"unga med oro","ageGroup":"child","level":"first_line"}`, status: 201, contains: []string{`"id":"oro-latt"`, `"version":1`}},
		{method: "PUT", path: p + "/needs/oro-svar", body: `{"title":"Samtal vid svårare oro","targetGroup":"unga med oro","ageGroup":"child","level":"primary"}`, status: 201},
		{method: "PUT", path: p + "/needs/vuxen", body: `{"title":"Stöd för vuxna","targetGroup":"vuxna med oro","ageGroup":"adult","level":"specialist"}`, status: 201},
		{name: "BadNeed", method: "PUT", path: p + "/needs/bad", body: `{"title":"","level":"tertiary"}`, status: 400, code: journeys.Invalid, contains: []string{`"pointer":"/title"`, `"pointer":"/level"`}},
		{name: "GetNeed", method: "GET", path: p + "/needs/oro-latt", status: 200, contains: []string{`"level":"first_line"`}},
		{name: "ListNeeds", method: "GET", path: p + "/needs?limit=2", status: 200, contains: []string{`"id":"oro-latt"`, `"id":"oro-svar"`, `"next":"`}, lacks: []string{`"id":"vuxen"`}},
		{name: "PutJourney", method: "PUT", path: p + "/journeys/ung", body: offeringJourney, status: 201},
		{name: "NeedInUse", method: "DELETE", path: p + "/needs/oro-latt", status: 409, code: journeys.Conflict, contains: []string{`\"ung\"`}},
		{name: "Report", method: "GET", path: p + "/offering?ageGroup=child&lang=en", status: 200, contains: []string{
			`"filter":{"ageGroup":"child"}`,
			`{"kind":"uncovered_need","need":"oro-latt","title":"Stöd vid lättare oro"`,
			`"journeys":["ung"],"evidence":[{"journey":"ung","insight":"i2"`,
			`"explanation":"No support of the project is at first line for unga med oro (children and young people)`,
			`{"kind":"self_found_support","offer":"umo-samtal","actor":"umo"`,
			`"steps":[{"journey":"ung","step":"s2"`,
			`{"kind":"unreached_support","offer":"egen-kbt"`,
			`{"kind":"sending_entry","actor":"skola","title":"Pratar med kuratorn"`, `"sends":["umo"]`, `"insight":"i1"`,
			`{"journey":"ung","title":"Ung med oro","kind":"as_is","targetGroup":"unga med oro","doorsFoundAlone":2`, `"need":"oro-svar","neededLevel":"primary","daysToHelp":10,"helpStep":"s2"`}, lacks: []string{`"need":"vuxen"`}},
		{name: "ReportAll", method: "GET", path: p + "/offering", status: 200, contains: []string{`"need":"vuxen"`, `"explanation":"Inget stöd i projektet finns på specialistnivå`}},
		{name: "MarkdownSwedish", method: "GET", path: p + "/offering?format=md&ageGroup=child", status: 200, contains: []string{
			"# Utbudet och att hitta rätt", "## Behov utan matchande stöd", "**saknas: Stöd vid lättare oro**", "Stödsamtal (Ungdomsmottagningen)", "| Ung med oro (`ung`) | 2 | primärvårdsnivå (`oro-svar`) | 10 (`s2`) |"}},
		{name: "MarkdownEnglish", method: "GET", path: p + "/offering", headers: []string{"Accept", "text/markdown", "Accept-Language", "en"}, status: 200, contains: []string{
			"# The offering and finding one's way", "## Supports people reach only by finding the door themselves", "## Entry points that send people on instead of helping"}},
		{name: "Usage", method: "PUT", path: p + "/goals/g", body: `{"title":"Fler hittar självhjälp","perspective":"person"}`, status: 201},
		{method: "PUT", path: p + "/measures/starts", body: `{"goal":"g","name":"Påbörjade program","unit":"count","direction":"increase","baseline":{"value":100},"target":{"value":300},"metric":null,"scope":{"offers":["egen-kbt"]},"observations":[{"at":"2026-01-01","value":120},{"at":"2026-06-01","value":180}]}`, status: 201},
		{name: "ReportUsage", method: "GET", path: p + "/offering", status: 200, contains: []string{`"usage":[{"measure":"starts","name":"Påbörjade program","unit":"count","latest":{"at":"2026-06-01","value":180}`}},
		{name: "BadAge", method: "GET", path: p + "/offering?ageGroup=teen", status: 400, code: journeys.Invalid, contains: []string{`"parameter":"ageGroup"`}},
		{name: "NoProject", method: "GET", path: "/api/v1/projects/ghost/offering", status: 404, code: journeys.NotFound},
		{name: "UnknownNeedInInsight", method: "PUT", path: p + "/journeys/ung2", body: `{"id":"ung2","title":"T","kind":"as_is","steps":[{"id":"a","title":"A","actor":"skola","entry":true}],"insights":[{"id":"i","text":"t","kind":"quote","about":["ghost"]}]}`, status: 400, code: journeys.Invalid, contains: []string{`"pointer":"/insights/0/about/0"`}},
		{method: "DELETE", path: p + "/needs/vuxen", status: 204},
		{method: "GET", path: p + "/needs/vuxen", status: 404, code: journeys.NotFound},
	})
}
