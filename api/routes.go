package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/ui"
)

// routes registers the whole HTTP surface with each route's access rule, so that it can
// be read in one place and no route exists without a rule.
func (s *server) routes(r *gin.Engine) {
	r.NoRoute(handle(func(c *gin.Context) error {
		return journeys.Errorf(journeys.NotFound, "There is nothing at %s.", redactedText(c.Request.URL.Path))
	}))
	r.NoMethod(handle(func(c *gin.Context) error {
		return journeys.Errorf(codeMethodNotAllowed, "%s is not allowed on %s.", c.Request.Method, redactedText(c.Request.URL.Path))
	}))

	root := &r.RouterGroup
	s.on(root, "GET", "/healthz", open, s.healthz)
	s.on(root, "GET", "/readyz", open, s.readyz)
	s.on(root, "GET", "/openapi.json", open, s.openAPI)
	s.onRaw(root, "GET", "/docs", open, redirectToDocs)
	s.onRaw(root, "GET", "/docs/*any", open, swaggerUI())
	s.onRaw(root, "GET", "/ui", open, func(c *gin.Context) { c.Redirect(http.StatusFound, "/ui/") })
	s.onRaw(root, "GET", "/ui/*filepath", open, gin.WrapH(ui.Handler()))
	// The Prometheus text format, not JSON: like the pages, not in the OpenAPI document.
	s.onRaw(root, "GET", "/metrics", scrape, s.scrapeMetrics)

	v1 := r.Group("/api/v1")
	s.on(v1, "GET", "/version", open, s.getVersion)
	s.on(v1, "GET", "/rules", readAny, s.listRules)
	s.on(v1, "GET", "/whoami", readAny, s.getWhoami)
	s.on(v1, "POST", "/tokens", admin, s.createToken)
	s.on(v1, "GET", "/tokens", admin, s.listTokens)
	s.on(v1, "DELETE", "/tokens/:tokenId", admin, s.deleteToken)
	s.on(v1, "GET", "/audit", admin, s.systemAudit)
	s.on(v1, "GET", "/backup", admin, s.backup)

	s.on(v1, "POST", "/projects", admin, s.createProject, s.idempotent)
	s.on(v1, "GET", "/projects", readAny, s.listProjects)
	s.on(v1, "GET", "/projects/:projectId", read, s.getProject)
	s.on(v1, "PATCH", "/projects/:projectId", write, s.patchProject)
	s.on(v1, "DELETE", "/projects/:projectId", projectAdmin, s.deleteProject)

	p := v1.Group("/projects/:projectId")
	s.on(p, "GET", "/audit", read, s.projectAudit)

	s.on(p, "GET", "/actors", read, s.listActors)
	s.on(p, "PUT", "/actors/:actorId", write, s.putActor)
	s.on(p, "GET", "/actors/:actorId", read, s.getActor)
	s.on(p, "DELETE", "/actors/:actorId", write, s.deleteActor)

	s.on(p, "GET", "/sources", read, s.listSources)
	s.on(p, "PUT", "/sources/:sourceId", write, s.putSource)
	s.on(p, "GET", "/sources/:sourceId", read, s.getSource)
	s.on(p, "DELETE", "/sources/:sourceId", write, s.deleteSource)

	s.on(p, "GET", "/journeys", read, s.listJourneys)
	s.on(p, "PUT", "/journeys/:journeyId", write.versioned(), s.putJourney)
	s.on(p, "GET", "/journeys/:journeyId", read, s.getJourney, s.stamped)
	s.on(p, "DELETE", "/journeys/:journeyId", write.versioned(), s.deleteJourney)
	s.on(p, "GET", "/journey-template", read, s.journeyTemplate)

	s.on(p, "GET", "/gaps", read, s.projectGaps, s.stamped)
	s.on(p, "GET", "/compare", read, s.compareJourneys, s.stamped)
	s.on(p, "GET", "/agenda", read, s.getAgenda, s.stamped)
	s.on(p, "POST", "/baselines", write, s.createBaseline, s.idempotent)
	s.on(p, "GET", "/baselines", read, s.listBaselines)
	s.on(p, "GET", "/baselines/:baselineId", read, s.getBaseline)
	s.on(p, "DELETE", "/baselines/:baselineId", write, s.deleteBaseline)
	s.on(p, "GET", "/baselines/:baselineId/gaps", read, s.baselineGaps, s.stamped)
	s.on(p, "GET", "/baselines/:baselineId/measures", read, s.baselineMeasures)
	s.on(p, "GET", "/settings", read, s.getSettings)
	s.on(p, "PUT", "/settings", write, s.putSettings)
	s.on(p, "GET", "/findings", read, s.listTriage)
	s.on(p, "PUT", "/findings/:fingerprint", triage, s.putTriage)
	s.on(p, "GET", "/findings/:fingerprint", read, s.getTriage)
	s.on(p, "DELETE", "/findings/:fingerprint", triage, s.deleteTriage)

	s.on(p, "GET", "/proposals", read, s.listProposals)
	s.on(p, "PUT", "/proposals/:proposalId", write, s.putProposal)
	s.on(p, "GET", "/proposals/:proposalId", read, s.getProposal)
	s.on(p, "DELETE", "/proposals/:proposalId", write, s.deleteProposal)
	s.on(p, "POST", "/proposals/:proposalId/decisions", write, s.addDecision, s.idempotent)
	s.on(p, "GET", "/proposals/:proposalId/decisions", read, s.listDecisions)
	s.on(p, "GET", "/proposals/:proposalId/tests", read, s.listTests)
	s.on(p, "PUT", "/proposals/:proposalId/tests/:testId", write, s.putTest)
	s.on(p, "GET", "/proposals/:proposalId/tests/:testId", read, s.getTest)
	s.on(p, "DELETE", "/proposals/:proposalId/tests/:testId", write, s.deleteTest)
	s.on(p, "GET", "/effect-chain", read, s.effectChain)
	s.on(p, "GET", "/goals", read, s.listGoals)
	s.on(p, "PUT", "/goals/:goalId", write, s.putGoal)
	s.on(p, "GET", "/goals/:goalId", read, s.getGoal)
	s.on(p, "DELETE", "/goals/:goalId", write, s.deleteGoal)
	s.on(p, "GET", "/measures", read, s.listMeasures)
	s.on(p, "PUT", "/measures/:measureId", write, s.putMeasure)
	s.on(p, "GET", "/measures/:measureId", read, s.getMeasure)
	s.on(p, "DELETE", "/measures/:measureId", write, s.deleteMeasure)
	s.on(p, "POST", "/measures/:measureId/observations", write, s.addObservation, s.idempotent)
	s.on(p, "GET", "/offering", read, s.offeringReport)
	s.on(p, "GET", "/needs", read, s.listNeeds)
	s.on(p, "PUT", "/needs/:needId", write, s.putNeed)
	s.on(p, "GET", "/needs/:needId", read, s.getNeed)
	s.on(p, "DELETE", "/needs/:needId", write, s.deleteNeed)

	s.on(p, "POST", "/imports", importer, s.createImport)
	s.on(p, "GET", "/evidence", read, s.listEvidence)
	s.on(p, "GET", "/evidence/:evidenceId", read, s.getEvidence)
	s.on(p, "PATCH", "/evidence/:evidenceId", triage, s.patchEvidence)
	s.on(p, "DELETE", "/evidence/:evidenceId", write, s.deleteEvidence)
	s.on(p, "GET", "/webhook-endpoints", importer, s.listWebhookEndpoints)
	s.on(p, "PUT", "/webhook-endpoints/:endpointId", importer, s.putWebhookEndpoint)
	s.on(p, "POST", "/webhook-endpoints/:endpointId/rotate", importer, s.rotateWebhookSecret)
	s.on(p, "DELETE", "/webhook-endpoints/:endpointId", importer, s.deleteWebhookEndpoint)
	s.on(p, "POST", "/webhooks/:endpointId", signed, s.receiveWebhook)

	j := p.Group("/journeys/:journeyId")
	s.on(j, "GET", "/gaps", read, s.journeyGaps, s.stamped)
	s.on(j, "GET", "/diagram", read, s.journeyDiagram, s.stamped)
	s.on(j, "GET", "/conformance", read, s.journeyConformance, s.stamped)
	s.on(j, "GET", "/versions", read, s.listJourneyVersions)
	s.on(j, "POST", "/stages", write.versioned(), s.addStage, s.idempotent)
	s.on(j, "PATCH", "/stages/:elementId", write.versioned(), s.patchStage)
	s.on(j, "DELETE", "/stages/:elementId", write.versioned(), s.deleteStage)
	s.on(j, "POST", "/steps", write.versioned(), s.addStep, s.idempotent)
	s.on(j, "PATCH", "/steps/:elementId", write.versioned(), s.patchStep)
	s.on(j, "DELETE", "/steps/:elementId", write.versioned(), s.deleteStep)
	s.on(j, "POST", "/handovers", write.versioned(), s.addHandover, s.idempotent)
	s.on(j, "PATCH", "/handovers/:elementId", write.versioned(), s.patchHandover)
	s.on(j, "DELETE", "/handovers/:elementId", write.versioned(), s.deleteHandover)
	s.on(j, "POST", "/insights", write.versioned(), s.addInsight, s.idempotent)
	s.on(j, "PATCH", "/insights/:elementId", write.versioned(), s.patchInsight)
	s.on(j, "DELETE", "/insights/:elementId", write.versioned(), s.deleteInsight)
}

