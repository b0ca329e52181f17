package api

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/journeys"
)

// readJSON reads the request body, refusing non-JSON media types (which also keeps plain
// HTML forms from posting here) and bodies over the server's limit, and decodes it
// strictly into v: unknown fields and trailing data are refused. Then every string in v
// is redacted (redactBody), before anyone validates or stores it.
func (s *server) readJSON(c *gin.Context, v any) error {
	body, err := s.readBody(c)
	if err != nil {
		return err
	}
	if err := journeys.DecodeStrict(body, v); err != nil {
		return err
	}
	redactBody(c, v)
	return nil
}

// readBody returns the raw JSON body under the same rules as readJSON.
func (s *server) readBody(c *gin.Context) ([]byte, error) {
	mt, _, err := mime.ParseMediaType(c.GetHeader("Content-Type"))
	if err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
		return nil, journeys.Errorf(codeUnsupportedMedia, "Send the body as JSON with the header \"Content-Type: application/json\".")
	}
	return readLimited(c, s.maxBody)
}

// readLimited reads the whole body, whatever its media type, refusing more than limit
// bytes (counting everything sent, also after a JSON value).
func readLimited(c *gin.Context, limit int64) ([]byte, error) {
	if err := announcedTooLarge(c, limit); err != nil {
		return nil, err
	}
	body, err := io.ReadAll(http.MaxBytesReader(c.Writer, c.Request.Body, limit))
	if err != nil {
		return nil, bodyError(err, limit)
	}
	return body, nil
}

// announcedTooLarge refuses a body whose Content-Length is over limit before any of it is
// read, so that neither side spends time on what will be refused.
func announcedTooLarge(c *gin.Context, limit int64) error {
	if c.Request.ContentLength > limit {
		return tooLarge(limit)
	}
	return nil
}

func tooLarge(limit int64) error {
	return journeys.Errorf(codeTooLarge, "The request body is larger than the limit of %d bytes.", limit)
}

// bodyError turns a failure to read the request body into 413 when it was over limit,
// and INVALID otherwise.
func bodyError(err error, limit int64) error {
	var maxErr *http.MaxBytesError
	if errors.As(err, &maxErr) {
		return tooLarge(limit)
	}
	return journeys.Errorf(journeys.Invalid, "The request body could not be read.")
}

// encodeJSON writes v as compact JSON followed by a newline, without HTML escaping, so
// Swedish text and arrows read as written.
func encodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// respond writes v as JSON with the given status.
func respond(c *gin.Context, status int, v any) error {
	c.Header("Content-Type", "application/json; charset=utf-8")
	c.Status(status)
	if err := encodeJSON(c.Writer, v); err != nil {
		_ = c.Error(err)
	}
	return nil
}
