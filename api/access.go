package api

import (
	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/journeys"
)

// rule is who may use a route: open to anyone, or a permission, and whether the route
// lies inside a project (whose id is the projectId path parameter).
type rule struct {
	open    bool
	perm    journeys.Permission
	project bool
	// signed routes check a signature instead of a token.
	signed bool
	// ifMatch routes update a versioned resource: without If-Match they answer 428 when
	// it exists (see precondition). The OpenAPI document marks If-Match required on them.
	ifMatch bool
}

// versioned is r on a route that reads If-Match.
func (r rule) versioned() rule {
	r.ifMatch = true
	return r
}

var (
	open     = rule{open: true}
	read     = rule{perm: journeys.PermRead, project: true}
	write    = rule{perm: journeys.PermWrite, project: true}
	triage   = rule{perm: journeys.PermTriage, project: true}
	importer = rule{perm: journeys.PermImport, project: true}
	// signed routes take no token: the request carries its own signature, checked by the
	// handler (webhooks).
	signed       = rule{open: true, signed: true}
	projectAdmin = rule{perm: journeys.PermAdmin, project: true}
	// readAny is a route outside projects any valid token may read.
	readAny = rule{}
	admin   = rule{perm: journeys.PermAdmin}
	// scrape is /metrics: the admin's, or a metrics token's.
	scrape = rule{perm: journeys.PermMetrics}
)

// routeKey names the route a request matched, as the access table keys it.
func routeKey(c *gin.Context) string { return c.Request.Method + " " + c.FullPath() }

// authorize enforces the route's access rule. A project the token does not hold answers
// exactly as a project that does not exist, so a token cannot learn which projects exist;
// within a project it holds, a role without the permission gets 403. A route without a
// rule is refused: access must be decided, never defaulted.
func (s *server) authorize() gin.HandlerFunc {
	return func(c *gin.Context) {
		if c.FullPath() == "" { // no route matched: the 404 and 405 handlers answer
			c.Next()
			return
		}
		r, ok := s.access[routeKey(c)]
		switch {
		case !ok:
			writeProblem(c, journeys.Wrap(journeys.Internal, errNoRule(routeKey(c)), "no access rule"))
			return
		case r.open:
			c.Next()
			return
		}
		p := principalOf(c)
		if r.project && !p.Holds(c.Param("projectId")) {
			writeProblem(c, journeys.ProjectNotFound(c.Param("projectId")))
			return
		}
		if r.perm != "" && !p.Role.Can(r.perm) {
			writeProblem(c, journeys.Errorf(journeys.Forbidden, "A token with the role %q may not do this.", p.Role))
			return
		}
		c.Next()
	}
}

type errNoRule string

func (e errNoRule) Error() string { return "route has no access rule: " + string(e) }
