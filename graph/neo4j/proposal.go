package neo4j

import (
	"context"
	"encoding/json"

	"github.com/glapp/glapp/journeys"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// A proposal is one :Proposal node holding its record (journeys.ProposalRecord: the
// proposal with its tests and decisions) as JSON, so that a decision and the stage change
// it makes are one write, and deleting the node takes its tests and decisions with it.

// loadProposal reads proposal id's record inside tx; nil when there is none, NOT_FOUND
// when the project does not exist.
func loadProposal(ctx context.Context, tx tx, projectID, id string) (*journeys.ProposalRecord, error) {
	recs, err := tx.run(ctx, qProposalGet, map[string]any{"projectId": projectID, "proposalId": id})
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, projectNotFound(projectID)
	}
	return proposalFromRecord(recs[0])
}

// proposalFromRecord decodes the document column; nil when it is null.
func proposalFromRecord(rec *neo4j.Record) (*journeys.ProposalRecord, error) {
	r := columnsOf("proposal", rec)
	doc := r.str("document")
	if r.err != nil || doc == "" {
		return nil, r.err
	}
	var out journeys.ProposalRecord
	if err := json.Unmarshal([]byte(doc), &out); err != nil {
		return nil, internal("proposal: document: %v", err)
	}
	return &out, nil
}

// proposalRefs looks up what a proposal or test may name, inside tx.
func proposalRefs(ctx context.Context, tx tx, projectID string) journeys.ProposalRefs {
	return journeys.ProposalRefs{
		Actor: func(id string) (bool, error) {
			_, found, err := actors.read(ctx, tx, projectID, id)
			return found, err
		},
		Goal: func(id string) (bool, error) {
			_, found, err := goals.read(ctx, tx, projectID, id)
			return found, err
		},
		Measure: func(id string) (bool, error) {
			_, found, err := measures.read(ctx, tx, projectID, id)
			return found, err
		},
		JourneyKind: func(id string) (journeys.JourneyKind, bool, error) {
			j, _, err := loadJourney(ctx, tx, projectID, id)
			if err != nil || j == nil {
				return "", false, err
			}
			return j.Journey.Kind, true, nil
		},
	}
}

// storeProposal writes a record with proposal_put.
func storeProposal(ctx context.Context, tx tx, projectID string, rec *journeys.ProposalRecord) error {
	doc, err := json.Marshal(rec)
	if err != nil {
		return internal("proposal %q: encode: %v", rec.Proposal.ID, err)
	}
	p := rec.Proposal
	recs, err := tx.run(ctx, qProposalPut, map[string]any{
		"projectId": projectID, "proposalId": p.ID, "title": p.Title, "stage": string(p.Stage),
		"addresses": list(p.Addresses), "goals": list(p.Goals), "measures": list(rec.Measures()), "owners": list(p.Owners),
		"toBe": deref(p.ToBe), "document": string(doc),
	})
	if err == nil && len(recs) != 1 {
		err = internal("%s wrote %d proposals", qProposalPut.name, len(recs))
	}
	return err
}

// persistProposal writes a planned write with its audit entry.
func persistProposal(ctx context.Context, tx *writeTx, projectID string, w *journeys.ProposalWrite) error {
	if w.Record == nil {
		return nil
	}
	if err := storeProposal(ctx, tx, projectID, w.Record); err != nil {
		return err
	}
	tx.audit(ctx, projectID, w.Action, w.Target)
	return nil
}

// PutProposal creates or replaces a proposal; its stage changes only by decision.
func (s *Store) PutProposal(ctx context.Context, projectID string, in *journeys.Proposal) (*journeys.Proposal, bool, error) {
	type result struct {
		p       journeys.Proposal
		created bool
	}
	r, err := writeProject(ctx, s, projectID, func(ctx context.Context, tx *writeTx) (result, error) {
		stored, err := loadProposal(ctx, tx, projectID, in.ID)
		if err != nil {
			return result{}, err
		}
		w, p, err := journeys.PlanPutProposal(stored, *in, proposalRefs(ctx, tx, projectID), s.Now())
		if err != nil {
			return result{}, err
		}
		return result{p, w.Created}, persistProposal(ctx, tx, projectID, w)
	})
	if err != nil {
		return nil, false, err
	}
	return &r.p, r.created, nil
}

