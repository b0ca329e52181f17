package diagram

import (
	"io"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
)

// Renderer writes a journey's diagram in one format.
type Renderer func(w io.Writer, j *journeys.Journey, actors map[string]journeys.Actor, r *gaps.JourneyReport, opt Options) error

// Format is one output format: its renderer and its media type.
type Format struct {
	Render      Renderer
	ContentType string
}

// Formats holds every format by the name clients ask for it with.
var Formats = map[string]Format{
	"svg":     {SVG, "image/svg+xml; charset=utf-8"},
	"mermaid": {Mermaid, "text/vnd.mermaid; charset=utf-8"},
	"dot":     {DOT, "text/vnd.graphviz; charset=utf-8"},
}
