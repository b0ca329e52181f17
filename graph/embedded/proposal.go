package embedded

import (
	"context"

	"github.com/glapp/glapp/journeys"
	bolt "go.etcd.io/bbolt"
)

// A proposal is stored as one record with its tests and decisions (journeys.ProposalRecord),
// so that a decision and the stage change it makes are one put, and deleting a proposal
// takes its tests and decisions with it.

// loadProposal returns proposal id's record, or nil when there is none.
func (p *project) loadProposal(id string) (*journeys.ProposalRecord, error) {
	var rec journeys.ProposalRecord
	found, err := getJSON(p.proposals, id, &rec)
	if err != nil || !found {
		return nil, err
	}
	return &rec, nil
}

// proposalRefs looks up what a proposal or test may name, inside the transaction.
func (p *project) proposalRefs() journeys.ProposalRefs {
	return journeys.ProposalRefs{
		Actor:   func(id string) (bool, error) { return p.actors.Get([]byte(id)) != nil, nil },
		Goal:    func(id string) (bool, error) { return p.goals.Get([]byte(id)) != nil, nil },
		Measure: func(id string) (bool, error) { return p.measures.Get([]byte(id)) != nil, nil },
		JourneyKind: func(id string) (journeys.JourneyKind, bool, error) {
			rec, err := p.loadRecord(id)
			if err != nil || rec == nil {
				return "", false, err
			}
			return rec.Journey.Kind, true, nil
		},
	}
}

// writeProposal persists a planned write of proposal id with its audit entry.
func (s *Store) writeProposal(ctx context.Context, tx *bolt.Tx, p *project, id string, w *journeys.ProposalWrite) error {
	if w.Record == nil {
		return nil
	}
	if err := putJSON(p.proposals, id, w.Record); err != nil {
		return err
	}
	return s.writeAudit(ctx, tx, p.id, w.Action, w.Target)
}

// PutProposal creates or replaces a proposal; its stage changes only by decision.
func (s *Store) PutProposal(ctx context.Context, projectID string, in *journeys.Proposal) (*journeys.Proposal, bool, error) {
	var out journeys.Proposal
	var created bool
	err := s.update(ctx, func(tx *bolt.Tx) error {
		p, err := openProject(tx, projectID)
		if err != nil {
			return err
		}
		stored, err := p.loadProposal(in.ID)
		if err != nil {
			return err
		}
		w, v, err := journeys.PlanPutProposal(stored, *in, p.proposalRefs(), s.Now())
		if err != nil {
			return err
		}
		out, created = v, w.Created
		return s.writeProposal(ctx, tx, p, in.ID, w)
	})
	if err != nil {
		return nil, false, err
	}
	return &out, created, nil
}

// readProposal returns proposal id's record, or NOT_FOUND.
func (s *Store) readProposal(ctx context.Context, projectID, id string) (*journeys.ProposalRecord, error) {
	return readProject(ctx, s, projectID, func(p *project) (*journeys.ProposalRecord, error) {
		rec, err := p.loadProposal(id)
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
	return readProject(ctx, s, projectID, func(p *project) (*journeys.List[journeys.Proposal], error) {
		return list(p.proposals, page, func(_, data []byte) (journeys.Proposal, bool, error) {
			var rec journeys.ProposalRecord
			err := decodeJSON(data, &rec)
			return rec.Proposal, err == nil && f.Match(&rec.Proposal), err
		})
	})
}

// DeleteProposal removes a proposal with its tests and decisions, or returns CONFLICT
// naming the findings whose triage names it.
func (s *Store) DeleteProposal(ctx context.Context, projectID, id string) error {
	return s.update(ctx, func(tx *bolt.Tx) error {
		p, err := openProject(tx, projectID)
		if err != nil {
			return err
		}
		if p.proposals.Get([]byte(id)) == nil {
			return journeys.ProposalNotFound(projectID, id)
		}
		var users []string
		err = p.triage.ForEach(func(k, v []byte) error {
			var t journeys.Triage
			if err := decodeJSON(v, &t); err != nil {
				return err
			}
			if t.Proposal == id {
				users = append(users, string(k))
			}
			return nil
		})
		if err != nil {
			return err
		}
		if len(users) > 0 {
			return journeys.ProposalInUse(id, users)
		}
		if err := p.proposals.Delete([]byte(id)); err != nil {
			return err
		}
		return s.writeAudit(ctx, tx, projectID, "proposal.delete", id)
	})
}

// changeProposal loads proposal id's record inside a write transaction, plans a write
// with plan and persists it.
func (s *Store) changeProposal(ctx context.Context, projectID, id string, plan func(p *project, rec *journeys.ProposalRecord) (*journeys.ProposalWrite, error)) error {
	return s.update(ctx, func(tx *bolt.Tx) error {
		p, err := openProject(tx, projectID)
		if err != nil {
			return err
		}
		rec, err := p.loadProposal(id)
		if err != nil {
			return err
		}
		w, err := plan(p, rec)
		if err != nil {
			return err
		}
		return s.writeProposal(ctx, tx, p, id, w)
	})
}

// AddDecision appends a decision and moves the proposal to its stage, in one write.
func (s *Store) AddDecision(ctx context.Context, projectID, proposalID string, d *journeys.Decision) (*journeys.Decision, error) {
	var out journeys.Decision
	err := s.changeProposal(ctx, projectID, proposalID, func(_ *project, rec *journeys.ProposalRecord) (*journeys.ProposalWrite, error) {
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
	err := s.changeProposal(ctx, projectID, t.Proposal, func(p *project, rec *journeys.ProposalRecord) (*journeys.ProposalWrite, error) {
		w, v, c, err := journeys.PlanPutTest(projectID, rec, *t, p.proposalRefs(), s.Now())
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
	return s.changeProposal(ctx, projectID, proposalID, func(_ *project, rec *journeys.ProposalRecord) (*journeys.ProposalWrite, error) {
		return journeys.PlanDeleteTest(projectID, proposalID, id, rec)
	})
}

// RestoreProposal stores a record as another store held it, without an audit entry.
func (s *Store) RestoreProposal(ctx context.Context, projectID string, r *journeys.ProposalRecord) (bool, error) {
	var created bool
	err := s.update(ctx, func(tx *bolt.Tx) error {
		p, err := openProject(tx, projectID)
		if err != nil {
			return err
		}
		data, err := journeys.PlanRestoreProposal(r)
		if err != nil {
			return err
		}
		old := p.proposals.Get([]byte(r.Proposal.ID))
		if old != nil && string(old) == string(data) {
			return nil
		}
		created = old == nil
		return p.proposals.Put([]byte(r.Proposal.ID), data)
	})
	return created, err
}

// proposalsNaming returns the ids of the proposals whose record names is true for, in id
// order: a scan of the project's proposals, which are few and read whole anyway.
func (p *project) proposalsNaming(names func(*journeys.ProposalRecord) bool) ([]string, error) {
	var ids []string
	err := p.proposals.ForEach(func(k, v []byte) error {
		var rec journeys.ProposalRecord
		if err := decodeJSON(v, &rec); err != nil {
			return err
		}
		if names(&rec) {
			ids = append(ids, string(k))
		}
		return nil
	})
	return ids, err
}
