package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/journeys"
)

// healthStatus is the body of the health endpoints.
type healthStatus struct {
	Status string `json:"status" example:"ok"`
}

// healthz godoc
//
//	@Summary		Liveness
//	@Description	Answers 200 while the process is alive. It does not touch the store.
//	@Tags			health
//	@Produce		json
//	@Success		200	{object}	healthStatus
//	@Router			/healthz [get]
func (s *server) healthz(c *gin.Context) error {
	return respond(c, http.StatusOK, healthStatus{Status: "ok"})
}

// readyz godoc
//
//	@Summary		Readiness
//	@Description	Answers 200 when the store can be reached and reports no damage, 503 otherwise.
//	@Tags			health
//	@Produce		json
//	@Success		200	{object}	healthStatus
//	@Failure		503	{object}	Problem
//	@Router			/readyz [get]
func (s *server) readyz(c *gin.Context) error {
	if err := s.store.Ping(c.Request.Context()); err != nil {
		if journeys.ErrorCode(err) == journeys.Internal {
			// Ping's contract: an INTERNAL error is damage the store found in its data.
			return journeys.Wrap(journeys.Unavailable, err, "The store reports damage to its data; see the server log and run glapp check.")
		}
		return journeys.Wrap(journeys.Unavailable, err, "The store cannot be reached.")
	}
	return respond(c, http.StatusOK, healthStatus{Status: "ready"})
}
