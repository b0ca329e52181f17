package api

import (
	"bytes"
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
	"github.com/glapp/glapp/reports"
)

// reportQuery holds the options every gap report takes.
type reportQuery struct {
	IncludeDismissed bool         `form:"includeDismissed"`
	Format           reportFormat `form:"format" binding:"omitempty,enum"`
	Part             reportPart   `form:"part" binding:"omitempty,enum"`
	Lang             lang         `form:"lang" binding:"omitempty,enum"`
}

// projectReportQuery adds the project report's filters.
type projectReportQuery struct {
	reportQuery
	Rule        string               `form:"rule"`
	Category    string               `form:"category"`
	MinSeverity gaps.Severity        `form:"minSeverity" binding:"omitempty,enum"`
	JourneyKind journeys.JourneyKind `form:"journeyKind" binding:"omitempty,enum"`
	TargetGroup string               `form:"targetGroup" binding:"omitempty,max=300"`
	Actor       string               `form:"actor" binding:"omitempty,max=100"`
}

// filter checks the filters that name rules and categories, whose lists live in package
// gaps, and returns them as a gaps.Filter.
func (q projectReportQuery) filter() (gaps.Filter, error) {
	var v []journeys.Violation
	if _, ok := gaps.Rule(q.Rule).Info(); q.Rule != "" && !ok {
		v = append(v, journeys.Violation{Parameter: "rule", Detail: "Unknown rule; GET /api/v1/rules lists them."})
	}
	if q.Category != "" && !slices.Contains(gaps.Categories, gaps.Category(q.Category)) {
		v = append(v, journeys.Violation{Parameter: "category", Detail: "Unknown category; GET /api/v1/rules lists each rule's category."})
	}
	if len(v) > 0 {
		return gaps.Filter{}, journeys.InvalidError("A query parameter is not valid.", v)
	}
	return gaps.Filter{
		Rule: gaps.Rule(q.Rule), Category: gaps.Category(q.Category), MinSeverity: gaps.Severity(q.MinSeverity),
		JourneyKind: journeys.JourneyKind(q.JourneyKind), TargetGroup: q.TargetGroup, Actor: q.Actor,
	}, nil
}

// unknownsCSV reports whether the request asks for the unknowns CSV. part=unknowns with
// another format is an error rather than ignored: JSON and Markdown hold both parts.
func (q reportQuery) unknownsCSV(format string) (bool, error) {
	if q.Part != partUnknowns {
		return false, nil
	}
	if format != "csv" {
		return false, journeys.InvalidError("part=unknowns applies only to the CSV report; the JSON and Markdown reports hold the unknowns already.",
			[]journeys.Violation{{Parameter: "part", Detail: "Use it with format=csv, or leave it out."}})
	}
	return true, nil
}

// format picks the report format: the format parameter, else the Accept header.
func (q reportQuery) format(c *gin.Context) string {
	if q.Format != "" {
		return string(q.Format)
	}
	accept := c.GetHeader("Accept")
	switch {
	case strings.Contains(accept, "text/csv"):
		return "csv"
	case strings.Contains(accept, "text/markdown"):
		return "md"
	case strings.Contains(accept, "text/html"):
		return "html"
	}
	return "json"
}

