package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/journeys"
)

// getSettings godoc
//
//	@Summary		The project's gap-rule settings
//	@Description	The long_wait thresholds in days (per hand-over type, entry step, other step, and the cap for child and adolescent psychiatry) and the evidence_hotspot minimums. The spec's defaults until the project sets its own.
//	@Tags			gaps
//	@Produce		json
//	@Param			projectId	path		string	true	"Project id"
//	@Success		200			{object}	journeys.Settings
//	@Failure		404			{object}	Problem
//	@Router			/api/v1/projects/{projectId}/settings [get]
func (s *server) getSettings(c *gin.Context) error {
	settings, err := s.store.GetSettings(c.Request.Context(), c.Param("projectId"))
	if err != nil {
		return err
	}
	return respond(c, http.StatusOK, settings)
}

// putSettings godoc
//
//	@Summary		Replace the project's gap-rule settings
//	@Description	Fields left out keep the spec's default (not the project's previous value), so the body can name only the thresholds the project changes.
//	@Tags			gaps
//	@Accept			json
//	@Produce		json
//	@Param			projectId	path		string				true	"Project id"
//	@Param			settings	body		journeys.Settings	true	"The settings"
//	@Success		200			{object}	journeys.Settings
//	@Failure		400			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Router			/api/v1/projects/{projectId}/settings [put]
func (s *server) putSettings(c *gin.Context) error {
	in := journeys.DefaultSettings()
	if err := s.readJSON(c, &in); err != nil {
		return err
	}
	out, err := s.store.PutSettings(c.Request.Context(), c.Param("projectId"), &in)
	if err != nil {
		return err
	}
	return respond(c, http.StatusOK, out)
}
