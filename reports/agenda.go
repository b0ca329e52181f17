package reports

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/agenda"
	"github.com/glapp/glapp/journeys/gaps"
)

// Agenda builds the project's agenda: for the actor with id actor (NOT_FOUND when the
// project has none), or else for one page of the project's actors, ordered by id. Every
// journey is analysed once, as the gap reports do (imported evidence counts, dismissed
// findings are left out), whatever the number of actors, and let go once its items are
// added, so that memory grows with the agenda, not the project.
func (s Service) Agenda(ctx context.Context, projectID, actor string, page journeys.Page) (*agenda.Agenda, error) {
	in, err := s.inputs(ctx, projectID)
	if err != nil {
		return nil, err
	}
	a := agenda.Input{Project: projectID, Names: in.actors, Sources: map[string]journeys.Source{}}
	var next string
	if actor != "" {
		got, err := s.Store.GetActor(ctx, projectID, actor)
		if err != nil {
			return nil, err
		}
		a.Actors = []journeys.Actor{*got}
	} else {
		l, err := s.Store.ListActors(ctx, projectID, page)
		if err != nil {
			return nil, err
		}
		a.Actors, next = l.Items, l.Next
		if len(a.Actors) == 0 {
			return &agenda.Agenda{Project: projectID, Sections: []agenda.Section{}}, nil
		}
	}
	if err := journeys.EachItem(func(p journeys.Page) (*journeys.List[journeys.Source], error) {
		return s.Store.ListSources(ctx, projectID, p)
	}, func(src journeys.Source) { a.Sources[src.ID] = src }); err != nil {
		return nil, err
	}
	if err := s.Store.EachEvidence(ctx, projectID, func(e *journeys.Evidence) error {
		a.Evidence = append(a.Evidence, *e)
		return nil
	}); err != nil {
		return nil, err
	}
	b := agenda.NewBuilder(a)
	if err := s.Store.EachJourney(ctx, projectID, func(j *journeys.Journey) error {
		own := j.Insights // analyze adds the imported evidence; the agenda lists that apart
		r, err := in.analyze(ctx, j, Options{})
		if err != nil {
			return err
		}
		j.Insights = own
		b.Add(j, &r) // keeps only the agenda's items: the journey and its report go now
		return nil
	}); err != nil {
		return nil, err
	}
	out := b.Agenda()
	out.Next = next
	return &out, nil
}

// Words of the agenda.
var (
	agTitle      = gaps.Text{SV: "Dagordning: frågor till %s", EN: "Agenda: questions for %s"}
	agProject    = gaps.Text{SV: "projektet", EN: "the project"}
	agIntro      = gaps.Text{SV: "Det Glapp inte vet om steg och överlämningar som aktören deltar i, hypoteser att bekräfta eller avvisa, och fynd att diskutera. Svaren förs in genom att redigera steget, överlämningen eller insikten.", EN: "What Glapp does not know about the steps and hand-overs the actor takes part in, hypotheses to confirm or reject, and findings to discuss. Answers are recorded by editing the step, hand-over or insight."}
	agContact    = gaps.Text{SV: "Kontakt", EN: "Contact"}
	agNoContact  = gaps.Text{SV: "ingen angiven", EN: "none given"}
	agQuestions  = gaps.Text{SV: "Frågor", EN: "Questions"}
	agNoQuestion = gaps.Text{SV: "Inga okända uppgifter.", EN: "No unknowns."}
	agHypotheses = gaps.Text{SV: "Hypoteser att bekräfta eller avvisa", EN: "Hypotheses to confirm or reject"}
	agNoHypo     = gaps.Text{SV: "Inga hypoteser.", EN: "No hypotheses."}
	agFindings   = gaps.Text{SV: "Fynd att diskutera", EN: "Findings to discuss"}
	agNoFindings = gaps.Text{SV: "Inga öppna fynd.", EN: "No open findings."}
	agJourney    = gaps.Text{SV: "resa", EN: "journey"}
	agAbout      = gaps.Text{SV: "om", EN: "about"}
	agSource     = gaps.Text{SV: "källa", EN: "source"}
	agImported   = gaps.Text{SV: "importerat underlag", EN: "imported evidence"}
	agInsight    = gaps.Text{SV: "insikt", EN: "insight"}
	agQuoted     = gaps.Text{SV: "”%s”", EN: "“%s”"}
	agNoActors   = gaps.Text{SV: "Projektet har inga aktörer.", EN: "The project has no actors."}
	agMore       = gaps.Text{SV: "Fler aktörer finns: hämta nästa sida med cursor=%s.", EN: "More actors follow: get the next page with cursor=%s."}

	roleLabels = map[agenda.Role]gaps.Text{
		agenda.RoleStep:        {SV: "utför steget", EN: "performs the step"},
		agenda.RoleSender:      {SV: "avsändare", EN: "sender"},
		agenda.RoleReceiver:    {SV: "mottagare", EN: "receiver"},
		agenda.RoleResponsible: {SV: "ansvarig", EN: "responsible"},
	}
	sourceKindLabels = map[journeys.SourceKind]gaps.Text{
		journeys.SourceInterview:   {SV: "intervju", EN: "interview"},
		journeys.SourceWorkshop:    {SV: "workshop", EN: "workshop"},
		journeys.SourceSurvey:      {SV: "enkät", EN: "survey"},
		journeys.SourceObservation: {SV: "observation", EN: "observation"},
		journeys.SourceDocument:    {SV: "dokument", EN: "document"},
	}
)

