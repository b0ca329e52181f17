// Command glapp is the Glapp service and its tools in one binary:
//
//	glapp serve [--demo]   run the HTTP API
//	glapp report           print a gap report from the store
//	glapp version          print the version
//
// Run "glapp help" for the flags of each subcommand.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "glapp:", err)
		}
		os.Exit(2)
	}
}

// run is main without the process: tests call it with their own arguments, environment
// and output, and stop it by cancelling ctx.
func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	if len(args) == 0 {
		args = []string{"help"}
	}
	switch cmd, rest := args[0], args[1:]; cmd {
	case "serve":
		return serve(ctx, rest, getenv, stdout)
	case "migrate":
		return migrate(ctx, rest, getenv, stdout)
	case "report":
		return report(ctx, rest, getenv, stdout)
	case "token":
		return tokenCmd(ctx, rest, getenv, stdout)
	case "import":
		return importCmd(ctx, rest, getenv, stdout)
	case "diagram":
		return diagramCmd(ctx, rest, getenv, stdout)
	case "version":
		_, err := fmt.Fprintln(stdout, "glapp", version)
		return err
	case "help", "-h", "--help":
		_, err := fmt.Fprint(stdout, usage)
		return err
	default:
		return fmt.Errorf("unknown command %q; run \"glapp help\"", cmd)
	}
}

const usage = `Glapp maps patient journeys through health and social care and finds where people
fall between the chairs.

Usage:
  glapp serve [flags]    run the HTTP API (see "glapp serve -h")
  glapp migrate --from-data-dir DIR
                         copy an embedded store into Neo4j (NEO4J_URI) and verify it
  glapp report [flags]   print a gap report from the store (see "glapp report -h")
  glapp token create     create a token in the store (when no admin token is at hand)
  glapp import [flags] FILE...  import evidence from research tools (see "glapp import -h")
  glapp diagram [flags]  write a journey's swimlane map as SVG, Mermaid or DOT
  glapp version          print the version
  glapp help             this text
`
