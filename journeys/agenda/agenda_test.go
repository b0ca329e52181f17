package agenda_test

import (
	"slices"
	"testing"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/agenda"
	"github.com/glapp/glapp/journeys/gaps"
	"github.com/google/go-cmp/cmp"
)

func ptr[T any](v T) *T { return &v }

var actors = map[string]journeys.Actor{
	"vc":  {ID: "vc", Name: "Vårdcentral", Sector: journeys.SectorRegion, Contact: "verksamhetschef"},
	"soc": {ID: "soc", Name: "Socialtjänst", Sector: journeys.SectorMunicipality, Contact: "enhetschef vuxenenheten"},
	"psy": {ID: "psy", Name: "Psykiatri", Sector: journeys.SectorRegion},
}

// twoActorJourney has unknowns and hypotheses around vc and soc: s1 (vc) is fully known,
// s2 (soc) not at all; h1 (vc → soc, nobody responsible) knows nothing; h2 (soc → psy,
// vc responsible) only lacks its acknowledgement. s3 (psy) is fully known.
func twoActorJourney() *journeys.Journey {
	known := func(id, title, actor string) journeys.Step {
		return journeys.Step{ID: id, Title: title, Actor: actor, Channel: journeys.ChannelPhone,
			WaitDays: &journeys.WaitDays{Observed: ptr(1)}, Emotion: ptr(0)}
	}
	s1 := known("s1", "Ringer vårdcentralen", "vc")
	s1.Entry = true
	s3 := known("s3", "Bedömning i psykiatrin", "psy")
	s3.Terminal = true
	return &journeys.Journey{
		ID: "j", Title: "Resa", Kind: journeys.KindAsIs,
		Steps: []journeys.Step{s1, {ID: "s2", Title: "Söker socialtjänsten", Actor: "soc"}, s3},
		Handovers: []journeys.Handover{
			{ID: "h1", From: "s1", To: "s2", Type: journeys.HandoverReferral},
			{ID: "h2", From: "s2", To: "s3", Type: journeys.HandoverReferral, Responsible: ptr("vc"),
				Information: journeys.InformationPartial, FollowUp: ptr(true), WaitDays: &journeys.WaitDays{Observed: ptr(3)}},
		},
		Insights: []journeys.Insight{
			{ID: "i1", Text: "Ingen vet om personen kom fram.", Kind: journeys.InsightHypothesis, About: []string{"h1"}, Source: "ws-1"},
			{ID: "i2", Text: "Psykiatrin bedömer snabbt.", Kind: journeys.InsightHypothesis, Status: journeys.StatusHypothesis, About: []string{"s3"}},
			{ID: "i3", Text: "Vårdcentralen saknar en väg in.", Kind: journeys.InsightHypothesis, About: []string{"vc"}},
			{ID: "i4", Text: "Socialtjänsten ringer tillbaka.", Kind: journeys.InsightQuote, Status: journeys.StatusValidated, About: []string{"s2"}},
		},
	}
}

// build analyses j and builds the agenda for the named actors.
func build(t *testing.T, j *journeys.Journey, evidence []journeys.Evidence, ids ...string) agenda.Agenda {
	t.Helper()
	r, err := gaps.Analyze(t.Context(), j, actors, journeys.Settings{})
	if err != nil {
		t.Fatal(err)
	}
	in := agenda.Input{
		Project: "p", Names: actors, Evidence: evidence,
		Sources:  map[string]journeys.Source{"ws-1": {ID: "ws-1", Kind: journeys.SourceWorkshop, Date: "2026-03-14"}},
		Journeys: []agenda.Journey{{Journey: j, Report: r}},
	}
	for _, id := range ids {
		in.Actors = append(in.Actors, actors[id])
	}
	return agenda.Build(in)
}

// asked lists a section's questions as "element/field".
func asked(s agenda.Section) []string {
	var out []string
	for _, q := range s.Questions {
		out = append(out, q.ID+"/"+q.Field)
	}
	return out
}

func hypotheses(s agenda.Section) []string {
	var out []string
	for _, h := range s.Hypotheses {
		out = append(out, h.ID)
	}
	return out
}

