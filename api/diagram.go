package api

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/diagram"
	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/reports"
)

// diagramQuery picks the diagram's format and language.
type diagramQuery struct {
	Format           diagramFormat `form:"format" binding:"omitempty,enum"`
	Lang             lang          `form:"lang" binding:"omitempty,enum"`
	IncludeDismissed bool          `form:"includeDismissed"`
	versionQuery
}

// journeyDiagram godoc
//
//	@Summary		A journey as a swimlane map, with its findings
//	@Description	One lane per actor, grouped by sector; stages as columns; steps as cards; hand-overs as arrows styled by type (dashed: the person must make contact; green with "SIP": joint planning); crisis steps marked; a hand-over's arrow coloured and weighted by its worst finding; one marker per element with the number of its findings, coloured by the worst, opening on hover or focus into the numbered findings, all listed in a legend. SVG (text stays text, 12 pt; sized for A3 landscape; elements carry data-step, data-handover and data-finding attributes, markers data-on and data-count), Mermaid or Graphviz DOT with the same structure.
//	@Tags			gaps
//	@Produce		image/svg+xml
//	@Produce		text/vnd.mermaid
//	@Produce		text/vnd.graphviz
//	@Param			projectId			path		string			true	"Project id"
//	@Param			journeyId			path		string			true	"Journey id"
//	@Param			format				query		diagramFormat	false	"Format (default svg)"
//	@Param			lang				query		lang			false	"Language (overrides Accept-Language)"
//	@Param			includeDismissed	query		bool			false	"Also mark dismissed findings"
//	@Param			version				query		int				false	"Draw this version of the journey (GET .../versions lists them), with today's actors and findings judged as today; absent: the current one"
//	@Success		200					{string}	string			"The diagram"
//	@Failure		400					{object}	Problem
//	@Failure		404					{object}	Problem
//	@Failure		422					{object}	Problem	"Too large to draw as SVG; the text formats still draw it"
//	@Router			/api/v1/projects/{projectId}/journeys/{journeyId}/diagram [get]
func (s *server) journeyDiagram(c *gin.Context) error {
	var q diagramQuery
	if err := bindQuery(c, &q); err != nil {
		return err
	}
	if q.Format == "" {
		q.Format = diagramSVG
	}
	version, err := q.version()
	if err != nil {
		return err
	}
	an, err := s.reports.AnalysedAt(c.Request.Context(), c.Param("projectId"), c.Param("journeyId"), version, reports.Options{IncludeDismissed: q.IncludeDismissed})
	if err != nil {
		return err
	}
	lang := language(c)
	f := diagram.Formats[string(q.Format)]
	ctx, cancel := context.WithTimeout(c.Request.Context(), s.diagramTimeout)
	defer cancel()
	var buf bytes.Buffer
	if err := f.Render(&buf, an.Journey, an.Actors, an.Report, diagram.Options{Lang: lang, Context: ctx}); err != nil {
		return diagramError(c, err)
	}
	c.Header("Content-Language", lang)
	c.Data(http.StatusOK, f.ContentType, buf.Bytes())
	return nil
}

// DefaultDiagramTimeout bounds the layout of one SVG diagram unless Config says otherwise.
const DefaultDiagramTimeout = 10 * time.Second

// diagramError turns a diagram too large to lay out (by size, or by the deadline while
// the client still waits) into a 422 that says what to do instead; a client that hung up
// gets its context's error, which the error adapter logs without answering.
func diagramError(c *gin.Context, err error) error {
	tooLarge := errors.Is(err, diagram.ErrTooLarge) ||
		errors.Is(err, context.DeadlineExceeded) && c.Request.Context().Err() == nil
	if tooLarge {
		return journeys.Errorf(journeys.LimitExceeded,
			"The journey is too large to draw as SVG in time (at most %d steps and hand-overs); use format=mermaid or format=dot, or split the journey.",
			diagram.MaxSVGElements)
	}
	return err
}
