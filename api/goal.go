package api

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
)

// goalList is a page of effect goals.
//
//lint:ignore U1000 named in the OpenAPI annotations, which swag reads
type goalList = journeys.List[journeys.Goal]

// measureList is a page of measures.
//
//lint:ignore U1000 named in the OpenAPI annotations, which swag reads
type measureList = journeys.List[journeys.Measure]

// listGoals godoc
//
//	@Summary	List the project's effect goals
//	@Tags		goals
//	@Produce	json
//	@Param		projectId	path		string	true	"Project id"
//	@Param		limit		query		int		false	"Page size (1-500, default 50)"
//	@Param		cursor		query		string	false	"The next value of the previous page"
//	@Success	200			{object}	goalList
//	@Failure	400			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Router		/api/v1/projects/{projectId}/goals [get]
func (s *server) listGoals(c *gin.Context) error {
	return listEntities(c, s.store.ListGoals)
}

// putGoal godoc
//
//	@Summary		Create or replace an effect goal
//	@Description	Idempotent: the same body twice changes nothing. The body's id may be left out; if given it must equal the path's. The parent, when given, must be a goal of the project, and goals must not form a cycle.
//	@Tags			goals
//	@Accept			json
//	@Produce		json
//	@Param			projectId	path		string			true	"Project id"
//	@Param			goalId		path		string			true	"Goal id"
//	@Param			goal		body		journeys.Goal	true	"The goal"
//	@Success		200			{object}	journeys.Goal	"Replaced"
//	@Success		201			{object}	journeys.Goal	"Created"
//	@Failure		400			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Router			/api/v1/projects/{projectId}/goals/{goalId} [put]
func (s *server) putGoal(c *gin.Context) error {
	return putEntity(s, c, "goalId", func(g *journeys.Goal) *string { return &g.ID }, s.store.PutGoal)
}

// getGoal godoc
//
//	@Summary	Get an effect goal
//	@Tags		goals
//	@Produce	json
//	@Param		projectId	path		string	true	"Project id"
//	@Param		goalId		path		string	true	"Goal id"
//	@Success	200			{object}	journeys.Goal
//	@Failure	404			{object}	Problem
//	@Router		/api/v1/projects/{projectId}/goals/{goalId} [get]
func (s *server) getGoal(c *gin.Context) error {
	return getEntity(c, "goalId", s.store.GetGoal)
}

// deleteGoal godoc
//
//	@Summary		Delete an effect goal
//	@Description	Refused with CONFLICT, naming them, while goals, measures or proposals point to it.
//	@Tags			goals
//	@Param			projectId	path	string	true	"Project id"
//	@Param			goalId		path	string	true	"Goal id"
//	@Success		204
//	@Failure		404	{object}	Problem
//	@Failure		409	{object}	Problem
//	@Router			/api/v1/projects/{projectId}/goals/{goalId} [delete]
func (s *server) deleteGoal(c *gin.Context) error {
	return deleteEntity(c, "goalId", s.store.DeleteGoal)
}

// listMeasures godoc
//
//	@Summary		List the project's measures
//	@Description	Measures as stored, with their observations; GET of one measure adds its computed value and progress.
//	@Tags			goals
//	@Produce		json
//	@Param			projectId	path		string	true	"Project id"
//	@Param			limit		query		int		false	"Page size (1-500, default 50)"
//	@Param			cursor		query		string	false	"The next value of the previous page"
//	@Success		200			{object}	measureList
//	@Failure		400			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Router			/api/v1/projects/{projectId}/measures [get]
func (s *server) listMeasures(c *gin.Context) error {
	return listEntities(c, s.store.ListMeasures)
}

