package api

import (
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/journeys"
)

// setETag sets the entity tag of a versioned resource: its version, quoted. A stamped
// read (conditional.go) extends it with the project's revision and the representation.
func setETag(c *gin.Context, version int64) {
	c.Header("ETag", `"`+strconv.FormatInt(version, 10)+`"`)
}

// precondition reads If-Match into a store precondition for an update, which must name
// the version it replaces when the resource exists: without If-Match the store answers
// 428. "*" asks for no version check, for clients that mean to overwrite. Only routes
// registered with a versioned rule may call it, so that the OpenAPI document, which marks
// If-Match required on them, says where 428 can come from.
func (s *server) precondition(c *gin.Context) (journeys.Precondition, error) {
	if !s.access[routeKey(c)].ifMatch {
		return journeys.Precondition{}, journeys.Wrap(journeys.Internal, errNoRule(routeKey(c)+" reads If-Match but its rule is not versioned"), "unversioned precondition")
	}
	h := strings.TrimSpace(c.GetHeader("If-Match"))
	switch h {
	case "":
		return journeys.Precondition{Required: true}, nil
	case "*":
		return journeys.Precondition{}, nil
	}
	// A read's ETag is "<version>.<revision>.<hash>" (conditional.go); a write's is the
	// version alone. Either names the version the client read.
	tag, _, _ := strings.Cut(strings.Trim(strings.TrimPrefix(h, "W/"), `"`), ".")
	v, err := strconv.ParseInt(tag, 10, 64)
	if err != nil || v <= 0 {
		return journeys.Precondition{}, journeys.InvalidError("If-Match must hold an ETag this service handed out.",
			[]journeys.Violation{{Parameter: "If-Match", Detail: `Use the ETag header of the last read, e.g. "3".`}})
	}
	return journeys.Precondition{IfVersion: v}, nil
}
