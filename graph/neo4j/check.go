package neo4j

import (
	"context"
	"regexp"

	"github.com/glapp/glapp/journeys"
)

// schemaNamePattern finds the name of each constraint and index cypher/schema.cypher
// creates.
var schemaNamePattern = regexp.MustCompile(`CREATE (CONSTRAINT|INDEX) ([A-Za-z_][A-Za-z0-9_]*) IF NOT EXISTS`)

// schemaNames returns the constraints and the indexes of cypher/schema.cypher, by name,
// so that Check needs no second list of them.
func schemaNames() (constraints, indexes []string) {
	for _, st := range schemaStatements() {
		for _, m := range schemaNamePattern.FindAllStringSubmatch(st.cypher, -1) {
			if m[1] == "CONSTRAINT" {
				constraints = append(constraints, m[2])
			} else {
				indexes = append(indexes, m[2])
			}
		}
	}
	return constraints, indexes
}

// Check verifies that every constraint and index of cypher/schema.cypher exists and
// that every index is ONLINE, and counts the nodes of each label Glapp writes. Neo4j
// keeps its own files consistent; what can go wrong from Glapp's side is a schema
// dropped by hand or an index that failed to build, either of which lets duplicates in
// or makes lookups scan. It reads only the schema and the count store, so it is cheap.
func (s *Store) Check(ctx context.Context) (*journeys.CheckResult, error) {
	return read(ctx, s, func(ctx context.Context, tx tx) (*journeys.CheckResult, error) {
		r := &journeys.CheckResult{Store: "Neo4j store"}
		present := map[string]string{}
		recs, err := tx.run(ctx, qCheckConstraints, nil)
		if err != nil {
			return nil, err
		}
		for _, rec := range recs {
			c := columnsOf("constraint", rec)
			present["constraint "+c.str("name")] = "ONLINE"
			if c.err != nil {
				return nil, c.err
			}
		}
		if recs, err = tx.run(ctx, qCheckIndexes, nil); err != nil {
			return nil, err
		}
		for _, rec := range recs {
			c := columnsOf("index", rec)
			present["index "+c.str("name")] = c.str("state")
			if c.err != nil {
				return nil, c.err
			}
		}
		constraints, indexes := schemaNames()
		for _, name := range constraints {
			if _, ok := present["constraint "+name]; !ok {
				r.Problem("constraint %s is missing; restart glapp serve to create it, or run cypher/schema.cypher", name)
			}
		}
		for _, name := range indexes {
			if _, ok := present["index "+name]; !ok {
				r.Problem("index %s is missing; restart glapp serve to create it, or run cypher/schema.cypher", name)
			}
		}
		for _, name := range append(constraints, indexes...) {
			if state, ok := present["index "+name]; ok && state != "ONLINE" {
				r.Problem("index %s is %s, not ONLINE", name, state)
			}
		}
		if recs, err = tx.run(ctx, qCheckCounts, nil); err != nil {
			return nil, err
		}
		for _, rec := range recs {
			c := columnsOf("count", rec)
			r.Count(c.str("label"), c.int64("nodes"))
			if c.err != nil {
				return nil, c.err
			}
		}
		return r, nil
	})
}
