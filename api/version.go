package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/internal/buildinfo"
)

// versionInfo is the body of GET /api/v1/version: what "glapp version" prints.
//
//lint:ignore U1000 named in the OpenAPI annotations, which swag reads
type versionInfo = buildinfo.Info

// getVersion godoc
//
//	@Summary		Version
//	@Description	The module version, VCS revision and commit time the server was built from, as `glapp version` prints them; `(devel)` for what the build did not record. Open, like /healthz.
//	@Tags			health
//	@Produce		json
//	@Success		200	{object}	versionInfo
//	@Router			/api/v1/version [get]
func (s *server) getVersion(c *gin.Context) error {
	return respond(c, http.StatusOK, buildinfo.Read())
}
