package api

import (
	"reflect"
	"slices"
	"strings"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/chain"
	"github.com/glapp/glapp/journeys/gaps"
)

// Value sets of query parameters that only HTTP has. As in the domain, each is declared
// once as constants of a named type, which the OpenAPI document reads, and listed once,
// which validation reads.

// reportFormat is the format of a gap report.
type reportFormat string

// Report formats.
const (
	reportJSON     reportFormat = "json"
	reportCSV      reportFormat = "csv"
	reportMarkdown reportFormat = "md"
	reportHTML     reportFormat = "html"
)

var reportFormats = []reportFormat{reportJSON, reportCSV, reportMarkdown, reportHTML}

// reportPart is the part of a gap report a CSV holds: the findings, or the unknowns as
// the next interview's questions. The JSON and Markdown reports hold both.
type reportPart string

// Report parts.
const (
	partFindings reportPart = "findings"
	partUnknowns reportPart = "unknowns"
)

var reportParts = []reportPart{partFindings, partUnknowns}

// lang is the language of explanations and diagrams.
type lang string

// Languages.
const (
	langSwedish lang = "sv"
	langEnglish lang = "en"
)

var langs = []lang{langSwedish, langEnglish}

// chainFrom is the side the effect chain report is read from.
type chainFrom string

// Sides of the effect chain.
const (
	fromGoals    chainFrom = chain.FromGoals
	fromFindings chainFrom = chain.FromFindings
)

var chainFroms = []chainFrom{fromGoals, fromFindings}

// markdownFormat is the format of the reports that come as JSON or Markdown (the effect
// chain, compare, conformance, the agenda, the offering).
type markdownFormat string

// The JSON-or-Markdown formats: the gap report's, without CSV.
const (
	formatJSON     markdownFormat = markdownFormat(reportJSON)
	formatMarkdown markdownFormat = markdownFormat(reportMarkdown)
)

var markdownFormats = []markdownFormat{formatJSON, formatMarkdown}

// diagramFormat is the format of a journey diagram: a name in diagram.Formats.
type diagramFormat string

// Diagram formats.
const (
	diagramSVG     diagramFormat = "svg"
	diagramMermaid diagramFormat = "mermaid"
	diagramDOT     diagramFormat = "dot"
)

var diagramFormats = []diagramFormat{diagramSVG, diagramMermaid, diagramDOT}

// journeyFormat is the format of a journey read: the JSON document or an .xlsx workbook.
type journeyFormat string

// Journey formats.
const (
	journeyJSON journeyFormat = "json"
	journeyXLSX journeyFormat = "xlsx"
)

var journeyFormats = []journeyFormat{journeyJSON, journeyXLSX}

// enums holds, by type, every value a field of that type may take, from the one list of
// each value set. The "enum" validation tag checks a field against it.
var enums = map[reflect.Type][]string{}

func init() {
	enumOf(journeys.JourneyKinds)
	enumOf(journeys.AgeGroups)
	enumOf(journeys.ProposalStages)
	enumOf(gaps.Severities)
	enumOf(journeys.ImportFormatNames())
	enumOf(reportFormats)
	enumOf(reportParts)
	enumOf(langs)
	enumOf(diagramFormats)
	enumOf(chainFroms)
	enumOf(markdownFormats)
	enumOf(journeyFormats)
}

// enumOf registers a value set for the "enum" validation tag.
func enumOf[T ~string](list []T) {
	s := make([]string, len(list))
	for i, v := range list {
		s[i] = string(v)
	}
	enums[reflect.TypeFor[T]()] = s
}

// validEnum is the "enum" validation: the field's value is in its type's list. A type
// without a list fails, so that a missing registration cannot pass unnoticed.
func validEnum(t reflect.Type, v string) bool {
	return slices.Contains(enums[t], v)
}

// enumText lists the values of a type for a violation message.
func enumText(t reflect.Type) string { return strings.Join(enums[t], ", ") }

// EnumSet is a value set that swag cannot read from constants (a subset of a list, or a
// list of structs with properties). The OpenAPI generator writes it wherever a field's
// tag (extensions:"x-enum=<name>") or a parameter's annotation (extensions(x-enum=<name>))
// names it, so that the document is derived from the Go list.
type EnumSet struct {
	Values []string
	// Descriptions say what each value is, in Values' order; empty when they need no words.
	Descriptions []string
}

// EnumSets returns the value sets x-enum can name.
func EnumSets() map[string]EnumSet {
	var all, webhook EnumSet
	for _, f := range journeys.ImportFormats {
		all.Values = append(all.Values, string(f.Format))
		all.Descriptions = append(all.Descriptions, f.Description)
		if f.Webhook {
			webhook.Values = append(webhook.Values, string(f.Format))
			webhook.Descriptions = append(webhook.Descriptions, f.Description)
		}
	}
	return map[string]EnumSet{"import-formats": all, "webhook-formats": webhook}
}
