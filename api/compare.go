package api

import (
	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/reports"
)

// compareQuery names the two journeys compared and the report's format.
type compareQuery struct {
	From   string         `form:"from" binding:"required,max=100"`
	To     string         `form:"to" binding:"required,max=100"`
	Format markdownFormat `form:"format" binding:"omitempty,enum"`
	Lang   lang           `form:"lang" binding:"omitempty,enum"`
}

// conformanceQuery holds the conformance report's format.
type conformanceQuery struct {
	Format markdownFormat `form:"format" binding:"omitempty,enum"`
	Lang   lang           `form:"lang" binding:"omitempty,enum"`
}

// compareJourneys godoc
//
//	@Summary		Compare two journeys
//	@Description	Which comparison applies follows from the journeys' kinds. An as-is against a to-be (any two journeys that are not lived): the findings the second resolves, keeps (`remaining`, matched by rule and element ids, or by rule, actor pair and stage where the ids are not shared) and brings (`new`), every computed metric on both sides, and the steps and hand-overs added, removed and changed (with the fields that differ). A planned journey against a lived one that names it as `basedOn` (either way round): the deviations — `missing`, `ad_hoc`, `irregular_order`, `failed_handover`, `wait_over_plan` — each with the ids of the plan's and the lived journey's elements it concerns and a sentence explaining it. `linked` says whether one journey names the other as `basedOn`; `note` says so when they are unrelated. The JSON carries each sentence in Swedish and English; the Markdown (`format=md`, or Accept text/markdown) is in the language of `lang` or Accept-Language. `from` equal to `to`, two lived journeys, or a lived journey and a journey it does not follow are 400.
//	@Tags			journeys
//	@Produce		json
//	@Produce		text/markdown
//	@Param			projectId		path		string			true	"Project id"
//	@Param			from			query		string			true	"Journey id: the as-is, or the plan"
//	@Param			to				query		string			true	"Journey id: the to-be, or the lived journey"
//	@Param			format			query		markdownFormat	false	"json (default, or from Accept) or md"
//	@Param			lang			query		lang			false	"Language of the Markdown (overrides Accept-Language)"
//	@Param			Accept-Language	header		string			false	"sv or en"
//	@Success		200				{object}	compare.Comparison
//	@Failure		400				{object}	Problem
//	@Failure		404				{object}	Problem
//	@Router			/api/v1/projects/{projectId}/compare [get]
func (s *server) compareJourneys(c *gin.Context) error {
	var q compareQuery
	if err := bindQuery(c, &q); err != nil {
		return err
	}
	r, err := s.reports.Compare(c.Request.Context(), c.Param("projectId"), q.From, q.To)
	if err != nil {
		return err
	}
	return respondJSONOrMarkdown(c, q.Format, r, reports.WriteCompareMarkdown)
}

// journeyConformance godoc
//
//	@Summary		Conformance of the lived journeys to a planned one
//	@Description	Over every lived journey of the project whose `basedOn` names this journey: how many there are, how many have each deviation kind at least once (and its share) and how often it occurs, and for each planned step in the plan's order how many never realised it, its planned wait and the median observed wait of the lived steps that realise it, with how many were over plan. At most the first 5,000 lived journeys by id are read (`limit`); `capped` says when there were more. A lived journey has no conformance of its own (400). JSON, or Markdown (`format=md`, or Accept text/markdown) in Swedish or English.
//	@Tags			journeys
//	@Produce		json
//	@Produce		text/markdown
//	@Param			projectId		path		string			true	"Project id"
//	@Param			journeyId		path		string			true	"The planned journey's id"
//	@Param			format			query		markdownFormat	false	"json (default, or from Accept) or md"
//	@Param			lang			query		lang			false	"Language of the Markdown (overrides Accept-Language)"
//	@Param			Accept-Language	header		string			false	"sv or en"
//	@Success		200				{object}	compare.Conformance
//	@Failure		400				{object}	Problem
//	@Failure		404				{object}	Problem
//	@Router			/api/v1/projects/{projectId}/journeys/{journeyId}/conformance [get]
func (s *server) journeyConformance(c *gin.Context) error {
	var q conformanceQuery
	if err := bindQuery(c, &q); err != nil {
		return err
	}
	r, err := s.reports.Conformance(c.Request.Context(), c.Param("projectId"), c.Param("journeyId"))
	if err != nil {
		return err
	}
	return respondJSONOrMarkdown(c, q.Format, r, reports.WriteConformanceMarkdown)
}
