package api

import (
	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/journeys/chain"
	"github.com/glapp/glapp/reports"
)

// effectChainQuery holds the effect chain report's options.
type effectChainQuery struct {
	From   chainFrom      `form:"from" binding:"omitempty,enum"`
	Format markdownFormat `form:"format" binding:"omitempty,enum"`
	Lang   lang           `form:"lang" binding:"omitempty,enum"`
}

// effectChain godoc
//
//	@Summary		The effect chain report
//	@Description	Goals → their measures (baseline, target, latest, computed now, progress) → the proposals that serve them (stage, last decision, tests) → the findings those proposals address (rule, severity, journey, still open or not). With `from=findings`, read the other way: each open finding → the proposals that address it → the goals they serve. Either way it lists the blind spots: critical and high findings no proposal addresses, proposals that serve no goal, goals without a measure, measures without baseline or target, proposals in test without a test, adopted proposals whose findings are still open. As JSON or Markdown (`format=md`, or Accept text/markdown) in Swedish or English.
//	@Tags			goals
//	@Produce		json
//	@Produce		text/markdown
//	@Param			projectId		path		string			true	"Project id"
//	@Param			from			query		chainFrom		false	"Read from goals (default) or findings"
//	@Param			format			query		markdownFormat	false	"json (default, or from Accept) or md"
//	@Param			lang			query		lang			false	"Language of the Markdown (overrides Accept-Language)"
//	@Param			Accept-Language	header		string			false	"sv or en"
//	@Success		200				{object}	chain.Report
//	@Failure		400				{object}	Problem
//	@Failure		404				{object}	Problem
//	@Router			/api/v1/projects/{projectId}/effect-chain [get]
func (s *server) effectChain(c *gin.Context) error {
	var q effectChainQuery
	if err := bindQuery(c, &q); err != nil {
		return err
	}
	from := string(q.From)
	if from == "" {
		from = chain.FromGoals
	}
	r, err := s.reports.EffectChain(c.Request.Context(), c.Param("projectId"), from)
	if err != nil {
		return err
	}
	return respondJSONOrMarkdown(c, q.Format, r, reports.WriteEffectChainMarkdown)
}
