package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/personal"
)

// editElement runs one element-level edit inside a journey write transaction. The edit is
// refused, and nothing changes, if the journey would be invalid afterwards; violations
// point into the journey document.
func (s *server) editElement(c *gin.Context, kind journeys.ElementKind, op journeys.Op) error {
	var q editQuery
	if err := bindQuery(c, &q); err != nil {
		return err
	}
	cond, err := s.precondition(c)
	if err != nil {
		return err
	}
	e := journeys.Edit{Kind: kind, Op: op, ID: c.Param("elementId"), Cascade: q.Cascade}
	if op != journeys.OpDelete {
		if e.Body, err = s.readBody(c); err != nil {
			return err
		}
	}
	action, objects := auditAction(c)
	ctx := journeys.WithAuditDetail(c.Request.Context(), action, objects...)
	var element any
	j, err := s.store.UpdateJourney(ctx, c.Param("projectId"), c.Param("journeyId"), cond, func(j *journeys.Journey) error {
		var err error
		if element, err = e.Apply(j); err != nil {
			return err
		}
		// The added or merged element, and anything stored before redaction existed, is
		// redacted before the store validates and writes the journey.
		reportRedacted(c, personal.RedactAll(j))
		personal.RedactAll(&element)
		return nil
	})
	if err != nil {
		return err
	}
	setETag(c, j.Version)
	switch op {
	case journeys.OpAdd:
		c.Header("Location", c.Request.URL.Path+"/"+element.(interface{ ElementID() string }).ElementID())
		return respond(c, http.StatusCreated, element)
	case journeys.OpPatch:
		return respond(c, http.StatusOK, element)
	}
	c.Status(http.StatusNoContent)
	return nil
}

// addStage godoc
//
//	@Summary		Add a stage to a journey
//	@Description	Responds with the journey's new ETag. Refused with 409 if the journey already has a stage with this id.
//	@Tags			journey elements
//	@Accept			json
//	@Produce		json
//	@Param			projectId	path		string			true	"Project id"
//	@Param			journeyId	path		string			true	"Journey id"
//	@Param			If-Match	header		string			true	"ETag of the journey version this edit applies to"
//	@Param			stage		body		journeys.Stage	true	"The new stage"
//	@Success		201			{object}	journeys.Stage
//	@Header			201			{string}	ETag	"The journey's new version"
//	@Failure		400			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Failure		409			{object}	Problem
//	@Failure		412			{object}	Problem
//	@Failure		422			{object}	Problem	"The journey would be larger than this server's limits"
//	@Router			/api/v1/projects/{projectId}/journeys/{journeyId}/stages [post]
func (s *server) addStage(c *gin.Context) error {
	return s.editElement(c, journeys.ElementStage, journeys.OpAdd)
}

// patchStage godoc
//
//	@Summary		Change a stage
//	@Description	The body is a JSON merge patch (RFC 7396): fields it names are replaced, null clears a field (null means not known), absent fields stay. The id cannot change.
//	@Tags			journey elements
//	@Accept			json
//	@Produce		json
//	@Param			projectId	path		string			true	"Project id"
//	@Param			journeyId	path		string			true	"Journey id"
//	@Param			elementId	path		string			true	"The stage's id"
//	@Param			If-Match	header		string			true	"ETag of the journey version this edit applies to"
//	@Param			patch		body		journeys.Stage	true	"Any subset of the stage's fields"
//	@Success		200			{object}	journeys.Stage
//	@Header			200			{string}	ETag	"The journey's new version"
//	@Failure		400			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Failure		412			{object}	Problem
//	@Router			/api/v1/projects/{projectId}/journeys/{journeyId}/stages/{elementId} [patch]
func (s *server) patchStage(c *gin.Context) error {
	return s.editElement(c, journeys.ElementStage, journeys.OpPatch)
}

// deleteStage godoc
//
//	@Summary		Delete a stage
//	@Description	Deleting a stage that steps are in is refused unless `cascade=true`, which also deletes those steps and their hand-overs.
//	@Tags			journey elements
//	@Param			projectId	path	string	true	"Project id"
//	@Param			journeyId	path	string	true	"Journey id"
//	@Param			elementId	path	string	true	"The stage's id"
//	@Param			cascade		query	bool	false	"Also remove what would point at nothing"
//	@Param			If-Match	header	string	true	"ETag of the journey version this edit applies to"
//	@Success		204
//	@Header			204	{string}	ETag	"The journey's new version"
//	@Failure		400	{object}	Problem	"The journey would be invalid; the violations say why"
//	@Failure		404	{object}	Problem
//	@Failure		412	{object}	Problem
//	@Router			/api/v1/projects/{projectId}/journeys/{journeyId}/stages/{elementId} [delete]
func (s *server) deleteStage(c *gin.Context) error {
	return s.editElement(c, journeys.ElementStage, journeys.OpDelete)
}

