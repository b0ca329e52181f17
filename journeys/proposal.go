package journeys

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// ProposalStage is how far an improvement proposal has come.
type ProposalStage string

// Proposal stages: forward from idea to adopted, or stopped as rejected or paused.
const (
	StageIdea           ProposalStage = "idea"
	StageAnalysis       ProposalStage = "analysis"
	StageTest           ProposalStage = "test"
	StageImplementation ProposalStage = "implementation"
	StageAdopted        ProposalStage = "adopted"
	StageRejected       ProposalStage = "rejected"
	StagePaused         ProposalStage = "paused"
)

// ProposalStages lists every valid ProposalStage.
var ProposalStages = []ProposalStage{StageIdea, StageAnalysis, StageTest, StageImplementation, StageAdopted, StageRejected, StagePaused}

// DecisionOutcome is what a decision about a proposal says.
type DecisionOutcome string

// Decision outcomes.
const (
	// OutcomeGo moves a proposal one stage forward.
	OutcomeGo DecisionOutcome = "go"
	// OutcomeStop rejects or pauses it.
	OutcomeStop DecisionOutcome = "stop"
	// OutcomeRevise sends it back to an earlier stage, or resumes a paused one.
	OutcomeRevise DecisionOutcome = "revise"
)

// DecisionOutcomes lists every valid DecisionOutcome.
var DecisionOutcomes = []DecisionOutcome{OutcomeGo, OutcomeStop, OutcomeRevise}

// TestKind is how a proposal is tried out.
type TestKind string

// Test kinds.
const (
	TestScenario    TestKind = "scenario"
	TestWalkthrough TestKind = "walkthrough"
	TestPilot       TestKind = "pilot"
	TestSimulation  TestKind = "simulation"
)

// TestKinds lists every valid TestKind.
var TestKinds = []TestKind{TestScenario, TestWalkthrough, TestPilot, TestSimulation}

// TestStatus is where a test stands.
type TestStatus string

// Test statuses.
const (
	TestPlanned TestStatus = "planned"
	TestRunning TestStatus = "running"
	TestDone    TestStatus = "done"
)

// TestStatuses lists every valid TestStatus.
var TestStatuses = []TestStatus{TestPlanned, TestRunning, TestDone}

// Transition is one row of the table of stage changes a decision may make.
type Transition struct {
	Outcome DecisionOutcome
	From    ProposalStage
	To      []ProposalStage
}

// Transitions is the one table of the stage changes decisions may make: go moves one
// stage forward, stop rejects or pauses, revise moves back to an earlier stage (or
// resumes a paused proposal at any working stage). Rejected is final.
var Transitions = []Transition{
	{OutcomeGo, StageIdea, []ProposalStage{StageAnalysis}},
	{OutcomeGo, StageAnalysis, []ProposalStage{StageTest}},
	{OutcomeGo, StageTest, []ProposalStage{StageImplementation}},
	{OutcomeGo, StageImplementation, []ProposalStage{StageAdopted}},
	{OutcomeStop, StageIdea, []ProposalStage{StageRejected, StagePaused}},
	{OutcomeStop, StageAnalysis, []ProposalStage{StageRejected, StagePaused}},
	{OutcomeStop, StageTest, []ProposalStage{StageRejected, StagePaused}},
	{OutcomeStop, StageImplementation, []ProposalStage{StageRejected, StagePaused}},
	{OutcomeStop, StagePaused, []ProposalStage{StageRejected}},
	{OutcomeRevise, StageAnalysis, []ProposalStage{StageIdea}},
	{OutcomeRevise, StageTest, []ProposalStage{StageIdea, StageAnalysis}},
	{OutcomeRevise, StageImplementation, []ProposalStage{StageIdea, StageAnalysis, StageTest}},
	{OutcomeRevise, StageAdopted, []ProposalStage{StageIdea, StageAnalysis, StageTest, StageImplementation}},
	{OutcomeRevise, StagePaused, []ProposalStage{StageIdea, StageAnalysis, StageTest, StageImplementation}},
}

// AllowedTransition reports whether a decision with outcome o may move a proposal from
// stage from to stage to, by Transitions.
func AllowedTransition(o DecisionOutcome, from, to ProposalStage) bool {
	for _, t := range Transitions {
		if t.Outcome == o && t.From == from && slices.Contains(t.To, to) {
			return true
		}
	}
	return false
}