// putMeasure godoc
//
//	@Summary		Create or replace a measure
//	@Description	Idempotent: the same body twice changes nothing. The goal must be a goal of the project. A body without observations keeps those stored; a body with observations (an empty list too) replaces them.
//	@Tags			goals
//	@Accept			json
//	@Produce		json
//	@Param			projectId	path		string				true	"Project id"
//	@Param			measureId	path		string				true	"Measure id"
//	@Param			measure		body		journeys.Measure	true	"The measure"
//	@Success		200			{object}	journeys.Measure	"Replaced"
//	@Success		201			{object}	journeys.Measure	"Created"
//	@Failure		400			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Router			/api/v1/projects/{projectId}/measures/{measureId} [put]
func (s *server) putMeasure(c *gin.Context) error {
	return putEntity(s, c, "measureId", func(m *journeys.Measure) *string { return &m.ID },
		func(ctx context.Context, projectID string, m *journeys.Measure) (*journeys.Measure, bool, error) {
			// The gap engine knows its rules and severities; the stores check the rest.
			if v := gaps.CheckMeasure(m); len(v) > 0 {
				return nil, false, journeys.InvalidError("The measure is not valid; nothing was stored.", append(m.Validate(), v...))
			}
			return s.store.PutMeasure(ctx, projectID, m)
		})
}

// getMeasure godoc
//
//	@Summary		Get a measure with its value now
//	@Description	Adds to the stored measure its computed value now (for a computed measure, with how many unknowns were left out), its latest observation, and its progress from baseline toward target.
//	@Tags			goals
//	@Produce		json
//	@Param			projectId	path		string	true	"Project id"
//	@Param			measureId	path		string	true	"Measure id"
//	@Success		200			{object}	journeys.MeasureView
//	@Failure		404			{object}	Problem
//	@Router			/api/v1/projects/{projectId}/measures/{measureId} [get]
func (s *server) getMeasure(c *gin.Context) error {
	ctx := c.Request.Context()
	m, err := s.store.GetMeasure(ctx, c.Param("projectId"), c.Param("measureId"))
	if err != nil {
		return err
	}
	computed, err := s.computeMeasure(ctx, c.Param("projectId"), m)
	if err != nil {
		return err
	}
	return respond(c, http.StatusOK, journeys.ViewMeasure(*m, computed))
}

// deleteMeasure godoc
//
//	@Summary		Delete a measure and its observations
//	@Description	Refused with CONFLICT, naming them, while proposals name it in their expected values or their tests' observations.
//	@Tags			goals
//	@Param			projectId	path	string	true	"Project id"
//	@Param			measureId	path	string	true	"Measure id"
//	@Success		204
//	@Failure		404	{object}	Problem
//	@Failure		409	{object}	Problem
//	@Router			/api/v1/projects/{projectId}/measures/{measureId} [delete]
func (s *server) deleteMeasure(c *gin.Context) error {
	return deleteEntity(c, "measureId", s.store.DeleteMeasure)
}

// addObservation godoc
//
//	@Summary		Record an observation of a measure
//	@Description	Appends an observation. For a computed measure, {"computed": true} records the metric's value now, so that a timeline forms without copying numbers by hand; it is refused when nothing in scope can be counted.
//	@Tags			goals
//	@Accept			json
//	@Produce		json
//	@Param			projectId	path		string						true	"Project id"
//	@Param			measureId	path		string						true	"Measure id"
//	@Param			observation	body		journeys.ObservationRequest	true	"The observation"
//	@Success		201			{object}	journeys.MeasureView
//	@Failure		400			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Router			/api/v1/projects/{projectId}/measures/{measureId}/observations [post]
func (s *server) addObservation(c *gin.Context) error {
	var in journeys.ObservationRequest
	if err := s.readJSON(c, &in); err != nil {
		return err
	}
	ctx, projectID := c.Request.Context(), c.Param("projectId")
	m, err := s.store.GetMeasure(ctx, projectID, c.Param("measureId"))
	if err != nil {
		return err
	}
	computed, err := s.computeMeasure(ctx, projectID, m)
	if err != nil {
		return err
	}
	o, err := in.Observation(m, computed, s.now())
	if err != nil {
		return err
	}
	stored, err := s.store.AddObservation(ctx, projectID, m.ID, o)
	if err != nil {
		return err
	}
	return respond(c, http.StatusCreated, journeys.ViewMeasure(*stored, computed))
}

// computeMeasure evaluates m's metric on the project's journeys in its scope, or returns
// nil for a manual measure: the one computation the effect chain report uses too.
func (s *server) computeMeasure(ctx context.Context, projectID string, m *journeys.Measure) (*journeys.MetricValue, error) {
	return s.reports.MeasureNow(ctx, projectID, m)
}