// addStep godoc
//
//	@Summary		Add a step to a journey
//	@Description	Responds with the journey's new ETag. Refused with 409 if the journey already has a step with this id.
//	@Tags			journey elements
//	@Accept			json
//	@Produce		json
//	@Param			projectId	path		string			true	"Project id"
//	@Param			journeyId	path		string			true	"Journey id"
//	@Param			If-Match	header		string			true	"ETag of the journey version this edit applies to"
//	@Param			step		body		journeys.Step	true	"The new step"
//	@Success		201			{object}	journeys.Step
//	@Header			201			{string}	ETag	"The journey's new version"
//	@Failure		400			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Failure		409			{object}	Problem
//	@Failure		412			{object}	Problem
//	@Failure		422			{object}	Problem	"The journey would be larger than this server's limits"
//	@Router			/api/v1/projects/{projectId}/journeys/{journeyId}/steps [post]
func (s *server) addStep(c *gin.Context) error {
	return s.editElement(c, journeys.ElementStep, journeys.OpAdd)
}

// patchStep godoc
//
//	@Summary		Change a step
//	@Description	The body is a JSON merge patch (RFC 7396): fields it names are replaced, null clears a field (null means not known), absent fields stay. The id cannot change.
//	@Tags			journey elements
//	@Accept			json
//	@Produce		json
//	@Param			projectId	path		string			true	"Project id"
//	@Param			journeyId	path		string			true	"Journey id"
//	@Param			elementId	path		string			true	"The step's id"
//	@Param			If-Match	header		string			true	"ETag of the journey version this edit applies to"
//	@Param			patch		body		journeys.Step	true	"Any subset of the step's fields"
//	@Success		200			{object}	journeys.Step
//	@Header			200			{string}	ETag	"The journey's new version"
//	@Failure		400			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Failure		412			{object}	Problem
//	@Router			/api/v1/projects/{projectId}/journeys/{journeyId}/steps/{elementId} [patch]
func (s *server) patchStep(c *gin.Context) error {
	return s.editElement(c, journeys.ElementStep, journeys.OpPatch)
}

// deleteStep godoc
//
//	@Summary		Delete a step
//	@Description	Deleting a step that hand-overs or insights point at is refused unless `cascade=true`, which also deletes those hand-overs and removes the step from insights' `about`.
//	@Tags			journey elements
//	@Param			projectId	path	string	true	"Project id"
//	@Param			journeyId	path	string	true	"Journey id"
//	@Param			elementId	path	string	true	"The step's id"
//	@Param			cascade		query	bool	false	"Also remove what would point at nothing"
//	@Param			If-Match	header	string	true	"ETag of the journey version this edit applies to"
//	@Success		204
//	@Header			204	{string}	ETag	"The journey's new version"
//	@Failure		400	{object}	Problem	"The journey would be invalid; the violations say why"
//	@Failure		404	{object}	Problem
//	@Failure		412	{object}	Problem
//	@Router			/api/v1/projects/{projectId}/journeys/{journeyId}/steps/{elementId} [delete]
func (s *server) deleteStep(c *gin.Context) error {
	return s.editElement(c, journeys.ElementStep, journeys.OpDelete)
}

// addHandover godoc
//
//	@Summary		Add a hand-over to a journey
//	@Description	Responds with the journey's new ETag. Refused with 409 if the journey already has a hand-over with this id.
//	@Tags			journey elements
//	@Accept			json
//	@Produce		json
//	@Param			projectId	path		string				true	"Project id"
//	@Param			journeyId	path		string				true	"Journey id"
//	@Param			If-Match	header		string				true	"ETag of the journey version this edit applies to"
//	@Param			handover	body		journeys.Handover	true	"The new hand-over"
//	@Success		201			{object}	journeys.Handover
//	@Header			201			{string}	ETag	"The journey's new version"
//	@Failure		400			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Failure		409			{object}	Problem
//	@Failure		412			{object}	Problem
//	@Failure		422			{object}	Problem	"The journey would be larger than this server's limits"
//	@Router			/api/v1/projects/{projectId}/journeys/{journeyId}/handovers [post]
func (s *server) addHandover(c *gin.Context) error {
	return s.editElement(c, journeys.ElementHandover, journeys.OpAdd)
}