func TestBuild_EachActorGetsItsOwnQuestions(t *testing.T) {
	a := build(t, twoActorJourney(), nil, "vc", "soc", "psy")
	want := map[string]struct{ questions, hypotheses []string }{
		"vc": {
			[]string{"h1/information", "h1/acknowledged", "h1/followUp", "h1/waitDays", "h2/acknowledged"},
			[]string{"i1", "i3"},
		},
		"soc": {
			[]string{"s2/waitDays", "s2/emotion", "s2/channel", "h1/information", "h1/acknowledged", "h1/followUp", "h1/waitDays", "h2/acknowledged"},
			[]string{"i1"},
		},
		"psy": {[]string{"h2/acknowledged"}, []string{"i2"}},
	}
	if len(a.Sections) != 3 {
		t.Fatalf("Build() has %d sections; want 3", len(a.Sections))
	}
	for _, s := range a.Sections {
		w := want[s.Actor.ID]
		if diff := cmp.Diff(w.questions, asked(s)); diff != "" {
			t.Errorf("%s: questions mismatch (-want +got):\n%s", s.Actor.ID, diff)
		}
		if diff := cmp.Diff(w.hypotheses, hypotheses(s)); diff != "" {
			t.Errorf("%s: hypotheses mismatch (-want +got):\n%s", s.Actor.ID, diff)
		}
	}
	vc, soc := a.Sections[0], a.Sections[1]
	if vc.Actor.Contact != "verksamhetschef" {
		t.Errorf("vc's contact = %q; want verksamhetschef", vc.Actor.Contact)
	}
	q := vc.Questions[1]
	wantQ := agenda.Question{
		Link: agenda.Link{Journey: "j", Kind: agenda.ElementHandover, ID: "h1",
			API: "/api/v1/projects/p/journeys/j/handovers/h1", Page: "/ui/#/projects/p/journeys/j?select=h1"},
		Field: "acknowledged", Roles: []agenda.Role{agenda.RoleSender},
		Question: gaps.Text{SV: "Vet ni när personen har kommit fram till Socialtjänst?", EN: "Do you know when the person has arrived at Socialtjänst?"},
	}
	q.Name = gaps.Text{}
	if diff := cmp.Diff(wantQ, q); diff != "" {
		t.Errorf("vc's question on h1's acknowledgement mismatch (-want +got):\n%s", diff)
	}
	if got := vc.Questions[4].Roles; !slices.Equal(got, []agenda.Role{agenda.RoleResponsible}) {
		t.Errorf("vc's roles in h2 = %v; want [responsible]", got)
	}
	if h := vc.Hypotheses[0]; h.Source == nil || h.Source.Kind != journeys.SourceWorkshop || h.Source.Date != "2026-03-14" ||
		h.API != "/api/v1/projects/p/journeys/j/insights/i1" {
		t.Errorf("vc's hypothesis i1 = %+v; want its registered workshop source and its edit path", h)
	}
	// h1 has nobody responsible between two actors: a finding for both sides, not for psy.
	for _, s := range []agenda.Section{vc, soc} {
		if !slices.ContainsFunc(s.Findings, func(f agenda.Finding) bool { return f.Rule == gaps.RuleUnownedHandover }) {
			t.Errorf("%s: findings %+v lack unowned_handover on h1", s.Actor.ID, s.Findings)
		}
		for i := 1; i < len(s.Findings); i++ {
			if s.Findings[i-1].Severity.Rank() < s.Findings[i].Severity.Rank() {
				t.Errorf("%s: findings not most severe first: %+v", s.Actor.ID, s.Findings)
			}
		}
	}
	if psy := a.Sections[2]; slices.ContainsFunc(psy.Findings, func(f agenda.Finding) bool { return slices.Contains(f.Subject, "h1") }) {
		t.Errorf("psy: findings %+v name h1, which psy takes no part in", psy.Findings)
	}
}

func TestBuild_AnsweringRemovesTheQuestion(t *testing.T) {
	j := twoActorJourney()
	// The workshop with vc: h1's receiver does confirm, and i1 is confirmed.
	j.Handovers[0].Acknowledged = ptr(true)
	j.Insights[0].Status = journeys.StatusValidated
	a := build(t, j, nil, "vc", "soc")
	for _, s := range a.Sections {
		if slices.Contains(asked(s), "h1/acknowledged") {
			t.Errorf("%s still asks h1/acknowledged after it was answered: %v", s.Actor.ID, asked(s))
		}
		if slices.Contains(hypotheses(s), "i1") {
			t.Errorf("%s still lists i1 after it was confirmed: %v", s.Actor.ID, hypotheses(s))
		}
		if !slices.Contains(asked(s), "h1/followUp") {
			t.Errorf("%s no longer asks h1/followUp, which nobody answered: %v", s.Actor.ID, asked(s))
		}
	}
	// A rejected hypothesis is settled too.
	j.Insights[2].Status = journeys.StatusRejected
	if got := hypotheses(build(t, j, nil, "vc").Sections[0]); len(got) != 0 {
		t.Errorf("vc's hypotheses after rejecting i3 = %v; want none", got)
	}
}

