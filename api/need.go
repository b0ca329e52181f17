package api

import (
	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/journeys"
)

// needList is a page of needs.
//
//lint:ignore U1000 named in the OpenAPI annotations, which swag reads
type needList = journeys.List[journeys.Need]

// listNeeds godoc
//
//	@Summary	List the project's needs
//	@Tags		offering
//	@Produce	json
//	@Param		projectId	path		string	true	"Project id"
//	@Param		limit		query		int		false	"Page size (1-500, default 50)"
//	@Param		cursor		query		string	false	"The next value of the previous page"
//	@Success	200			{object}	needList
//	@Failure	400			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Router		/api/v1/projects/{projectId}/needs [get]
func (s *server) listNeeds(c *gin.Context) error {
	return listEntities(c, s.store.ListNeeds)
}

// putNeed godoc
//
//	@Summary		Create or replace a need
//	@Description	What people of a target group need, at which level. Idempotent: the same body twice changes nothing. The body's id may be left out; if given it must equal the path's.
//	@Tags			offering
//	@Accept			json
//	@Produce		json
//	@Param			projectId	path		string			true	"Project id"
//	@Param			needId		path		string			true	"Need id"
//	@Param			need		body		journeys.Need	true	"The need"
//	@Success		200			{object}	journeys.Need	"Replaced"
//	@Success		201			{object}	journeys.Need	"Created"
//	@Failure		400			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Router			/api/v1/projects/{projectId}/needs/{needId} [put]
func (s *server) putNeed(c *gin.Context) error {
	return putEntity(s, c, "needId", func(n *journeys.Need) *string { return &n.ID }, s.store.PutNeed)
}

// getNeed godoc
//
//	@Summary	Get a need
//	@Tags		offering
//	@Produce	json
//	@Param		projectId	path		string	true	"Project id"
//	@Param		needId		path		string	true	"Need id"
//	@Success	200			{object}	journeys.Need
//	@Failure	404			{object}	Problem
//	@Router		/api/v1/projects/{projectId}/needs/{needId} [get]
func (s *server) getNeed(c *gin.Context) error {
	return getEntity(c, "needId", s.store.GetNeed)
}

// deleteNeed godoc
//
//	@Summary		Delete a need
//	@Description	Refused with CONFLICT, naming the journeys, while insights point at it.
//	@Tags			offering
//	@Param			projectId	path	string	true	"Project id"
//	@Param			needId		path	string	true	"Need id"
//	@Success		204
//	@Failure		404	{object}	Problem
//	@Failure		409	{object}	Problem
//	@Router			/api/v1/projects/{projectId}/needs/{needId} [delete]
func (s *server) deleteNeed(c *gin.Context) error {
	return deleteEntity(c, "needId", s.store.DeleteNeed)
}