// readProposal returns proposal id's record, or NOT_FOUND.
func (s *Store) readProposal(ctx context.Context, projectID, id string) (*journeys.ProposalRecord, error) {
	return read(ctx, s, func(ctx context.Context, tx tx) (*journeys.ProposalRecord, error) {
		rec, err := loadProposal(ctx, tx, projectID, id)
		if err == nil && rec == nil {
			err = journeys.ProposalNotFound(projectID, id)
		}
		return rec, err
	})
}

// GetProposal returns one proposal.
func (s *Store) GetProposal(ctx context.Context, projectID, id string) (*journeys.Proposal, error) {
	rec, err := s.readProposal(ctx, projectID, id)
	if err != nil {
		return nil, err
	}
	return &rec.Proposal, nil
}

// ListProposals returns the proposals that pass the filter, ordered by id.
func (s *Store) ListProposals(ctx context.Context, projectID string, f journeys.ProposalFilter, page journeys.Page) (*journeys.List[journeys.Proposal], error) {
	after, err := page.After()
	if err != nil {
		return nil, err
	}
	return read(ctx, s, func(ctx context.Context, tx tx) (*journeys.List[journeys.Proposal], error) {
		recs, err := tx.run(ctx, qProposalList, map[string]any{"projectId": projectID, "stage": nullable(f.Stage), "after": after, "limit": page.Size() + 1})
		if err != nil {
			return nil, err
		}
		if len(recs) == 0 {
			return nil, projectNotFound(projectID)
		}
		var items []journeys.Proposal
		for _, rec := range recs {
			r, err := proposalFromRecord(rec)
			if err != nil {
				return nil, err
			}
			if r != nil {
				items = append(items, r.Proposal)
			}
		}
		return pageOf(items, page.Size(), func(p *journeys.Proposal) string { return p.ID }), nil
	})
}

// DeleteProposal removes a proposal with its tests and decisions, or returns CONFLICT
// naming the findings whose triage names it.
func (s *Store) DeleteProposal(ctx context.Context, projectID, id string) error {
	_, err := writeProject(ctx, s, projectID, func(ctx context.Context, tx *writeTx) (struct{}, error) {
		rec, err := loadProposal(ctx, tx, projectID, id)
		if err == nil && rec == nil {
			err = journeys.ProposalNotFound(projectID, id)
		}
		if err != nil {
			return struct{}{}, err
		}
		recs, err := tx.run(ctx, qProposalTriage, map[string]any{"projectId": projectID, "proposalId": id})
		if err != nil {
			return struct{}{}, err
		}
		var users []string
		for _, rec := range recs {
			r := columnsOf("triage", rec)
			f := r.str("fingerprint")
			if r.err != nil {
				return struct{}{}, r.err
			}
			users = append(users, f)
		}
		if len(users) > 0 {
			return struct{}{}, journeys.ProposalInUse(id, users)
		}
		recs, err = tx.run(ctx, qProposalDelete, map[string]any{"projectId": projectID, "proposalId": id})
		if err == nil && len(recs) == 0 {
			err = journeys.ProposalNotFound(projectID, id)
		}
		if err != nil {
			return struct{}{}, err
		}
		tx.audit(ctx, projectID, "proposal.delete", id)
		return struct{}{}, nil
	})
	return err
}

