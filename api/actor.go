package api

import (
	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/journeys"
)

// actorList is a page of actors.
//
//lint:ignore U1000 named in the OpenAPI annotations, which swag reads
type actorList = journeys.List[journeys.Actor]

// listActors godoc
//
//	@Summary	List the project's actors
//	@Tags		actors
//	@Produce	json
//	@Param		projectId	path		string	true	"Project id"
//	@Param		limit		query		int		false	"Page size (1-500, default 50)"
//	@Param		cursor		query		string	false	"The next value of the previous page"
//	@Success	200			{object}	actorList
//	@Failure	400			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Router		/api/v1/projects/{projectId}/actors [get]
func (s *server) listActors(c *gin.Context) error {
	return listEntities(c, s.store.ListActors)
}

// putActor godoc
//
//	@Summary		Create or replace an actor
//	@Description	Idempotent: the same body twice changes nothing. The body's id may be left out; if given it must equal the path's.
//	@Tags			actors
//	@Accept			json
//	@Produce		json
//	@Param			projectId	path		string			true	"Project id"
//	@Param			actorId		path		string			true	"Actor id"
//	@Param			actor		body		journeys.Actor	true	"The actor"
//	@Success		200			{object}	journeys.Actor	"Replaced"
//	@Success		201			{object}	journeys.Actor	"Created"
//	@Failure		400			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Router			/api/v1/projects/{projectId}/actors/{actorId} [put]
func (s *server) putActor(c *gin.Context) error {
	return putEntity(s, c, "actorId", func(a *journeys.Actor) *string { return &a.ID }, s.store.PutActor)
}

// getActor godoc
//
//	@Summary	Get an actor
//	@Tags		actors
//	@Produce	json
//	@Param		projectId	path		string	true	"Project id"
//	@Param		actorId		path		string	true	"Actor id"
//	@Success	200			{object}	journeys.Actor
//	@Failure	404			{object}	Problem
//	@Router		/api/v1/projects/{projectId}/actors/{actorId} [get]
func (s *server) getActor(c *gin.Context) error {
	return getEntity(c, "actorId", s.store.GetActor)
}

// deleteActor godoc
//
//	@Summary		Delete an actor
//	@Description	Refused with 409 while a journey of the project references the actor.
//	@Tags			actors
//	@Param			projectId	path	string	true	"Project id"
//	@Param			actorId		path	string	true	"Actor id"
//	@Success		204
//	@Failure		404	{object}	Problem
//	@Failure		409	{object}	Problem
//	@Router			/api/v1/projects/{projectId}/actors/{actorId} [delete]
func (s *server) deleteActor(c *gin.Context) error {
	return deleteEntity(c, "actorId", s.store.DeleteActor)
}
