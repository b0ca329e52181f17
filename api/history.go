package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
	"github.com/glapp/glapp/reports"
)

// versionList is a page of a journey's versions.
//
//lint:ignore U1000 named in the OpenAPI annotations, which swag reads
type versionList = journeys.List[journeys.JourneyVersion]

// baselineList is a page of baselines.
//
//lint:ignore U1000 named in the OpenAPI annotations, which swag reads
type baselineList = journeys.List[journeys.BaselineSummary]

// versionQuery names a version of a journey; absent is the current one.
type versionQuery struct {
	Version string `form:"version" binding:"omitempty,max=20"`
}

// version returns the version asked for, 0 for the current one.
func (q versionQuery) version() (int64, error) { return journeys.ParseVersion(q.Version) }

// sinceQuery names the baseline a report is read against; absent reads it on its own.
type sinceQuery struct {
	Since string `form:"since" binding:"omitempty,max=100"`
}

// listJourneyVersions godoc
//
//	@Summary		List the versions of a journey
//	@Description	Every write that changes a journey keeps the version it replaced; deleting a journey keeps its last version. Oldest first: the versions kept, then the current one (`current: true`) unless the journey is deleted. Versions are kept until the retention set for the server (GLAPP_HISTORY_RETENTION) has passed since they were replaced, except those a baseline holds, which are kept as long as the baseline.
//	@Tags			history
//	@Produce		json
//	@Param			projectId	path		string	true	"Project id"
//	@Param			journeyId	path		string	true	"Journey id"
//	@Param			limit		query		int		false	"Page size (1-500, default 50)"
//	@Param			cursor		query		string	false	"The next value of the previous page"
//	@Success		200			{object}	versionList
//	@Failure		400			{object}	Problem
//	@Failure		404			{object}	Problem	"No such project, or no version of the journey"
//	@Router			/api/v1/projects/{projectId}/journeys/{journeyId}/versions [get]
func (s *server) listJourneyVersions(c *gin.Context) error {
	var q pageQuery
	if err := bindQuery(c, &q); err != nil {
		return err
	}
	l, err := s.store.ListJourneyVersions(c.Request.Context(), c.Param("projectId"), c.Param("journeyId"), q.page())
	if err != nil {
		return err
	}
	return respond(c, http.StatusOK, l)
}

// createBaseline godoc
//
//	@Summary		Take a baseline
//	@Description	Freezes the project as it stands: the current version of every journey, and the actors, settings and triage decisions its gap report is judged with, so that the report as it stood can be read later (`GET .../baselines/{id}/gaps`) and today's report read against it (`GET .../gaps?since={id}`). Imported evidence is not frozen: it is read as it is now. The versions a baseline holds are kept as long as the baseline. A project keeps at most 100 baselines, of at most 10,000 journeys; a baseline is never replaced, only deleted.
//	@Tags			history
//	@Accept			json
//	@Produce		json
//	@Param			projectId	path		string						true	"Project id"
//	@Param			baseline	body		journeys.BaselineRequest	true	"Id and title"
//	@Success		201			{object}	journeys.ProjectBaseline
//	@Failure		400			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Failure		409			{object}	Problem	"The id is taken, or the project has 100 baselines"
//	@Failure		422			{object}	Problem	"The project has more than 10,000 journeys"
//	@Router			/api/v1/projects/{projectId}/baselines [post]
func (s *server) createBaseline(c *gin.Context) error {
	var in journeys.BaselineRequest
	if err := s.readJSON(c, &in); err != nil {
		return err
	}
	b, err := s.store.CreateBaseline(c.Request.Context(), c.Param("projectId"), in)
	if err != nil {
		return err
	}
	c.Header("Location", c.Request.URL.Path+"/"+b.ID)
	return respond(c, http.StatusCreated, b)
}

// listBaselines godoc
//
//	@Summary	List the project's baselines
//	@Tags		history
//	@Produce	json
//	@Param		projectId	path		string	true	"Project id"
//	@Param		limit		query		int		false	"Page size (1-500, default 50)"
//	@Param		cursor		query		string	false	"The next value of the previous page"
//	@Success	200			{object}	baselineList
//	@Failure	400			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Router		/api/v1/projects/{projectId}/baselines [get]
func (s *server) listBaselines(c *gin.Context) error {
	return listEntities(c, s.store.ListBaselines)
}

