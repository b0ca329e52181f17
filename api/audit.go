package api

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/journeys"
)

// auditQuery filters an audit listing.
type auditQuery struct {
	pageQuery
	Token   string    `form:"token" binding:"omitempty,max=100"`
	Action  string    `form:"action" binding:"omitempty,max=100"`
	Outcome string    `form:"outcome" binding:"omitempty,max=100"`
	Since   time.Time `form:"since" time_format:"2006-01-02T15:04:05Z07:00"`
	Until   time.Time `form:"until" time_format:"2006-01-02T15:04:05Z07:00"`
}

func (q auditQuery) filter() journeys.AuditFilter {
	return journeys.AuditFilter{Token: q.Token, Action: q.Action, Outcome: q.Outcome, Since: q.Since, Until: q.Until}
}

// auditList is a page of audit entries, newest first.
//
//lint:ignore U1000 named in the OpenAPI annotations, which swag reads
type auditList = journeys.List[journeys.AuditEntry]

// projectAudit godoc
//
//	@Summary		The project's audit log
//	@Description	Every write, newest first: who (token id), when, what action on which ids, and the outcome (`ok`, or the error code of a refused write). It holds ids only, never evidence text or personal data.
//	@Tags			audit
//	@Produce		json
//	@Security		BearerToken
//	@Param			projectId	path		string	true	"Project id"
//	@Param			token		query		string	false	"Only this token id"
//	@Param			action		query		string	false	"Only this action, e.g. journey.put"
//	@Param			outcome		query		string	false	"Only this outcome, e.g. ok or FORBIDDEN"
//	@Param			since		query		string	false	"From this time (RFC 3339)"
//	@Param			until		query		string	false	"Before this time (RFC 3339)"
//	@Param			limit		query		int		false	"Page size (1-500, default 50)"
//	@Param			cursor		query		string	false	"The next value of the previous page"
//	@Success		200			{object}	auditList
//	@Failure		400			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Router			/api/v1/projects/{projectId}/audit [get]
func (s *server) projectAudit(c *gin.Context) error {
	return s.listAudit(c, c.Param("projectId"))
}

// systemAudit godoc
//
//	@Summary		The audit log of writes outside projects
//	@Description	Admin only: token creation and revocation.
//	@Tags			audit
//	@Produce		json
//	@Security		BearerToken
//	@Param			token	query		string	false	"Only this token id"
//	@Param			action	query		string	false	"Only this action"
//	@Param			limit	query		int		false	"Page size (1-500, default 50)"
//	@Param			cursor	query		string	false	"The next value of the previous page"
//	@Success		200		{object}	auditList
//	@Router			/api/v1/audit [get]
func (s *server) systemAudit(c *gin.Context) error {
	return s.listAudit(c, journeys.SystemAuditProject)
}

func (s *server) listAudit(c *gin.Context, projectID string) error {
	var q auditQuery
	if err := bindQuery(c, &q); err != nil {
		return err
	}
	l, err := s.store.ListAudit(c.Request.Context(), projectID, q.filter(), q.page())
	if err != nil {
		return err
	}
	return respond(c, http.StatusOK, l)
}

// nouns names, for the audit log, what the last fixed segment of a route writes.
var nouns = map[string]string{
	"projects": "project", "actors": "actor", "sources": "source", "journeys": "journey",
	"stages": "stage", "steps": "step", "handovers": "handover", "insights": "insight",
	"settings": "settings", "findings": "triage", "tokens": "token",
}

// auditAction names a write from its route, as the store names its own actions:
// "<noun>.<verb>" with the path's ids other than the project's as objects. Element edits
// pass it to the store (a PATCH of a step is "step.update" on the journey and the step,
// where the store alone would say "journey.update"), and refused writes are recorded
// under it.
func auditAction(c *gin.Context) (string, []string) {
	var noun string
	for _, seg := range strings.Split(c.FullPath(), "/") {
		if n, ok := nouns[seg]; ok {
			noun = n
		}
	}
	verb := map[string]string{http.MethodPost: "add", http.MethodPut: "put", http.MethodPatch: "update", http.MethodDelete: "delete"}[c.Request.Method]
	if noun == "project" && verb == "add" {
		verb = "create"
	}
	if noun == "token" && verb == "add" {
		verb = "create"
	}
	var objects []string
	for _, p := range c.Params {
		if p.Key != "projectId" {
			objects = append(objects, safeParam(p.Key, p.Value))
		}
	}
	return noun + "." + verb, objects
}

// auditRefusals records writes the service refused (4xx) in the audit log of the project
// they were aimed at, with the error code as the outcome, so the log shows attempts as well
// as changes. Writes to projects the token does not hold are not recorded there: to that
// token the project does not exist; nor are writes to a project id that is not valid, since
// no such project can exist. Other ids that failed validation are recorded as short hashes
// (auditAction), so the log never holds the personal data a refused id may carry.
func (s *server) auditRefusals() gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Next()
		status := c.Writer.Status()
		// A client that hung up (499) was refused nothing: it left.
		if c.Request.Method == http.MethodGet || status < 400 || status >= 500 || status == http.StatusUnauthorized ||
			status == statusClientClosed || c.FullPath() == "" {
			return
		}
		p := principalOf(c)
		project := c.Param("projectId")
		if project == "" {
			project = journeys.SystemAuditProject
		} else if !journeys.ValidID(project) || !p.Holds(project) {
			return
		}
		code := c.GetString(problemCodeKey)
		if code == string(journeys.NotFound) && project != journeys.SystemAuditProject {
			// A write to a project that does not exist has no log to go in; recording it
			// would let a caller open a log for every id it makes up.
			if _, err := s.store.GetProject(context.WithoutCancel(c.Request.Context()), project); err != nil {
				return
			}
		}
		action, objects := auditAction(c)
		ctx := journeys.WithRequestID(journeys.WithPrincipal(context.Background(), p), c.GetString(requestIDHeader))
		e := journeys.NewAuditEntry(ctx, project, action, objects...)
		e.Outcome = code
		if err := s.store.RecordAudit(context.WithoutCancel(c.Request.Context()), &e); err != nil {
			_ = c.Error(err)
		}
	}
}
