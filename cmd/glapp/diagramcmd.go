package main

import (
	"context"
	"io"
	"os"

	"github.com/glapp/glapp/diagram"
	"github.com/glapp/glapp/reports"
)

// diagramCmd writes a journey's swimlane map from the store, as the API's diagram
// endpoint does, for printing at a workshop without a running server.
func diagramCmd(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	fs := newFlagSet("diagram", "", "write a journey's swimlane map from the store, which it only reads")
	project := fs.String("project", "", "project id (required)")
	journey := fs.String("journey", "", "journey id (required)")
	format := fs.String("format", "svg", "svg, mermaid or dot")
	lang := fs.String("lang", "sv", "sv or en")
	out := fs.String("out", "", "file to write; standard output when left out")
	dataDir := fs.String("data-dir", envString(getenv, "GLAPP_DATA_DIR", "./data"), "directory of the embedded store (GLAPP_DATA_DIR)")
	if help, err := parseFlags(fs, args, stdout); help || err != nil {
		return err
	}
	f, known := diagram.Formats[*format]
	switch {
	case fs.NArg() > 0:
		return usagef(fs.Name(), "diagram takes no arguments, got %q", fs.Args())
	case *project == "" || *journey == "":
		return usagef(fs.Name(), "diagram needs --project and --journey")
	case !known:
		return usagef(fs.Name(), "--format must be svg, mermaid or dot, not %q", *format)
	case *lang != "sv" && *lang != "en":
		return usagef(fs.Name(), "--lang must be sv or en, not %q", *lang)
	}
	store, err := openReader(*dataDir, getenv)
	if err != nil {
		return err
	}
	defer store.Close()
	an, err := reports.Service{Store: store}.Analysed(ctx, *project, *journey, reports.Options{})
	if err != nil {
		return err
	}
	w := stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	return f.Render(w, an.Journey, an.Actors, an.Report, diagram.Options{Lang: *lang})
}
