package main

import (
	"context"
	"encoding/json"
	"io"
	"slices"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/chain"
	"github.com/glapp/glapp/journeys/gaps"
	"github.com/glapp/glapp/journeys/offering"
	"github.com/glapp/glapp/reports"
)

// report prints a gap report read straight from the store, for analysts who work
// offline. It opens the store read-only and never creates one. With the embedded store,
// the server must not be running on the same data directory (the database file admits
// one writer or several readers at a time).
func report(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	fs := newFlagSet("report", "", "print a project's or a journey's gap report, or a project's effect chain or offering, from the store, which it only reads")
	kind := fs.String("kind", "gaps", "gaps (the gap report), effect-chain (goals, measures, proposals, findings and blind spots) or offering (supports, needs and navigation burden)")
	ageGroup := fs.String("age-group", "", "with --kind offering: only what is for child, adult or any")
	from := fs.String("from", chain.FromGoals, "with --kind effect-chain: read from goals or findings")
	project := fs.String("project", "", "project id (required)")
	journey := fs.String("journey", "", "journey id; the whole project when left out")
	format := fs.String("format", "md", "md, csv or json")
	part := fs.String("part", "findings", "with --format csv: findings (one row per finding) or unknowns (one row per unknown field, with its question)")
	lang := fs.String("lang", "sv", "language of explanations: sv or en (json carries both)")
	dataDir := fs.String("data-dir", envString(getenv, "GLAPP_DATA_DIR", "./data"), "directory of the embedded store (GLAPP_DATA_DIR)")
	includeDismissed := fs.Bool("include-dismissed", false, "keep findings the project dismissed")
	minSeverity := fs.String("min-severity", "", "only findings of this severity or worse: low, medium, high, critical")
	since := fs.String("since", "", "with --kind gaps for the whole project: mark each finding new or persisting against this baseline, and list what it held that is resolved")
	if help, err := parseFlags(fs, args, stdout); help || err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		return usagef(fs.Name(), "report takes no arguments, got %q", fs.Args())
	case *project == "":
		return usagef(fs.Name(), "report needs --project")
	case *kind != "gaps" && *kind != "effect-chain" && *kind != "offering":
		return usagef(fs.Name(), "--kind must be gaps, effect-chain or offering, not %q", *kind)
	case *kind == "offering" && (*format == "csv" || *journey != "" || *minSeverity != "" || *includeDismissed):
		return usagef(fs.Name(), "--kind offering covers the whole project as md or json; it takes no --journey, --min-severity, --include-dismissed or --format csv")
	case *ageGroup != "" && (*kind != "offering" || !slices.Contains(journeys.AgeGroups, journeys.AgeGroup(*ageGroup))):
		return usagef(fs.Name(), "--age-group applies to --kind offering and must be child, adult or any, not %q", *ageGroup)
	case *from != chain.FromGoals && *from != chain.FromFindings:
		return usagef(fs.Name(), "--from must be goals or findings, not %q", *from)
	case *kind == "effect-chain" && (*format == "csv" || *journey != "" || *minSeverity != "" || *includeDismissed):
		return usagef(fs.Name(), "--kind effect-chain covers the whole project as md or json; it takes no --journey, --min-severity, --include-dismissed or --format csv")
	case *since != "" && (*kind != "gaps" || *journey != ""):
		return usagef(fs.Name(), "--since applies to the whole project's gap report (--kind gaps, no --journey)")
	case *format != "md" && *format != "csv" && *format != "json":
		return usagef(fs.Name(), "--format must be md, csv or json, not %q", *format)
	case *part != "findings" && *part != "unknowns":
		return usagef(fs.Name(), "--part must be findings or unknowns, not %q", *part)
	case *part == "unknowns" && *format != "csv":
		return usagef(fs.Name(), "--part unknowns applies only to --format csv; the md and json reports hold the unknowns already")
	case *lang != "sv" && *lang != "en":
		return usagef(fs.Name(), "--lang must be sv or en, not %q", *lang)
	}
	filter := gaps.Filter{}
	if *minSeverity != "" {
		sev, ok := gaps.ParseSeverity(*minSeverity)
		if !ok {
			return usagef(fs.Name(), "--min-severity must be low, medium, high or critical, not %q", *minSeverity)
		}
		filter.MinSeverity = sev
	}

	store, err := openReader(*dataDir, getenv)
	if err != nil {
		return err
	}
	defer store.Close()
	svc := reports.Service{Store: store}
	if *kind == "offering" {
		r, err := svc.Offering(ctx, *project, offering.Filter{AgeGroup: journeys.AgeGroup(*ageGroup)}, *lang)
		if err != nil {
			return err
		}
		if *format == "json" {
			return writeJSON(stdout, r)
		}
		return reports.WriteOfferingMarkdown(stdout, r, *lang)
	}
	if *kind == "effect-chain" {
		r, err := svc.EffectChain(ctx, *project, *from)
		if err != nil {
			return err
		}
		if *format == "json" {
			return writeJSON(stdout, r)
		}
		return reports.WriteEffectChainMarkdown(stdout, r, *lang)
	}
	unknowns := *part == "unknowns"
	opt := reports.Options{IncludeDismissed: *includeDismissed, WithUnknowns: unknowns || *format == "md"}

	var ps gaps.ProjectReport
	if *journey != "" {
		r, err := svc.Journey(ctx, *project, *journey, opt)
		if err != nil {
			return err
		}
		if *format == "json" {
			// A journey's JSON report is the engine's whole answer, unknowns and all; a
			// filtered one would be a different document, so say so rather than ignore it.
			if !filter.IsZero() {
				return usagef(fs.Name(), "--min-severity does not apply to a journey's JSON report; use --format md or csv, or filter the JSON")
			}
			return writeJSON(stdout, r)
		}
		if ps, err = gaps.CombineReports(ctx, []gaps.JourneyReport{*r}, filter); err != nil {
			return err
		}
	} else {
		var r *gaps.ProjectReport
		var err error
		if *since != "" {
			r, err = svc.ProjectSince(ctx, *project, *since, filter, opt)
		} else {
			r, err = svc.Project(ctx, *project, filter, opt)
		}
		if err != nil {
			return err
		}
		ps = *r
	}
	switch *format {
	case "csv":
		if unknowns {
			return reports.WriteUnknownsCSV(ctx, stdout, ps.Unknowns, *lang)
		}
		return reports.WriteCSV(ctx, stdout, ps.Findings, *lang)
	case "json":
		return reports.WriteProjectJSON(ctx, stdout, &ps, nil)
	}
	return reports.WriteMarkdown(ctx, stdout, ps, *lang)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
