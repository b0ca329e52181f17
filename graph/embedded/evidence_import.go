package embedded

import (
	"bytes"
	"context"
	"strconv"

	"github.com/glapp/glapp/journeys"
	bolt "go.etcd.io/bbolt"
)

// An import must be all or nothing, and it must not need memory in proportion to its
// size. One bbolt transaction gives the first but not the second: bbolt keeps every page
// a transaction writes in memory until it commits. So an import builds a new generation
// of the project's evidence bucket in many small transactions (a copy of the live bucket,
// then the import's records in batches) while readers go on seeing the live one, and one
// small transaction makes the new generation live. If anything fails, or the process
// dies, the new generation is dropped (at once, or when the store next opens) and the
// evidence is as it was. While an import runs, other writes to the project's evidence
// are refused with journeys.ImportRunning, so that none is lost when the generation
// changes.

var (
	currentEvidenceKey   = []byte("evidence-current")
	importingEvidenceKey = []byte("evidence-importing")
)

// Batch sizes of an import: how many evidence entries one transaction copies or writes.
// They bound the memory an import needs.
var (
	importCopyBatch  = 5000
	importWriteBatch = 1000
)

// currentEvidence returns the name of a project's live evidence bucket.
func currentEvidence(project *bolt.Bucket) []byte {
	if name := project.Get(currentEvidenceKey); name != nil {
		return name
	}
	return evidenceKey
}

// importRunning reports whether an import is building a new generation in p.
func (p *project) importRunning() bool { return p.bucket.Get(importingEvidenceKey) != nil }

// abandonImport drops the generation an import was building, if the project has one and
// it is the one named (any, when name is nil).
func abandonImport(project *bolt.Bucket, name []byte) error {
	building := project.Get(importingEvidenceKey)
	if building == nil || name != nil && !bytes.Equal(building, name) {
		return nil
	}
	building = bytes.Clone(building)
	if project.Bucket(building) != nil {
		if err := project.DeleteBucket(building); err != nil {
			return err
		}
	}
	return project.Delete(importingEvidenceKey)
}

// ImportEvidence stores what produce yields, all or nothing, in bounded memory: see the
// comment at the top of this file.
func (s *Store) ImportEvidence(ctx context.Context, projectID, deliveryKey string, produce journeys.EvidenceProducer) (*journeys.ImportCounts, error) {
	gen, err := s.beginImport(ctx, projectID, deliveryKey)
	if err != nil {
		return nil, err
	}
	counts, err := s.buildImport(ctx, projectID, gen, deliveryKey, produce)
	if err != nil {
		// Drop the half-built generation; the live evidence was never touched.
		_ = s.update(context.WithoutCancel(ctx), func(tx *bolt.Tx) error {
			if p, perr := openProject(tx, projectID); perr == nil {
				return abandonImport(p.bucket, gen)
			}
			return nil
		})
		return nil, err
	}
	return counts, nil
}

// beginImport claims the project for one import and creates the new generation's bucket.
func (s *Store) beginImport(ctx context.Context, projectID, deliveryKey string) ([]byte, error) {
	var gen []byte
	err := s.update(ctx, func(tx *bolt.Tx) error {
		p, err := openProject(tx, projectID)
		if err != nil {
			return err
		}
		if p.importRunning() {
			return journeys.ImportRunning(projectID)
		}
		if deliveryKey != "" && p.deliveries.Get([]byte(deliveryKey)) != nil {
			return journeys.Delivered(deliveryKey)
		}
		seq, err := p.bucket.NextSequence()
		if err != nil {
			return err
		}
		gen = []byte("evidence." + strconv.FormatUint(seq, 10))
		if _, err := p.bucket.CreateBucket(gen); err != nil {
			return err
		}
		return p.bucket.Put(importingEvidenceKey, gen)
	})
	return gen, err
}

