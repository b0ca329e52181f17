// Package diagram draws a journey as a swimlane map, the way project leads put journey
// maps on a workshop wall: one lane per actor, grouped by sector; the journey's stages as
// columns; steps as cards; hand-overs as arrows styled by type; and every finding of the
// gap report numbered and tied to the element it is about, with a legend that lists the
// numbered findings. In the SVG each element with findings carries one marker with their
// number, coloured by the worst, which opens into the numbered findings (marks.go), and a
// hand-over's arrow takes the colour and weight of its worst finding.
//
// It writes the map as SVG (drawn here, for print and for the web page), and as Mermaid
// and Graphviz DOT text that carry the same structure for people who paste them into
// other tools. All three take their structure from one layout (layout.go), so that lanes,
// columns and finding numbers agree whichever format is read.
//
// The package is pure: it reads its arguments, writes to the io.Writer it is given and
// nothing else, runs no external program and loads no font. The same input gives
// byte-identical output.
package diagram

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
)

// Options are the choices a caller makes about a diagram.
type Options struct {
	// Lang is the language of labels and explanations: "en" for English; anything else,
	// the empty string included, means Swedish ("sv"), the project's working language.
	Lang string
	// Context stops the SVG layout when it is done (the client hung up, or a deadline
	// passed): SVG then returns its error. Nil means context.Background. It is an option
	// rather than an argument so that every format keeps one Renderer signature.
	Context context.Context
}

// MaxSVGElements bounds the steps plus hand-overs an SVG is drawn for. Placing arrows so
// that they do not cross grows faster than linearly, and a map of thousands of arrows is
// unreadable on a wall anyway; Mermaid and DOT, which leave layout to other tools, have
// no such bound.
const MaxSVGElements = 1_500

// ErrTooLarge is returned by SVG for a journey over MaxSVGElements.
var ErrTooLarge = errors.New("journey too large to draw as SVG")

// stop is what a layout whose context is done panics with; SVG recovers it into an
// error, so that the layout's loops need not each return one.
type stop struct{ err error }

// tick checks the layout's context every 64 calls; loops whose steps can be slow call it
// once per step, so a cancelled layout stops within a bounded amount of work.
func (l *layout) tick() {
	l.ticks++
	if l.ticks%64 == 0 && l.ctx != nil {
		if err := l.ctx.Err(); err != nil {
			panic(stop{err})
		}
	}
}

// lang returns the language the diagram is written in: "sv" or "en".
func (o Options) lang() string {
	if o.Lang == "en" {
		return "en"
	}
	return "sv"
}

// doc is a document being written: each format draws into a buffer, which cannot fail,
// so that drawing code need not check errors, and the caller's writer sees one write of
// a whole document or nothing.
type doc struct {
	l *layout
	b bytes.Buffer
}

// printf writes a formatted piece of the document.
func (d *doc) printf(format string, args ...any) { fmt.Fprintf(&d.b, format, args...) }

// flush writes the document to w.
func (d *doc) flush(w io.Writer) error {
	_, err := w.Write(d.b.Bytes())
	return err
}