// changeProposal loads proposal id's record inside a write transaction, plans a write
// with plan and persists it.
func (s *Store) changeProposal(ctx context.Context, projectID, id string, plan func(tx tx, rec *journeys.ProposalRecord) (*journeys.ProposalWrite, error)) error {
	_, err := writeProject(ctx, s, projectID, func(ctx context.Context, tx *writeTx) (struct{}, error) {
		rec, err := loadProposal(ctx, tx, projectID, id)
		if err != nil {
			return struct{}{}, err
		}
		w, err := plan(tx, rec)
		if err != nil {
			return struct{}{}, err
		}
		return struct{}{}, persistProposal(ctx, tx, projectID, w)
	})
	return err
}

// AddDecision appends a decision and moves the proposal to its stage, in one write.
func (s *Store) AddDecision(ctx context.Context, projectID, proposalID string, d *journeys.Decision) (*journeys.Decision, error) {
	var out journeys.Decision
	err := s.changeProposal(ctx, projectID, proposalID, func(_ tx, rec *journeys.ProposalRecord) (*journeys.ProposalWrite, error) {
		w, v, err := journeys.PlanDecision(projectID, proposalID, rec, *d, s.Now())
		out = v
		return w, err
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// ListDecisions returns a proposal's decisions, oldest first.
func (s *Store) ListDecisions(ctx context.Context, projectID, proposalID string, page journeys.Page) (*journeys.List[journeys.Decision], error) {
	rec, err := s.readProposal(ctx, projectID, proposalID)
	if err != nil {
		return nil, err
	}
	return journeys.PageOf(rec.Decisions, page, journeys.DecisionKey)
}

// PutTest creates or replaces a test of a proposal.
func (s *Store) PutTest(ctx context.Context, projectID string, t *journeys.Test) (*journeys.Test, bool, error) {
	var out journeys.Test
	var created bool
	err := s.changeProposal(ctx, projectID, t.Proposal, func(tx tx, rec *journeys.ProposalRecord) (*journeys.ProposalWrite, error) {
		w, v, c, err := journeys.PlanPutTest(projectID, rec, *t, proposalRefs(ctx, tx, projectID), s.Now())
		out, created = v, c
		return w, err
	})
	if err != nil {
		return nil, false, err
	}
	return &out, created, nil
}

// GetTest returns one test of a proposal.
func (s *Store) GetTest(ctx context.Context, projectID, proposalID, id string) (*journeys.Test, error) {
	rec, err := s.readProposal(ctx, projectID, proposalID)
	if err != nil {
		return nil, err
	}
	return rec.Test(projectID, id)
}

// ListTests returns a proposal's tests ordered by id.
func (s *Store) ListTests(ctx context.Context, projectID, proposalID string, page journeys.Page) (*journeys.List[journeys.Test], error) {
	rec, err := s.readProposal(ctx, projectID, proposalID)
	if err != nil {
		return nil, err
	}
	return journeys.PageOf(rec.Tests, page, func(t *journeys.Test) string { return t.ID })
}

// DeleteTest removes one test of a proposal.
func (s *Store) DeleteTest(ctx context.Context, projectID, proposalID, id string) error {
	return s.changeProposal(ctx, projectID, proposalID, func(_ tx, rec *journeys.ProposalRecord) (*journeys.ProposalWrite, error) {
		return journeys.PlanDeleteTest(projectID, proposalID, id, rec)
	})
}

// RestoreProposal stores a record as another store held it, without an audit entry.
func (s *Store) RestoreProposal(ctx context.Context, projectID string, r *journeys.ProposalRecord) (bool, error) {
	data, err := journeys.PlanRestoreProposal(r)
	if err != nil {
		return false, err
	}
	var rec journeys.ProposalRecord
	_ = json.Unmarshal(data, &rec)
	return writeProject(ctx, s, projectID, func(ctx context.Context, tx *writeTx) (bool, error) {
		old, err := loadProposal(ctx, tx, projectID, rec.Proposal.ID)
		if err != nil {
			return false, err
		}
		if old != nil {
			if b, _ := json.Marshal(old); string(b) == string(data) {
				return false, nil
			}
		}
		return old == nil, storeProposal(ctx, tx, projectID, &rec)
	})
}