// Bounds on what one proposal holds, so that reading or writing one stays cheap.
const (
	MaxProposalRefs         = 100 // addresses, goals, expected values, owners: each
	MaxTestsPerProposal     = 50
	MaxDecisionsPerProposal = 200
	MaxTestObservations     = 200
)

// Expected is the value a proposal is expected to bring a measure to.
type Expected struct {
	// Measure is a measure of the project.
	Measure string  `json:"measure" example:"wait-days"`
	Value   float64 `json:"value"`
}

// Proposal is an improvement proposal: what the project means to change to close gaps
// (Addresses, by finding fingerprint) and serve effect goals (Goals, Expected). Its stage
// changes only through a Decision.
type Proposal struct {
	ID          string `json:"id" example:"shared-plan"`
	Title       string `json:"title" validate:"required"`
	Description string `json:"description,omitempty"`
	// Addresses holds the fingerprints of the findings the proposal means to close.
	Addresses []string `json:"addresses,omitempty"`
	// Goals holds ids of effect goals of the project.
	Goals    []string   `json:"goals,omitempty"`
	Expected []Expected `json:"expected,omitempty"`
	// Owners are actor ids of the project.
	Owners []string `json:"owners,omitempty"`
	// Investment says what the change takes, in words.
	Investment string `json:"investment,omitempty"`
	// Stage is set on creation (idea when left out) and afterwards only by decisions.
	Stage ProposalStage `json:"stage,omitempty"`
	// ToBe is the to_be journey that shows the change, or null.
	ToBe *string `json:"toBe"`
	// Server fields: set by the store, ignored on input.
	Version   int64      `json:"version,omitempty" readonly:"true"`
	UpdatedAt *time.Time `json:"updatedAt,omitempty" readonly:"true"`
}

// Period is when a test runs, as dates.
type Period struct {
	From string `json:"from,omitempty" format:"date" example:"2026-04-01"`
	To   string `json:"to,omitempty" format:"date" example:"2026-06-30"`
}

// TestObservation is a measure's value observed during a test.
type TestObservation struct {
	// Measure is a measure of the project.
	Measure string  `json:"measure"`
	At      string  `json:"at" format:"date"`
	Value   float64 `json:"value"`
	Note    string  `json:"note,omitempty"`
}

// Test is a small-scale trial of a proposal: a scenario, a walkthrough, a pilot or a
// simulation.
type Test struct {
	ID       string     `json:"id" example:"pilot-1"`
	Proposal string     `json:"proposal" readonly:"true"`
	Kind     TestKind   `json:"kind" validate:"required"`
	Actors   []string   `json:"actors,omitempty"`
	Period   *Period    `json:"period,omitempty"`
	Plan     string     `json:"plan,omitempty"`
	Status   TestStatus `json:"status" validate:"required"`
	Result   string     `json:"result,omitempty"`
	// Observations are measure values recorded during the test.
	Observations []TestObservation `json:"observations,omitempty"`
	// Server fields: set by the store, ignored on input.
	Version   int64      `json:"version,omitempty" readonly:"true"`
	UpdatedAt *time.Time `json:"updatedAt,omitempty" readonly:"true"`
}

// Decision records who moved a proposal from one stage to another, with what mandate,
// why, and on what evidence. Decisions are append-only.
type Decision struct {
	// ID is made by the server: "d1", "d2", ... in the order decisions were made.
	ID       string          `json:"id" readonly:"true" example:"d1"`
	Proposal string          `json:"proposal" readonly:"true"`
	At       *time.Time      `json:"at,omitempty" readonly:"true"`
	From     ProposalStage   `json:"from" validate:"required"`
	To       ProposalStage   `json:"to" validate:"required"`
	Outcome  DecisionOutcome `json:"outcome" validate:"required"`
	// DecidedBy names a body or role, e.g. "styrgrupp", never a person.
	DecidedBy string `json:"decidedBy" validate:"required" example:"styrgrupp"`
	// Mandate says what that body may decide.
	Mandate   string `json:"mandate" validate:"required"`
	Rationale string `json:"rationale,omitempty"`
	// BasedOn holds ids of tests, insights and measures the decision rests on, checked
	// for form only: the three share no id space, and a decision records what was known
	// when it was made, so later changes to those neither block on it nor rewrite it.
	BasedOn []string `json:"basedOn,omitempty"`
}

