package api

import (
	"bytes"
	"errors"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/workbook"
)

// journeyQuery picks the format of a journey read; without it, Accept does.
type journeyQuery struct {
	Format journeyFormat `form:"format" binding:"omitempty,enum"`
	Lang   lang          `form:"lang" binding:"omitempty,enum"`
}

// unzipFactor bounds what an uploaded workbook may unpack to, as a multiple of the body
// limit: a workbook is a zip container, and a small one can unpack to a great deal.
const unzipFactor = 4

// wantsWorkbook says whether a journey read asks for the workbook: format=xlsx, or an
// Accept header that ranks the workbook's media type above JSON. An Accept header that
// takes neither is NOT_ACCEPTABLE.
func wantsWorkbook(c *gin.Context) (bool, error) {
	var q journeyQuery
	if err := bindQuery(c, &q); err != nil {
		return false, err
	}
	if q.Format != "" {
		return q.Format == journeyXLSX, nil
	}
	c.Writer.Header().Add("Vary", "Accept")
	accept := strings.TrimSpace(c.GetHeader("Accept"))
	if accept == "" {
		return false, nil
	}
	// The q of JSON, of the workbook and of the best wildcard; -1 when not named. A
	// wildcard stands for either; on a tie the workbook wins only when named.
	jsonQ, xlsxQ, anyQ := -1.0, -1.0, -1.0
	for _, part := range strings.Split(accept, ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		q := 1.0
		if f, err := strconv.ParseFloat(params["q"], 64); err == nil {
			q = f
		}
		switch {
		case mt == "application/json" || strings.HasSuffix(mt, "+json"):
			jsonQ = max(jsonQ, q)
		case mt == workbook.MediaType:
			xlsxQ = max(xlsxQ, q)
		case mt == "application/*" || mt == "*/*":
			anyQ = max(anyQ, q)
		}
	}
	named := xlsxQ >= 0
	if jsonQ < 0 {
		jsonQ = anyQ
	}
	if xlsxQ < 0 {
		xlsxQ = anyQ
	}
	if jsonQ <= 0 && xlsxQ <= 0 {
		return false, journeys.Errorf(codeNotAcceptable, "A journey is available as %s or %s; Accept names neither.", "application/json", workbook.MediaType)
	}
	return xlsxQ > jsonQ || named && xlsxQ > 0 && xlsxQ == jsonQ, nil
}

// exportJourney answers a journey read with the workbook: the journey and the project's
// actors and sources, headers in the language of the request.
func (s *server) exportJourney(c *gin.Context, j *journeys.Journey) error {
	return s.sendWorkbook(c, j, j.ID+".xlsx")
}

// journeyTemplate godoc
//
//	@Summary		A blank journey workbook for a workshop
//	@Description	An .xlsx workbook with the sheets of a journey (header, stages, steps, hand-overs, insights) left empty, and the project's actors and sources on their own sheets, so that the drop-downs of references offer what the project holds. Fill it in and PUT it to /journeys/{journeyId} with the workbook's media type to create the journey. Sheet names and headers are Swedish or English by `lang` or Accept-Language.
//	@Tags			journeys
//	@Produce		application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
//	@Param			projectId	path		string	true	"Project id"
//	@Param			lang		query		lang	false	"Language (overrides Accept-Language)"
//	@Success		200			{file}		file	"The workbook"
//	@Failure		400			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Router			/api/v1/projects/{projectId}/journey-template [get]
func (s *server) journeyTemplate(c *gin.Context) error {
	var q journeyQuery
	if err := bindQuery(c, &q); err != nil {
		return err
	}
	if _, err := s.store.GetProject(c.Request.Context(), c.Param("projectId")); err != nil {
		return err
	}
	return s.sendWorkbook(c, nil, "journey-template.xlsx")
}

// sendWorkbook writes the workbook of j (nil for a blank template) with the project's
// actors and sources.
func (s *server) sendWorkbook(c *gin.Context, j *journeys.Journey, filename string) error {
	ctx, project := c.Request.Context(), c.Param("projectId")
	actors, err := journeys.AllItems(func(p journeys.Page) (*journeys.List[journeys.Actor], error) {
		return s.store.ListActors(ctx, project, p)
	})
	if err != nil {
		return err
	}
	sources, err := journeys.AllItems(func(p journeys.Page) (*journeys.List[journeys.Source], error) {
		return s.store.ListSources(ctx, project, p)
	})
	if err != nil {
		return err
	}
	lang := language(c)
	var buf bytes.Buffer
	if err := workbook.Write(&buf, workbook.Contents{Journey: j, Actors: actors, Sources: sources, Lang: lang}); err != nil {
		return err
	}
	c.Header("Content-Language", lang)
	c.Header("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": filename}))
	c.Writer.Header().Add("Vary", "Accept-Language")
	c.Data(http.StatusOK, workbook.MediaType, buf.Bytes())
	return nil
}

// readJourney reads the journey document of a PUT: JSON, or a workbook, which becomes
// the same document (with a Locator that places its pointers in the workbook) and is
// redacted like JSON.
func (s *server) readJourney(c *gin.Context) (*journeys.Journey, *workbook.Locator, error) {
	mt, _, _ := mime.ParseMediaType(c.GetHeader("Content-Type"))
	if mt != workbook.MediaType {
		if mt != "application/json" && !strings.HasSuffix(mt, "+json") {
			return nil, nil, journeys.Errorf(codeUnsupportedMedia, "Send the journey as JSON (Content-Type: application/json) or as a workbook (Content-Type: %s).", workbook.MediaType)
		}
		var j journeys.Journey
		if err := s.readJSON(c, &j); err != nil {
			return nil, nil, err
		}
		return &j, nil, nil
	}
	body, err := readLimited(c, s.maxBody)
	if err != nil {
		return nil, nil, err
	}
	j, loc, err := workbook.Read(body, unzipFactor*s.maxBody)
	var tooLarge *workbook.TooLargeError
	if errors.As(err, &tooLarge) {
		return nil, nil, journeys.Errorf(codeTooLarge, "%s Nothing was stored.", tooLarge.Message)
	}
	if err != nil {
		return nil, nil, err
	}
	j.Version = 0 // read for clients, ignored here as in JSON
	redactBody(c, j)
	return j, loc, nil
}
