package main

import (
	"fmt"
	"io"
	"os"
	"strings"
)

// progress draws a plain-text progress bar, "[#####     ] 12/40 journeys copied", on
// standard error, so that it never mixes with what a command prints for scripts. On a
// terminal it redraws one line in place; elsewhere (a log file, CI) it writes one line
// each time the bar grows and at the end.
type progress struct {
	w      io.Writer
	tty    bool
	total  int
	done   int
	drawn  int
	noun   string
	blocks int
}

const progressWidth = 20

func newProgress(w io.Writer, total int, noun string) *progress {
	p := &progress{w: w, tty: isTerminal(w), total: total, noun: noun, drawn: -1}
	p.draw()
	return p
}

// isTerminal reports whether w is a character device such as a terminal, where a
// carriage return moves back to the start of the line. The standard library has no
// exact test; a character device that is not a terminal (/dev/null) takes the redraws
// harmlessly.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// step counts one item done and redraws the bar when it has grown.
func (p *progress) step() { p.set(p.done + 1) }

// set moves the bar to done items and redraws it when it has grown.
func (p *progress) set(done int) {
	p.done = done
	if p.filled() != p.blocks || p.done == p.total {
		p.draw()
	}
}

func (p *progress) filled() int {
	if p.total == 0 {
		return progressWidth
	}
	return min(progressWidth, p.done*progressWidth/p.total)
}

func (p *progress) draw() {
	if p.drawn == p.done {
		return
	}
	p.blocks, p.drawn = p.filled(), p.done
	start, end := "", "\n"
	if p.tty {
		start, end = "\r", ""
		if p.done >= p.total {
			end = "\n"
		}
	}
	fmt.Fprintf(p.w, "%s[%s%s] %d/%d %s%s", start, strings.Repeat("#", p.blocks), strings.Repeat(" ", progressWidth-p.blocks), p.done, p.total, p.noun, end)
}