// patchHandover godoc
//
//	@Summary		Change a hand-over
//	@Description	The body is a JSON merge patch (RFC 7396): fields it names are replaced, null clears a field (null means not known), absent fields stay. The id cannot change.
//	@Tags			journey elements
//	@Accept			json
//	@Produce		json
//	@Param			projectId	path		string				true	"Project id"
//	@Param			journeyId	path		string				true	"Journey id"
//	@Param			elementId	path		string				true	"The hand-over's id"
//	@Param			If-Match	header		string				true	"ETag of the journey version this edit applies to"
//	@Param			patch		body		journeys.Handover	true	"Any subset of the hand-over's fields"
//	@Success		200			{object}	journeys.Handover
//	@Header			200			{string}	ETag	"The journey's new version"
//	@Failure		400			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Failure		412			{object}	Problem
//	@Router			/api/v1/projects/{projectId}/journeys/{journeyId}/handovers/{elementId} [patch]
func (s *server) patchHandover(c *gin.Context) error {
	return s.editElement(c, journeys.ElementHandover, journeys.OpPatch)
}

// deleteHandover godoc
//
//	@Summary		Delete a hand-over
//	@Description	Deleting a hand-over that insights point at is refused unless `cascade=true`, which removes it from their `about`.
//	@Tags			journey elements
//	@Param			projectId	path	string	true	"Project id"
//	@Param			journeyId	path	string	true	"Journey id"
//	@Param			elementId	path	string	true	"The hand-over's id"
//	@Param			cascade		query	bool	false	"Also remove what would point at nothing"
//	@Param			If-Match	header	string	true	"ETag of the journey version this edit applies to"
//	@Success		204
//	@Header			204	{string}	ETag	"The journey's new version"
//	@Failure		400	{object}	Problem	"The journey would be invalid; the violations say why"
//	@Failure		404	{object}	Problem
//	@Failure		412	{object}	Problem
//	@Router			/api/v1/projects/{projectId}/journeys/{journeyId}/handovers/{elementId} [delete]
func (s *server) deleteHandover(c *gin.Context) error {
	return s.editElement(c, journeys.ElementHandover, journeys.OpDelete)
}

// addInsight godoc
//
//	@Summary		Add an insight to a journey
//	@Description	Responds with the journey's new ETag. Refused with 409 if the journey already has an insight with this id.
//	@Tags			journey elements
//	@Accept			json
//	@Produce		json
//	@Param			projectId	path		string				true	"Project id"
//	@Param			journeyId	path		string				true	"Journey id"
//	@Param			If-Match	header		string				true	"ETag of the journey version this edit applies to"
//	@Param			insight		body		journeys.Insight	true	"The new insight"
//	@Success		201			{object}	journeys.Insight
//	@Header			201			{string}	ETag	"The journey's new version"
//	@Failure		400			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Failure		409			{object}	Problem
//	@Failure		412			{object}	Problem
//	@Failure		422			{object}	Problem	"The journey would be larger than this server's limits"
//	@Router			/api/v1/projects/{projectId}/journeys/{journeyId}/insights [post]
func (s *server) addInsight(c *gin.Context) error {
	return s.editElement(c, journeys.ElementInsight, journeys.OpAdd)
}

// patchInsight godoc
//
//	@Summary		Change an insight
//	@Description	The body is a JSON merge patch (RFC 7396): fields it names are replaced, null clears a field (null means not known), absent fields stay. The id cannot change.
//	@Tags			journey elements
//	@Accept			json
//	@Produce		json
//	@Param			projectId	path		string				true	"Project id"
//	@Param			journeyId	path		string				true	"Journey id"
//	@Param			elementId	path		string				true	"The insight's id"
//	@Param			If-Match	header		string				true	"ETag of the journey version this edit applies to"
//	@Param			patch		body		journeys.Insight	true	"Any subset of the insight's fields"
//	@Success		200			{object}	journeys.Insight
//	@Header			200			{string}	ETag	"The journey's new version"
//	@Failure		400			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Failure		412			{object}	Problem
//	@Router			/api/v1/projects/{projectId}/journeys/{journeyId}/insights/{elementId} [patch]
func (s *server) patchInsight(c *gin.Context) error {
	return s.editElement(c, journeys.ElementInsight, journeys.OpPatch)
}

// deleteInsight godoc
//
//	@Summary		Delete an insight
//	@Description	Responds with the journey's new ETag.
//	@Tags			journey elements
//	@Param			projectId	path	string	true	"Project id"
//	@Param			journeyId	path	string	true	"Journey id"
//	@Param			elementId	path	string	true	"The insight's id"
//	@Param			cascade		query	bool	false	"Also remove what would point at nothing"
//	@Param			If-Match	header	string	true	"ETag of the journey version this edit applies to"
//	@Success		204
//	@Header			204	{string}	ETag	"The journey's new version"
//	@Failure		400	{object}	Problem	"The journey would be invalid; the violations say why"
//	@Failure		404	{object}	Problem
//	@Failure		412	{object}	Problem
//	@Router			/api/v1/projects/{projectId}/journeys/{journeyId}/insights/{elementId} [delete]
func (s *server) deleteInsight(c *gin.Context) error {
	return s.editElement(c, journeys.ElementInsight, journeys.OpDelete)
}
