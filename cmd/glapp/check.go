package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"
)

// check runs "glapp check": it opens the store read-only, runs the store's Check and
// prints the result. It fails (exit status 1) when the store cannot be opened, cannot
// be checked, or is damaged, so that a backup script or a cron job can stop on it.
func check(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	fs := newFlagSet("check", "", "verify the store (NEO4J_URI, else the embedded store in --data-dir), which it only reads; exit status 1 when it is damaged")
	dataDir := fs.String("data-dir", envString(getenv, "GLAPP_DATA_DIR", "./data"), "directory of the embedded store (GLAPP_DATA_DIR)")
	if help, err := parseFlags(fs, args, stdout); help || err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef(fs.Name(), "check takes no arguments, got %q", fs.Args())
	}
	store, err := openReader(*dataDir, getenv)
	if err != nil {
		return err
	}
	defer store.Close()
	r, err := store.Check(ctx)
	if err != nil {
		return fmt.Errorf("check: %w", err)
	}
	fmt.Fprintf(stdout, "Checked the %s.\n\n", r.Store)
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	for _, c := range r.Counts {
		fmt.Fprintf(tw, "%d\t %s\n", c.N, c.Name)
	}
	tw.Flush()
	if r.Sound() {
		_, err := fmt.Fprintln(stdout, "\nNo problems found.")
		return err
	}
	fmt.Fprintf(stdout, "\n%d problems found:\n", len(r.Problems)+r.Omitted)
	for _, p := range r.Problems {
		fmt.Fprintf(stdout, "  - %s\n", p)
	}
	if r.Omitted > 0 {
		fmt.Fprintf(stdout, "  ... and %d more\n", r.Omitted)
	}
	return fmt.Errorf("the %s is damaged (%d problems); restore it from a copy, see docs/operations.md", r.Store, len(r.Problems)+r.Omitted)
}
