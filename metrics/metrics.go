// Package metrics holds the series Glapp exposes in the Prometheus text format, in a
// registry each server owns (never the process-wide default, so that tests can build
// several servers), and the store decorator that times every journeys.Backend call.
//
// Labels take values from fixed lists only (route templates, methods, statuses, store
// operations, error codes, redaction kinds): never an id, a path or anything a client
// chose, so that the number of series stays bounded and no personal data reaches them.
package metrics

import (
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
	"github.com/glapp/glapp/journeys/personal"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics is one server's series and the registry that exposes them.
type Metrics struct {
	reg           *prometheus.Registry
	handler       http.Handler
	httpDuration  *prometheus.HistogramVec
	storeDuration *prometheus.HistogramVec
	analyses      *prometheus.CounterVec
	findings      *prometheus.CounterVec
	importRecords *prometheus.CounterVec
	importRefused *prometheus.CounterVec
	redactions    *prometheus.CounterVec
	webhooks      *prometheus.CounterVec
	rateLimited   *prometheus.CounterVec
}

// storeBuckets are finer than the default ones at the low end: an embedded read takes
// well under a millisecond.
var storeBuckets = []float64{.0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}

// New returns a fresh set of series in a registry of its own, with the Go runtime and
// process collectors.
func New() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		httpDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "glapp_http_request_duration_seconds",
			Help: "HTTP requests by method, route template and status; _count is the request count.",
		}, []string{"method", "route", "status"}),
		storeDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "glapp_store_operation_duration_seconds", Buckets: storeBuckets,
			Help: "Store calls by store (embedded or neo4j) and operation (the journeys.Backend method).",
		}, []string{"store", "operation"}),
		analyses: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "glapp_gap_analyses_total", Help: "Gap reports computed, by scope (journey or project).",
		}, []string{"scope"}),
		findings: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "glapp_gap_findings_total", Help: "Findings in the gap reports computed, by rule and severity.",
		}, []string{"rule", "severity"}),
		importRecords: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "glapp_import_records_total", Help: "Records read by imports that were stored, by way in (upload or webhook).",
		}, []string{"via"}),
		importRefused: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "glapp_import_refusals_total", Help: "Imports refused or failed, by way in and error code.",
		}, []string{"via", "code"}),
		redactions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "glapp_import_redactions_total", Help: "Personal data replaced by markers in stored imports, by kind.",
		}, []string{"kind"}),
		webhooks: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "glapp_webhook_deliveries_total", Help: "Webhook deliveries by outcome: imported, duplicate, refused (signature), failed.",
		}, []string{"outcome"}),
		rateLimited: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "glapp_rate_limit_refusals_total", Help: "Requests refused with 429, by limit (address or token).",
		}, []string{"limit"}),
	}
	m.reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		m.httpDuration, m.storeDuration, m.analyses, m.findings, m.importRecords, m.importRefused, m.redactions,
		m.webhooks, m.rateLimited)
	m.handler = promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
	return m
}

// Handler serves the registry in the Prometheus text format.
func (m *Metrics) Handler() http.Handler { return m.handler }

// methods are the HTTP methods named in labels; any other is "other", so that a client
// cannot make series by inventing methods.
var methods = []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodOptions}

// HTTPRequest records one answered request. route is the matched route template (gin's
// FullPath), never the path; "" (no route matched) is recorded as "unmatched".
func (m *Metrics) HTTPRequest(method, route string, status int, d time.Duration) {
	if !slices.Contains(methods, method) {
		method = "other"
	}
	if route == "" {
		route = "unmatched"
	}
	m.httpDuration.WithLabelValues(method, route, strconv.Itoa(status)).Observe(d.Seconds())
}

// StoreOperation records one store call.
func (m *Metrics) StoreOperation(store, operation string, d time.Duration) {
	m.storeDuration.WithLabelValues(store, operation).Observe(d.Seconds())
}

// GapAnalysis records one computed gap report and its findings; scope is "journey" or
// "project".
func (m *Metrics) GapAnalysis(scope string, findings []gaps.Finding) {
	m.analyses.WithLabelValues(scope).Inc()
	for i := range findings {
		m.findings.WithLabelValues(string(findings[i].Rule), string(findings[i].Severity)).Inc()
	}
}

// Import records an import through via ("upload" or "webhook"): the records and
// redactions of one that was stored, or the code of its refusal. Redaction kinds outside
// personal.Kinds are not recorded.
func (m *Metrics) Import(via string, records int, redactions map[string]int, err error) {
	if err != nil {
		m.importRefused.WithLabelValues(via, string(journeys.ErrorCode(err))).Inc()
		return
	}
	m.importRecords.WithLabelValues(via).Add(float64(records))
	for kind, n := range redactions {
		if slices.Contains(personal.Kinds, kind) {
			m.redactions.WithLabelValues(kind).Add(float64(n))
		}
	}
}

// Webhook outcomes.
const (
	WebhookImported  = "imported"
	WebhookDuplicate = "duplicate"
	WebhookRefused   = "refused"
	WebhookFailed    = "failed"
)

// WebhookDelivery records one webhook message by outcome (one of the Webhook constants).
func (m *Metrics) WebhookDelivery(outcome string) { m.webhooks.WithLabelValues(outcome).Inc() }

// RateLimited records a request refused by the limit named ("address" or "token").
func (m *Metrics) RateLimited(limit string) { m.rateLimited.WithLabelValues(limit).Inc() }
