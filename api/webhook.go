package api

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/imports"
	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/metrics"
)

// webhookRequest is the body of PUT .../webhook-endpoints/{id}.
type webhookRequest struct {
	// Format is what the note tool posts.
	Format  string              `json:"format" validate:"required" extensions:"x-enum=webhook-formats"`
	Mapping map[string][]string `json:"mapping,omitempty"`
}

// webhookView is an endpoint as the API shows it: never its secrets.
type webhookView struct {
	journeys.Webhook
	Secrets []string `json:"secrets,omitempty" swaggerignore:"true"`
	// URL is where the note tool should post.
	URL string `json:"url"`
}

// webhookWithSecret is a new or rotated endpoint with the secret to give the note tool,
// shown this once.
type webhookWithSecret struct {
	webhookView
	Secret string `json:"secret" example:"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"`
}

// webhookList is a page of webhook endpoints.
type webhookList = journeys.List[webhookView]

func viewOf(projectID string, w *journeys.Webhook) webhookView {
	return webhookView{Webhook: *w, URL: "/api/v1/projects/" + projectID + "/webhooks/" + w.ID}
}

// newWebhookSecret returns a Standard Webhooks secret: "whsec_" and 24 random bytes.
func newWebhookSecret() (string, error) {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return "whsec_" + base64.StdEncoding.EncodeToString(b), nil
}

// putWebhookEndpoint godoc
//
//	@Summary		Create or change a webhook endpoint
//	@Description	A note tool posts evidence to the endpoint's `url`, signed as Standard Webhooks 1.0 specifies. Creating an endpoint answers with its `secret`, once; changing it keeps the secrets.
//	@Tags			webhooks
//	@Accept			json
//	@Produce		json
//	@Param			projectId	path		string			true	"Project id"
//	@Param			endpointId	path		string			true	"Endpoint id"
//	@Param			endpoint	body		webhookRequest	true	"Format and code mapping"
//	@Success		200			{object}	webhookView
//	@Success		201			{object}	webhookWithSecret
//	@Failure		400			{object}	Problem
//	@Router			/api/v1/projects/{projectId}/webhook-endpoints/{endpointId} [put]
func (s *server) putWebhookEndpoint(c *gin.Context) error {
	var req webhookRequest
	if err := s.readJSON(c, &req); err != nil {
		return err
	}
	ctx, projectID, id := c.Request.Context(), c.Param("projectId"), c.Param("endpointId")
	w := &journeys.Webhook{ID: id, Format: req.Format, Mapping: req.Mapping}
	existing, err := s.store.GetWebhook(ctx, projectID, id)
	var secret string
	switch {
	case err == nil:
		w.Secrets = existing.Secrets
	case journeys.ErrorCode(err) == journeys.NotFound:
		if secret, err = newWebhookSecret(); err != nil {
			return err
		}
		w.Secrets = []string{secret}
	default:
		return err
	}
	stored, created, err := s.store.PutWebhook(ctx, projectID, w)
	if err != nil {
		return err
	}
	c.Header("Cache-Control", "no-store")
	if created {
		return respond(c, http.StatusCreated, webhookWithSecret{webhookView: viewOf(projectID, stored), Secret: secret})
	}
	return respond(c, http.StatusOK, viewOf(projectID, stored))
}

// rotateWebhookSecret godoc
//
//	@Summary		Rotate a webhook endpoint's secret
//	@Description	Adds a new secret and answers with it, once. The previous secret keeps working until the next rotation, so the note tool can switch without losing messages.
//	@Tags			webhooks
//	@Produce		json
//	@Param			projectId	path		string	true	"Project id"
//	@Param			endpointId	path		string	true	"Endpoint id"
//	@Success		200			{object}	webhookWithSecret
//	@Failure		404			{object}	Problem
//	@Router			/api/v1/projects/{projectId}/webhook-endpoints/{endpointId}/rotate [post]
func (s *server) rotateWebhookSecret(c *gin.Context) error {
	ctx, projectID, id := c.Request.Context(), c.Param("projectId"), c.Param("endpointId")
	w, err := s.store.GetWebhook(ctx, projectID, id)
	if err != nil {
		return err
	}
	secret, err := newWebhookSecret()
	if err != nil {
		return err
	}
	w.Secrets = append(w.Secrets[max(0, len(w.Secrets)-1):], secret)
	stored, _, err := s.store.PutWebhook(ctx, projectID, w)
	if err != nil {
		return err
	}
	c.Header("Cache-Control", "no-store")
	return respond(c, http.StatusOK, webhookWithSecret{webhookView: viewOf(projectID, stored), Secret: secret})
}

