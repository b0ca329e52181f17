package gaps_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// testActors is the project the rule tests run in.
var testActors = map[string]journeys.Actor{
	"vc":    {ID: "vc", Name: "Vårdcentral", Sector: journeys.SectorRegion, Kind: "primary_care", AgeGroup: journeys.AgeAny},
	"psy":   {ID: "psy", Name: "Vuxenpsykiatri", Sector: journeys.SectorRegion, Kind: "psychiatry", AgeGroup: journeys.AgeAdult},
	"ber":   {ID: "ber", Name: "Beroendevård", Sector: journeys.SectorRegion, Kind: "addiction_care", AgeGroup: journeys.AgeAdult},
	"bup":   {ID: "bup", Name: "BUP", Sector: journeys.SectorRegion, Kind: "BUP", AgeGroup: journeys.AgeChild},
	"soc":   {ID: "soc", Name: "Socialtjänst", Sector: journeys.SectorMunicipality, Kind: "social_services", AgeGroup: journeys.AgeAdult},
	"skola": {ID: "skola", Name: "Elevhälsa", Sector: journeys.SectorMunicipality, Kind: "school_health", AgeGroup: journeys.AgeChild},
	"ngo":   {ID: "ngo", Name: "Brukarföreningen", Sector: journeys.SectorCivilSociety, Kind: "peer_support", AgeGroup: journeys.AgeAny},
	"anh":   {ID: "anh", Name: "Anhörig", Sector: journeys.SectorFamily, AgeGroup: journeys.AgeAny},
}

// fromActor marks a hand-over whose responsible is its sender; journey resolves it.
const fromActor = "<from>"

// step returns a step with every field known and good; opts change it.
func step(id, actor string, opts ...func(*journeys.Step)) journeys.Step {
	s := journeys.Step{
		ID: id, Title: "Steg " + id, Stage: "seek", Actor: actor, Channel: journeys.ChannelVisit,
		WaitDays: &journeys.WaitDays{Expected: ptr(1), Observed: ptr(1)}, Emotion: ptr(0),
	}
	for _, o := range opts {
		o(&s)
	}
	return s
}

func entry(s *journeys.Step)    { s.Entry = true }
func terminal(s *journeys.Step) { s.Terminal = true }
func crisis(s *journeys.Step)   { s.Crisis = true; s.ContactPerson = ptr(s.Actor) }
func stepWait(expected, observed *int) func(*journeys.Step) {
	return func(s *journeys.Step) { s.WaitDays = &journeys.WaitDays{Expected: expected, Observed: observed} }
}

// handover returns a hand-over with every field known and good; opts change it.
func handover(id, from, to string, t journeys.HandoverType, opts ...func(*journeys.Handover)) journeys.Handover {
	h := journeys.Handover{
		ID: id, From: from, To: to, Type: t, Responsible: ptr(fromActor),
		Information: journeys.InformationFull, Acknowledged: ptr(true), FollowUp: ptr(true),
		WaitDays: &journeys.WaitDays{Expected: ptr(1), Observed: ptr(1)},
	}
	for _, o := range opts {
		o(&h)
	}
	return h
}

func responsible(actor *string) func(*journeys.Handover) {
	return func(h *journeys.Handover) { h.Responsible = actor }
}
func information(i journeys.Information) func(*journeys.Handover) {
	return func(h *journeys.Handover) { h.Information = i }
}
func acknowledged(b *bool) func(*journeys.Handover) {
	return func(h *journeys.Handover) { h.Acknowledged = b }
}
func followUp(b *bool) func(*journeys.Handover) {
	return func(h *journeys.Handover) { h.FollowUp = b }
}
func wait(expected, observed *int) func(*journeys.Handover) {
	return func(h *journeys.Handover) { h.WaitDays = &journeys.WaitDays{Expected: expected, Observed: observed} }
}

// insight returns an insight about the given ids.
func insight(id string, sentiment int, status journeys.InsightStatus, source string, about ...string) journeys.Insight {
	return journeys.Insight{ID: id, Text: "Insikt " + id, Kind: journeys.InsightQuote, Status: status,
		Sentiment: ptr(sentiment), Source: source, About: about}
}

