package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/journeys"
)

// evidenceList is a page of imported evidence.
//
//lint:ignore U1000 named in the OpenAPI annotations, which swag reads
type evidenceList = journeys.List[journeys.Evidence]

// evidenceQuery filters the evidence list.
type evidenceQuery struct {
	pageQuery
	Unlinked bool   `form:"unlinked"`
	Journey  string `form:"journey" binding:"omitempty,max=100"`
}

// evidencePatch is what an analyst may change on imported evidence: its links and how it
// is read. Its text and origin stay as imported.
type evidencePatch struct {
	About     []string               `json:"about"`
	Tags      []string               `json:"tags,omitempty"`
	Kind      journeys.InsightKind   `json:"kind,omitempty"`
	Status    journeys.InsightStatus `json:"status,omitempty"`
	Sentiment *int                   `json:"sentiment,omitempty"`
}

// listEvidence godoc
//
//	@Summary		Imported evidence
//	@Description	Evidence that came in through imports and webhooks, ordered by id. `unlinked=true` lists what points at no journey element yet, for an analyst to link.
//	@Tags			evidence
//	@Produce		json
//	@Param			projectId	path		string	true	"Project id"
//	@Param			unlinked	query		bool	false	"Only evidence that points at nothing"
//	@Param			journey		query		string	false	"Only evidence about this journey or its elements"
//	@Param			limit		query		int		false	"Page size (1-500, default 50)"
//	@Param			cursor		query		string	false	"The next value of the previous page"
//	@Success		200			{object}	evidenceList
//	@Failure		404			{object}	Problem
//	@Router			/api/v1/projects/{projectId}/evidence [get]
func (s *server) listEvidence(c *gin.Context) error {
	var q evidenceQuery
	if err := bindQuery(c, &q); err != nil {
		return err
	}
	l, err := s.store.ListEvidence(c.Request.Context(), c.Param("projectId"), journeys.EvidenceFilter{Unlinked: q.Unlinked, Journey: q.Journey}, q.page())
	if err != nil {
		return err
	}
	return respond(c, http.StatusOK, l)
}

// getEvidence godoc
//
//	@Summary	One piece of imported evidence
//	@Tags		evidence
//	@Produce	json
//	@Param		projectId	path		string	true	"Project id"
//	@Param		evidenceId	path		string	true	"Evidence id"
//	@Success	200			{object}	journeys.Evidence
//	@Failure	404			{object}	Problem
//	@Router		/api/v1/projects/{projectId}/evidence/{evidenceId} [get]
func (s *server) getEvidence(c *gin.Context) error {
	return getEntity(c, "evidenceId", s.store.GetEvidence)
}

// patchEvidence godoc
//
//	@Summary		Link or re-read imported evidence
//	@Description	A JSON merge patch of `about` (element references such as `step:<journey>/<step>`, `handover:<journey>/<handover>`, `actor:<actor>`, `journey:<journey>`), `tags`, `kind`, `status` and `sentiment`. Analysts may do this: linking evidence is part of triage.
//	@Tags			evidence
//	@Accept			json
//	@Produce		json
//	@Param			projectId	path		string			true	"Project id"
//	@Param			evidenceId	path		string			true	"Evidence id"
//	@Param			patch		body		evidencePatch	true	"JSON merge patch"
//	@Success		200			{object}	journeys.Evidence
//	@Failure		400			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Failure		409			{object}	Problem	"An import into the project is running; see Retry-After"
//	@Router			/api/v1/projects/{projectId}/evidence/{evidenceId} [patch]
func (s *server) patchEvidence(c *gin.Context) error {
	patch, err := s.readBody(c)
	if err != nil {
		return err
	}
	e, err := s.store.UpdateEvidence(c.Request.Context(), c.Param("projectId"), c.Param("evidenceId"), func(e *journeys.Evidence) error {
		p := evidencePatch{About: e.About, Tags: e.Tags, Kind: e.Kind, Status: e.Status, Sentiment: e.Sentiment}
		if err := applyMergePatch(c, &p, patch); err != nil {
			return err
		}
		e.About, e.Tags, e.Kind, e.Status, e.Sentiment = p.About, p.Tags, p.Kind, p.Status, p.Sentiment
		if e.About == nil {
			e.About = []string{}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return respond(c, http.StatusOK, e)
}

// deleteEvidence godoc
//
//	@Summary	Delete imported evidence
//	@Tags		evidence
//	@Param		projectId	path	string	true	"Project id"
//	@Param		evidenceId	path	string	true	"Evidence id"
//	@Success	204
//	@Failure	404	{object}	Problem
//	@Failure	409	{object}	Problem	"An import into the project is running; see Retry-After"
//	@Router		/api/v1/projects/{projectId}/evidence/{evidenceId} [delete]
func (s *server) deleteEvidence(c *gin.Context) error {
	return deleteEntity(c, "evidenceId", s.store.DeleteEvidence)
}
