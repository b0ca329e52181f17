package api

import (
	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/journeys"
)

// sourceList is a page of evidence sources.
//
//lint:ignore U1000 named in the OpenAPI annotations, which swag reads
type sourceList = journeys.List[journeys.Source]

// listSources godoc
//
//	@Summary	List the project's sources
//	@Tags		sources
//	@Produce	json
//	@Param		projectId	path		string	true	"Project id"
//	@Param		limit		query		int		false	"Page size (1-500, default 50)"
//	@Param		cursor		query		string	false	"The next value of the previous page"
//	@Success	200			{object}	sourceList
//	@Failure	400			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Router		/api/v1/projects/{projectId}/sources [get]
func (s *server) listSources(c *gin.Context) error {
	return listEntities(c, s.store.ListSources)
}

// putSource godoc
//
//	@Summary		Create or replace a source
//	@Description	Idempotent: the same body twice changes nothing. The body's id may be left out; if given it must equal the path's.
//	@Tags			sources
//	@Accept			json
//	@Produce		json
//	@Param			projectId	path		string			true	"Project id"
//	@Param			sourceId	path		string			true	"Source id"
//	@Param			source		body		journeys.Source	true	"The source"
//	@Success		200			{object}	journeys.Source	"Replaced"
//	@Success		201			{object}	journeys.Source	"Created"
//	@Failure		400			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Router			/api/v1/projects/{projectId}/sources/{sourceId} [put]
func (s *server) putSource(c *gin.Context) error {
	return putEntity(s, c, "sourceId", func(a *journeys.Source) *string { return &a.ID }, s.store.PutSource)
}

// getSource godoc
//
//	@Summary	Get a source
//	@Tags		sources
//	@Produce	json
//	@Param		projectId	path		string	true	"Project id"
//	@Param		sourceId	path		string	true	"Source id"
//	@Success	200			{object}	journeys.Source
//	@Failure	404			{object}	Problem
//	@Router		/api/v1/projects/{projectId}/sources/{sourceId} [get]
func (s *server) getSource(c *gin.Context) error {
	return getEntity(c, "sourceId", s.store.GetSource)
}

// deleteSource godoc
//
//	@Summary		Delete a source
//	@Description	Insights that name the source keep its id.
//	@Tags			sources
//	@Param			projectId	path	string	true	"Project id"
//	@Param			sourceId	path	string	true	"Source id"
//	@Success		204
//	@Failure		404	{object}	Problem
//	@Router			/api/v1/projects/{projectId}/sources/{sourceId} [delete]
func (s *server) deleteSource(c *gin.Context) error {
	return deleteEntity(c, "sourceId", s.store.DeleteSource)
}
