package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/glapp/glapp/journeys"
)

// bootstrapAdminToken makes sure someone can log in to a new installation: when no admin
// secret is configured and the store holds no token yet, it creates an admin token and
// prints its secret, this once. Only the hash is stored.
func bootstrapAdminToken(ctx context.Context, access journeys.AccessStore, configured string, stdout io.Writer) error {
	if configured != "" {
		return nil
	}
	existing, err := access.ListTokens(ctx, journeys.Page{Limit: 1})
	if err != nil {
		return fmt.Errorf("list tokens: %w", err)
	}
	if len(existing.Items) > 0 {
		return nil
	}
	secret, err := createToken(ctx, access, &journeys.Token{Name: "First admin", Role: journeys.RoleAdmin})
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "\nCreated the first admin token. It is shown only this once; keep it safe:\n\n    %s\n\n"+
		"Send it as \"Authorization: Bearer <token>\". To choose your own instead, set GLAPP_ADMIN_TOKEN.\n"+
		"If it is lost, stop the server and run: glapp token create --role admin --name \"New admin\"\n\n", secret)
	return err
}

// createToken stores t with a new id and secret and returns the secret.
func createToken(ctx context.Context, access journeys.AccessStore, t *journeys.Token) (string, error) {
	id, secret, hash, err := journeys.NewTokenSecret()
	if err != nil {
		return "", err
	}
	t.ID, t.Hash = id, hash
	if _, err := access.CreateToken(ctx, t); err != nil {
		return "", fmt.Errorf("create token: %w", err)
	}
	return secret, nil
}

// tokenCmd manages tokens straight in the store, for when no admin token is at hand:
// glapp token create --role lead --project demo --name "Projektledare".
func tokenCmd(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
		_, err := fmt.Fprint(stdout, "Usage: glapp token create --role ROLE [--project ID]... --name NAME [flags]\n\nCreate a token straight in the store and print its secret, for when no admin token is at hand.\nRun \"glapp token create -h\" for the flags.\n")
		return err
	}
	if len(args) == 0 || args[0] != "create" {
		return usagef("glapp token", "token needs a subcommand: glapp token create --role ROLE [--project ID]... --name NAME")
	}
	fs := newFlagSet("token create", "", "create a token straight in the store and print its secret, for when no admin token is at hand")
	name := fs.String("name", "", "what the token is for (required)")
	role := fs.String("role", "", "admin, lead, analyst or integration (required)")
	var projects multiFlag
	fs.Var(&projects, "project", "a project the token holds (repeat for several)")
	dataDir := fs.String("data-dir", envString(getenv, "GLAPP_DATA_DIR", "./data"), "directory of the embedded store (GLAPP_DATA_DIR)")
	if help, err := parseFlags(fs, args[1:], stdout); help || err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef(fs.Name(), "token create takes no arguments, got %q", fs.Args())
	}
	store, err := openStore(*dataDir, getenv, journeys.Limits{})
	if err != nil {
		return err
	}
	defer store.Close()
	secret, err := createToken(ctx, store, &journeys.Token{Name: *name, Role: journeys.Role(*role), Projects: projects})
	if err != nil {
		if v := journeys.ErrorViolations(err); len(v) > 0 {
			return fmt.Errorf("%w: %v", err, v)
		}
		return err
	}
	_, err = fmt.Fprintln(stdout, secret)
	return err
}

// multiFlag collects a flag given several times.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }
