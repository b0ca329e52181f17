package main

import (
	"context"
	"fmt"
	"time"

	"github.com/glapp/glapp/graph/embedded"
	neo4jstore "github.com/glapp/glapp/graph/neo4j"
	"github.com/glapp/glapp/journeys"
)

// neo4jConnectTimeout bounds how long start-up waits for Neo4j to answer and take the
// schema, so that a wrong address fails the start instead of hanging it.
const neo4jConnectTimeout = 30 * time.Second

// openStore opens the store the environment names: Neo4j when NEO4J_URI is set, so that
// several Glapp instances can share one database; otherwise the embedded store in
// dataDir. The store refuses journeys larger than limits (zero: the defaults).
func openStore(dataDir string, getenv func(string) string, limits journeys.Limits) (journeys.Backend, error) {
	if getenv("NEO4J_URI") != "" {
		s, err := openNeo4j(getenv)
		if err != nil {
			return nil, err // not s: a nil *Store in an interface is not a nil Backend
		}
		s.Limits = limits
		return s, nil
	}
	s, err := embedded.Open(dataDir)
	if err != nil {
		return nil, fmt.Errorf("open embedded store in %s: %w", dataDir, err)
	}
	s.Limits = limits
	return s, nil
}

// openReader opens the store the environment names for a command that only reads
// (report, diagram, check): the embedded store read-only, so that a mistyped data
// directory is an error rather than a new, empty store; Neo4j without applying the
// schema, so that check sees the schema as it is.
func openReader(dataDir string, getenv func(string) string) (journeys.Backend, error) {
	if getenv("NEO4J_URI") != "" {
		s, err := openNeo4jWith(getenv, true)
		if err != nil {
			return nil, err
		}
		return s, nil
	}
	s, err := embedded.OpenReadOnly(dataDir)
	if err != nil {
		return nil, fmt.Errorf("open embedded store in %s: %w", dataDir, err)
	}
	return s, nil
}

// openNeo4j opens the Neo4j store NEO4J_URI names and checks that it answers. The error
// names the server and the variables to check, never the password.
func openNeo4j(getenv func(string) string) (*neo4jstore.Store, error) {
	return openNeo4jWith(getenv, false)
}

// openNeo4jWith is openNeo4j, leaving the schema alone when skipSchema is set.
func openNeo4jWith(getenv func(string) string, skipSchema bool) (*neo4jstore.Store, error) {
	cfg, err := neo4jConfig(getenv)
	if err != nil {
		return nil, err
	}
	cfg.SkipSchema = skipSchema
	ctx, cancel := context.WithTimeout(context.Background(), neo4jConnectTimeout)
	defer cancel()
	s, err := neo4jstore.Open(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open Neo4j store (check NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE): %w", err)
	}
	return s, nil
}

// neo4jConfig reads the Neo4j settings from the environment:
//
//	NEO4J_URI         neo4j://, neo4j+s://, bolt://, bolt+s:// ... (required)
//	NEO4J_USERNAME    basic-auth user; none when empty
//	NEO4J_PASSWORD    basic-auth password
//	NEO4J_DATABASE    database name (default neo4j)
//	NEO4J_TX_TIMEOUT  server-side limit per transaction, a Go duration (default 10s)
func neo4jConfig(getenv func(string) string) (neo4jstore.Config, error) {
	cfg := neo4jstore.Config{
		URI:      getenv("NEO4J_URI"),
		Username: getenv("NEO4J_USERNAME"),
		Password: getenv("NEO4J_PASSWORD"),
		Database: envString(getenv, "NEO4J_DATABASE", neo4jstore.DefaultDatabase),
	}
	if cfg.URI == "" {
		return cfg, fmt.Errorf("NEO4J_URI is not set")
	}
	if v := getenv("NEO4J_TX_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return cfg, fmt.Errorf("NEO4J_TX_TIMEOUT=%q is not a positive duration such as 10s", v)
		}
		cfg.TxTimeout = d
	}
	return cfg, nil
}
