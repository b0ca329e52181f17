// Package agenda builds the agenda per actor: what a project lead brings to a meeting
// with one organisation. For each actor it lists the unknowns on the steps and hand-overs
// the actor takes part in, phrased as questions to that organisation; the hypotheses about
// those elements or the actor, to confirm or reject; and the open findings that involve
// the actor, most important first. It is pure: callers read the store and run the gap
// engine, and answers are recorded through the existing element and insight edits.
package agenda

import (
	"cmp"
	"net/url"
	"slices"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
)

// Role is how an actor takes part in a step or hand-over.
type Role string

// Roles an actor takes in an element.
const (
	// RoleStep: the actor the person meets at the step.
	RoleStep Role = "step"
	// RoleSender: the actor of the step a hand-over leaves.
	RoleSender Role = "sender"
	// RoleReceiver: the actor of the step a hand-over reaches.
	RoleReceiver Role = "receiver"
	// RoleResponsible: the actor that holds the person during a hand-over.
	RoleResponsible Role = "responsible"
)

// Roles lists every Role, in the order an element's roles are listed.
var Roles = []Role{RoleStep, RoleSender, RoleReceiver, RoleResponsible}

// ElementKind is the kind of thing an agenda item links to.
type ElementKind string

// Kinds of element an item links to.
const (
	ElementStep     ElementKind = "step"
	ElementHandover ElementKind = "handover"
	ElementInsight  ElementKind = "insight"
	ElementEvidence ElementKind = "evidence"
	ElementFinding  ElementKind = "finding"
)

// ElementKinds lists every ElementKind.
var ElementKinds = []ElementKind{ElementStep, ElementHandover, ElementInsight, ElementEvidence, ElementFinding}

// Link says where an item lives: its journey, its element, the API path that reads and
// edits it (where the answer is recorded) and the web page that shows it.
type Link struct {
	// Journey is the id of the journey, empty for imported evidence about an actor only.
	Journey string      `json:"journey,omitempty"`
	Kind    ElementKind `json:"kind"`
	ID      string      `json:"id"`
	API     string      `json:"api"`
	// Page is the web page's address, the journey's map with the element selected.
	Page string `json:"page,omitempty"`
}

// Question is one unknown field of a step or hand-over, asked of the actor.
type Question struct {
	// Link is the step or hand-over; its API path is the edit that fills the field.
	Link
	// Field is the JSON name of the unknown field.
	Field    string    `json:"field"`
	Roles    []Role    `json:"roles"`
	Question gaps.Text `json:"question"`
	// Name names the element as the gap reports do, with its actors and step titles.
	Name gaps.Text `json:"name"`
}

// SourceRef names where a hypothesis comes from. Kind, Date and ParticipantRole are set
// when the source is registered in the project.
type SourceRef struct {
	ID              string                   `json:"id"`
	Kind            journeys.SourceKind      `json:"kind,omitempty"`
	Date            string                   `json:"date,omitempty"`
	ParticipantRole journeys.ParticipantRole `json:"participantRole,omitempty"`
}

// Hypothesis is an insight or imported evidence still to confirm or reject.
type Hypothesis struct {
	Link
	Text   string               `json:"text"`
	Kind   journeys.InsightKind `json:"insightKind"`
	About  []string             `json:"about"`
	Source *SourceRef           `json:"source,omitempty"`
}

// Finding is an open finding that involves the actor.
type Finding struct {
	Link
	Fingerprint string        `json:"fingerprint"`
	Rule        gaps.Rule     `json:"rule"`
	Severity    gaps.Severity `json:"severity"`
	// EvidenceCount is the number of insights tied to the finding's subject.
	EvidenceCount int       `json:"evidenceCount"`
	Subject       []string  `json:"subject"`
	Explanation   gaps.Text `json:"explanation"`
}

// ActorInfo is the actor a section is for, with its contact, the way in.
type ActorInfo struct {
	ID      string          `json:"id"`
	Name    string          `json:"name"`
	Sector  journeys.Sector `json:"sector"`
	Contact string          `json:"contact,omitempty"`
}

// Section is the agenda for one actor.
type Section struct {
	Actor      ActorInfo    `json:"actor"`
	Questions  []Question   `json:"questions"`
	Hypotheses []Hypothesis `json:"hypotheses"`
	Findings   []Finding    `json:"findings"`
}

// Agenda is the agenda of a project: one section per actor asked for. Next is the cursor
// of the following page of actors, empty at the end.
type Agenda struct {
	Project  string    `json:"project"`
	Sections []Section `json:"sections"`
	Next     string    `json:"next,omitempty"`
}

// Journey is one journey as the agenda reads it: the journey with its own insights, and
// its gap report (unknowns, and findings with the project's triage applied, dismissed ones
// left out).
type Journey struct {
	Journey *journeys.Journey
	Report  gaps.JourneyReport
}

