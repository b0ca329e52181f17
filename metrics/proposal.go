package metrics

import (
	"context"

	"github.com/glapp/glapp/journeys"
)

// The ProposalStore methods of observed, kept apart from store.go so that the effect-goal
// methods can land beside them without touching the same lines.

func (o *observed) PutProposal(ctx context.Context, projectID string, p *journeys.Proposal) (*journeys.Proposal, bool, error) {
	defer o.time("PutProposal")()
	return o.b.PutProposal(ctx, projectID, p)
}

func (o *observed) GetProposal(ctx context.Context, projectID, id string) (*journeys.Proposal, error) {
	defer o.time("GetProposal")()
	return o.b.GetProposal(ctx, projectID, id)
}

func (o *observed) ListProposals(ctx context.Context, projectID string, f journeys.ProposalFilter, page journeys.Page) (*journeys.List[journeys.Proposal], error) {
	defer o.time("ListProposals")()
	return o.b.ListProposals(ctx, projectID, f, page)
}

func (o *observed) DeleteProposal(ctx context.Context, projectID, id string) error {
	defer o.time("DeleteProposal")()
	return o.b.DeleteProposal(ctx, projectID, id)
}

func (o *observed) AddDecision(ctx context.Context, projectID, proposalID string, d *journeys.Decision) (*journeys.Decision, error) {
	defer o.time("AddDecision")()
	return o.b.AddDecision(ctx, projectID, proposalID, d)
}

func (o *observed) ListDecisions(ctx context.Context, projectID, proposalID string, page journeys.Page) (*journeys.List[journeys.Decision], error) {
	defer o.time("ListDecisions")()
	return o.b.ListDecisions(ctx, projectID, proposalID, page)
}

func (o *observed) PutTest(ctx context.Context, projectID string, t *journeys.Test) (*journeys.Test, bool, error) {
	defer o.time("PutTest")()
	return o.b.PutTest(ctx, projectID, t)
}

func (o *observed) GetTest(ctx context.Context, projectID, proposalID, id string) (*journeys.Test, error) {
	defer o.time("GetTest")()
	return o.b.GetTest(ctx, projectID, proposalID, id)
}

func (o *observed) ListTests(ctx context.Context, projectID, proposalID string, page journeys.Page) (*journeys.List[journeys.Test], error) {
	defer o.time("ListTests")()
	return o.b.ListTests(ctx, projectID, proposalID, page)
}

func (o *observed) DeleteTest(ctx context.Context, projectID, proposalID, id string) error {
	defer o.time("DeleteTest")()
	return o.b.DeleteTest(ctx, projectID, proposalID, id)
}

func (o *observed) RestoreProposal(ctx context.Context, projectID string, r *journeys.ProposalRecord) (bool, error) {
	defer o.time("RestoreProposal")()
	return o.b.RestoreProposal(ctx, projectID, r)
}
