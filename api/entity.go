package api

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/journeys"
)

// Generic bodies for the project-scoped entities that are written whole with PUT (actors,
// sources): each endpoint keeps its own function for its OpenAPI annotation and calls one
// of these.

func putEntity[T any](s *server, c *gin.Context, param string, id func(*T) *string,
	put func(ctx context.Context, projectID string, v *T) (*T, bool, error)) error {
	var v T
	if err := s.readJSON(c, &v); err != nil {
		return err
	}
	if err := idFromPath(id(&v), c.Param(param)); err != nil {
		return err
	}
	stored, created, err := put(c.Request.Context(), c.Param("projectId"), &v)
	if err != nil {
		return err
	}
	return respond(c, createdOrOK(created), stored)
}

func getEntity[T any](c *gin.Context, param string, get func(ctx context.Context, projectID, id string) (*T, error)) error {
	v, err := get(c.Request.Context(), c.Param("projectId"), c.Param(param))
	if err != nil {
		return err
	}
	return respond(c, http.StatusOK, v)
}

func listEntities[T any](c *gin.Context, list func(ctx context.Context, projectID string, p journeys.Page) (*journeys.List[T], error)) error {
	var q pageQuery
	if err := bindQuery(c, &q); err != nil {
		return err
	}
	l, err := list(c.Request.Context(), c.Param("projectId"), q.page())
	if err != nil {
		return err
	}
	return respond(c, http.StatusOK, l)
}

func deleteEntity(c *gin.Context, param string, del func(ctx context.Context, projectID, id string) error) error {
	if err := del(c.Request.Context(), c.Param("projectId"), c.Param(param)); err != nil {
		return err
	}
	c.Status(http.StatusNoContent)
	return nil
}

// idFromPath fills an entity's id from the URL when the body left it out, and refuses a
// body whose id names a different entity than the URL.
func idFromPath(id *string, fromPath string) error {
	switch *id {
	case "":
		*id = fromPath
	case fromPath:
	default:
		return journeys.InvalidError("The id in the body differs from the id in the URL.",
			[]journeys.Violation{{Pointer: "/id", Detail: "Must be " + fromPath + " or left out."}})
	}
	return nil
}

// createdOrOK is the status of a PUT: 201 when it created the resource.
func createdOrOK(created bool) int {
	if created {
		return http.StatusCreated
	}
	return http.StatusOK
}
