package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/journeys"
)

// proposalList is a page of proposals.
//
//lint:ignore U1000 named in the OpenAPI annotations, which swag reads
type proposalList = journeys.List[journeys.Proposal]

// decisionList is a page of a proposal's decisions.
//
//lint:ignore U1000 named in the OpenAPI annotations, which swag reads
type decisionList = journeys.List[journeys.Decision]

// testList is a page of a proposal's tests.
//
//lint:ignore U1000 named in the OpenAPI annotations, which swag reads
type testList = journeys.List[journeys.Test]

// proposalListQuery filters the proposal list.
type proposalListQuery struct {
	pageQuery
	Stage journeys.ProposalStage `form:"stage" binding:"omitempty,enum"`
}

// listProposals godoc
//
//	@Summary	List the project's proposals
//	@Tags		proposals
//	@Produce	json
//	@Param		projectId	path		string					true	"Project id"
//	@Param		stage		query		journeys.ProposalStage	false	"Only proposals at this stage"
//	@Param		limit		query		int						false	"Page size (1-500, default 50)"
//	@Param		cursor		query		string					false	"The next value of the previous page"
//	@Success	200			{object}	proposalList
//	@Failure	400			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Router		/api/v1/projects/{projectId}/proposals [get]
func (s *server) listProposals(c *gin.Context) error {
	var q proposalListQuery
	if err := bindQuery(c, &q); err != nil {
		return err
	}
	l, err := s.store.ListProposals(c.Request.Context(), c.Param("projectId"), journeys.ProposalFilter{Stage: q.Stage}, q.page())
	if err != nil {
		return err
	}
	return respond(c, http.StatusOK, l)
}

// putProposal godoc
//
//	@Summary		Create or replace a proposal
//	@Description	Idempotent: the same body twice changes nothing. A new proposal starts at the `stage` it names (`idea` when left out); afterwards the stage changes only through a decision, and a PUT naming another stage is refused with 409. `owners` must be actors of the project and `toBe` a `to_be` journey of it; `addresses` are finding fingerprints, `goals` and `expected` measures are ids checked for form.
//	@Tags			proposals
//	@Accept			json
//	@Produce		json
//	@Param			projectId	path		string				true	"Project id"
//	@Param			proposalId	path		string				true	"Proposal id"
//	@Param			proposal	body		journeys.Proposal	true	"The proposal"
//	@Success		200			{object}	journeys.Proposal	"Replaced"
//	@Success		201			{object}	journeys.Proposal	"Created"
//	@Failure		400			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Failure		409			{object}	Problem	"The body names another stage than the stored one"
//	@Router			/api/v1/projects/{projectId}/proposals/{proposalId} [put]
func (s *server) putProposal(c *gin.Context) error {
	return putEntity(s, c, "proposalId", func(p *journeys.Proposal) *string { return &p.ID }, s.store.PutProposal)
}

// getProposal godoc
//
//	@Summary	Get a proposal
//	@Tags		proposals
//	@Produce	json
//	@Param		projectId	path		string	true	"Project id"
//	@Param		proposalId	path		string	true	"Proposal id"
//	@Success	200			{object}	journeys.Proposal
//	@Failure	404			{object}	Problem
//	@Router		/api/v1/projects/{projectId}/proposals/{proposalId} [get]
func (s *server) getProposal(c *gin.Context) error {
	return getEntity(c, "proposalId", s.store.GetProposal)
}

// deleteProposal godoc
//
//	@Summary		Delete a proposal
//	@Description	Deletes the proposal with its tests and decisions. Refused with 409, naming the findings, while the triage of a finding names it as addressing it.
//	@Tags			proposals
//	@Param			projectId	path	string	true	"Project id"
//	@Param			proposalId	path	string	true	"Proposal id"
//	@Success		204
//	@Failure		404	{object}	Problem
//	@Failure		409	{object}	Problem
//	@Router			/api/v1/projects/{projectId}/proposals/{proposalId} [delete]
func (s *server) deleteProposal(c *gin.Context) error {
	return deleteEntity(c, "proposalId", s.store.DeleteProposal)
}

// addDecision godoc
//
//	@Summary		Decide about a proposal
//	@Description	Appends a decision and moves the proposal to its `to` stage, in one write. `from` must be the proposal's current stage (409 otherwise, as with a stale If-Match); `go` moves one stage forward, `stop` to `rejected` or `paused`, `revise` back to an earlier stage (see the table of transitions in docs/api.md). `decidedBy` (a body or role) and `mandate` are required. The server sets `id`, `proposal` and `at`. Decisions are never changed or deleted.
//	@Tags			proposals
//	@Accept			json
//	@Produce		json
//	@Param			projectId	path		string				true	"Project id"
//	@Param			proposalId	path		string				true	"Proposal id"
//	@Param			decision	body		journeys.Decision	true	"The decision"
//	@Success		201			{object}	journeys.Decision
//	@Failure		400			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Failure		409			{object}	Problem	"from is not the proposal's current stage"
//	@Failure		422			{object}	Problem	"The proposal holds the most decisions one may hold"
//	@Router			/api/v1/projects/{projectId}/proposals/{proposalId}/decisions [post]
func (s *server) addDecision(c *gin.Context) error {
	var d journeys.Decision
	if err := s.readJSON(c, &d); err != nil {
		return err
	}
	stored, err := s.store.AddDecision(c.Request.Context(), c.Param("projectId"), c.Param("proposalId"), &d)
	if err != nil {
		return err
	}
	return respond(c, http.StatusCreated, stored)
}

