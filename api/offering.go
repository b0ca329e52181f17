package api

import (
	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/offering"
	"github.com/glapp/glapp/reports"
)

// offeringQuery holds the offering report's options.
type offeringQuery struct {
	AgeGroup    journeys.AgeGroup `form:"ageGroup" binding:"omitempty,enum"`
	TargetGroup string            `form:"targetGroup" binding:"omitempty,max=300"`
	Format      markdownFormat    `form:"format" binding:"omitempty,enum"`
	Lang        lang              `form:"lang" binding:"omitempty,enum"`
}

// offeringReport godoc
//
//	@Summary		The offering report
//	@Description	The supports the project's actors offer, set against the needs and the journeys: needs no support matches (target group, age and level), supports no as-is or lived journey reaches, supports people reach only by finding the door themselves, entry points that send people on instead of helping, and per journey the navigation burden (doors found alone, days until the first help at the needed level). Each item has a sentence explaining it, the journeys behind it and the insights about it; supports carry their usage (manual measures scoped to the offer or its actor, latest observation). `ageGroup=child` keeps what is for children and young people (or anyone). As JSON or Markdown (`format=md`, or Accept text/markdown) in Swedish or English.
//	@Tags			offering
//	@Produce		json
//	@Produce		text/markdown
//	@Param			projectId		path		string				true	"Project id"
//	@Param			ageGroup		query		journeys.AgeGroup	false	"Keep needs, supports and journeys for this age group (or any age)"
//	@Param			targetGroup		query		string				false	"Keep needs, supports and journeys for this target group (or any)"
//	@Param			format			query		markdownFormat		false	"json (default, or from Accept) or md"
//	@Param			lang			query		lang				false	"Language of the explanations (overrides Accept-Language)"
//	@Param			Accept-Language	header		string				false	"sv or en"
//	@Success		200				{object}	offering.Report
//	@Failure		400				{object}	Problem
//	@Failure		404				{object}	Problem
//	@Router			/api/v1/projects/{projectId}/offering [get]
func (s *server) offeringReport(c *gin.Context) error {
	var q offeringQuery
	if err := bindQuery(c, &q); err != nil {
		return err
	}
	lang := language(c)
	r, err := s.reports.Offering(c.Request.Context(), c.Param("projectId"), offering.Filter{AgeGroup: q.AgeGroup, TargetGroup: q.TargetGroup}, lang)
	if err != nil {
		return err
	}
	return respondJSONOrMarkdown(c, q.Format, r, reports.WriteOfferingMarkdown)
}