// on registers a route with its access rule; middleware, if given, runs after access
// control and before the handler. Reads made only from what a project's stamp covers
// take s.stamped (conditional.go): ETags, 304, compression and a cache of answers.
func (s *server) on(g *gin.RouterGroup, method, path string, r rule, h handler, middleware ...gin.HandlerFunc) {
	full := s.register(g, method, path, r, append(middleware, handle(h))...)
	s.record(method, full, r, funcName(h), false, middleware)
}

// onRaw registers a page route whose handlers are gin's own; pages are not part of the
// OpenAPI document.
func (s *server) onRaw(g *gin.RouterGroup, method, path string, r rule, h ...gin.HandlerFunc) {
	full := s.register(g, method, path, r, h...)
	s.record(method, full, r, "", true, nil)
}

// register adds a route and its access rule and returns its full path.
func (s *server) register(g *gin.RouterGroup, method, path string, r rule, h ...gin.HandlerFunc) string {
	full := path
	if base := g.BasePath(); base != "/" {
		full = base + path
	}
	s.access[method+" "+full] = r
	g.Handle(method, path, h...)
	return full
}

// allowedMethods is what CORS preflights may ask for.
var allowedMethods = []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}

// scrapeMetrics serves the server's metrics in the Prometheus text format.
func (s *server) scrapeMetrics(c *gin.Context) { s.metrics.Handler().ServeHTTP(c.Writer, c.Request) }
