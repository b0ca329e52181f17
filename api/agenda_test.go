package api_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/glapp/glapp/api"
	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/agenda"
)

// agendaJourney has unknowns and hypotheses around two actors: s1 (vc) is fully known,
// s2 (soc) not at all, h1 (vc → soc) lacks everything but its owner. i1 is a hypothesis
// about h1, i2 one about soc itself, i3 is settled already.
const agendaJourney = `{
  "title": "Resa", "kind": "as_is",
  "actors": [
    {"id": "vc", "name": "Vårdcentral", "sector": "region", "contact": "verksamhetschef"},
    {"id": "soc", "name": "Socialtjänst", "sector": "municipality", "contact": "enhetschef vuxenenheten"},
    {"id": "psy", "name": "Psykiatri", "sector": "region"}
  ],
  "steps": [
    {"id": "s1", "title": "Ringer vårdcentralen", "actor": "vc", "channel": "phone", "entry": true, "waitDays": {"observed": 1}, "emotion": 0},
    {"id": "s2", "title": "Söker socialtjänsten", "actor": "soc", "terminal": true}
  ],
  "handovers": [
    {"id": "h1", "from": "s1", "to": "s2", "type": "referral", "responsible": "vc", "acknowledged": null, "followUp": null}
  ],
  "insights": [
    {"id": "i1", "text": "Ingen vet om personen kom fram.", "kind": "hypothesis", "about": ["h1"]},
    {"id": "i2", "text": "Socialtjänsten ringer aldrig tillbaka.", "kind": "hypothesis", "status": "hypothesis", "about": ["soc"]},
    {"id": "i3", "text": "Vårdcentralen skriver remiss.", "kind": "quote", "status": "validated", "about": ["s1"]}
  ]
}`

const agendaPath = "/api/v1/projects/p/agenda"

// getAgenda reads the agenda of one actor through the API.
func getAgenda(t *testing.T, a *testAPI, actor string) agenda.Section {
	t.Helper()
	rec := a.must(t, http.StatusOK, "GET", agendaPath+"?actor="+actor, "")
	var got agenda.Agenda
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || len(got.Sections) != 1 {
		t.Fatalf("GET agenda?actor=%s = %v, %s; want one section", actor, err, rec.Body)
	}
	return got.Sections[0]
}

func questionKeys(s agenda.Section) []string {
	var out []string
	for _, q := range s.Questions {
		out = append(out, q.ID+"/"+q.Field)
	}
	return out
}

func hypothesisIDs(s agenda.Section) []string {
	var out []string
	for _, h := range s.Hypotheses {
		out = append(out, h.ID)
	}
	return out
}

