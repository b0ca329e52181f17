// Package demo holds the demo project that "glapp serve --demo" loads once, at the first
// start that finds no such project (and "--demo-reset" writes over again on purpose): a
// fictitious coordination project in "Region Mittland" and "Åby kommun" with actors,
// evidence sources and journey maps (current state and desired state, adults and children),
// and the change work built on them (effect goals for the person and for the
// organisations, computed and hand-entered measures, improvement proposals with tests and
// decisions), written in Swedish, as project leads write them.
//
// The data lives as JSON journey documents under data/, embedded in the binary. The
// current-state journeys are built so that every gap rule of the product spec fires at
// least once, and the desired-state journeys so that none does; RULES.md lists which
// elements should trigger which rule, so that the gap engine can be checked against it.
//
// Everything here is made up. The package must never hold a real person's data: no real
// names, personal identity numbers, phone numbers or e-mail addresses.
package demo

import (
	"context"
	"embed"
	"fmt"
	"path"
	"strings"

	"github.com/glapp/glapp/journeys"
)

// ProjectID is the id of the demo project.
const ProjectID = "demo"

//go:embed data
var data embed.FS

// journeysDir is the folder inside data that holds one journey document per file.
const journeysDir = "data/journeys"

// Store is what the demo writes to: projects with their maps, effect goals and
// proposals. Every journeys.Backend is one.
type Store interface {
	journeys.Store
	journeys.GoalStore
	journeys.ProposalStore
	journeys.NeedStore
	journeys.HistoryStore
}

// BaselineID is the id of the baseline the demo takes of its current-state maps, before
// any change work: GET .../gaps?since=start reads what the change work has resolved.
const BaselineID = "start"

// TakeBaseline takes the demo's baseline of the project as it stands, unless the project
// has one with BaselineID already (Reset leaves it as it was taken). Loading calls it
// after the current-state journeys and before everything that is change work: the
// desired-state and lived journeys, goals, measures, proposals and triage.
func TakeBaseline(ctx context.Context, s Store) error {
	switch _, err := s.GetBaseline(ctx, ProjectID, BaselineID); {
	case err == nil:
		return nil
	case journeys.ErrorCode(err) != journeys.NotFound:
		return fmt.Errorf("demo: get baseline %q: %w", BaselineID, err)
	}
	_, err := s.CreateBaseline(ctx, ProjectID, journeys.BaselineRequest{ID: BaselineID, Title: "Utgångsläge före förändringsarbetet"})
	if err != nil {
		return fmt.Errorf("demo: take baseline %q: %w", BaselineID, err)
	}
	return nil
}

// Project returns the demo project as described in data/project.json.
func Project() (journeys.Project, error) {
	var p journeys.Project
	err := decodeFile("data/project.json", &p)
	return p, err
}

// Actors returns the demo project's actors, shared by all its journeys.
func Actors() ([]journeys.Actor, error) {
	var as []journeys.Actor
	err := decodeFile("data/actors.json", &as)
	return as, err
}

// Sources returns the demo project's evidence sources, which the journeys' insights name.
func Sources() ([]journeys.Source, error) {
	var ss []journeys.Source
	err := decodeFile("data/sources.json", &ss)
	return ss, err
}

// Needs returns what people of the demo's target groups need, by level, some of which no
// support of the demo covers.
func Needs() ([]journeys.Need, error) {
	var ns []journeys.Need
	err := decodeFile("data/needs.json", &ns)
	return ns, err
}

// Goals returns the demo project's effect goals, for the person and for the
// organisations.
func Goals() ([]journeys.Goal, error) {
	var gs []journeys.Goal
	err := decodeFile("data/goals.json", &gs)
	return gs, err
}

// Measures returns the demo project's measures, computed and entered by hand, with their
// baselines and observations.
func Measures() ([]journeys.Measure, error) {
	var ms []journeys.Measure
	err := decodeFile("data/measures.json", &ms)
	return ms, err
}

// Proposals returns the demo project's improvement proposals with their tests and
// decisions. Each proposal's stage is the one its decisions lead to; the first
// decision's from stage is where it starts. The fingerprints a proposal addresses are
// findings of the demo journeys (TestProposalsAddressDemoFindings keeps them so).
func Proposals() ([]journeys.ProposalRecord, error) {
	var rs []journeys.ProposalRecord
	err := decodeFile("data/proposals.json", &rs)
	return rs, err
}

