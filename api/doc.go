// Package api is Glapp's HTTP API: gin handlers over a journeys.Store, access control,
// problem+json errors and the OpenAPI document. Handlers are thin: they read the request,
// call the store or the domain, and return an error that problem.go turns into a response.
//
//	@title						Glapp API
//	@version					1.0
//	@description				Glapp maps patient journeys through Swedish health and social care as a graph and finds where people fall between the chairs (faller mellan stolarna). Every error is application/problem+json (RFC 9457) with a stable `code` and, for refused input, `errors[]` with a JSON pointer per violation.
//	@license.name				Proprietary
//	@BasePath					/
//	@accept						json
//	@produce					json
//	@tag.name					projects
//	@tag.description			Projects are the tenant boundary: one mapping effort.
//	@tag.name					actors
//	@tag.description			Organisations and units the person meets, shared by the project's journeys.
//	@tag.name					journeys
//	@tag.description			Journey maps, written and read as whole documents.
//	@tag.name					journey elements
//	@tag.description			Editing one stage, step, hand-over or insight without resending the journey.
//	@tag.name					sources
//	@tag.description			Where evidence comes from. Participants are kept by role and pseudonym only.
//	@tag.name					gaps
//	@tag.description			Explainable gap reports, the project's thresholds, and triage of findings.
//	@tag.name					tokens
//	@tag.description			Bearer tokens with a role and the projects they hold. Admin only.
//	@tag.name					audit
//	@tag.description			Who wrote what, when, with what outcome. Ids only, never evidence text.
//	@tag.name					evidence
//	@tag.description			Evidence imported from research tools (REFI-QDA, CSV, Dovetail, Markdown, JSONL), with personal data replaced by markers.
//	@tag.name					webhooks
//	@tag.description			Note tools push evidence, signed as Standard Webhooks 1.0 specifies.
//	@tag.name					operations
//	@tag.description			Keeping the service: online backups of the store. Admin only.
//	@tag.name					health
//	@tag.description			Open: no token needed.
//	@security					BearerToken
//
//	The security definition comes last: swag reads every line after it as part of it.
//
//	@securityDefinitions.apikey	BearerToken
//	@in							header
//	@name						Authorization
//	@description				"Bearer glapp_…". Every route but /healthz, /readyz, /docs and /openapi.json needs a token.
package api