// ProposalRecord is a proposal as stores keep it: with its tests and decisions, so that a
// decision and the stage change it makes are one write, and deleting a proposal takes
// its tests and decisions with it.
type ProposalRecord struct {
	Proposal  Proposal   `json:"proposal"`
	Tests     []Test     `json:"tests"`
	Decisions []Decision `json:"decisions"`
}

// ProposalFilter narrows a proposal listing.
type ProposalFilter struct {
	// Stage keeps only proposals at this stage.
	Stage ProposalStage
}

// Match reports whether p passes the filter.
func (f ProposalFilter) Match(p *Proposal) bool { return f.Stage == "" || p.Stage == f.Stage }

// ProposalRefs is what a proposal or test may name in its project, looked up by the store
// inside its write transaction.
type ProposalRefs struct {
	// Actor reports whether the project has the actor.
	Actor func(id string) (bool, error)
	// JourneyKind returns the kind of a journey of the project; ok is false when there is
	// none.
	JourneyKind func(id string) (kind JourneyKind, ok bool, err error)
	// Goal reports whether the project has the effect goal.
	Goal func(id string) (bool, error)
	// Measure reports whether the project has the measure.
	Measure func(id string) (bool, error)
}

// ProposalStore keeps improvement proposals with their tests and decisions. Audit
// actions: proposal.put, proposal.delete, decision.add, test.put, test.delete.
type ProposalStore interface {
	// PutProposal creates or replaces a proposal (PlanPutProposal); created reports which.
	PutProposal(ctx context.Context, projectID string, p *Proposal) (stored *Proposal, created bool, err error)
	// GetProposal returns one proposal.
	GetProposal(ctx context.Context, projectID, id string) (*Proposal, error)
	// ListProposals returns the proposals that pass the filter, ordered by id.
	ListProposals(ctx context.Context, projectID string, f ProposalFilter, page Page) (*List[Proposal], error)
	// DeleteProposal removes a proposal with its tests and decisions; CONFLICT while a
	// triage decision names it.
	DeleteProposal(ctx context.Context, projectID, id string) error
	// AddDecision appends a decision and moves the proposal to its stage, in one write
	// (PlanDecision).
	AddDecision(ctx context.Context, projectID, proposalID string, d *Decision) (*Decision, error)
	// ListDecisions returns a proposal's decisions, oldest first.
	ListDecisions(ctx context.Context, projectID, proposalID string, page Page) (*List[Decision], error)
	// PutTest creates or replaces a test of proposal t.Proposal (PlanPutTest).
	PutTest(ctx context.Context, projectID string, t *Test) (stored *Test, created bool, err error)
	// GetTest returns one test of a proposal.
	GetTest(ctx context.Context, projectID, proposalID, id string) (*Test, error)
	// ListTests returns a proposal's tests ordered by id.
	ListTests(ctx context.Context, projectID, proposalID string, page Page) (*List[Test], error)
	// DeleteTest removes one test of a proposal.
	DeleteTest(ctx context.Context, projectID, proposalID, id string) error
	// RestoreProposal stores a record as another store held it ("glapp migrate"):
	// decisions, versions and times kept, no audit entry. A record already stored as it
	// is changes nothing (created false).
	RestoreProposal(ctx context.Context, projectID string, r *ProposalRecord) (created bool, err error)
}

func (p *Proposal) serverFields() (*int64, **time.Time) { return &p.Version, &p.UpdatedAt }
func (t *Test) serverFields() (*int64, **time.Time)     { return &t.Version, &t.UpdatedAt }

// SameContent reports whether p and o differ only in server fields.
func (p Proposal) SameContent(o Proposal) bool {
	p.Version, p.UpdatedAt, o.Version, o.UpdatedAt = 0, nil, 0, nil
	return canonicalJSON(p) == canonicalJSON(o)
}

// SameContent reports whether t and o differ only in server fields.
func (t Test) SameContent(o Test) bool {
	t.Version, t.UpdatedAt, o.Version, o.UpdatedAt = 0, nil, 0, nil
	return canonicalJSON(t) == canonicalJSON(o)
}

