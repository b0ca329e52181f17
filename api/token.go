package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/journeys"
)

// createTokenRequest is the body of POST /tokens.
type createTokenRequest struct {
	Name string        `json:"name" validate:"required" example:"Analytiker, region Väst"`
	Role journeys.Role `json:"role" validate:"required"`
	// Projects are the projects the token holds; required for every role but admin.
	Projects  []string   `json:"projects,omitempty" example:"demo"`
	ExpiresAt *time.Time `json:"expiresAt,omitempty"`
}

// createdToken is a new token with its secret, which is shown this once and never again.
type createdToken struct {
	journeys.Token
	Secret string `json:"secret" example:"glapp_1d2b4a69788796a5b4c3d2e1f03f5e0c"`
}

// tokenList is a page of tokens, without secrets.
//
//lint:ignore U1000 named in the OpenAPI annotations, which swag reads
type tokenList = journeys.List[journeys.Token]

// createToken godoc
//
//	@Summary		Create a token
//	@Description	Admin only. Answers with the secret, once: only its hash is stored. Roles: `admin` (everything), `lead` (read and write its projects), `analyst` (read its projects and triage findings), `integration` (imports and webhooks into its projects), `metrics` (only `GET /metrics`, for a Prometheus scraper; holds no project).
//	@Tags			tokens
//	@Accept			json
//	@Produce		json
//	@Security		BearerToken
//	@Param			token	body		createTokenRequest	true	"The new token"
//	@Success		201		{object}	createdToken
//	@Failure		400		{object}	Problem
//	@Failure		401		{object}	Problem
//	@Failure		403		{object}	Problem
//	@Router			/api/v1/tokens [post]
func (s *server) createToken(c *gin.Context) error {
	var req createTokenRequest
	if err := s.readJSON(c, &req); err != nil {
		return err
	}
	t := &journeys.Token{Name: req.Name, Role: req.Role, Projects: req.Projects, ExpiresAt: req.ExpiresAt}
	if v := t.Validate(s.now()); len(v) > 0 {
		return journeys.InvalidError("The token is not valid; nothing was stored.", v)
	}
	id, secret, hash, err := journeys.NewTokenSecret()
	if err != nil {
		return err
	}
	t.ID, t.Hash = id, hash
	stored, err := s.store.CreateToken(c.Request.Context(), t)
	if err != nil {
		return err
	}
	c.Header("Cache-Control", "no-store")
	c.Header("Location", "/api/v1/tokens/"+stored.ID)
	return respond(c, http.StatusCreated, createdToken{Token: *stored, Secret: secret})
}

// listTokens godoc
//
//	@Summary		List tokens
//	@Description	Admin only. Secrets are never shown.
//	@Tags			tokens
//	@Produce		json
//	@Security		BearerToken
//	@Param			limit	query		int		false	"Page size (1-500, default 50)"
//	@Param			cursor	query		string	false	"The next value of the previous page"
//	@Success		200		{object}	tokenList
//	@Failure		401		{object}	Problem
//	@Failure		403		{object}	Problem
//	@Router			/api/v1/tokens [get]
func (s *server) listTokens(c *gin.Context) error {
	var q pageQuery
	if err := bindQuery(c, &q); err != nil {
		return err
	}
	l, err := s.store.ListTokens(c.Request.Context(), q.page())
	if err != nil {
		return err
	}
	return respond(c, http.StatusOK, l)
}

// deleteToken godoc
//
//	@Summary		Revoke a token
//	@Description	Admin only. The token stops working at once.
//	@Tags			tokens
//	@Security		BearerToken
//	@Param			tokenId	path	string	true	"Token id"
//	@Success		204
//	@Failure		401	{object}	Problem
//	@Failure		403	{object}	Problem
//	@Failure		404	{object}	Problem
//	@Router			/api/v1/tokens/{tokenId} [delete]
func (s *server) deleteToken(c *gin.Context) error {
	if err := s.store.DeleteToken(c.Request.Context(), c.Param("tokenId")); err != nil {
		return err
	}
	c.Status(http.StatusNoContent)
	return nil
}