// journeyGaps godoc
//
//	@Summary		Gap report for one journey
//	@Description	Every finding of the gap rules, ranked by severity then evidence, with explanations in the language of `Accept-Language` (Swedish unless English is preferred) and the unknowns that the next interview should settle. Each finding says why it has its severity (`severityReason`). As JSON, CSV (one row per finding; `part=unknowns` for one row per unknown field with its question) or Markdown (findings, then the unknowns as questions), or as one self-contained, printable HTML page (`format=html` or Accept text/html: summary, the places that matter most, the findings with why each has its severity and a few shortened quotes, the unknowns as the next interview's agenda; no scripts, no links). Dismissed findings are left out unless `includeDismissed=true`.
//	@Tags			gaps
//	@Produce		json
//	@Produce		text/csv
//	@Produce		text/markdown
//	@Produce		text/html
//	@Param			projectId			path		string			true	"Project id"
//	@Param			journeyId			path		string			true	"Journey id"
//	@Param			includeDismissed	query		bool			false	"Keep dismissed findings"
//	@Param			format				query		reportFormat	false	"Response format (default from Accept, else json)"
//	@Param			part				query		reportPart		false	"With format=csv: findings (default, one row per finding) or unknowns (one row per unknown field, with its question)"
//	@Param			lang				query		lang			false	"Language of explanations (overrides Accept-Language)"
//	@Param			version				query		int				false	"Report on this version of the journey (GET .../versions lists them), judged with today's actors, settings and triage; absent: the current one"
//	@Param			since				query		string			false	"Mark each finding new or persisting against this baseline, and list the baseline's findings resolved since (summary.since counts them); CSV gains a since column"
//	@Param			Accept-Language		header		string			false	"sv or en"
//	@Success		200					{object}	journeyReport
//	@Failure		400					{object}	Problem
//	@Failure		404					{object}	Problem
//	@Router			/api/v1/projects/{projectId}/journeys/{journeyId}/gaps [get]
func (s *server) journeyGaps(c *gin.Context) error {
	var q reportQuery
	if err := bindQuery(c, &q); err != nil {
		return err
	}
	format := q.format(c)
	unknowns, err := q.unknownsCSV(format)
	if err != nil {
		return err
	}
	var vq versionQuery
	var sq sinceQuery
	if err := bindQuery(c, &vq); err != nil {
		return err
	}
	if err := bindQuery(c, &sq); err != nil {
		return err
	}
	version, err := vq.version()
	if err != nil {
		return err
	}
	if version != 0 && sq.Since != "" {
		return journeys.InvalidError("A report is read against a baseline only at the current version.", []journeys.Violation{{Parameter: "since", Detail: "Leave out either version or since."}})
	}
	opt := reports.Options{IncludeDismissed: q.IncludeDismissed}
	var a *reports.Analysis
	if sq.Since != "" {
		a, err = s.reports.JourneySince(c.Request.Context(), c.Param("projectId"), c.Param("journeyId"), sq.Since, opt)
	} else {
		a, err = s.reports.AnalysedAt(c.Request.Context(), c.Param("projectId"), c.Param("journeyId"), version, opt)
	}
	if err != nil {
		return err
	}
	r := a.Report
	s.metrics.GapAnalysis("journey", r.Findings)
	lang := language(c)
	switch format {
	case "csv":
		if unknowns {
			return writeUnknownsCSV(c, []gaps.JourneyUnknowns{{Journey: r.Journey, Unknowns: r.Unknowns}}, lang)
		}
		if r.Summary.Since != nil {
			return writeSinceCSV(c, r.Findings, r.Resolved, lang)
		}
		return writeCSV(c, r.Findings, lang)
	case "md":
		ps, err := gaps.CombineReports(c.Request.Context(), []gaps.JourneyReport{*r}, gaps.Filter{})
		if err != nil {
			return err
		}
		ps.Summary.Since, ps.Resolved = r.Summary.Since, r.Resolved
		return writeMarkdown(c, ps, lang)
	case "html":
		ps, err := gaps.CombineReports(c.Request.Context(), []gaps.JourneyReport{*r}, gaps.Filter{})
		if err != nil {
			return err
		}
		return writeHTML(c, ps, lang)
	}
	c.Header("Content-Language", lang)
	return respond(c, http.StatusOK, localizeReport(r, lang))
}

// projectGaps godoc
//
//	@Summary		Gap report across a project's journeys
//	@Description	Findings of every journey that passes the filters, ranked by severity then evidence, with counts by rule, by actor pair (from → to), by stage name and by target group. Each finding says why it has its severity (`severityReason`). As JSON, CSV (one row per finding; `part=unknowns` for one row per unknown field of the journeys kept) or Markdown for a project lead (findings, then each journey's unknowns as questions for the next interview), or as one self-contained, printable HTML page to send to a steering group (`format=html` or Accept text/html: summary, the places that matter most, the findings with why each has its severity and a few shortened quotes, the unknowns as the next interview's agenda; no scripts, no links).
//	@Tags			gaps
//	@Produce		json
//	@Produce		text/csv
//	@Produce		text/markdown
//	@Produce		text/html
//	@Param			projectId			path		string					true	"Project id"
//	@Param			rule				query		string					false	"Only this rule"
//	@Param			category			query		string					false	"Only this category"
//	@Param			minSeverity			query		gaps.Severity			false	"Only this severity or worse"
//	@Param			journeyKind			query		journeys.JourneyKind	false	"Only journeys of this kind"
//	@Param			targetGroup			query		string					false	"Only journeys of this target group (case-insensitive)"
//	@Param			actor				query		string					false	"Only findings that involve this actor id"
//	@Param			includeDismissed	query		bool					false	"Keep dismissed findings"
//	@Param			format				query		reportFormat			false	"Response format (default from Accept, else json)"
//	@Param			part				query		reportPart				false	"With format=csv: findings (default, one row per finding) or unknowns (one row per unknown field of the journeys the filters keep, with its question)"
//	@Param			lang				query		lang					false	"Language of explanations (overrides Accept-Language)"
//	@Param			since				query		string					false	"Mark each finding new or persisting against this baseline, and list the baseline's findings resolved since (summary.since counts them); CSV gains a since column"
//	@Param			Accept-Language		header		string					false	"sv or en"
//	@Success		200					{object}	projectReport
//	@Failure		400					{object}	Problem
//	@Failure		404					{object}	Problem
//	@Router			/api/v1/projects/{projectId}/gaps [get]
func (s *server) projectGaps(c *gin.Context) error {
	var sq sinceQuery
	if err := bindQuery(c, &sq); err != nil {
		return err
	}
	return s.writeProjectReport(c, func(f gaps.Filter, opt reports.Options) (*gaps.ProjectReport, error) {
		if sq.Since != "" {
			return s.reports.ProjectSince(c.Request.Context(), c.Param("projectId"), sq.Since, f, opt)
		}
		return s.reports.Project(c.Request.Context(), c.Param("projectId"), f, opt)
	})
}