// buildImport copies the live evidence into gen, writes the import's records into it in
// batches, and makes it live.
func (s *Store) buildImport(ctx context.Context, projectID string, gen []byte, deliveryKey string, produce journeys.EvidenceProducer) (*journeys.ImportCounts, error) {
	if err := s.copyEvidence(ctx, projectID, gen); err != nil {
		return nil, err
	}
	var counts journeys.ImportCounts
	srcs := map[string]journeys.Source{}
	var batch []journeys.Evidence
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		err := s.update(ctx, func(tx *bolt.Tx) error {
			b, err := s.generation(tx, projectID, gen)
			if err != nil {
				return err
			}
			now := s.Now()
			for i := range batch {
				_, res, err := evidence.upsert(b, batch[i], now)
				if err != nil {
					return err
				}
				switch res {
				case inserted:
					counts.Created++
				case replaced:
					counts.Updated++
				default:
					counts.Unchanged++
				}
				if !batch[i].Linked() {
					counts.Unlinked++
				}
			}
			return nil
		})
		batch = batch[:0]
		return err
	}
	err := produce(func(src *journeys.Source) error {
		if v := src.Validate(); len(v) > 0 {
			return journeys.InvalidError("An imported source is not valid; nothing was imported.", v)
		}
		srcs[src.ID] = *src // sources are few: one per interview or workshop
		return nil
	}, func(e *journeys.Evidence) error {
		if v := e.Validate(); len(v) > 0 {
			return journeys.InvalidError("An imported record is not valid; nothing was imported.", v)
		}
		batch = append(batch, *e)
		if len(batch) == importWriteBatch {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return nil, err
	}
	return &counts, s.update(ctx, func(tx *bolt.Tx) error { return s.commitImport(ctx, tx, projectID, gen, deliveryKey, srcs, &counts) })
}

// generation returns the bucket an import is building, or an error when the import was
// abandoned meanwhile (its project deleted, say).
func (s *Store) generation(tx *bolt.Tx, projectID string, gen []byte) (*bolt.Bucket, error) {
	p, err := openProject(tx, projectID)
	if err != nil {
		return nil, err
	}
	b := p.bucket.Bucket(gen)
	if b == nil || !bytes.Equal(p.bucket.Get(importingEvidenceKey), gen) {
		return nil, journeys.Errorf(journeys.Conflict, "The import into project %q was abandoned.", projectID)
	}
	return b, nil
}

// copyEvidence copies the live evidence into gen, a batch per transaction.
func (s *Store) copyEvidence(ctx context.Context, projectID string, gen []byte) error {
	var after []byte
	for done := false; !done; {
		err := s.update(ctx, func(tx *bolt.Tx) error {
			dst, err := s.generation(tx, projectID, gen)
			if err != nil {
				return err
			}
			p, _ := openProject(tx, projectID)
			c := p.evidence.Cursor()
			k, v := c.First()
			if after != nil {
				if k, v = c.Seek(after); k != nil && bytes.Equal(k, after) {
					k, v = c.Next()
				}
			}
			for n := 0; k != nil && n < importCopyBatch; k, v = c.Next() {
				if err := dst.Put(bytes.Clone(k), bytes.Clone(v)); err != nil {
					return err
				}
				after = bytes.Clone(k)
				n++
			}
			done = k == nil
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// commitImport makes gen the live evidence in one small transaction, with the import's
// sources, its delivery key and its audit entry, and drops the old generation.
func (s *Store) commitImport(ctx context.Context, tx *bolt.Tx, projectID string, gen []byte, deliveryKey string, srcs map[string]journeys.Source, counts *journeys.ImportCounts) error {
	if _, err := s.generation(tx, projectID, gen); err != nil {
		return err
	}
	p, _ := openProject(tx, projectID)
	now := s.Now()
	if deliveryKey != "" {
		if p.deliveries.Get([]byte(deliveryKey)) != nil {
			return journeys.Delivered(deliveryKey)
		}
		stamp, _ := now.MarshalText()
		if err := p.deliveries.Put([]byte(deliveryKey), stamp); err != nil {
			return err
		}
	}
	for _, src := range srcs {
		_, res, err := sources.upsert(p.sources, src, now)
		if err != nil {
			return err
		}
		if res == inserted {
			counts.SourcesCreated++
		}
	}
	old := bytes.Clone(currentEvidence(p.bucket))
	if err := p.bucket.Put(currentEvidenceKey, gen); err != nil {
		return err
	}
	if err := p.bucket.Delete(importingEvidenceKey); err != nil {
		return err
	}
	if bytes.Equal(old, evidenceKey) {
		// The first generation's bucket is one every project has; empty it rather than
		// delete it.
		if err := p.bucket.DeleteBucket(old); err != nil {
			return err
		}
		if _, err := p.bucket.CreateBucket(old); err != nil {
			return err
		}
	} else if err := p.bucket.DeleteBucket(old); err != nil {
		return err
	}
	if counts.Created+counts.Updated+counts.SourcesCreated == 0 && deliveryKey == "" {
		return nil
	}
	return s.writeAudit(ctx, tx, projectID, "evidence.import")
}