// listWebhookEndpoints godoc
//
//	@Summary	The project's webhook endpoints
//	@Tags		webhooks
//	@Produce	json
//	@Param		projectId	path		string	true	"Project id"
//	@Success	200			{object}	webhookList
//	@Router		/api/v1/projects/{projectId}/webhook-endpoints [get]
func (s *server) listWebhookEndpoints(c *gin.Context) error {
	var q pageQuery
	if err := bindQuery(c, &q); err != nil {
		return err
	}
	l, err := s.store.ListWebhooks(c.Request.Context(), c.Param("projectId"), q.page())
	if err != nil {
		return err
	}
	out := webhookList{Items: make([]webhookView, len(l.Items)), Next: l.Next}
	for i := range l.Items {
		out.Items[i] = viewOf(c.Param("projectId"), &l.Items[i])
	}
	return respond(c, http.StatusOK, out)
}

// deleteWebhookEndpoint godoc
//
//	@Summary	Delete a webhook endpoint
//	@Tags		webhooks
//	@Param		projectId	path	string	true	"Project id"
//	@Param		endpointId	path	string	true	"Endpoint id"
//	@Success	204
//	@Router		/api/v1/projects/{projectId}/webhook-endpoints/{endpointId} [delete]
func (s *server) deleteWebhookEndpoint(c *gin.Context) error {
	return deleteEntity(c, "endpointId", s.store.DeleteWebhook)
}

// receiveWebhook godoc
//
//	@Summary		Receive evidence from a note tool
//	@Description	No bearer token: the message is verified as Standard Webhooks 1.0 specifies (`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>`; several signatures allowed; the timestamp within five minutes). A bad signature gets 401 and stores nothing. The body is one export in the endpoint's format; it is imported as `POST .../imports` would. A message id seen before is answered 200 with `duplicate: true` and not imported again.
//	@Tags			webhooks
//	@Accept			json
//	@Produce		json
//	@Security		none
//	@Param			projectId			path		string	true	"Project id"
//	@Param			endpointId			path		string	true	"Endpoint id"
//	@Param			webhook-id			header		string	true	"Message id"
//	@Param			webhook-timestamp	header		string	true	"Unix seconds"
//	@Param			webhook-signature	header		string	true	"v1,<signature>"
//	@Success		200					{object}	imports.Result
//	@Failure		401					{object}	Problem
//	@Failure		409					{object}	Problem	"An import into the project is running; see Retry-After"
//	@Failure		413					{object}	Problem	"The body is larger than the server's limit"
//	@Router			/api/v1/projects/{projectId}/webhooks/{endpointId} [post]
func (s *server) receiveWebhook(c *gin.Context) (err error) {
	outcome := metrics.WebhookFailed
	defer func() { s.metrics.WebhookDelivery(outcome) }()
	projectID, id := c.Param("projectId"), c.Param("endpointId")
	// One answer for every failure, so that the endpoint does not tell a stranger which
	// projects and endpoints exist.
	refused := journeys.Errorf(journeys.Unauthorized, "The webhook signature could not be verified; nothing was stored.")
	body, err := readLimited(c, s.maxBody)
	if err != nil {
		return err
	}
	w, err := s.store.GetWebhook(c.Request.Context(), projectID, id)
	if err != nil {
		if journeys.ErrorCode(err) == journeys.NotFound {
			outcome = metrics.WebhookRefused
			return refused
		}
		return err
	}
	msgID := c.GetHeader("webhook-id")
	if err := verifyWebhook(w.Secrets, msgID, c.GetHeader("webhook-timestamp"), body, c.GetHeader("webhook-signature"), s.now()); err != nil {
		outcome = metrics.WebhookRefused
		requestLog(c).Info("webhook refused", "project", projectID, "endpoint", id, "reason", err.Error())
		return refused
	}
	ctx := journeys.WithPrincipal(c.Request.Context(), journeys.Principal{TokenID: "webhook:" + id, Role: journeys.RoleIntegration, Projects: []string{projectID}})
	svc := imports.Service{Store: s.store, Limits: s.limits}
	// The message id is the sender's to choose; the store keeps only its digest.
	report, err := svc.Run(ctx, projectID, imports.Request{
		Format: journeys.ImportFormat(w.Format), Name: id, File: bytes.NewReader(body), Size: int64(len(body)),
		Mapping: w.Mapping, DeliveryKey: "webhook:" + id + ":" + digest(msgID),
	})
	if errors.Is(err, journeys.ErrDelivered) {
		// Senders retry until they see a 2xx; a message already imported is done. Any
		// other refusal (an import running, one abandoned) is not: the sender retries it.
		outcome = metrics.WebhookDuplicate
		return respond(c, http.StatusOK, gin.H{"duplicate": true})
	}
	s.countImport("webhook", report, err)
	if err != nil {
		return err
	}
	outcome = metrics.WebhookImported
	reportRedacted(c, report.Redactions)
	return respond(c, http.StatusOK, report)
}