// Input is what an agenda is built from.
type Input struct {
	Project string
	// Actors are the actors to make sections for, in order.
	Actors []journeys.Actor
	// Names holds every actor of the project, for the names questions use.
	Names    map[string]journeys.Actor
	Sources  map[string]journeys.Source
	Journeys []Journey
	// Evidence is the project's imported evidence.
	Evidence []journeys.Evidence
}

// Build makes the agenda: one section per actor of in.Actors, from in.Journeys. It
// takes time linear in the journeys' size times the number of actors.
func Build(in Input) Agenda {
	b := NewBuilder(in)
	for k := range in.Journeys {
		b.Add(in.Journeys[k].Journey, &in.Journeys[k].Report)
	}
	return b.Agenda()
}

// Builder makes an agenda one journey at a time, so that a caller analysing a whole
// project need keep no journey or report once it is added: only the agenda's items.
type Builder struct {
	in       Input
	sections []Section
	// takesPart holds, per section, the elements its actor takes part in, for the
	// imported evidence that names them.
	takesPart []map[elementRef]bool
}

// NewBuilder starts an agenda for in.Actors; in.Journeys is not read.
func NewBuilder(in Input) *Builder {
	in.Journeys = nil
	b := &Builder{in: in, sections: make([]Section, len(in.Actors)), takesPart: make([]map[elementRef]bool, len(in.Actors))}
	for i, a := range in.Actors {
		b.sections[i] = Section{
			Actor:     ActorInfo{ID: a.ID, Name: a.Name, Sector: a.Sector, Contact: a.Contact},
			Questions: []Question{}, Hypotheses: []Hypothesis{}, Findings: []Finding{},
		}
		b.takesPart[i] = map[elementRef]bool{}
	}
	return b
}

// Add adds what journey j (with its own insights) and its gap report r (findings with
// the project's triage applied, dismissed ones left out) hold for each actor. It keeps
// neither j nor r.
func (b *Builder) Add(j *journeys.Journey, r *gaps.JourneyReport) {
	x := newIndex(j)
	for i := range b.sections {
		b.add(i, j, x, r)
	}
}

// Agenda adds the imported evidence and ranks each section's findings, most severe
// first, then by evidence, journey and fingerprint, as the project gap report does.
func (b *Builder) Agenda() Agenda {
	in := &b.in
	for i := range b.sections {
		sec := &b.sections[i]
		for k := range in.Evidence {
			e := &in.Evidence[k]
			if !unsettled(e.Status) || !evidenceAbout(e, sec.Actor.ID, b.takesPart[i]) {
				continue
			}
			link := Link{Kind: ElementEvidence, ID: e.ID, API: in.projectAPI() + "/evidence/" + url.PathEscape(e.ID)}
			if js := e.Journeys(); len(js) > 0 {
				link.Journey, link.Page = js[0], in.page(js[0], "")
			}
			sec.Hypotheses = append(sec.Hypotheses, Hypothesis{
				Link: link, Text: e.Text, Kind: e.Kind, About: e.About, Source: in.source(e.Source),
			})
		}
		slices.SortStableFunc(sec.Findings, func(x, y Finding) int {
			return cmp.Or(
				cmp.Compare(y.Severity.Rank(), x.Severity.Rank()),
				cmp.Compare(y.EvidenceCount, x.EvidenceCount),
				cmp.Compare(x.Journey, y.Journey),
				cmp.Compare(x.Fingerprint, y.Fingerprint))
		})
	}
	return Agenda{Project: in.Project, Sections: b.sections}
}

// unsettled reports whether an insight status is still a hypothesis: none given means
// one.
func unsettled(s journeys.InsightStatus) bool {
	return s == "" || s == journeys.StatusHypothesis
}

// index finds a journey's steps and hand-overs by id.
type index struct {
	steps     map[string]*journeys.Step
	handovers map[string]*journeys.Handover
}

func newIndex(j *journeys.Journey) index {
	x := index{steps: make(map[string]*journeys.Step, len(j.Steps)), handovers: make(map[string]*journeys.Handover, len(j.Handovers))}
	for i := range j.Steps {
		x.steps[j.Steps[i].ID] = &j.Steps[i]
	}
	for i := range j.Handovers {
		x.handovers[j.Handovers[i].ID] = &j.Handovers[i]
	}
	return x
}

// elementRef is an element of a journey, as evidence names it.
type elementRef struct{ journey, id string }