// idList checks a list of ids: each well-formed, none twice, at most MaxProposalRefs.
func (v *violations) idList(pointer string, ids []string) {
	if len(ids) > MaxProposalRefs {
		v.add(pointer, "At most %d items.", MaxProposalRefs)
		return
	}
	seen := map[string]bool{}
	for i, id := range ids {
		p := pointer + "/" + strconv.Itoa(i)
		v.id(p, id)
		if seen[id] {
			v.add(p, "%q is listed twice.", id)
		}
		seen[id] = true
	}
}

// Validate returns every violation in p's client-supplied fields. That its owners,
// goals, measures and toBe exist in the project is checked by the store inside its write
// (PlanPutProposal with ProposalRefs).
func (p *Proposal) Validate() []Violation {
	var v violations
	v.id("/id", p.ID)
	v.required("/title", strings.TrimSpace(p.Title))
	v.maxLen("/title", p.Title, maxNameLen)
	v.maxLen("/description", p.Description, maxTextLen)
	v.maxLen("/investment", p.Investment, maxTextLen)
	if len(p.Addresses) > MaxProposalRefs {
		v.add("/addresses", "At most %d items.", MaxProposalRefs)
	} else {
		seen := map[string]bool{}
		for i, f := range p.Addresses {
			ptr := "/addresses/" + strconv.Itoa(i)
			if !ValidFingerprint(f) {
				v.add(ptr, "Must be a finding's fingerprint: %d lowercase hexadecimal characters.", FingerprintLen)
			} else if seen[f] {
				v.add(ptr, "%q is listed twice.", f)
			}
			seen[f] = true
		}
	}
	v.idList("/goals", p.Goals)
	v.idList("/owners", p.Owners)
	if len(p.Expected) > MaxProposalRefs {
		v.add("/expected", "At most %d items.", MaxProposalRefs)
	} else {
		for i, e := range p.Expected {
			v.id("/expected/"+strconv.Itoa(i)+"/measure", e.Measure)
		}
	}
	checkEnum(&v, "/stage", p.Stage, ProposalStages, false)
	if p.ToBe != nil {
		v.id("/toBe", *p.ToBe)
	}
	sortViolations(v)
	return v
}

// Validate returns every violation in t's client-supplied fields.
func (t *Test) Validate() []Violation {
	var v violations
	v.id("/id", t.ID)
	checkEnum(&v, "/kind", t.Kind, TestKinds, true)
	checkEnum(&v, "/status", t.Status, TestStatuses, true)
	v.idList("/actors", t.Actors)
	if t.Period != nil {
		v.date("/period/from", t.Period.From)
		v.date("/period/to", t.Period.To)
		if t.Period.From != "" && t.Period.To != "" && t.Period.To < t.Period.From {
			v.add("/period/to", "Must not come before from.")
		}
	}
	v.maxLen("/plan", t.Plan, maxTextLen)
	v.maxLen("/result", t.Result, maxTextLen)
	if len(t.Observations) > MaxTestObservations {
		v.add("/observations", "At most %d items.", MaxTestObservations)
	} else {
		for i, o := range t.Observations {
			p := "/observations/" + strconv.Itoa(i)
			v.id(p+"/measure", o.Measure)
			v.required(p+"/at", o.At)
			v.date(p+"/at", o.At)
			v.maxLen(p+"/note", o.Note, maxTextLen)
		}
	}
	sortViolations(v)
	return v
}

// Validate returns every violation in d's client-supplied fields, the transition table
// included.
func (d *Decision) Validate() []Violation {
	var v violations
	checkEnum(&v, "/from", d.From, ProposalStages, true)
	checkEnum(&v, "/to", d.To, ProposalStages, true)
	checkEnum(&v, "/outcome", d.Outcome, DecisionOutcomes, true)
	v.required("/decidedBy", strings.TrimSpace(d.DecidedBy))
	v.maxLen("/decidedBy", d.DecidedBy, maxNameLen)
	v.required("/mandate", strings.TrimSpace(d.Mandate))
	v.maxLen("/mandate", d.Mandate, maxTextLen)
	v.maxLen("/rationale", d.Rationale, maxTextLen)
	v.idList("/basedOn", d.BasedOn)
	if len(v) == 0 && !AllowedTransition(d.Outcome, d.From, d.To) {
		v.add("/to", "A %s decision cannot move a proposal from %s to %s; see the table of transitions.", d.Outcome, d.From, d.To)
	}
	sortViolations(v)
	return v
}