// writeProjectReport answers a project report's request: it binds the filters and
// formats, has build make the report, and writes it as JSON, CSV or Markdown.
func (s *server) writeProjectReport(c *gin.Context, build func(gaps.Filter, reports.Options) (*gaps.ProjectReport, error)) error {
	var q projectReportQuery
	if err := bindQuery(c, &q); err != nil {
		return err
	}
	f, err := q.filter()
	if err != nil {
		return err
	}
	format := q.format(c)
	unknowns, err := q.unknownsCSV(format)
	if err != nil {
		return err
	}
	opt := reports.Options{IncludeDismissed: q.IncludeDismissed, WithUnknowns: unknowns || format == "md" || format == "html"}
	ps, err := build(f, opt)
	if err != nil {
		return err
	}
	s.metrics.GapAnalysis("project", ps.Findings)
	lang := language(c)
	switch format {
	case "csv":
		if unknowns {
			return writeUnknownsCSV(c, ps.Unknowns, lang)
		}
		if ps.Summary.Since != nil {
			return writeSinceCSV(c, ps.Findings, ps.Resolved, lang)
		}
		return writeCSV(c, ps.Findings, lang)
	case "md":
		return writeMarkdown(c, *ps, lang)
	case "html":
		return writeHTML(c, *ps, lang)
	}
	c.Header("Content-Language", lang)
	c.Header("Content-Type", "application/json; charset=utf-8")
	c.Status(http.StatusOK)
	// Streamed: a large project's report is not built a second time as one block of JSON.
	return reports.WriteProjectJSON(c.Request.Context(), c.Writer, ps, func(f *gaps.Finding) any { return localizeFinding(f, lang) })
}

// listRules godoc
//
//	@Summary	The gap rules
//	@Tags		gaps
//	@Produce	json
//	@Success	200	{array}	gaps.RuleInfo
//	@Router		/api/v1/rules [get]
func (s *server) listRules(c *gin.Context) error {
	return respond(c, http.StatusOK, gaps.Rules())
}

func writeCSV(c *gin.Context, findings []gaps.Finding, lang string) error {
	var buf bytes.Buffer
	if err := reports.WriteCSV(c.Request.Context(), &buf, findings, lang); err != nil {
		return err
	}
	c.Header("Content-Language", lang)
	c.Data(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
	return nil
}

func writeSinceCSV(c *gin.Context, findings, resolved []gaps.Finding, lang string) error {
	var buf bytes.Buffer
	if err := reports.WriteSinceCSV(c.Request.Context(), &buf, findings, resolved, lang); err != nil {
		return err
	}
	c.Header("Content-Language", lang)
	c.Data(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
	return nil
}

func writeUnknownsCSV(c *gin.Context, js []gaps.JourneyUnknowns, lang string) error {
	var buf bytes.Buffer
	if err := reports.WriteUnknownsCSV(c.Request.Context(), &buf, js, lang); err != nil {
		return err
	}
	c.Header("Content-Language", lang)
	c.Data(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
	return nil
}

func writeMarkdown(c *gin.Context, ps gaps.ProjectReport, lang string) error {
	var buf bytes.Buffer
	if err := reports.WriteMarkdown(c.Request.Context(), &buf, ps, lang); err != nil {
		return err
	}
	c.Header("Content-Language", lang)
	c.Data(http.StatusOK, "text/markdown; charset=utf-8", buf.Bytes())
	return nil
}

// htmlReportCSP lets the HTML report's browser apply its one inline style sheet and
// nothing else: no script, image, font, frame or form.
var htmlReportCSP = "default-src 'none'; style-src " + reports.HTMLStyleHash + "; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

func writeHTML(c *gin.Context, ps gaps.ProjectReport, lang string) error {
	var buf bytes.Buffer
	if err := reports.WriteHTML(c.Request.Context(), &buf, ps, lang); err != nil {
		return err
	}
	c.Header("Content-Language", lang)
	c.Header("Content-Security-Policy", htmlReportCSP)
	c.Data(http.StatusOK, "text/html; charset=utf-8", buf.Bytes())
	return nil
}