// Triage returns the demo project's triage decisions: findings marked as addressed by
// the proposals that take them on.
func Triage() ([]journeys.Triage, error) {
	var ts []journeys.Triage
	err := decodeFile("data/triage.json", &ts)
	return ts, err
}

// Journeys returns the demo journeys in file name order, decoded strictly, so that tests
// elsewhere (such as the gap engine's golden reports) can use the same data the service
// loads. Each call decodes afresh, so callers may change what they get.
func Journeys() ([]journeys.Journey, error) {
	entries, err := data.ReadDir(journeysDir)
	if err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	var js []journeys.Journey
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		var j journeys.Journey
		if err := decodeFile(path.Join(journeysDir, e.Name()), &j); err != nil {
			return nil, err
		}
		js = append(js, j)
	}
	return js, nil
}

// Load writes the demo project into s once: when s holds no project with ProjectID it
// creates the project and puts every actor, source and journey, and reports true; when
// the project exists it changes nothing and reports false, so that a project lead's edits
// to the demo survive every later start of "glapp serve --demo". Reset is the deliberate
// way back to the embedded data.
//
// All data is decoded before anything is written, so a broken data file writes nothing.
func Load(ctx context.Context, s Store) (bool, error) {
	d, err := decodeAll()
	if err != nil {
		return false, err
	}
	switch _, err := s.GetProject(ctx, ProjectID); {
	case err == nil:
		return false, nil
	case journeys.ErrorCode(err) != journeys.NotFound:
		return false, fmt.Errorf("demo: get project %q: %w", ProjectID, err)
	}
	return true, d.write(ctx, s)
}

// Reset writes the demo project into s whether or not it is there: it creates the project
// if it is missing (otherwise its name and description stay), and puts every actor, source,
// journey, goal, measure (with its observations), proposal and test of the embedded data,
// so that edits to them are replaced and deleted ones come back. Anything already equal to
// the embedded data keeps its version. Decisions are append-only: a proposal that is
// still stored keeps its decisions and the stage they led to, and a deleted one comes back
// with the demo's decisions. The demo's triage decisions come back for findings that have
// none; a decision the project made itself stays. Other journeys, goals, measures and
// proposals of the project, its settings and imported evidence are left alone.
func Reset(ctx context.Context, s Store) error {
	d, err := decodeAll()
	if err != nil {
		return err
	}
	return d.write(ctx, s)
}

// dataset is the whole embedded demo, decoded.
type dataset struct {
	project   journeys.Project
	actors    []journeys.Actor
	sources   []journeys.Source
	needs     []journeys.Need
	journeys  []journeys.Journey
	goals     []journeys.Goal
	measures  []journeys.Measure
	proposals []journeys.ProposalRecord
	triage    []journeys.Triage
}

// decodeAll decodes every embedded file.
func decodeAll() (*dataset, error) {
	var d dataset
	var err error
	if d.project, err = Project(); err != nil {
		return nil, err
	}
	if d.actors, err = Actors(); err != nil {
		return nil, err
	}
	if d.sources, err = Sources(); err != nil {
		return nil, err
	}
	if d.needs, err = Needs(); err != nil {
		return nil, err
	}
	if d.journeys, err = Journeys(); err != nil {
		return nil, err
	}
	if d.goals, err = Goals(); err != nil {
		return nil, err
	}
	if d.measures, err = Measures(); err != nil {
		return nil, err
	}
	if d.proposals, err = Proposals(); err != nil {
		return nil, err
	}
	if d.triage, err = Triage(); err != nil {
		return nil, err
	}
	return &d, nil
}

