package neo4j

import (
	"context"
	"io"

	"github.com/glapp/glapp/journeys"
)

// Backup refuses: Neo4j has backup tools of its own, which copy the database online and
// consistently (neo4j-admin database dump and backup, Aura's snapshots), and Glapp keeps
// none of its state outside the database, so a copy made with them is a whole copy.
func (s *Store) Backup(ctx context.Context, begin func(size int64) io.Writer) error {
	return journeys.Errorf(journeys.Unsupported, "This Glapp runs on Neo4j, which it cannot copy: back up the Neo4j database with its own tools (neo4j-admin database dump or backup, or Aura snapshots). Glapp keeps no state outside the database.")
}
