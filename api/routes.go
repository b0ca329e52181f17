package api

import (
	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/journeys"
)

// routes registers the whole HTTP surface, so that it can be read in one place.
func (s *server) routes(r *gin.Engine) {
	r.NoRoute(handle(func(c *gin.Context) error {
		return journeys.Errorf(journeys.NotFound, "There is nothing at %s.", c.Request.URL.Path)
	}))
	r.NoMethod(handle(func(c *gin.Context) error {
		return journeys.Errorf(codeMethodNotAllowed, "%s is not allowed on %s.", c.Request.Method, c.Request.URL.Path)
	}))

	r.GET("/healthz", handle(s.healthz))
	r.GET("/readyz", handle(s.readyz))
	r.GET("/openapi.json", handle(s.openAPI))
	r.GET("/docs", redirectToDocs)
	r.GET("/docs/*any", swaggerUI())

	v1 := r.Group("/api/v1")
	v1.GET("/rules", handle(s.listRules))

	v1.POST("/projects", handle(s.createProject))
	v1.GET("/projects", handle(s.listProjects))
	v1.GET("/projects/:projectId", handle(s.getProject))
	v1.PATCH("/projects/:projectId", handle(s.patchProject))
	v1.DELETE("/projects/:projectId", handle(s.deleteProject))

	p := v1.Group("/projects/:projectId")

	p.GET("/actors", handle(s.listActors))
	p.PUT("/actors/:actorId", handle(s.putActor))
	p.GET("/actors/:actorId", handle(s.getActor))
	p.DELETE("/actors/:actorId", handle(s.deleteActor))

	p.GET("/sources", handle(s.listSources))
	p.PUT("/sources/:sourceId", handle(s.putSource))
	p.GET("/sources/:sourceId", handle(s.getSource))
	p.DELETE("/sources/:sourceId", handle(s.deleteSource))

	p.GET("/journeys", handle(s.listJourneys))
	p.PUT("/journeys/:journeyId", handle(s.putJourney))
	p.GET("/journeys/:journeyId", handle(s.getJourney))
	p.DELETE("/journeys/:journeyId", handle(s.deleteJourney))

	p.GET("/gaps", handle(s.projectGaps))
	p.GET("/settings", handle(s.getSettings))
	p.PUT("/settings", handle(s.putSettings))
	p.GET("/findings", handle(s.listTriage))
	p.PUT("/findings/:fingerprint", handle(s.putTriage))
	p.GET("/findings/:fingerprint", handle(s.getTriage))
	p.DELETE("/findings/:fingerprint", handle(s.deleteTriage))

	j := p.Group("/journeys/:journeyId")
	j.GET("/gaps", handle(s.journeyGaps))
	j.POST("/stages", handle(s.addStage))
	j.PATCH("/stages/:elementId", handle(s.patchStage))
	j.DELETE("/stages/:elementId", handle(s.deleteStage))
	j.POST("/steps", handle(s.addStep))
	j.PATCH("/steps/:elementId", handle(s.patchStep))
	j.DELETE("/steps/:elementId", handle(s.deleteStep))
	j.POST("/handovers", handle(s.addHandover))
	j.PATCH("/handovers/:elementId", handle(s.patchHandover))
	j.DELETE("/handovers/:elementId", handle(s.deleteHandover))
	j.POST("/insights", handle(s.addInsight))
	j.PATCH("/insights/:elementId", handle(s.patchInsight))
	j.DELETE("/insights/:elementId", handle(s.deleteInsight))
}
