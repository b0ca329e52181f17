package api

import (
	"crypto/subtle"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/journeys"
)

// envAdminTokenID is the principal of GLAPP_ADMIN_TOKEN in the audit log. It is never
// stored: the secret is compared with the configured one.
const envAdminTokenID = "env-admin"

// authenticate turns the bearer token into the request's principal. Open routes pass
// without one; every other route answers 401 without a valid, unexpired token.
func (s *server) authenticate() gin.HandlerFunc {
	return func(c *gin.Context) {
		if rule, ok := s.access[routeKey(c)]; ok && rule.open {
			c.Next()
			return
		}
		p, err := s.principal(c)
		if err != nil {
			c.Header("WWW-Authenticate", `Bearer realm="glapp"`)
			writeProblem(c, err)
			return
		}
		c.Request = c.Request.WithContext(journeys.WithPrincipal(c.Request.Context(), p))
		c.Set(principalKey, p)
		c.Next()
	}
}

const principalKey = "glapp.principal"

// principalOf returns the principal authenticate stored on the request.
func principalOf(c *gin.Context) journeys.Principal {
	if p, ok := c.Get(principalKey); ok {
		return p.(journeys.Principal)
	}
	return journeys.Principal{}
}

func (s *server) principal(c *gin.Context) (journeys.Principal, error) {
	secret, ok := strings.CutPrefix(c.GetHeader("Authorization"), "Bearer ")
	secret = strings.TrimSpace(secret)
	if !ok || secret == "" {
		return journeys.Principal{}, journeys.Errorf(journeys.Unauthorized, "Send a token: \"Authorization: Bearer <token>\".")
	}
	hash := journeys.HashSecret(secret)
	if s.adminHash != "" && subtle.ConstantTimeCompare([]byte(hash), []byte(s.adminHash)) == 1 {
		return journeys.Principal{TokenID: envAdminTokenID, Role: journeys.RoleAdmin}, nil
	}
	t, err := s.store.TokenByHash(c.Request.Context(), hash)
	switch {
	case journeys.ErrorCode(err) == journeys.NotFound:
		return journeys.Principal{}, journeys.Errorf(journeys.Unauthorized, "The token is not valid: unknown or revoked.")
	case err != nil:
		return journeys.Principal{}, err
	case t.Expired(s.now()):
		return journeys.Principal{}, journeys.Errorf(journeys.Unauthorized, "The token has expired.")
	}
	return journeys.Principal{TokenID: t.ID, Role: t.Role, Projects: t.Projects}, nil
}