// add adds journey j's items for section i's actor.
func (b *Builder) add(i int, j *journeys.Journey, x index, r *gaps.JourneyReport) {
	in, sec := &b.in, &b.sections[i]
	actor := sec.Actor.ID
	roles := rolesIn(j, x, actor)
	for id := range roles {
		b.takesPart[i][elementRef{j.ID, id}] = true
	}
	for _, u := range r.Unknowns {
		rs, ok := roles[u.Subject]
		if !ok {
			continue
		}
		link := in.elementLink(j.ID, ElementKind(u.Element), u.Subject)
		for k, field := range u.Fields {
			sec.Questions = append(sec.Questions, Question{
				Link: link, Field: field, Roles: rs, Question: in.phrase(x, u, k), Name: u.Name,
			})
		}
	}
	for _, insight := range j.Insights {
		if !unsettled(insight.Status) || !aboutActor(insight.About, actor, roles) {
			continue
		}
		sec.Hypotheses = append(sec.Hypotheses, Hypothesis{
			Link: Link{Journey: j.ID, Kind: ElementInsight, ID: insight.ID,
				API:  in.journeyAPI(j.ID) + "/insights/" + url.PathEscape(insight.ID),
				Page: in.page(j.ID, insight.ID)},
			Text: insight.Text, Kind: insight.Kind, About: insight.About, Source: in.source(insight.Source),
		})
	}
	for k := range r.Findings {
		f := &r.Findings[k]
		if f.Involves(actor) || slices.ContainsFunc(f.Subject, func(id string) bool { _, ok := roles[id]; return ok }) {
			sec.Findings = append(sec.Findings, in.finding(f))
		}
	}
}

// rolesIn returns, for every step and hand-over of j the actor takes part in, its roles
// in Roles order.
func rolesIn(j *journeys.Journey, x index, actor string) map[string][]Role {
	out := map[string][]Role{}
	for _, s := range j.Steps {
		if s.Actor == actor {
			out[s.ID] = []Role{RoleStep}
		}
	}
	stepActor := func(id string) string {
		if s, ok := x.steps[id]; ok {
			return s.Actor
		}
		return ""
	}
	for _, h := range j.Handovers {
		var rs []Role
		if stepActor(h.From) == actor {
			rs = append(rs, RoleSender)
		}
		if stepActor(h.To) == actor {
			rs = append(rs, RoleReceiver)
		}
		if h.Responsible != nil && *h.Responsible == actor {
			rs = append(rs, RoleResponsible)
		}
		if rs != nil {
			out[h.ID] = rs
		}
	}
	return out
}

// aboutActor reports whether an insight's about names the actor or an element it takes
// part in.
func aboutActor(about []string, actor string, roles map[string][]Role) bool {
	for _, id := range about {
		if _, ok := roles[id]; ok || id == actor {
			return true
		}
	}
	return false
}

// evidenceAbout reports whether imported evidence names the actor or an element it takes
// part in.
func evidenceAbout(e *journeys.Evidence, actor string, takesPart map[elementRef]bool) bool {
	for _, ref := range e.About {
		kind, journey, id, ok := journeys.ParseRef(ref)
		if !ok {
			continue
		}
		if kind == "actor" && id == actor || (kind == "step" || kind == "handover") && takesPart[elementRef{journey, id}] {
			return true
		}
	}
	return false
}

func (in *Input) finding(f *gaps.Finding) Finding {
	link := Link{Journey: f.Journey, Kind: ElementFinding, ID: f.Fingerprint,
		API: in.projectAPI() + "/findings/" + url.PathEscape(f.Fingerprint)}
	var first string
	if len(f.Subject) > 0 && f.Subject[0] != f.Journey {
		first = f.Subject[0]
	}
	link.Page = in.page(f.Journey, first)
	return Finding{Link: link, Fingerprint: f.Fingerprint, Rule: f.Rule, Severity: f.Severity,
		EvidenceCount: f.EvidenceCount, Subject: slices.Clone(f.Subject), Explanation: f.Explanation}
}

func (in *Input) source(id string) *SourceRef {
	if id == "" {
		return nil
	}
	ref := &SourceRef{ID: id}
	if s, ok := in.Sources[id]; ok {
		ref.Kind, ref.Date, ref.ParticipantRole = s.Kind, s.Date, s.ParticipantRole
	}
	return ref
}

func (in *Input) projectAPI() string { return "/api/v1/projects/" + url.PathEscape(in.Project) }

func (in *Input) journeyAPI(journey string) string {
	return in.projectAPI() + "/journeys/" + url.PathEscape(journey)
}

// elementLink links a step or hand-over: its edit path is where an unknown is filled.
func (in *Input) elementLink(journey string, kind ElementKind, id string) Link {
	return Link{Journey: journey, Kind: kind, ID: id,
		API:  in.journeyAPI(journey) + "/" + string(kind) + "s/" + url.PathEscape(id),
		Page: in.page(journey, id)}
}

// page is the web page of a journey's map, with an element selected when given.
func (in *Input) page(journey, selected string) string {
	p := "/ui/#/projects/" + url.PathEscape(in.Project) + "/journeys/" + url.PathEscape(journey)
	if selected != "" {
		p += "?select=" + url.QueryEscape(selected)
	}
	return p
}