// ProposalNotFound is the NOT_FOUND of a proposal the project does not hold.
func ProposalNotFound(projectID, id string) error {
	return Errorf(NotFound, "Project %q has no proposal %q.", projectID, id)
}

// ProposalWrite is a planned write of a proposal record. The store persists Record
// (when not nil) and appends an audit entry with Action and Target (when Action is not
// empty) in the same transaction.
type ProposalWrite struct {
	Record  *ProposalRecord
	Created bool
	Action  string
	Target  string
}

// ref is one id a proposal or test names, with where it stands and how to look it up.
type ref struct {
	pointer, id, noun string
	has               func(string) (bool, error)
}

// proposalRefList returns what p names in its project, toBe aside.
func proposalRefList(refs ProposalRefs, p *Proposal) []ref {
	var out []ref
	for i, id := range p.Owners {
		out = append(out, ref{"/owners/" + strconv.Itoa(i), id, "actor", refs.Actor})
	}
	for i, id := range p.Goals {
		out = append(out, ref{"/goals/" + strconv.Itoa(i), id, "goal", refs.Goal})
	}
	for i, e := range p.Expected {
		out = append(out, ref{"/expected/" + strconv.Itoa(i) + "/measure", e.Measure, "measure", refs.Measure})
	}
	return out
}

// testRefList returns what t names in its project.
func testRefList(refs ProposalRefs, t *Test) []ref {
	var out []ref
	for i, id := range t.Actors {
		out = append(out, ref{"/actors/" + strconv.Itoa(i), id, "actor", refs.Actor})
	}
	for i, o := range t.Observations {
		out = append(out, ref{"/observations/" + strconv.Itoa(i) + "/measure", o.Measure, "measure", refs.Measure})
	}
	return out
}

// checkRefs reports the actors, goals and measures the project lacks and a toBe that is
// not one of its to_be journeys. Each id is looked up once, however often it is named.
func checkRefs(refs ProposalRefs, list []ref, toBe *string) error {
	var v violations
	known := map[string]bool{}
	for _, r := range list {
		key := r.noun + "\x00" + r.id
		ok, seen := known[key]
		if !seen {
			var err error
			if ok, err = r.has(r.id); err != nil {
				return err
			}
			known[key] = ok
		}
		if !ok {
			v.add(r.pointer, "The project has no %s %q.", r.noun, r.id)
		}
	}
	if toBe != nil {
		kind, ok, err := refs.JourneyKind(*toBe)
		switch {
		case err != nil:
			return err
		case !ok:
			v.add("/toBe", "The project has no journey %q.", *toBe)
		case kind != KindToBe:
			v.add("/toBe", "Journey %q is %s; a proposal shows its change in a to_be journey.", *toBe, kind)
		}
	}
	if len(v) > 0 {
		return InvalidError("The references are not valid; nothing was stored.", v)
	}
	return nil
}

// PlanPutProposal plans PutProposal from the record stored under in's id (nil when none),
// read inside the write transaction:
//
//   - in is validated, and its owners, goals, expected measures and toBe checked against
//     the project (INVALID).
//   - A new proposal takes the stage it names, idea when it names none.
//   - An existing proposal keeps its stage: a PUT naming another stage is a CONFLICT,
//     since only a decision changes the stage; one naming none keeps the stored one.
//   - The same content again changes nothing (PlanUpsert); tests and decisions stay.
func PlanPutProposal(stored *ProposalRecord, in Proposal, refs ProposalRefs, now time.Time) (*ProposalWrite, Proposal, error) {
	if v := in.Validate(); len(v) > 0 {
		return nil, Proposal{}, InvalidError("The proposal is not valid; nothing was stored.", v)
	}
	if err := checkRefs(refs, proposalRefList(refs, &in), in.ToBe); err != nil {
		return nil, Proposal{}, err
	}
	rec := &ProposalRecord{Tests: []Test{}, Decisions: []Decision{}}
	var old *Proposal
	if stored != nil {
		if in.Stage != "" && in.Stage != stored.Proposal.Stage {
			return nil, Proposal{}, Errorf(Conflict, "Proposal %q is at stage %s; its stage changes only through a decision (POST .../proposals/%s/decisions), not a PUT.", in.ID, stored.Proposal.Stage, in.ID)
		}
		in.Stage = stored.Proposal.Stage
		*rec = *stored
		old = &stored.Proposal
	} else if in.Stage == "" {
		in.Stage = StageIdea
	}
	u := PlanUpsert(old, in, now)
	if !u.Changed {
		return &ProposalWrite{}, u.Value, nil
	}
	rec.Proposal = u.Value
	return &ProposalWrite{Record: rec, Created: u.Created, Action: "proposal.put", Target: in.ID}, u.Value, nil
}

