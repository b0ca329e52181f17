// Command glapp is the Glapp service and its tools in one binary:
//
//	glapp serve [--demo]   run the HTTP API
//	glapp migrate          copy an embedded store into Neo4j and verify it
//	glapp report           print a gap report from the store
//	glapp diagram          write a journey's swimlane map
//	glapp journey          export a journey to a file (JSON or .xlsx) and import it back
//	glapp check            verify the store
//	glapp token create     create a token in the store
//	glapp import FILE...   import evidence from research tools, or event logs as lived journeys
//	glapp probe            ask a running server whether it is ready (health checks)
//	glapp backup           copy a running server's store
//	glapp restore          put a backup in place
//	glapp version          print the version
//
// Run "glapp help" for the list and "glapp COMMAND -h" for the flags of each. The exit
// status is 0 on success (and for -h), 1 when the command failed, 2 when it was called
// wrongly (an unknown command or flag, a missing or bad argument).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	// The time zone database, so that a project's time zone setting (an IANA name) works
	// in any container image, with or without /usr/share/zoneinfo.
	_ "time/tzdata"

	"github.com/glapp/glapp/internal/buildinfo"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := runStreams(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(exitStatus(err, os.Stderr))
}

// Exit statuses, as usual for command-line tools.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// exitStatus writes err, if any, to stderr and returns the process's exit status.
func exitStatus(err error, stderr io.Writer) int {
	var ue *usageError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "glapp: %v\nRun \"%s -h\" for usage.\n", err, ue.command)
		return exitUsage
	}
	fmt.Fprintln(stderr, "glapp:", err)
	return exitFailure
}

// usageError is a command called wrongly: exit status 2, with a pointer to its usage.
type usageError struct {
	command string // "glapp report", for the pointer
	err     error
}

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

// usagef returns a usageError of command ("glapp", "glapp report", ...).
func usagef(command, format string, args ...any) error {
	return &usageError{command: command, err: fmt.Errorf(format, args...)}
}

// run is main without the process: tests call it with their own arguments, environment
// and output, and stop it by cancelling ctx. Progress bars go to the process's standard
// error; runStreams takes that too.
func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	return runStreams(ctx, args, getenv, stdout, os.Stderr)
}

// runStreams is run with the standard error stream, where progress bars go, so that
// what a command prints on standard output stays what a script reads.
func runStreams(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usagef("glapp", "no command given")
	}
	switch cmd, rest := args[0], args[1:]; cmd {
	case "serve":
		return serve(ctx, rest, getenv, stdout)
	case "migrate":
		return migrate(ctx, rest, getenv, stdout, stderr)
	case "report":
		return report(ctx, rest, getenv, stdout)
	case "check":
		return check(ctx, rest, getenv, stdout)
	case "backup":
		return backupCmd(ctx, rest, getenv, stdout)
	case "restore":
		return restoreCmd(ctx, rest, getenv, stdout)
	case "token":
		return tokenCmd(ctx, rest, getenv, stdout)
	case "import":
		return importCmd(ctx, rest, getenv, stdout, stderr)
	case "diagram":
		return diagramCmd(ctx, rest, getenv, stdout)
	case "journey":
		return journeyCmd(ctx, rest, getenv, stdout)
	case "probe":
		return probe(ctx, rest, getenv, stdout)
	case "version", "--version", "-version":
		fs := newFlagSet("version", "", "print the module version, VCS revision and commit time")
		if help, err := parseFlags(fs, rest, stdout); help || err != nil {
			return err
		}
		_, err := fmt.Fprint(stdout, buildinfo.Read().String())
		return err
	case "help", "-h", "--help", "-help":
		if len(rest) > 0 && rest[0] != "help" && !strings.HasPrefix(rest[0], "-") {
			return runStreams(ctx, []string{rest[0], "-h"}, getenv, stdout, stderr)
		}
		_, err := fmt.Fprint(stdout, usage)
		return err
	default:
		return usagef("glapp", "unknown command %q", cmd)
	}
}

const usage = `Glapp maps patient journeys through health and social care and finds where people
fall between the chairs.

Usage:
  glapp serve [flags]    run the HTTP API
  glapp migrate --from-data-dir DIR
                         copy an embedded store into Neo4j (NEO4J_URI) and verify it
  glapp report [flags]   print a gap report from the store
  glapp diagram [flags]  write a journey's swimlane map as SVG, Mermaid or DOT
  glapp journey export|import [flags]
                         a journey of a running server to a file and back, as .xlsx
                         (a workshop's spreadsheet) or JSON (GLAPP_URL, GLAPP_TOKEN)
  glapp check [flags]    verify the store; exits 1 when it is damaged
  glapp backup --to FILE copy a running server's store (GLAPP_URL, GLAPP_TOKEN) and check the copy
  glapp restore --from FILE [--force]
                         put a backup in place as the store in --data-dir (server stopped)
  glapp token create     create a token in the store (when no admin token is at hand)
  glapp import [flags] FILE...  import evidence from research tools
  glapp probe [--url URL]  ask a running server's /readyz; exits 1 unless it is ready
  glapp version          print the version (also glapp --version)
  glapp help [COMMAND]   this text, or a command's flags (also glapp COMMAND -h)

Exit status: 0 on success, 1 when the command failed, 2 when it was called wrongly.
`

// newFlagSet returns the flag set of "glapp name", which parseFlags prints as the
// command's usage: its synopsis (the arguments after the flags) and what it does.
func newFlagSet(name, synopsis, purpose string) *flag.FlagSet {
	fs := flag.NewFlagSet("glapp "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "Usage: glapp %s [flags]%s\n\n%s.\n", name, synopsis, purpose)
		n := 0
		fs.VisitAll(func(*flag.Flag) { n++ })
		if n > 0 {
			fmt.Fprintln(w, "\nFlags:")
			fs.PrintDefaults()
		}
	}
	return fs
}

// parseFlags parses args into fs. On -h or --help it prints the usage to stdout and
// reports help, so that the command returns nil (exit status 0); a bad flag is a
// usageError (exit status 2).
func parseFlags(fs *flag.FlagSet, args []string, stdout io.Writer) (help bool, err error) {
	err = fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fs.SetOutput(stdout)
		fs.Usage()
		return true, nil
	}
	if err != nil {
		return false, &usageError{command: fs.Name(), err: err}
	}
	return false, nil
}