// WriteAgendaMarkdown writes the agenda as Markdown to bring to the meeting, in lang ("en"
// for English, Swedish otherwise): per actor its contact, then its questions, hypotheses
// and findings as check-list items, each naming its element and journey.
func WriteAgendaMarkdown(w io.Writer, a *agenda.Agenda, lang string) error {
	b := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	whom := agProject.In(lang)
	if len(a.Sections) == 1 {
		whom = a.Sections[0].Actor.Name
	}
	p("# %s\n\n%s\n\n", fmt.Sprintf(agTitle.In(lang), cell(whom)), agIntro.In(lang))
	if len(a.Sections) == 0 {
		p("%s\n\n", agNoActors.In(lang))
	}
	for _, s := range a.Sections {
		p("## %s (`%s`)\n\n", cell(s.Actor.Name), s.Actor.ID)
		p("%s: %s\n\n", agContact.In(lang), cell(cmpOr(s.Actor.Contact, agNoContact.In(lang))))
		p("### %s (%d)\n\n", agQuestions.In(lang), len(s.Questions))
		if len(s.Questions) == 0 {
			p("%s\n", agNoQuestion.In(lang))
		}
		for _, q := range s.Questions {
			roles := make([]string, len(q.Roles))
			for i, r := range q.Roles {
				roles[i] = labelIn(roleLabels, r, lang)
			}
			p("- [ ] %s  \n  %s (%s), %s `%s`, `%s` `%s`\n", cell(q.Question.In(lang)), cell(q.Name.In(lang)),
				strings.Join(roles, ", "), agJourney.In(lang), q.Journey, q.ID, q.Field)
		}
		p("\n### %s (%d)\n\n", agHypotheses.In(lang), len(s.Hypotheses))
		if len(s.Hypotheses) == 0 {
			p("%s\n", agNoHypo.In(lang))
		}
		for _, h := range s.Hypotheses {
			what := agInsight
			if h.Link.Kind == agenda.ElementEvidence {
				what = agImported
			}
			p("- [ ] %s  \n  %s `%s`", fmt.Sprintf(agQuoted.In(lang), cell(h.Text)), what.In(lang), h.ID)
			if h.Journey != "" {
				p(", %s `%s`", agJourney.In(lang), h.Journey)
			}
			p(", %s %s", agAbout.In(lang), list(h.About, lang))
			if src := h.Source; src != nil {
				p("; %s `%s`", agSource.In(lang), src.ID)
				var facts []string
				if src.Kind != "" {
					facts = append(facts, labelIn(sourceKindLabels, src.Kind, lang))
				}
				if src.Date != "" {
					facts = append(facts, src.Date)
				}
				if len(facts) > 0 {
					p(" (%s)", strings.Join(facts, ", "))
				}
			}
			p("\n")
		}
		p("\n### %s (%d)\n\n", agFindings.In(lang), len(s.Findings))
		if len(s.Findings) == 0 {
			p("%s\n", agNoFindings.In(lang))
		}
		for _, f := range s.Findings {
			p("- **%s** %s: %s  \n  %s `%s`, `%s`\n", f.Severity.Label().In(lang), cell(f.Rule.Label().In(lang)),
				cell(f.Explanation.In(lang)), agJourney.In(lang), f.Journey, f.Fingerprint)
		}
		p("\n")
	}
	if a.Next != "" {
		p("%s\n", fmt.Sprintf(agMore.In(lang), a.Next))
	}
	return b.Flush()
}

func cmpOr(s, otherwise string) string {
	if s == "" {
		return otherwise
	}
	return s
}