// PlanDecision plans AddDecision: NOT_FOUND without a stored record; d validated with
// the transition table (INVALID); CONFLICT when d.From is not the proposal's current
// stage (someone decided first, as with a stale If-Match); LIMIT_EXCEEDED when the
// proposal holds MaxDecisionsPerProposal. The decision gets the next id ("d<n>") and At now, the
// proposal its To stage with the next version: one write, one decision.add entry.
func PlanDecision(projectID, proposalID string, stored *ProposalRecord, d Decision, now time.Time) (*ProposalWrite, Decision, error) {
	if stored == nil {
		return nil, Decision{}, ProposalNotFound(projectID, proposalID)
	}
	if v := d.Validate(); len(v) > 0 {
		return nil, Decision{}, InvalidError("The decision is not valid; nothing was stored.", v)
	}
	if d.From != stored.Proposal.Stage {
		return nil, Decision{}, Errorf(Conflict, "Proposal %q is at stage %s, not %s: read it again before deciding.", proposalID, stored.Proposal.Stage, d.From)
	}
	if len(stored.Decisions) >= MaxDecisionsPerProposal {
		return nil, Decision{}, Errorf(LimitExceeded, "Proposal %q holds %d decisions, the most one may hold.", proposalID, MaxDecisionsPerProposal)
	}
	rec := cloneRecord(stored)
	d.ID = "d" + strconv.Itoa(len(rec.Decisions)+1)
	d.Proposal = proposalID
	d.At = &now
	rec.Decisions = append(rec.Decisions, d)
	rec.Proposal.Stage = d.To
	rec.Proposal.Version++
	rec.Proposal.UpdatedAt = &now
	return &ProposalWrite{Record: rec, Action: "decision.add", Target: proposalID + "/" + d.ID}, d, nil
}

// PlanPutTest plans PutTest: NOT_FOUND without a stored record; t validated and its
// actors and observed measures checked against the project (INVALID); LIMIT_EXCEEDED for a new test
// beyond MaxTestsPerProposal. The same content again changes nothing (PlanUpsert).
func PlanPutTest(projectID string, stored *ProposalRecord, t Test, refs ProposalRefs, now time.Time) (*ProposalWrite, Test, bool, error) {
	if stored == nil {
		return nil, Test{}, false, ProposalNotFound(projectID, t.Proposal)
	}
	if v := t.Validate(); len(v) > 0 {
		return nil, Test{}, false, InvalidError("The test is not valid; nothing was stored.", v)
	}
	if err := checkRefs(refs, testRefList(refs, &t), nil); err != nil {
		return nil, Test{}, false, err
	}
	i := slices.IndexFunc(stored.Tests, func(x Test) bool { return x.ID == t.ID })
	var old *Test
	if i >= 0 {
		old = &stored.Tests[i]
	} else if len(stored.Tests) >= MaxTestsPerProposal {
		return nil, Test{}, false, Errorf(LimitExceeded, "Proposal %q holds %d tests, the most one may hold.", t.Proposal, MaxTestsPerProposal)
	}
	u := PlanUpsert(old, t, now)
	if !u.Changed {
		return &ProposalWrite{}, u.Value, false, nil
	}
	rec := cloneRecord(stored)
	if i >= 0 {
		rec.Tests[i] = u.Value
	} else {
		rec.Tests = append(rec.Tests, u.Value)
		slices.SortFunc(rec.Tests, func(a, b Test) int { return strings.Compare(a.ID, b.ID) })
	}
	return &ProposalWrite{Record: rec, Created: u.Created, Action: "test.put", Target: t.Proposal + "/" + t.ID}, u.Value, u.Created, nil
}