// TestAgenda: each actor's agenda holds exactly its own questions and hypotheses, and
// answering one through the existing edits (the hand-over's field, the insight's status
// with a workshop as its source) removes it from the next agenda.
func TestAgenda(t *testing.T) {
	a := newTestAPI(t, api.Config{})
	a.must(t, http.StatusCreated, "POST", "/api/v1/projects", `{"id":"p","name":"Projekt"}`)
	rec := a.must(t, http.StatusCreated, "PUT", "/api/v1/projects/p/journeys/j", agendaJourney)
	etag := rec.Header().Get("ETag")

	want := map[string]struct{ questions, hypotheses []string }{
		"vc":  {[]string{"h1/information", "h1/acknowledged", "h1/followUp", "h1/waitDays"}, []string{"i1"}},
		"soc": {[]string{"s2/waitDays", "s2/emotion", "s2/channel", "h1/information", "h1/acknowledged", "h1/followUp", "h1/waitDays"}, []string{"i1", "i2"}},
		"psy": {nil, nil},
	}
	for id, w := range want {
		s := getAgenda(t, a, id)
		if !slices.Equal(questionKeys(s), w.questions) || !slices.Equal(hypothesisIDs(s), w.hypotheses) {
			t.Errorf("agenda of %s asks %v and lists %v; want %v and %v", id, questionKeys(s), hypothesisIDs(s), w.questions, w.hypotheses)
		}
	}
	soc := getAgenda(t, a, "soc")
	if soc.Actor.Contact != "enhetschef vuxenenheten" {
		t.Errorf("soc's contact = %q; want enhetschef vuxenenheten", soc.Actor.Contact)
	}
	if q := soc.Questions[4]; q.Question.SV != "Vet ni när personen har kommit fram till Socialtjänst?" || q.API != "/api/v1/projects/p/journeys/j/handovers/h1" {
		t.Errorf("soc's question on h1/acknowledged = %+v; want it asked of soc, with h1's edit path", q)
	}

	// The meeting: soc confirms that it acknowledges arrivals, and confirms i1.
	a.must(t, http.StatusCreated, "PUT", "/api/v1/projects/p/sources/ws-1", `{"kind":"workshop","date":"2026-05-04","participantRole":"staff"}`)
	rec = a.must(t, http.StatusOK, "PATCH", "/api/v1/projects/p/journeys/j/handovers/h1", `{"acknowledged": true}`, "If-Match", etag)
	etag = rec.Header().Get("ETag")
	a.must(t, http.StatusOK, "PATCH", "/api/v1/projects/p/journeys/j/insights/i1", `{"status": "validated", "source": "ws-1"}`, "If-Match", etag)
	for _, id := range []string{"vc", "soc"} {
		s := getAgenda(t, a, id)
		if slices.Contains(questionKeys(s), "h1/acknowledged") || !slices.Contains(questionKeys(s), "h1/followUp") {
			t.Errorf("agenda of %s after the answer asks %v; want h1/acknowledged gone and h1/followUp still asked", id, questionKeys(s))
		}
		if slices.Contains(hypothesisIDs(s), "i1") {
			t.Errorf("agenda of %s after i1 was confirmed lists %v", id, hypothesisIDs(s))
		}
	}

	// Markdown in English, negotiated like the gap reports.
	rec = a.must(t, http.StatusOK, "GET", agendaPath+"?actor=soc&lang=en", "", "Accept", "text/markdown")
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/markdown") ||
		!strings.Contains(rec.Body.String(), "# Agenda: questions for Socialtjänst") ||
		!strings.Contains(rec.Body.String(), "Contact: enhetschef vuxenenheten") ||
		!strings.Contains(rec.Body.String(), "- [ ] How long does the person wait for “Söker socialtjänsten”?") {
		t.Errorf("GET agenda as Markdown = %s\n%s", ct, rec.Body)
	}

	// Every actor, a page at a time.
	rec = a.must(t, http.StatusOK, "GET", agendaPath+"?limit=2", "")
	var page agenda.Agenda
	if err := json.Unmarshal(rec.Body.Bytes(), &page); err != nil || len(page.Sections) != 2 || page.Next == "" {
		t.Fatalf("GET agenda?limit=2 = %v, %s; want two sections and a next cursor", err, rec.Body)
	}
	rec = a.must(t, http.StatusOK, "GET", agendaPath+"?limit=2&cursor="+url.QueryEscape(page.Next), "")
	var rest agenda.Agenda
	if err := json.Unmarshal(rec.Body.Bytes(), &rest); err != nil || len(rest.Sections) != 1 || rest.Next != "" {
		t.Fatalf("GET agenda's second page = %v, %s; want the third actor and no cursor", err, rec.Body)
	}
	if got := []string{page.Sections[0].Actor.ID, page.Sections[1].Actor.ID, rest.Sections[0].Actor.ID}; !slices.Equal(got, []string{"psy", "soc", "vc"}) {
		t.Errorf("the agenda's pages hold %v; want every actor once, by id", got)
	}

	t.Run("ErrNotFound", func(t *testing.T) {
		wantProblem(t, a.do("GET", agendaPath+"?actor=ghost", nil), http.StatusNotFound, journeys.NotFound)
		wantProblem(t, a.do("GET", "/api/v1/projects/nope/agenda", nil), http.StatusNotFound, journeys.NotFound)
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		for _, q := range []string{"actor=anna@example.se", "limit=51", "limit=0", "format=csv", "cursor=nonsense"} {
			rec := a.do("GET", agendaPath+"?"+q, nil)
			wantProblem(t, rec, http.StatusBadRequest, journeys.Invalid)
			if strings.Contains(rec.Body.String(), "anna@example.se") {
				t.Errorf("GET agenda?%s echoes the e-mail: %s", q, rec.Body)
			}
		}
	})
}
