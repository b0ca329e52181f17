package api

import (
	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/journeys"
)

// The stored noun is triage in every layer (journeys/triage.go, graph/*/triage.go, the
// "triage.put" audit action, the "triage" permission), as in the domain model: a finding
// is computed on every read and never stored, and what is stored is its triage, keyed by
// the finding's fingerprint. The routes name the finding the triage is about
// (/findings/{fingerprint}); they are the public contract and keep that name.

// triageRequest is the body of a triage decision.
type triageRequest struct {
	Status journeys.TriageStatus `json:"status" validate:"required"`
	// Reason says why a finding was dismissed; required for dismissed.
	Reason string `json:"reason,omitempty"`
	// Proposal is the id of the project's proposal that addresses the gap; required for
	// addressed, and only for it.
	Proposal string `json:"proposal,omitempty" example:"shared-plan"`
	// Note says more about the decision, in words.
	Note string `json:"note,omitempty"`
}

// putTriage godoc
//
//	@Summary		Triage a finding
//	@Description	Marks the finding with this fingerprint `confirmed`, `dismissed` (with a `reason`) or `addressed` (with the `proposal` that addresses it, which must exist). Reports show the decision; dismissed findings are left out of them unless asked for. The fingerprint survives edits that do not change the finding's subject, so the decision does too.
//	@Tags			gaps
//	@Accept			json
//	@Produce		json
//	@Param			projectId	path		string			true	"Project id"
//	@Param			fingerprint	path		string			true	"The finding's fingerprint"
//	@Param			triage		body		triageRequest	true	"The decision"
//	@Success		200			{object}	journeys.Triage	"Changed (or unchanged)"
//	@Success		201			{object}	journeys.Triage	"First decision about this finding"
//	@Failure		400			{object}	Problem
//	@Failure		404			{object}	Problem	"No such project, or no current finding with this fingerprint"
//	@Router			/api/v1/projects/{projectId}/findings/{fingerprint} [put]
func (s *server) putTriage(c *gin.Context) error {
	var req triageRequest
	if err := s.readJSON(c, &req); err != nil {
		return err
	}
	t := &journeys.Triage{Fingerprint: c.Param("fingerprint"), Status: req.Status, Reason: req.Reason, Proposal: req.Proposal, Note: req.Note}
	if v := t.Validate(); len(v) > 0 {
		return journeys.InvalidError("The triage decision is not valid; nothing was stored.", v)
	}
	projectID := c.Param("projectId")
	found, err := s.reports.HasFinding(c.Request.Context(), projectID, t.Fingerprint)
	if err != nil {
		return err
	}
	if !found {
		return journeys.Errorf(journeys.NotFound, "Project %q has no finding with fingerprint %q.", projectID, t.Fingerprint)
	}
	stored, created, err := s.store.PutTriage(c.Request.Context(), projectID, t)
	if err != nil {
		return err
	}
	return respond(c, createdOrOK(created), stored)
}

// getTriage godoc
//
//	@Summary	A finding's triage decision
//	@Tags		gaps
//	@Produce	json
//	@Param		projectId	path		string	true	"Project id"
//	@Param		fingerprint	path		string	true	"The finding's fingerprint"
//	@Success	200			{object}	journeys.Triage
//	@Failure	404			{object}	Problem
//	@Router		/api/v1/projects/{projectId}/findings/{fingerprint} [get]
func (s *server) getTriage(c *gin.Context) error {
	return getEntity(c, "fingerprint", s.store.GetTriage)
}

// deleteTriage godoc
//
//	@Summary	Undo a finding's triage
//	@Tags		gaps
//	@Param		projectId	path	string	true	"Project id"
//	@Param		fingerprint	path	string	true	"The finding's fingerprint"
//	@Success	204
//	@Failure	404	{object}	Problem
//	@Router		/api/v1/projects/{projectId}/findings/{fingerprint} [delete]
func (s *server) deleteTriage(c *gin.Context) error {
	return deleteEntity(c, "fingerprint", s.store.DeleteTriage)
}

// triageList is a page of triage decisions.
//
//lint:ignore U1000 named in the OpenAPI annotations, which swag reads
type triageList = journeys.List[journeys.Triage]

// listTriage godoc
//
//	@Summary	The project's triage decisions
//	@Tags		gaps
//	@Produce	json
//	@Param		projectId	path		string	true	"Project id"
//	@Param		limit		query		int		false	"Page size (1-500, default 50)"
//	@Param		cursor		query		string	false	"The next value of the previous page"
//	@Success	200			{object}	triageList
//	@Failure	404			{object}	Problem
//	@Router		/api/v1/projects/{projectId}/findings [get]
func (s *server) listTriage(c *gin.Context) error {
	return listEntities(c, s.store.ListTriage)
}
