package journeys

import (
	"path"
	"slices"
	"strings"
)

// ImportFormat names a format evidence is imported from: a research tool's export or
// Glapp's own records.
type ImportFormat string

// ImportFormatInfo describes an import format. ImportFormats holds one per format, and
// every other place that names formats (validation, the webhook subset, guessing a format
// from a file name, the CLI's help, the OpenAPI document, docs/evidence.md's table) is
// derived from it or checked against it.
type ImportFormatInfo struct {
	Format ImportFormat
	// Extensions are the file name endings, lowercase with their dot, that mean the format
	// when a caller was not told it (the CLI given files).
	Extensions []string
	// Webhook says whether a note tool can post the format as one message body.
	Webhook bool
	// Description says what the format holds, as a phrase for help texts.
	Description string
	// Lived says the format holds lived journeys (an event log), not evidence: an import
	// of it writes journeys and actors.
	Lived bool
}

// ImportFormats lists every import format, in the order help texts show them. Adding a
// format is a line here plus its reader in package evidence.
var ImportFormats = []ImportFormatInfo{
	{"refi-qda", []string{".qdpx", ".qde"}, false, "a REFI-QDA project (.qdpx or .qde) as NVivo, ATLAS.ti, MAXQDA and QualCoder export", false},
	{"csv", []string{".csv", ".tsv"}, true, "a spreadsheet or a tool's CSV export, with the CSV options naming the columns", false},
	{"dovetail", []string{".json"}, true, "Dovetail highlights as its API returns them", false},
	{"markdown", []string{".md", ".markdown", ".zip"}, true, "notes with YAML front matter, one file or a zip of many", false},
	{"jsonl", []string{".jsonl", ".ndjson"}, true, "Glapp's own records, one JSON object per line", false},
	{"eventlog", nil, false, "an event log, one row per event with case, activity, actor and timestamp columns: one lived journey per case", true},
}

// ImportFormatNames returns the name of every import format, in ImportFormats' order.
func ImportFormatNames() []ImportFormat {
	return formatsWhere(func(ImportFormatInfo) bool { return true })
}

// EvidenceFormats returns the formats that hold evidence, each read by its reader in
// package formats.
func EvidenceFormats() []ImportFormat {
	return formatsWhere(func(f ImportFormatInfo) bool { return !f.Lived })
}

// Lived reports whether f holds lived journeys (an event log) rather than evidence.
func (f ImportFormat) Lived() bool {
	for _, info := range ImportFormats {
		if info.Format == f {
			return info.Lived
		}
	}
	return false
}

// WebhookFormats returns the formats a webhook takes: those a note tool can post as one
// body.
func WebhookFormats() []ImportFormat {
	return formatsWhere(func(f ImportFormatInfo) bool { return f.Webhook })
}

func formatsWhere(keep func(ImportFormatInfo) bool) []ImportFormat {
	var out []ImportFormat
	for _, f := range ImportFormats {
		if keep(f) {
			out = append(out, f.Format)
		}
	}
	return out
}

// ImportFormatOf guesses a file's format from its name's extension, for callers that were
// not told it.
func ImportFormatOf(name string) (ImportFormat, bool) {
	ext := strings.ToLower(path.Ext(name))
	for _, f := range ImportFormats {
		if slices.Contains(f.Extensions, ext) {
			return f.Format, true
		}
	}
	return "", false
}

// Known reports whether f is one of ImportFormats.
func (f ImportFormat) Known() bool { return slices.Contains(ImportFormatNames(), f) }

// FormatList joins formats for a message: "a, b, c".
func FormatList(formats []ImportFormat) string {
	return enumList(formats)
}
