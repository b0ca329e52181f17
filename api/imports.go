package api

import (
	"io"
	"mime"
	"net/http"
	"os"

	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/imports"
	"github.com/glapp/glapp/imports/formats"
	"github.com/glapp/glapp/journeys"
)

// DefaultMaxImportBytes is the size limit of an uploaded export when Config.MaxImportBytes
// is zero: large enough for a big QDPX with its sources.
const DefaultMaxImportBytes = 256 << 20

// importOptions is how to read an export: its format, the CSV columns, and which code or
// tag names link to which journey elements.
type importOptions struct {
	Format   journeys.ImportFormat   `json:"format"`
	CSV      formats.CSVMapping      `json:"csv"`
	EventLog formats.EventLogMapping `json:"eventlog"`
	// Planned is the journey an event log's cases follow.
	Planned string              `json:"planned,omitempty"`
	Mapping map[string][]string `json:"mapping,omitempty"`
}

// createImport godoc
//
//	@Summary		Import evidence from a research tool's export, or lived journeys from an event log
//	@Description	Send the file either as multipart/form-data (part `file`, and optionally part `options` with the JSON options) or as the raw body with `?format=` (and optionally `?options=` with the JSON options, URL-encoded). The `format` parameter lists the formats; for `csv`, `options.csv` names the columns: `text` required, `participant`, `role`, `date`, `tags`, `source`, `id`, `tagSeparator`. Codes named like element references (`step:s1`, `handover:j1/h1`, `actor:vc`, `journey:j1`) link the excerpt there; `options.mapping` maps other code names to references. Personal identity numbers, e-mail addresses and phone numbers are replaced by markers before anything is stored. For `eventlog`, each case becomes one `lived` journey (`options.eventlog` names the columns, defaults `case`, `activity` or `step`, `actor`, `timestamp`, and optional `handoverType`, `channel`); case ids are pseudonymised with the project's secret before anything is stored, timestamps without a zone are read in the project's `timeZone` setting, actors the project lacks are created with sector `unknown`, and `planned` (query or options) names the journey the cases follow. All or nothing, and idempotent: importing the same file again changes nothing. Answers with the import result: counts only, never the redacted values.
//	@Tags			evidence
//	@Accept			mpfd
//	@Accept			octet-stream
//	@Produce		json
//	@Param			projectId	path		string	true	"Project id"
//	@Param			file		formData	file	false	"The export, in a multipart upload"
//	@Param			options		formData	string	false	"Import options as JSON, in a multipart upload"
//	@Param			format		query		string	false	"Format of a raw body"	extensions(x-enum=import-formats)
//	@Param			options		query		string	false	"Import options as JSON, for a raw body"
//	@Param			name		query		string	false	"File name of a raw body (.qde, .qdpx, .zip, .md)"
//	@Param			planned		query		string	false	"For an event log: the id of the journey its cases follow"
//	@Success		200			{object}	imports.Result
//	@Failure		400			{object}	Problem
//	@Failure		413			{object}	Problem
//	@Failure		409			{object}	Problem	"Another import into the project is running; see Retry-After"
//	@Failure		422			{object}	Problem	"An event log makes a journey over the server's limits (LIMIT_EXCEEDED); nothing was written"
//	@Router			/api/v1/projects/{projectId}/imports [post]
func (s *server) createImport(c *gin.Context) (err error) {
	var report *imports.Result
	defer func() { s.countImport("upload", report, err) }()
	file, size, release, name, opts, err := s.spoolUpload(c)
	if err != nil {
		return err
	}
	defer release()
	svc := imports.Service{Store: s.store, Limits: s.limits}
	report, err = svc.Run(c.Request.Context(), c.Param("projectId"), imports.Request{
		Format: opts.Format, Name: name, File: file, Size: size, CSV: opts.CSV, Mapping: opts.Mapping,
		EventLog: opts.EventLog, Planned: opts.Planned,
	})
	if err != nil {
		return err
	}
	requestLog(c).Info("import", "project", c.Param("projectId"), "format", opts.Format,
		"records", report.Records, "created", report.Created, "unchanged", report.Unchanged, "redactions", len(report.Redactions), "durationMs", report.DurationMs)
	reportRedacted(c, report.Redactions)
	return respond(c, http.StatusOK, report)
}

// spoolUpload copies the uploaded export to a temporary file (imports.Spool) and reads the
// import options. An upload announced larger than the limit is refused before any of it
// is read.
func (s *server) spoolUpload(c *gin.Context) (file *os.File, size int64, release func(), name string, opts importOptions, err error) {
	if err := announcedTooLarge(c, s.maxImport); err != nil {
		return nil, 0, nil, "", opts, err
	}
	body := http.MaxBytesReader(c.Writer, c.Request.Body, s.maxImport)
	var src io.Reader = body
	name = c.Query("name")
	mt, params, _ := mime.ParseMediaType(c.GetHeader("Content-Type"))
	if mt == "multipart/form-data" {
		part, optionsJSON, filename, err := multipartFile(body, params["boundary"])
		if err != nil {
			return nil, 0, nil, "", opts, err
		}
		if optionsJSON != nil {
			if err := journeys.DecodeStrict(optionsJSON, &opts); err != nil {
				return nil, 0, nil, "", opts, err
			}
		}
		src, name = part, filename
	} else if q := c.Query("options"); q != "" {
		if err := journeys.DecodeStrict([]byte(q), &opts); err != nil {
			return nil, 0, nil, "", opts, err
		}
	}
	if f := c.Query("format"); f != "" {
		opts.Format = journeys.ImportFormat(f)
	}
	if p := c.Query("planned"); p != "" {
		opts.Planned = p
	}
	if !opts.Format.Known() {
		// Refused before the upload is read: nothing could read it.
		return nil, 0, nil, "", opts, journeys.InvalidError("Say which format the file is in.", []journeys.Violation{{Parameter: "format", Detail: "One of: " + journeys.FormatList(journeys.ImportFormatNames()) + "."}})
	}
	upload := &trackedReader{r: src}
	file, size, release, err = imports.Spool(upload)
	if err != nil {
		if upload.err != nil {
			return nil, 0, nil, "", opts, bodyError(upload.err, s.maxImport)
		}
		// Creating or writing the spool file failed (a full disk): the server's fault.
		return nil, 0, nil, "", opts, journeys.Wrap(journeys.Internal, err, "The upload could not be spooled.")
	}
	return file, size, release, name, opts, nil
}

// trackedReader keeps the error its reader returned, so that a failure to read the
// client's upload can be told from a failure to store it.
type trackedReader struct {
	r   io.Reader
	err error
}

func (t *trackedReader) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	if err != nil && err != io.EOF {
		t.err = err
	}
	return n, err
}

// countImport records an import through via in the metrics: what it stored, or, when err
// is set, that it was refused. A refusal before the file is read (too large, no format)
// counts too.
func (s *server) countImport(via string, report *imports.Result, err error) {
	if err != nil || report == nil {
		s.metrics.Import(via, 0, nil, err)
		return
	}
	s.metrics.Import(via, report.Records, report.Redactions, nil)
}
