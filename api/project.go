package api

import (
	"encoding/json"
	"net/http"
	"reflect"
	"slices"

	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/journeys"
)

// createProjectRequest is the body of POST /projects. Only these fields can be set.
type createProjectRequest struct {
	ID          string `json:"id" binding:"required" example:"samordning-vast"`
	Name        string `json:"name" binding:"required" example:"Samordnad vård och omsorg, region Väst"`
	Description string `json:"description,omitempty"`
}

// patchProjectRequest is a JSON merge patch (RFC 7396) for a project: absent fields stay,
// and a null description clears it.
type patchProjectRequest struct {
	Name        string `json:"name,omitempty"`
	Description string `json:"description,omitempty"`
}

// projectList is a page of projects.
type projectList = journeys.List[journeys.Project]

// createProject godoc
//
//	@Summary	Create a project
//	@Tags		projects
//	@Accept		json
//	@Produce	json
//	@Param		project	body		createProjectRequest	true	"The new project"
//	@Success	201		{object}	journeys.Project
//	@Failure	400		{object}	Problem
//	@Failure	409		{object}	Problem	"A project with this id exists."
//	@Router		/api/v1/projects [post]
func (s *server) createProject(c *gin.Context) error {
	var req createProjectRequest
	if err := s.readJSON(c, &req); err != nil {
		return err
	}
	p, err := s.store.CreateProject(c.Request.Context(), &journeys.Project{ID: req.ID, Name: req.Name, Description: req.Description})
	if err != nil {
		return err
	}
	c.Header("Location", "/api/v1/projects/"+p.ID)
	return respond(c, http.StatusCreated, p)
}

// listProjects godoc
//
//	@Summary	List projects
//	@Tags		projects
//	@Produce	json
//	@Param		limit	query		int		false	"Page size (1-500, default 50)"
//	@Param		cursor	query		string	false	"The next value of the previous page"
//	@Success	200		{object}	projectList
//	@Failure	400		{object}	Problem
//	@Router		/api/v1/projects [get]
func (s *server) listProjects(c *gin.Context) error {
	var q pageQuery
	if err := bindQuery(c, &q); err != nil {
		return err
	}
	p := principalOf(c)
	if p.Role == journeys.RoleAdmin {
		list, err := s.store.ListProjects(c.Request.Context(), q.page())
		if err != nil {
			return err
		}
		return respond(c, http.StatusOK, list)
	}
	list, err := s.heldProjects(c, p, q.page())
	if err != nil {
		return err
	}
	return respond(c, http.StatusOK, list)
}

// heldProjects pages through the projects a non-admin token holds, which are few, so
// that a token never lists a project it may not see.
func (s *server) heldProjects(c *gin.Context, p journeys.Principal, page journeys.Page) (*projectList, error) {
	after, err := page.After()
	if err != nil {
		return nil, err
	}
	ids := slices.Sorted(slices.Values(p.Projects))
	out := &projectList{Items: []journeys.Project{}}
	for _, id := range ids {
		if id <= after {
			continue
		}
		if len(out.Items) == page.Size() {
			out.Next = journeys.CursorAfter(out.Items[len(out.Items)-1].ID)
			break
		}
		proj, err := s.store.GetProject(c.Request.Context(), id)
		if journeys.ErrorCode(err) == journeys.NotFound {
			continue
		}
		if err != nil {
			return nil, err
		}
		out.Items = append(out.Items, *proj)
	}
	return out, nil
}

// getProject godoc
//
//	@Summary	Get a project
//	@Tags		projects
//	@Produce	json
//	@Param		projectId	path		string	true	"Project id"
//	@Success	200			{object}	journeys.Project
//	@Failure	404			{object}	Problem
//	@Router		/api/v1/projects/{projectId} [get]
func (s *server) getProject(c *gin.Context) error {
	p, err := s.store.GetProject(c.Request.Context(), c.Param("projectId"))
	if err != nil {
		return err
	}
	return respond(c, http.StatusOK, p)
}

// patchProject godoc
//
//	@Summary	Change a project's name or description
//	@Tags		projects
//	@Accept		json
//	@Produce	json
//	@Param		projectId	path		string				true	"Project id"
//	@Param		patch		body		patchProjectRequest	true	"JSON merge patch"
//	@Success	200			{object}	journeys.Project
//	@Failure	400			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Router		/api/v1/projects/{projectId} [patch]
func (s *server) patchProject(c *gin.Context) error {
	patch, err := s.readBody(c)
	if err != nil {
		return err
	}
	p, err := s.store.UpdateProject(c.Request.Context(), c.Param("projectId"), func(p *journeys.Project) error {
		req := patchProjectRequest{Name: p.Name, Description: p.Description}
		if err := applyMergePatch(c, &req, patch); err != nil {
			return err
		}
		p.Name, p.Description = req.Name, req.Description
		if v := p.Validate(); len(v) > 0 {
			return journeys.InvalidError("The project is not valid; nothing was changed.", v)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return respond(c, http.StatusOK, p)
}

// applyMergePatch applies an RFC 7396 merge patch to v through its JSON form, refusing
// fields v does not have, and redacts the result (redactBody).
func applyMergePatch(c *gin.Context, v any, patch []byte) error {
	orig, err := json.Marshal(v)
	if err != nil {
		return err
	}
	merged, err := journeys.MergePatch(orig, patch)
	if err != nil {
		return err
	}
	// Decode into a zeroed value: a member the patch removed must not keep its old value.
	reflect.ValueOf(v).Elem().SetZero()
	if err := journeys.DecodeStrict(merged, v); err != nil {
		return err
	}
	redactBody(c, v)
	return nil
}

// deleteProject godoc
//
//	@Summary		Delete a project and everything in it
//	@Description	Removes the project's actors, journeys, insights and sources. It cannot be undone.
//	@Tags			projects
//	@Param			projectId	path	string	true	"Project id"
//	@Success		204
//	@Failure		404	{object}	Problem
//	@Router			/api/v1/projects/{projectId} [delete]
func (s *server) deleteProject(c *gin.Context) error {
	if err := s.store.DeleteProject(c.Request.Context(), c.Param("projectId")); err != nil {
		return err
	}
	c.Status(http.StatusNoContent)
	return nil
}
