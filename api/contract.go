package api

import (
	"reflect"
	"runtime"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/journeys"
)

// Route is one route of the HTTP surface as the OpenAPI generator sees it: read from the
// same registrations that serve requests (routes.go), so that the document's security,
// error responses and operation ids cannot drift from what the server does.
type Route struct {
	// Method and Path as gin registers them (path parameters as ":id").
	Method, Path string
	// Operation is the handler's name, used as the operationId ("putJourney").
	Operation string
	// Page routes serve browser pages (Swagger UI, the web UI), not the API; they are
	// left out of the OpenAPI document.
	Page bool
	// Open routes take no token; Signed routes take none either but check a signature.
	Open, Signed bool
	// Permission is what the token's role must allow; empty when any valid token will do.
	Permission journeys.Permission
	// Project routes lie inside a project the token must hold (else 404).
	Project bool
	// IfMatch routes answer 428 when If-Match is missing and the resource exists.
	IfMatch bool
	// Idempotent routes honour an Idempotency-Key header (and answer 409 on its misuse).
	Idempotent bool
	// Conditional routes are stamped reads (conditional.go): an ETag on every answer,
	// 304 to If-None-Match, and compression by Accept-Encoding.
	Conditional bool
}

// Routes lists every route of the HTTP surface, in registration order.
func Routes() []Route {
	s := &server{access: map[string]rule{}}
	s.routes(gin.New())
	return s.list
}

// record keeps the registration of a route for Routes.
func (s *server) record(method, full string, r rule, op string, page bool, middleware []gin.HandlerFunc) {
	rt := Route{
		Method: method, Path: full, Operation: op, Page: page,
		Open: r.open, Signed: r.signed, Permission: r.perm, Project: r.project, IfMatch: r.ifMatch,
	}
	for _, m := range middleware {
		switch funcName(m) {
		case "idempotent":
			rt.Idempotent = true
		case "stamped":
			rt.Conditional = true
		}
	}
	s.list = append(s.list, rt)
}

// funcName is the name of a function or method value without its package and receiver.
func funcName(f any) string {
	name := runtime.FuncForPC(reflect.ValueOf(f).Pointer()).Name()
	name = strings.TrimSuffix(name, "-fm")
	return name[strings.LastIndex(name, ".")+1:]
}
