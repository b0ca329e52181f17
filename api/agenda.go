package api

import (
	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/reports"
)

// agendaDefaultLimit and agendaMaxLimit bound how many actors one agenda page holds: each
// section lists every question, hypothesis and finding of its actor.
const (
	agendaDefaultLimit = 10
	agendaMaxLimit     = 50
)

// agendaQuery holds the agenda's options. The formats are the effect chain's: JSON or
// Markdown.
type agendaQuery struct {
	Actor  string         `form:"actor" binding:"omitempty,max=100"`
	Limit  *int           `form:"limit" binding:"omitempty,min=1,max=50"`
	Cursor string         `form:"cursor" binding:"omitempty,max=1024"`
	Format markdownFormat `form:"format" binding:"omitempty,enum"`
	Lang   lang           `form:"lang" binding:"omitempty,enum"`
}

// getAgenda godoc
//
//	@Summary		The agenda per actor: what to bring to the meeting with an organisation
//	@Description	For the actor `actor`, or else for each actor of the project (one section per actor, ordered by id, at most `limit` actors a page, 10 by default and 50 at most; `next` is the cursor of the following page): the unknowns on the steps and hand-overs the actor takes part in (as the step's actor, a hand-over's sender, receiver or responsible) phrased as questions to the organisation, in Swedish and English; the hypotheses (insights and imported evidence whose status is `hypothesis` or not given) about those elements or the actor, with their sources, to confirm or reject; and the open findings that involve the actor, most severe first. Each item names its journey and element, the API path where the answer is recorded (the element's or insight's edit) and the web page. As JSON (questions and explanations in both languages) or Markdown (`format=md`, or Accept text/markdown) in Swedish or English.
//	@Tags			gaps
//	@Produce		json
//	@Produce		text/markdown
//	@Param			projectId		path		string			true	"Project id"
//	@Param			actor			query		string			false	"Only this actor's section"
//	@Param			limit			query		int				false	"Actors a page, without actor (1-50, default 10)"
//	@Param			cursor			query		string			false	"The next value of the previous page"
//	@Param			format			query		markdownFormat	false	"json (default, or from Accept) or md"
//	@Param			lang			query		lang			false	"Language of the Markdown (overrides Accept-Language)"
//	@Param			Accept-Language	header		string			false	"sv or en"
//	@Success		200				{object}	agenda.Agenda
//	@Failure		400				{object}	Problem
//	@Failure		404				{object}	Problem
//	@Router			/api/v1/projects/{projectId}/agenda [get]
func (s *server) getAgenda(c *gin.Context) error {
	var q agendaQuery
	if err := bindQuery(c, &q); err != nil {
		return err
	}
	if q.Actor != "" {
		if d := journeys.IDProblem(q.Actor); d != "" {
			return journeys.InvalidError("The actor is not a valid id.", []journeys.Violation{{Parameter: "actor", Detail: d}})
		}
	}
	page := journeys.Page{Limit: agendaDefaultLimit, Cursor: q.Cursor}
	if q.Limit != nil {
		page.Limit = min(*q.Limit, agendaMaxLimit)
	}
	a, err := s.reports.Agenda(c.Request.Context(), c.Param("projectId"), q.Actor, page)
	if err != nil {
		return err
	}
	return respondJSONOrMarkdown(c, q.Format, a, reports.WriteAgendaMarkdown)
}
