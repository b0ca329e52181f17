package api

import (
	"bytes"
	"io"
	"net/http"

	"github.com/gin-gonic/gin"
)

// respondJSONOrMarkdown answers a report that comes as JSON or Markdown: Markdown when
// the format parameter, else the Accept header, asks for it (an Accept of CSV or HTML
// gets JSON), written by markdown in the request's language; JSON otherwise. Either way
// Content-Language names that language.
func respondJSONOrMarkdown[T any](c *gin.Context, format markdownFormat, r *T, markdown func(io.Writer, *T, string) error) error {
	lang := language(c)
	c.Header("Content-Language", lang)
	if (reportQuery{Format: reportFormat(format)}).format(c) == "md" {
		var buf bytes.Buffer
		if err := markdown(&buf, r, lang); err != nil {
			return err
		}
		c.Data(http.StatusOK, "text/markdown; charset=utf-8", buf.Bytes())
		return nil
	}
	return respond(c, http.StatusOK, r)
}