// journey assembles a journey and resolves fromActor responsibles.
func journey(steps []journeys.Step, handovers []journeys.Handover, insights ...journeys.Insight) *journeys.Journey {
	j := &journeys.Journey{
		ID: "j1", Title: "Testresa", Kind: journeys.KindAsIs, TargetGroup: "test", AgeGroup: journeys.AgeAdult,
		Stages: []journeys.Stage{{ID: "seek", Name: "Söka hjälp", Order: 1}},
		Steps:  steps, Handovers: handovers, Insights: insights,
	}
	for i := range j.Handovers {
		h := &j.Handovers[i]
		if h.Responsible != nil && *h.Responsible == fromActor {
			if s := j.StepByID(h.From); s != nil {
				h.Responsible = ptr(s.Actor)
			}
		}
	}
	return j
}

func steps(s ...journeys.Step) []journeys.Step             { return s }
func handovers(h ...journeys.Handover) []journeys.Handover { return h }

func ptr[T any](v T) *T { return &v }

// analyze runs the engine with the spec's default settings, checking that the journey
// the test built is one the store would accept.
func analyze(t *testing.T, j *journeys.Journey) gaps.JourneyReport {
	t.Helper()
	if v := j.Validate(journeys.Refs{Actors: testActors}); len(v) > 0 {
		t.Fatalf("test journey is not valid: %v", v)
	}
	return mustAnalyze(t, j, testActors, journeys.DefaultSettings())
}

// ofRule returns the findings of one rule.
func ofRule(r gaps.JourneyReport, rule gaps.Rule) []gaps.Finding {
	var out []gaps.Finding
	for _, f := range r.Findings {
		if f.Rule == rule {
			out = append(out, f)
		}
	}
	return out
}

// subjects returns each finding's subject as "a+b", sorted, for comparing with a table.
func subjects(fs []gaps.Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = strings.Join(f.Subject, "+")
	}
	slices.Sort(out)
	return out
}

// one returns the only finding of rule in r.
func one(t *testing.T, r gaps.JourneyReport, rule gaps.Rule) gaps.Finding {
	t.Helper()
	fs := ofRule(r, rule)
	if len(fs) != 1 {
		t.Fatalf("%s findings = %v; want exactly one", rule, subjects(fs))
	}
	return fs[0]
}

// ruleCase is one journey and the subjects one rule must find in it (none: must not fire).
type ruleCase struct {
	name string
	j    *journeys.Journey
	want []string
}

// runRuleCases checks that rule finds exactly the wanted subjects in each case.
func runRuleCases(t *testing.T, rule gaps.Rule, cases []ruleCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := analyze(t, c.j)
			got := subjects(ofRule(r, rule))
			if diff := cmp.Diff(c.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("%s subjects mismatch (-want +got):\n%s\nall findings: %v", rule, diff, describe(r))
			}
		})
	}
}

// describe lists a report's findings compactly for failure messages.
func describe(r gaps.JourneyReport) []string {
	out := make([]string, len(r.Findings))
	for i, f := range r.Findings {
		out[i] = string(f.Rule) + ":" + strings.Join(f.Subject, "+") + ":" + string(f.Severity)
	}
	return out
}

// mustAnalyze is gaps.Analyze under the test's context, which is done only when the test
// ends, so any error fails the test.
func mustAnalyze(tb testing.TB, j *journeys.Journey, actors map[string]journeys.Actor, s journeys.Settings) gaps.JourneyReport {
	tb.Helper()
	r, err := gaps.Analyze(tb.Context(), j, actors, s)
	if err != nil {
		tb.Fatalf("Analyze(%s) = %v", j.ID, err)
	}
	return r
}

// mustCombine is gaps.CombineReports under the test's context.
func mustCombine(tb testing.TB, reports []gaps.JourneyReport, f gaps.Filter) gaps.ProjectReport {
	tb.Helper()
	ps, err := gaps.CombineReports(tb.Context(), reports, f)
	if err != nil {
		tb.Fatalf("CombineReports = %v", err)
	}
	return ps
}
