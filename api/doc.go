// Package api is Glapp's HTTP API: gin handlers over a journeys.Store, problem+json errors
// and the OpenAPI document. Handlers are thin: they read the request, call the store or the
// domain, and return an error that problem.go turns into a response.
//
//	@title				Glapp API
//	@version			1.0
//	@description		Glapp maps patient journeys through Swedish health and social care as a graph and finds where people fall between the chairs (faller mellan stolarna). Every error is application/problem+json (RFC 9457) with a stable `code` and, for refused input, `errors[]` with a JSON pointer per violation.
//	@license.name		Proprietary
//	@BasePath			/
//	@accept				json
//	@produce			json
//	@tag.name			projects
//	@tag.description	Projects are the tenant boundary: one mapping effort.
//	@tag.name			actors
//	@tag.description	Organisations and units the person meets, shared by the project's journeys.
//	@tag.name			journeys
//	@tag.description	Journey maps, written and read as whole documents.
//	@tag.name			journey elements
//	@tag.description	Editing one stage, step, hand-over or insight without resending the journey.
//	@tag.name			sources
//	@tag.description	Where evidence comes from. Participants are kept by role and pseudonym only.
//	@tag.name			health
package api