// listDecisions godoc
//
//	@Summary	List a proposal's decisions, oldest first
//	@Tags		proposals
//	@Produce	json
//	@Param		projectId	path		string	true	"Project id"
//	@Param		proposalId	path		string	true	"Proposal id"
//	@Param		limit		query		int		false	"Page size (1-500, default 50)"
//	@Param		cursor		query		string	false	"The next value of the previous page"
//	@Success	200			{object}	decisionList
//	@Failure	400			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Router		/api/v1/projects/{projectId}/proposals/{proposalId}/decisions [get]
func (s *server) listDecisions(c *gin.Context) error {
	var q pageQuery
	if err := bindQuery(c, &q); err != nil {
		return err
	}
	l, err := s.store.ListDecisions(c.Request.Context(), c.Param("projectId"), c.Param("proposalId"), q.page())
	if err != nil {
		return err
	}
	return respond(c, http.StatusOK, l)
}

// listTests godoc
//
//	@Summary	List a proposal's tests
//	@Tags		proposals
//	@Produce	json
//	@Param		projectId	path		string	true	"Project id"
//	@Param		proposalId	path		string	true	"Proposal id"
//	@Param		limit		query		int		false	"Page size (1-500, default 50)"
//	@Param		cursor		query		string	false	"The next value of the previous page"
//	@Success	200			{object}	testList
//	@Failure	400			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Router		/api/v1/projects/{projectId}/proposals/{proposalId}/tests [get]
func (s *server) listTests(c *gin.Context) error {
	var q pageQuery
	if err := bindQuery(c, &q); err != nil {
		return err
	}
	l, err := s.store.ListTests(c.Request.Context(), c.Param("projectId"), c.Param("proposalId"), q.page())
	if err != nil {
		return err
	}
	return respond(c, http.StatusOK, l)
}

// putTest godoc
//
//	@Summary		Create or replace a test of a proposal
//	@Description	Idempotent: the same body twice changes nothing. The body's id and proposal may be left out; if given they must equal the path's. `actors` must be actors of the project; observations name measures by id.
//	@Tags			proposals
//	@Accept			json
//	@Produce		json
//	@Param			projectId	path		string			true	"Project id"
//	@Param			proposalId	path		string			true	"Proposal id"
//	@Param			testId		path		string			true	"Test id"
//	@Param			test		body		journeys.Test	true	"The test"
//	@Success		200			{object}	journeys.Test	"Replaced"
//	@Success		201			{object}	journeys.Test	"Created"
//	@Failure		400			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Failure		422			{object}	Problem	"The proposal holds the most tests one may hold"
//	@Router			/api/v1/projects/{projectId}/proposals/{proposalId}/tests/{testId} [put]
func (s *server) putTest(c *gin.Context) error {
	var t journeys.Test
	if err := s.readJSON(c, &t); err != nil {
		return err
	}
	if err := idFromPath(&t.ID, c.Param("testId")); err != nil {
		return err
	}
	if t.Proposal != "" && t.Proposal != c.Param("proposalId") {
		return journeys.InvalidError("The proposal in the body differs from the one in the URL.",
			[]journeys.Violation{{Pointer: "/proposal", Detail: "Must be " + c.Param("proposalId") + " or left out."}})
	}
	t.Proposal = c.Param("proposalId")
	stored, created, err := s.store.PutTest(c.Request.Context(), c.Param("projectId"), &t)
	if err != nil {
		return err
	}
	return respond(c, createdOrOK(created), stored)
}

// getTest godoc
//
//	@Summary	Get a test of a proposal
//	@Tags		proposals
//	@Produce	json
//	@Param		projectId	path		string	true	"Project id"
//	@Param		proposalId	path		string	true	"Proposal id"
//	@Param		testId		path		string	true	"Test id"
//	@Success	200			{object}	journeys.Test
//	@Failure	404			{object}	Problem
//	@Router		/api/v1/projects/{projectId}/proposals/{proposalId}/tests/{testId} [get]
func (s *server) getTest(c *gin.Context) error {
	t, err := s.store.GetTest(c.Request.Context(), c.Param("projectId"), c.Param("proposalId"), c.Param("testId"))
	if err != nil {
		return err
	}
	return respond(c, http.StatusOK, t)
}

// deleteTest godoc
//
//	@Summary	Delete a test of a proposal
//	@Tags		proposals
//	@Param		projectId	path	string	true	"Project id"
//	@Param		proposalId	path	string	true	"Proposal id"
//	@Param		testId		path	string	true	"Test id"
//	@Success	204
//	@Failure	404	{object}	Problem
//	@Router		/api/v1/projects/{projectId}/proposals/{proposalId}/tests/{testId} [delete]
func (s *server) deleteTest(c *gin.Context) error {
	if err := s.store.DeleteTest(c.Request.Context(), c.Param("projectId"), c.Param("proposalId"), c.Param("testId")); err != nil {
		return err
	}
	c.Status(http.StatusNoContent)
	return nil
}