func TestBuild_ImportedEvidence(t *testing.T) {
	ev := []journeys.Evidence{
		{ID: "ev_1", Text: "Remissen kom aldrig fram.", Kind: journeys.InsightHypothesis, About: []string{"handover:j/h1"}},
		{ID: "ev_2", Text: "Socialtjänsten har lång väntetid.", Kind: journeys.InsightHypothesis, About: []string{"actor:soc"}},
		{ID: "ev_3", Text: "Redan bekräftat.", Kind: journeys.InsightQuote, Status: journeys.StatusValidated, About: []string{"actor:soc"}},
	}
	a := build(t, twoActorJourney(), ev, "vc", "soc", "psy")
	want := map[string][]string{"vc": {"i1", "i3", "ev_1"}, "soc": {"i1", "ev_1", "ev_2"}, "psy": {"i2"}}
	for _, s := range a.Sections {
		if diff := cmp.Diff(want[s.Actor.ID], hypotheses(s)); diff != "" {
			t.Errorf("%s: hypotheses mismatch (-want +got):\n%s", s.Actor.ID, diff)
		}
	}
	if h := a.Sections[1].Hypotheses[2]; h.Link.Kind != agenda.ElementEvidence || h.API != "/api/v1/projects/p/evidence/ev_2" {
		t.Errorf("ev_2 links to %+v; want the evidence's edit path", h.Link)
	}
}

// TestQuestions_EveryUnknownKindIsPhrased: every kind of unknown the gap engine lists has
// the agenda's own phrasing, naming the step or the actors, in both languages.
func TestQuestions_EveryUnknownKindIsPhrased(t *testing.T) {
	j := &journeys.Journey{
		ID: "j", Title: "Resa", Kind: journeys.KindAsIs,
		Steps: []journeys.Step{
			{ID: "s1", Title: "Första", Actor: "vc", Entry: true},
			{ID: "s2", Title: "Andra", Actor: "soc", Terminal: true},
		},
		Handovers: []journeys.Handover{{ID: "h1", From: "s1", To: "s2", Type: journeys.HandoverReferral, Responsible: ptr("vc")}},
	}
	r, err := gaps.Analyze(t.Context(), j, actors, journeys.Settings{})
	if err != nil {
		t.Fatal(err)
	}
	a := build(t, j, nil, "vc", "soc")
	seen := map[string]agenda.Question{}
	for _, s := range a.Sections {
		for _, q := range s.Questions {
			seen[q.ID+"/"+q.Field] = q
		}
	}
	own := map[string]gaps.Text{}
	for _, u := range r.Unknowns {
		for i, f := range u.Fields {
			own[u.Subject+"/"+f] = u.Questions[i]
		}
	}
	if len(seen) != len(own) || len(own) != 3+3+4 {
		t.Fatalf("vc and soc are asked %v; want every one of the %d unknowns", seen, len(own))
	}
	for _, q := range seen {
		if q.Question == own[q.ID+"/"+q.Field] || q.Question.SV == "" || q.Question.EN == "" {
			t.Errorf("%s/%s is asked %+v; want the agenda's own phrasing in both languages", q.ID, q.Field, q.Question)
		}
	}
}

// TestQuestions_NamesAreNotPlaceholders: a name that holds a placeholder of the phrasing
// table is written as it is, not filled in again.
func TestQuestions_NamesAreNotPlaceholders(t *testing.T) {
	j := twoActorJourney()
	j.Steps[1].Title = "Ringer {to} och {step}"
	var got []string
	for _, q := range build(t, j, nil, "soc").Sections[0].Questions {
		if q.ID == "s2" {
			got = append(got, q.Question.SV)
		}
	}
	if len(got) == 0 || got[0] != "Hur länge väntar personen på ”Ringer {to} och {step}”?" {
		t.Errorf("questions on s2 = %q; want its title as written", got)
	}
}