// getBaseline godoc
//
//	@Summary	Get a baseline, whole
//	@Tags		history
//	@Produce	json
//	@Param		projectId	path		string	true	"Project id"
//	@Param		baselineId	path		string	true	"Baseline id"
//	@Success	200			{object}	journeys.ProjectBaseline
//	@Failure	404			{object}	Problem
//	@Router		/api/v1/projects/{projectId}/baselines/{baselineId} [get]
func (s *server) getBaseline(c *gin.Context) error {
	return getEntity(c, "baselineId", s.store.GetBaseline)
}

// deleteBaseline godoc
//
//	@Summary		Delete a baseline
//	@Description	The journey versions it held are kept until the history retention has passed.
//	@Tags			history
//	@Param			projectId	path	string	true	"Project id"
//	@Param			baselineId	path	string	true	"Baseline id"
//	@Success		204
//	@Failure		404	{object}	Problem
//	@Router			/api/v1/projects/{projectId}/baselines/{baselineId} [delete]
func (s *server) deleteBaseline(c *gin.Context) error {
	return deleteEntity(c, "baselineId", s.store.DeleteBaseline)
}

// baselineGaps godoc
//
//	@Summary		Gap report as it stood at a baseline
//	@Description	The project gap report made from the journeys the baseline holds, at their versions, judged with the actors, settings and triage decisions it froze (imported evidence as it is now). Same filters and formats as the project gap report.
//	@Tags			history
//	@Produce		json
//	@Produce		text/csv
//	@Produce		text/markdown
//	@Param			projectId			path		string					true	"Project id"
//	@Param			baselineId			path		string					true	"Baseline id"
//	@Param			rule				query		string					false	"Only this rule"
//	@Param			category			query		string					false	"Only this category"
//	@Param			minSeverity			query		gaps.Severity			false	"Only this severity or worse"
//	@Param			journeyKind			query		journeys.JourneyKind	false	"Only journeys of this kind"
//	@Param			targetGroup			query		string					false	"Only journeys of this target group (case-insensitive)"
//	@Param			actor				query		string					false	"Only findings that involve this actor id"
//	@Param			includeDismissed	query		bool					false	"Keep dismissed findings"
//	@Param			format				query		reportFormat			false	"Response format (default from Accept, else json)"
//	@Param			part				query		reportPart				false	"With format=csv: findings or unknowns"
//	@Param			lang				query		lang					false	"Language of explanations (overrides Accept-Language)"
//	@Param			Accept-Language		header		string					false	"sv or en"
//	@Success		200					{object}	projectReport
//	@Failure		400					{object}	Problem
//	@Failure		404					{object}	Problem
//	@Router			/api/v1/projects/{projectId}/baselines/{baselineId}/gaps [get]
func (s *server) baselineGaps(c *gin.Context) error {
	return s.writeProjectReport(c, func(f gaps.Filter, opt reports.Options) (*gaps.ProjectReport, error) {
		return s.reports.Baseline(c.Request.Context(), c.Param("projectId"), c.Param("baselineId"), f, opt)
	})
}

// baselineMeasures godoc
//
//	@Summary		Computed measures at a baseline beside today's
//	@Description	Every measure of the project with a metric, computed on the journeys the baseline holds (at their versions; open_findings on the report as it stood) and on the journeys as they are now. Measures entered by hand are left out: their observations carry their own dates.
//	@Tags			history
//	@Produce		json
//	@Param			projectId	path		string	true	"Project id"
//	@Param			baselineId	path		string	true	"Baseline id"
//	@Success		200			{array}		journeys.MeasureAtBaseline
//	@Failure		404			{object}	Problem
//	@Router			/api/v1/projects/{projectId}/baselines/{baselineId}/measures [get]
func (s *server) baselineMeasures(c *gin.Context) error {
	ms, err := s.reports.BaselineMeasures(c.Request.Context(), c.Param("projectId"), c.Param("baselineId"))
	if err != nil {
		return err
	}
	return respond(c, http.StatusOK, ms)
}