// write creates the project unless it exists and puts everything else over what is stored.
func (d *dataset) write(ctx context.Context, s Store) error {
	if _, err := s.CreateProject(ctx, &d.project); err != nil && journeys.ErrorCode(err) != journeys.Conflict {
		return fmt.Errorf("demo: create project %q: %w", d.project.ID, err)
	}
	for i := range d.actors {
		if _, _, err := s.PutActor(ctx, ProjectID, &d.actors[i]); err != nil {
			return fmt.Errorf("demo: put actor %q: %w", d.actors[i].ID, err)
		}
	}
	for i := range d.sources {
		if _, _, err := s.PutSource(ctx, ProjectID, &d.sources[i]); err != nil {
			return fmt.Errorf("demo: put source %q: %w", d.sources[i].ID, err)
		}
	}
	// Needs before the journeys whose insights point at them.
	for i := range d.needs {
		if _, _, err := s.PutNeed(ctx, ProjectID, &d.needs[i]); err != nil {
			return fmt.Errorf("demo: put need %q: %w", d.needs[i].ID, err)
		}
	}
	// The current-state maps, then the baseline of them, then the rest: the baseline is
	// the project before any change work.
	asIs := func(j *journeys.Journey) bool { return j.Kind == journeys.KindAsIs }
	for _, before := range []bool{true, false} {
		for i := range d.journeys {
			if asIs(&d.journeys[i]) != before {
				continue
			}
			if _, _, err := s.PutJourney(ctx, ProjectID, &d.journeys[i], journeys.Precondition{}); err != nil {
				return fmt.Errorf("demo: put journey %q: %w", d.journeys[i].ID, err)
			}
		}
		if before {
			if err := TakeBaseline(ctx, s); err != nil {
				return err
			}
		}
	}
	// Goals before measures before proposals: each names the ones before it.
	for _, g := range journeys.GoalsParentFirst(d.goals) {
		if _, _, err := s.PutGoal(ctx, ProjectID, &g); err != nil {
			return fmt.Errorf("demo: put goal %q: %w", g.ID, err)
		}
	}
	for i := range d.measures {
		if _, _, err := s.PutMeasure(ctx, ProjectID, &d.measures[i]); err != nil {
			return fmt.Errorf("demo: put measure %q: %w", d.measures[i].ID, err)
		}
	}
	for i := range d.proposals {
		if err := writeProposal(ctx, s, d.proposals[i]); err != nil {
			return err
		}
	}
	// Triage after the proposals it names; a finding the project has decided on itself
	// keeps that decision.
	for i := range d.triage {
		t := d.triage[i]
		switch _, err := s.GetTriage(ctx, ProjectID, t.Fingerprint); {
		case err == nil:
			continue
		case journeys.ErrorCode(err) != journeys.NotFound:
			return fmt.Errorf("demo: get triage %q: %w", t.Fingerprint, err)
		}
		if _, _, err := s.PutTriage(ctx, ProjectID, &t); err != nil {
			return fmt.Errorf("demo: put triage %q: %w", t.Fingerprint, err)
		}
	}
	return nil
}

// writeProposal puts a proposal and its tests. A proposal that is not stored yet starts
// at its first decision's from stage and then takes its decisions in order, as a
// steering group would; one that is stored keeps its stage and decisions, since
// decisions are append-only and replaying them would record them twice.
func writeProposal(ctx context.Context, s Store, r journeys.ProposalRecord) error {
	p := r.Proposal
	_, err := s.GetProposal(ctx, ProjectID, p.ID)
	fresh := journeys.ErrorCode(err) == journeys.NotFound
	switch {
	case fresh && len(r.Decisions) > 0:
		p.Stage = r.Decisions[0].From
	case err == nil:
		p.Stage = ""
	case !fresh:
		return fmt.Errorf("demo: get proposal %q: %w", p.ID, err)
	}
	if _, _, err := s.PutProposal(ctx, ProjectID, &p); err != nil {
		return fmt.Errorf("demo: put proposal %q: %w", p.ID, err)
	}
	for i := range r.Tests {
		t := r.Tests[i]
		t.Proposal = p.ID
		if _, _, err := s.PutTest(ctx, ProjectID, &t); err != nil {
			return fmt.Errorf("demo: put test %q of proposal %q: %w", t.ID, p.ID, err)
		}
	}
	if !fresh {
		return nil
	}
	for i := range r.Decisions {
		d := r.Decisions[i]
		if _, err := s.AddDecision(ctx, ProjectID, p.ID, &d); err != nil {
			return fmt.Errorf("demo: decision %d on proposal %q: %w", i+1, p.ID, err)
		}
	}
	return nil
}

// decodeFile decodes the embedded file name into v, refusing unknown fields so that a
// misspelt field name in the data fails instead of being dropped.
func decodeFile(name string, v any) error {
	b, err := data.ReadFile(name)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	if err := journeys.DecodeStrict(b, v); err != nil {
		return fmt.Errorf("demo: %s: %w%s", name, err, violationList(err))
	}
	return nil
}

// violationList renders the violations an INVALID error carries, so that a broken data
// file says where it is broken.
func violationList(err error) string {
	var b strings.Builder
	for _, v := range journeys.ErrorViolations(err) {
		fmt.Fprintf(&b, "; %s: %s", v.Pointer, v.Detail)
	}
	return b.String()
}
