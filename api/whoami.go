package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/journeys"
)

// whoami is the token's view of itself, so that a client can show only what it may do.
type whoami struct {
	TokenID     string                `json:"tokenId"`
	Role        journeys.Role         `json:"role"`
	Projects    []string              `json:"projects,omitempty"`
	Permissions []journeys.Permission `json:"permissions"`
}

// getWhoami godoc
//
//	@Summary		Who the token is
//	@Description	The token's id, role, projects (admin tokens hold every project) and permissions, so that a client can offer only what the token may do.
//	@Tags			tokens
//	@Produce		json
//	@Success		200	{object}	whoami
//	@Failure		401	{object}	Problem
//	@Router			/api/v1/whoami [get]
func (s *server) getWhoami(c *gin.Context) error {
	p := principalOf(c)
	out := whoami{TokenID: p.TokenID, Role: p.Role, Projects: p.Projects, Permissions: []journeys.Permission{}}
	for _, perm := range []journeys.Permission{journeys.PermRead, journeys.PermWrite, journeys.PermTriage, journeys.PermImport, journeys.PermAdmin} {
		if p.Role.Can(perm) {
			out.Permissions = append(out.Permissions, perm)
		}
	}
	return respond(c, http.StatusOK, out)
}