// PlanDeleteTest plans DeleteTest: NOT_FOUND for a missing proposal or test.
func PlanDeleteTest(projectID, proposalID, id string, stored *ProposalRecord) (*ProposalWrite, error) {
	if stored == nil {
		return nil, ProposalNotFound(projectID, proposalID)
	}
	i := slices.IndexFunc(stored.Tests, func(x Test) bool { return x.ID == id })
	if i < 0 {
		return nil, TestNotFound(projectID, proposalID, id)
	}
	rec := cloneRecord(stored)
	rec.Tests = slices.Delete(rec.Tests, i, i+1)
	return &ProposalWrite{Record: rec, Action: "test.delete", Target: proposalID + "/" + id}, nil
}

// TestNotFound is the NOT_FOUND of a test a proposal does not hold.
func TestNotFound(projectID, proposalID, id string) error {
	return Errorf(NotFound, "Proposal %q of project %q has no test %q.", proposalID, projectID, id)
}

// Test returns the test with id, or NOT_FOUND.
func (r *ProposalRecord) Test(projectID, id string) (*Test, error) {
	i := slices.IndexFunc(r.Tests, func(x Test) bool { return x.ID == id })
	if i < 0 {
		return nil, TestNotFound(projectID, r.Proposal.ID, id)
	}
	t := r.Tests[i]
	return &t, nil
}

// ProposalInUse is the CONFLICT of deleting a proposal that triage decisions name, by
// their findings' fingerprints.
func ProposalInUse(id string, fingerprints []string) error {
	return Errorf(Conflict, "Proposal %q is named by the triage of findings %s as addressing them; triage those findings again before deleting it.", id, strings.Join(fingerprints, ", "))
}

// PageOf returns one page of items, already in key order, after page's cursor: for the
// tests and decisions a proposal record holds, which are few (MaxTestsPerProposal,
// MaxDecisionsPerProposal).
func PageOf[T any](items []T, page Page, key func(*T) string) (*List[T], error) {
	after, err := page.After()
	if err != nil {
		return nil, err
	}
	out := &List[T]{Items: []T{}}
	size := page.Size()
	for i := range items {
		k := key(&items[i])
		if after != "" && k <= after {
			continue
		}
		if len(out.Items) == size {
			out.Next = CursorAfter(key(&out.Items[size-1]))
			break
		}
		out.Items = append(out.Items, items[i])
	}
	return out, nil
}

// DecisionKey orders decisions as they were made: ids "d1", "d2", ... padded so that
// they sort by number.
func DecisionKey(d *Decision) string {
	n, _ := strconv.Atoi(strings.TrimPrefix(d.ID, "d"))
	return fmt.Sprintf("%08d", n)
}

// cloneRecord returns a deep copy of r, as a store's round trip through JSON would.
func cloneRecord(r *ProposalRecord) *ProposalRecord {
	data, _ := json.Marshal(r)
	var c ProposalRecord
	_ = json.Unmarshal(data, &c)
	if c.Tests == nil {
		c.Tests = []Test{}
	}
	if c.Decisions == nil {
		c.Decisions = []Decision{}
	}
	return &c
}

// PlanRestoreProposal validates a record copied from another store and returns it
// encoded as stores keep it, so that an unchanged copy compares equal byte for byte.
func PlanRestoreProposal(r *ProposalRecord) ([]byte, error) {
	if v := r.Proposal.Validate(); len(v) > 0 || r.Proposal.Stage == "" {
		return nil, InvalidError("The proposal record is not valid; nothing was stored.", v)
	}
	c := cloneRecord(r)
	data, err := json.Marshal(c)
	if err != nil {
		return nil, Wrap(Internal, err, "The proposal could not be encoded for storage.")
	}
	return data, nil
}

// Measures returns the measures r names, in its expected values and its tests'
// observations, sorted and each once: what keeps those measures from being deleted.
func (r *ProposalRecord) Measures() []string {
	var out []string
	for _, e := range r.Proposal.Expected {
		out = append(out, e.Measure)
	}
	for _, t := range r.Tests {
		for _, o := range t.Observations {
			out = append(out, o.Measure)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
