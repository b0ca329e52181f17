package demo

import (
	"context"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/glapp/glapp/graph/embedded"
	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
	"github.com/glapp/glapp/journeys/offering"
)

// mustJourneys returns the demo journeys or stops the test.
func mustJourneys(tb testing.TB) []journeys.Journey {
	tb.Helper()
	js, err := Journeys()
	if err != nil {
		tb.Fatalf("Journeys() error: %v", err)
	}
	return js
}

// mustActors returns the demo actors or stops the test.
func mustActors(tb testing.TB) []journeys.Actor {
	tb.Helper()
	as, err := Actors()
	if err != nil {
		tb.Fatalf("Actors() error: %v", err)
	}
	return as
}

func actorMap(as []journeys.Actor) map[string]journeys.Actor {
	m := make(map[string]journeys.Actor, len(as))
	for _, a := range as {
		m[a.ID] = a
	}
	return m
}

// TestActorsAndSourcesValidate checks the project, actors and sources against the domain's
// rules and the demo's promises (pseudonyms and roles only, dates in 2026).
func TestActorsAndSourcesValidate(t *testing.T) {
	seen := map[string]bool{}
	for i, a := range mustActors(t) {
		for _, v := range a.Validate("/" + a.ID) {
			t.Errorf("actor %d: %s: %s", i, v.Pointer, v.Detail)
		}
		if seen[a.ID] {
			t.Errorf("duplicate actor id %q", a.ID)
		}
		seen[a.ID] = true
	}
	sources, err := Sources()
	if err != nil {
		t.Fatalf("Sources() error: %v", err)
	}
	clear(seen)
	for _, s := range sources {
		for _, v := range s.Validate() {
			t.Errorf("source %s: %s: %s", s.ID, v.Pointer, v.Detail)
		}
		if seen[s.ID] {
			t.Errorf("duplicate source id %q", s.ID)
		}
		seen[s.ID] = true
		if s.ParticipantRole == "" || s.Pseudonym == "" || !strings.HasPrefix(s.Date, "2026-") {
			t.Errorf("source %s: want participantRole, pseudonym and a date in 2026; got %+v", s.ID, s)
		}
	}
	if len(sources) < 6 {
		t.Errorf("len(Sources()) = %d; want at least 6", len(sources))
	}
	p, err := Project()
	if err != nil {
		t.Fatalf("Project() error: %v", err)
	}
	if p.ID != ProjectID {
		t.Errorf("Project().ID = %q; want %q", p.ID, ProjectID)
	}
	for _, v := range p.Validate() {
		t.Errorf("project: %s: %s", v.Pointer, v.Detail)
	}
	if p.Description == "" {
		t.Error("the demo project has no description")
	}
}

// TestJourneysValidate checks every journey document against the project's actors, as a
// store would before writing it.
func TestJourneysValidate(t *testing.T) {
	needs, err := Needs()
	if err != nil {
		t.Fatalf("Needs() error: %v", err)
	}
	refs := journeys.Refs{Actors: actorMap(mustActors(t)), Needs: map[string]bool{}}
	for _, n := range needs {
		refs.Needs[n.ID] = true
	}
	for _, j := range mustJourneys(t) {
		t.Run(j.ID, func(t *testing.T) {
			for _, v := range j.Validate(refs) {
				t.Errorf("%s: %s", v.Pointer, v.Detail)
			}
			if n := len(j.Steps); n < 8 || n > 20 {
				t.Errorf("len(steps) = %d; want 8 to 20", n)
			}
			if j.Persona == "" || j.Description == "" || j.TargetGroup == "" || j.AgeGroup == "" {
				t.Error("want persona, description, targetGroup and ageGroup set")
			}
			for i, s := range j.Stages {
				if s.Order != i+1 {
					t.Errorf("stage %s has order %d; want %d (stages listed in order)", s.ID, s.Order, i+1)
				}
			}
		})
	}
}

// TestJourneyFiles checks that each journey sits in a file named after its id, so that a
// reader finds it by name.
func TestJourneyFiles(t *testing.T) {
	entries, err := fs.ReadDir(data, journeysDir)
	if err != nil {
		t.Fatal(err)
	}
	js := mustJourneys(t)
	if len(entries) != len(js) {
		t.Fatalf("%d files in %s, %d journeys; want one journey per file", len(entries), journeysDir, len(js))
	}
	for i, e := range entries {
		if want := js[i].ID + ".json"; e.Name() != want {
			t.Errorf("journey %q is in %s; want %s", js[i].ID, e.Name(), want)
		}
	}
}

// TestCoverage checks that the demo spans the sectors, kinds of actor, age groups and
// kinds of journey it is meant to show.
func TestCoverage(t *testing.T) {
	actors := mustActors(t)
	if len(actors) < 8 {
		t.Errorf("len(Actors()) = %d; want at least 8", len(actors))
	}
	sectors, kinds := map[journeys.Sector]bool{}, map[string]bool{}
	for _, a := range actors {
		sectors[a.Sector] = true
		kinds[a.Kind] = true
	}
	for _, s := range []journeys.Sector{journeys.SectorRegion, journeys.SectorMunicipality, journeys.SectorCivilSociety} {
		if !sectors[s] {
			t.Errorf("no actor in sector %s", s)
		}
	}
	for _, k := range []string{"primary_care", "psychiatry", "bup", "addiction_care", "social_services", "school_health"} {
		if !kinds[k] {
			t.Errorf("no actor of kind %s", k)
		}
	}

	js := mustJourneys(t)
	if len(js) < 3 {
		t.Errorf("len(Journeys()) = %d; want at least 3", len(js))
	}
	ages, jkinds := map[journeys.AgeGroup]bool{}, map[journeys.JourneyKind]bool{}
	statuses := map[journeys.InsightStatus]int{}
	insights := 0
	for _, j := range js {
		ages[j.AgeGroup] = true
		jkinds[j.Kind] = true
		insights += len(j.Insights)
		for _, in := range j.Insights {
			statuses[in.Status]++
		}
	}
	for _, a := range []journeys.AgeGroup{journeys.AgeAdult, journeys.AgeChild} {
		if !ages[a] {
			t.Errorf("no %s journey", a)
		}
	}
	for _, k := range []journeys.JourneyKind{journeys.KindAsIs, journeys.KindToBe} {
		if !jkinds[k] {
			t.Errorf("no %s journey", k)
		}
	}
	if insights < 20 {
		t.Errorf("%d insights; want at least 20", insights)
	}
	if statuses[journeys.StatusRejected] < 1 || statuses[journeys.StatusValidated] < 3 || statuses[journeys.StatusHypothesis] < 1 {
		t.Errorf("insight statuses %v; want at least one rejected, one hypothesis and three validated", statuses)
	}
}

// TestReferences checks what Validate leaves to the project: every insight names a source
// of the demo and carries a sentiment, and step, hand-over and insight ids are unique
// across the whole demo, so that project-wide reports can name an element by id alone.
func TestReferences(t *testing.T) {
	sources, err := Sources()
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, s := range sources {
		known[s.ID] = true
	}
	owner := map[string]string{}
	claim := func(journey, id string) {
		if prev, ok := owner[id]; ok {
			t.Errorf("id %q is used in %s and in %s", id, prev, journey)
		}
		owner[id] = journey
	}
	for _, j := range mustJourneys(t) {
		for _, s := range j.Steps {
			claim(j.ID, s.ID)
		}
		for _, h := range j.Handovers {
			claim(j.ID, h.ID)
		}
		for _, in := range j.Insights {
			claim(j.ID, in.ID)
			if !known[in.Source] {
				t.Errorf("insight %s names source %q, which the demo does not have", in.ID, in.Source)
			}
			if in.Sentiment == nil || in.Status == "" || len(in.About) == 0 {
				t.Errorf("insight %s: want sentiment, status and about set", in.ID)
			}
		}
	}
}

var (
	personalNumber = regexp.MustCompile(`\b\d{6,8}[-+]?\d{4}\b`)
	emailAddress   = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`)
	// phoneNumber matches Swedish numbers such as 070-123 45 67, 08-123 456 78, 0701234567
	// and +46 70 123 45 67.
	phoneNumber = regexp.MustCompile(`(?:\+46|\b0)[\s-]?[1-9]\d{0,2}(?:[\s-]?\d{2,4}){2,3}\b`)
)

// TestNoPersonalData scans every data file for things that look like a personal identity
// number, an e-mail address or a phone number.
func TestNoPersonalData(t *testing.T) {
	for _, tc := range []struct {
		re   *regexp.Regexp
		hits []string
	}{
		{personalNumber, []string{"19900101-1234", "900101-1234", "199001011234"}},
		{emailAddress, []string{"namn.efternamn@example.se"}},
		{phoneNumber, []string{"070-123 45 67", "08-123 456 78", "0701234567", "+46 70 123 45 67"}},
	} {
		for _, s := range tc.hits {
			if !tc.re.MatchString(s) {
				t.Errorf("%v does not match %q; the scan would miss it", tc.re, s)
			}
		}
	}
	err := fs.WalkDir(data, "data", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := data.ReadFile(name)
		if err != nil {
			return err
		}
		for _, re := range []*regexp.Regexp{personalNumber, emailAddress, phoneNumber} {
			for _, m := range re.FindAll(b, -1) {
				t.Errorf("%s: %q looks like personal data (%v)", path.Base(name), m, re)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// mustOpenStore opens an embedded store in a temporary directory, closed at cleanup.
func mustOpenStore(tb testing.TB) *embedded.Store {
	tb.Helper()
	s, err := embedded.Open(tb.TempDir())
	if err != nil {
		tb.Fatalf("embedded.Open: %v", err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return s
}

// journeyVersions returns the stored version of every journey of the demo project.
func journeyVersions(tb testing.TB, s journeys.Store) map[string]int64 {
	tb.Helper()
	got := map[string]int64{}
	err := s.EachJourney(context.Background(), ProjectID, func(j *journeys.Journey) error {
		got[j.ID] = j.Version
		return nil
	})
	if err != nil {
		tb.Fatalf("EachJourney: %v", err)
	}
	return got
}

// TestLoadOnce loads the demo twice into the embedded store, as two starts of
// "glapp serve --demo" would: the first creates everything, the second finds the project
// and leaves a project lead's edits to it alone.
func TestLoadOnce(t *testing.T) {
	ctx := context.Background()
	s := mustOpenStore(t)
	loaded, err := Load(ctx, s)
	if err != nil {
		t.Fatalf("first Load: %v (%v)", err, journeys.ErrorViolations(err))
	}
	if !loaded {
		t.Errorf("first Load reported false; want true (the store was empty)")
	}
	first := journeyVersions(t, s)
	if want := len(mustJourneys(t)); len(first) != want {
		t.Fatalf("after Load the project has %d journeys; want %d (one per file)", len(first), want)
	}

	// A project lead renames the project, edits a journey, deletes another and an actor's
	// name; the next start must keep all of it.
	if _, err := s.UpdateProject(ctx, ProjectID, func(p *journeys.Project) error {
		p.Name = "Omdöpt demoprojekt"
		return nil
	}); err != nil {
		t.Fatalf("UpdateProject: %v", err)
	}
	all := mustJourneys(t)
	edited, deleted := editJourney(t, s, all[0].ID), all[1].ID
	if err := s.DeleteJourney(ctx, ProjectID, deleted, journeys.Precondition{}); err != nil {
		t.Fatalf("DeleteJourney(%q): %v", deleted, err)
	}

	loaded, err = Load(ctx, s)
	if err != nil {
		t.Fatalf("second Load: %v", err)
	}
	if loaded {
		t.Errorf("second Load reported true; want false (the project exists)")
	}
	got, err := s.GetJourney(ctx, ProjectID, edited.ID)
	if err != nil {
		t.Fatalf("GetJourney(%q): %v", edited.ID, err)
	}
	if got.Title != edited.Title || got.Version != edited.Version {
		t.Errorf("after a second Load journey %s has title %q version %d; want the edit kept: %q version %d",
			edited.ID, got.Title, got.Version, edited.Title, edited.Version)
	}
	if _, err := s.GetJourney(ctx, ProjectID, deleted); journeys.ErrorCode(err) != journeys.NotFound {
		t.Errorf("after a second Load GetJourney(%q) = %v; want NOT_FOUND (the deletion kept)", deleted, err)
	}
	p, err := s.GetProject(ctx, ProjectID)
	if err != nil {
		t.Fatalf("GetProject: %v", err)
	}
	if p.Name != "Omdöpt demoprojekt" {
		t.Errorf("project name = %q after the second Load; want the renamed one kept", p.Name)
	}
}

// editJourney changes the title of journey id, as a project lead would, and returns it.
func editJourney(tb testing.TB, s journeys.Store, id string) *journeys.Journey {
	tb.Helper()
	ctx := context.Background()
	j, err := s.GetJourney(ctx, ProjectID, id)
	if err != nil {
		tb.Fatalf("GetJourney(%q): %v", id, err)
	}
	j.Title = "Ändrad av projektledaren"
	stored, _, err := s.PutJourney(ctx, ProjectID, j, journeys.Precondition{IfVersion: j.Version, Required: true})
	if err != nil {
		tb.Fatalf("PutJourney(%q): %v", id, err)
	}
	return stored
}

// TestReset writes the demo over a project lead's edits on purpose, as
// "glapp serve --demo-reset" does, and checks that the embedded data is back while the
// project's own name and its other journeys stay.
func TestReset(t *testing.T) {
	ctx := context.Background()
	s := mustOpenStore(t)
	if err := Reset(ctx, s); err != nil { // Reset also fills an empty store
		t.Fatalf("first Reset: %v (%v)", err, journeys.ErrorViolations(err))
	}
	first := journeyVersions(t, s)
	all := mustJourneys(t)
	editJourney(t, s, all[0].ID)
	if err := s.DeleteJourney(ctx, ProjectID, all[1].ID, journeys.Precondition{}); err != nil {
		t.Fatalf("DeleteJourney: %v", err)
	}
	own := journeys.Journey{ID: "egen", Title: "Egen resa", Kind: journeys.KindAsIs,
		Steps: []journeys.Step{{ID: "e1", Title: "Start", Actor: all[0].Steps[0].Actor, Entry: true, Terminal: true}}}
	if _, _, err := s.PutJourney(ctx, ProjectID, &own, journeys.Precondition{}); err != nil {
		t.Fatalf("PutJourney(egen): %v (%v)", err, journeys.ErrorViolations(err))
	}
	if _, err := s.UpdateProject(ctx, ProjectID, func(p *journeys.Project) error {
		p.Name = "Omdöpt demoprojekt"
		return nil
	}); err != nil {
		t.Fatalf("UpdateProject: %v", err)
	}

	if err := Reset(ctx, s); err != nil {
		t.Fatalf("second Reset: %v", err)
	}
	after := journeyVersions(t, s)
	for _, id := range []string{all[0].ID, all[1].ID} {
		got, err := s.GetJourney(ctx, ProjectID, id)
		if err != nil {
			t.Fatalf("GetJourney(%q) after Reset: %v", id, err)
		}
		want := all[slices.IndexFunc(all, func(j journeys.Journey) bool { return j.ID == id })]
		if !got.SameContent(&want) {
			t.Errorf("after Reset journey %s differs from the embedded document", id)
		}
	}
	for _, j := range all[2:] {
		if after[j.ID] != first[j.ID] {
			t.Errorf("journey %s: version %d after Reset; want %d (unchanged, it was not edited)", j.ID, after[j.ID], first[j.ID])
		}
	}
	if _, ok := after["egen"]; !ok {
		t.Errorf("Reset removed the project's own journey; want it kept")
	}
	if p, err := s.GetProject(ctx, ProjectID); err != nil || p.Name != "Omdöpt demoprojekt" {
		t.Errorf("GetProject after Reset = %v, %v; want the renamed project kept", p, err)
	}

	// What is stored reads back as the embedded data, and its actors are the demo's.
	want := mustJourneys(t)
	for i := range want {
		got, err := s.GetJourney(ctx, ProjectID, want[i].ID)
		if err != nil {
			t.Fatalf("GetJourney(%q): %v", want[i].ID, err)
		}
		if !got.SameContent(&want[i]) {
			t.Errorf("GetJourney(%q) differs from the embedded document", want[i].ID)
		}
	}
	actors, err := s.ListActors(ctx, ProjectID, journeys.Page{Limit: journeys.MaxLimit})
	if err != nil {
		t.Fatalf("ListActors: %v", err)
	}
	if n := len(mustActors(t)); len(actors.Items) != n {
		t.Errorf("the project has %d actors; want %d", len(actors.Items), n)
	}
	sources, err := s.ListSources(ctx, ProjectID, journeys.Page{Limit: journeys.MaxLimit})
	if err != nil {
		t.Fatalf("ListSources: %v", err)
	}
	if ss, _ := Sources(); len(sources.Items) != len(ss) {
		t.Errorf("the project has %d sources; want %d", len(sources.Items), len(ss))
	}
}

// changeData is the demo's change work, decoded.
type changeData struct {
	goals     []journeys.Goal
	measures  []journeys.Measure
	proposals []journeys.ProposalRecord
	triage    []journeys.Triage
}

// mustChangeData returns the demo's goals, measures and proposals or stops the test.
func mustChangeData(tb testing.TB) changeData {
	tb.Helper()
	var c changeData
	var err error
	if c.goals, err = Goals(); err != nil {
		tb.Fatalf("Goals() error: %v", err)
	}
	if c.measures, err = Measures(); err != nil {
		tb.Fatalf("Measures() error: %v", err)
	}
	if c.proposals, err = Proposals(); err != nil {
		tb.Fatalf("Proposals() error: %v", err)
	}
	if c.triage, err = Triage(); err != nil {
		tb.Fatalf("Triage() error: %v", err)
	}
	return c
}

// demoFindings runs the gap engine on every demo journey, as the project report does.
func demoFindings(tb testing.TB) []gaps.Finding {
	tb.Helper()
	actors := actorMap(mustActors(tb))
	var out []gaps.Finding
	js := mustJourneys(tb)
	for i := range js {
		r, err := gaps.Analyze(context.Background(), &js[i], actors, journeys.Settings{})
		if err != nil {
			tb.Fatalf("Analyze(%s): %v", js[i].ID, err)
		}
		out = append(out, r.Findings...)
	}
	return out
}

// TestChangeWorkShape checks what issue 12 asks of the demo's change work: goals for the
// person and for the organisations, computed and hand-entered measures with baselines
// and observations, and four or more proposals at different stages, one revised and one
// stopped, whose goals, expected measures and test observations name what the demo has.
func TestChangeWorkShape(t *testing.T) {
	c := mustChangeData(t)
	perspectives := map[journeys.Perspective]bool{}
	goals := map[string]bool{}
	for _, g := range c.goals {
		perspectives[g.Perspective] = true
		goals[g.ID] = true
	}
	for _, p := range journeys.Perspectives {
		if !perspectives[p] {
			t.Errorf("no goal has perspective %s", p)
		}
	}
	measures := map[string]bool{}
	var computed, manual, observed int
	for _, m := range c.measures {
		measures[m.ID] = true
		if m.Metric != nil {
			computed++
		} else {
			manual++
		}
		if len(m.Observations) > 0 {
			observed++
		}
		if m.Baseline == nil {
			t.Errorf("measure %s has no baseline", m.ID)
		}
		if !goals[m.Goal] {
			t.Errorf("measure %s serves goal %q, which the demo does not have", m.ID, m.Goal)
		}
	}
	if computed == 0 || manual == 0 || observed == 0 {
		t.Errorf("measures: %d computed, %d by hand, %d with observations; want some of each", computed, manual, observed)
	}
	if len(c.proposals) < 4 {
		t.Errorf("%d proposals; want four or more", len(c.proposals))
	}
	stages := map[journeys.ProposalStage]bool{}
	outcomes := map[journeys.DecisionOutcome]bool{}
	for _, r := range c.proposals {
		p := r.Proposal
		stages[p.Stage] = true
		want := p.Stage
		if n := len(r.Decisions); n > 0 {
			want = r.Decisions[n-1].To
		}
		if p.Stage != want {
			t.Errorf("proposal %s says stage %s; its decisions lead to %s", p.ID, p.Stage, want)
		}
		for _, d := range r.Decisions {
			outcomes[d.Outcome] = true
		}
		for _, g := range p.Goals {
			if !goals[g] {
				t.Errorf("proposal %s serves goal %q, which the demo does not have", p.ID, g)
			}
		}
		for _, e := range p.Expected {
			if !measures[e.Measure] {
				t.Errorf("proposal %s expects measure %q, which the demo does not have", p.ID, e.Measure)
			}
		}
		for _, tt := range r.Tests {
			for _, o := range tt.Observations {
				if !measures[o.Measure] {
					t.Errorf("test %s of %s observes measure %q, which the demo does not have", tt.ID, p.ID, o.Measure)
				}
			}
		}
	}
	if len(stages) < 4 {
		t.Errorf("proposals are at %d different stages; want four or more", len(stages))
	}
	for _, o := range []journeys.DecisionOutcome{journeys.OutcomeGo, journeys.OutcomeRevise, journeys.OutcomeStop} {
		if !outcomes[o] {
			t.Errorf("no decision has outcome %s", o)
		}
	}
}

// TestProposalsAddressDemoFindings keeps the fingerprints the proposals and triage pin
// from going stale: each must be a finding the gap engine reports on the demo journeys,
// and a finding triaged as addressed must be one its proposal addresses.
func TestProposalsAddressDemoFindings(t *testing.T) {
	fingerprints := map[string]bool{}
	for _, f := range demoFindings(t) {
		fingerprints[f.Fingerprint] = true
	}
	c := mustChangeData(t)
	addresses := map[string][]string{}
	for _, r := range c.proposals {
		addresses[r.Proposal.ID] = r.Proposal.Addresses
	}
	if len(c.triage) == 0 {
		t.Error("the demo triages no finding as addressed")
	}
	for _, tr := range c.triage {
		if !fingerprints[tr.Fingerprint] {
			t.Errorf("triage of %s: no finding of the demo has this fingerprint", tr.Fingerprint)
		}
		if tr.Status != journeys.TriageAddressed || !slices.Contains(addresses[tr.Proposal], tr.Fingerprint) {
			t.Errorf("triage of %s is %s by %q; want addressed by a proposal that addresses it", tr.Fingerprint, tr.Status, tr.Proposal)
		}
	}
	for _, r := range c.proposals {
		if len(r.Proposal.Addresses) == 0 {
			t.Errorf("proposal %s addresses no finding", r.Proposal.ID)
		}
		for _, fp := range r.Proposal.Addresses {
			if !fingerprints[fp] {
				t.Errorf("proposal %s addresses %s, which is no finding of the demo (rerun the gap report and pin a current fingerprint)", r.Proposal.ID, fp)
			}
		}
	}
}

// TestComputedMeasuresHaveValues computes every computed measure on the demo journeys
// as the API does, before any triage, and checks that it has a value and that its
// baseline is that value (the baselines were taken from the current-state maps before
// the project triaged anything).
func TestComputedMeasuresHaveValues(t *testing.T) {
	js := mustJourneys(t)
	findings := demoFindings(t)
	for _, m := range mustChangeData(t).measures {
		if m.Metric == nil {
			continue
		}
		var inScope []*journeys.Journey
		ids := map[string]bool{}
		for i := range js {
			if m.Scope.InScope(&js[i]) {
				inScope = append(inScope, &js[i])
				ids[js[i].ID] = true
			}
		}
		var v journeys.MetricValue
		if *m.Metric == journeys.MetricOpenFindings {
			v = gaps.OpenFindings(&m, findings, ids)
		} else {
			v = journeys.Evaluate(*m.Metric, m.Scope, inScope)
		}
		if v.Value == nil {
			t.Errorf("measure %s (%s) has no value on the demo", m.ID, *m.Metric)
			continue
		}
		if d := *v.Value - m.Baseline.Value; d > 0.01 || d < -0.01 {
			t.Errorf("measure %s: computed %.3f on the demo, baseline %.3f; want the baseline to be the map's value", m.ID, *v.Value, m.Baseline.Value)
		}
	}
}

// changeState is the version of every goal, measure, proposal and test of the demo
// project and the number of decisions of each proposal, keyed by kind and id.
func changeState(tb testing.TB, s Store) map[string]int64 {
	tb.Helper()
	ctx := context.Background()
	all := journeys.Page{Limit: journeys.MaxLimit}
	got := map[string]int64{}
	gs, err := s.ListGoals(ctx, ProjectID, all)
	if err != nil {
		tb.Fatalf("ListGoals: %v", err)
	}
	for _, g := range gs.Items {
		got["goal/"+g.ID] = g.Version
	}
	ms, err := s.ListMeasures(ctx, ProjectID, all)
	if err != nil {
		tb.Fatalf("ListMeasures: %v", err)
	}
	for _, m := range ms.Items {
		got["measure/"+m.ID] = m.Version
	}
	ps, err := s.ListProposals(ctx, ProjectID, journeys.ProposalFilter{}, all)
	if err != nil {
		tb.Fatalf("ListProposals: %v", err)
	}
	for _, p := range ps.Items {
		got["proposal/"+p.ID] = p.Version
		ts, err := s.ListTests(ctx, ProjectID, p.ID, all)
		if err != nil {
			tb.Fatalf("ListTests(%s): %v", p.ID, err)
		}
		for _, tt := range ts.Items {
			got["test/"+p.ID+"/"+tt.ID] = tt.Version
		}
		ds, err := s.ListDecisions(ctx, ProjectID, p.ID, all)
		if err != nil {
			tb.Fatalf("ListDecisions(%s): %v", p.ID, err)
		}
		got["decisions/"+p.ID] = int64(len(ds.Items))
	}
	return got
}

// checkChangeWorkStored checks that every goal, measure, proposal, test and decision of
// the demo is stored as the data says.
func checkChangeWorkStored(t *testing.T, s Store) {
	t.Helper()
	ctx := context.Background()
	c := mustChangeData(t)
	for _, g := range c.goals {
		got, err := s.GetGoal(ctx, ProjectID, g.ID)
		if err != nil {
			t.Errorf("GetGoal(%s): %v", g.ID, err)
		} else if !got.SameContent(g) {
			t.Errorf("goal %s is stored as %+v; want %+v", g.ID, *got, g)
		}
	}
	for _, m := range c.measures {
		got, err := s.GetMeasure(ctx, ProjectID, m.ID)
		if err != nil {
			t.Errorf("GetMeasure(%s): %v", m.ID, err)
		} else if !got.SameContent(m) {
			t.Errorf("measure %s is stored as %+v; want %+v", m.ID, *got, m)
		}
	}
	all := journeys.Page{Limit: journeys.MaxLimit}
	for _, r := range c.proposals {
		got, err := s.GetProposal(ctx, ProjectID, r.Proposal.ID)
		if err != nil {
			t.Errorf("GetProposal(%s): %v", r.Proposal.ID, err)
			continue
		}
		if !got.SameContent(r.Proposal) {
			t.Errorf("proposal %s is stored as %+v; want %+v", r.Proposal.ID, *got, r.Proposal)
		}
		for _, tt := range r.Tests {
			tt.Proposal = r.Proposal.ID
			gt, err := s.GetTest(ctx, ProjectID, r.Proposal.ID, tt.ID)
			if err != nil {
				t.Errorf("GetTest(%s, %s): %v", r.Proposal.ID, tt.ID, err)
			} else if !gt.SameContent(tt) {
				t.Errorf("test %s of %s is stored as %+v; want %+v", tt.ID, r.Proposal.ID, *gt, tt)
			}
		}
		ds, err := s.ListDecisions(ctx, ProjectID, r.Proposal.ID, all)
		if err != nil {
			t.Errorf("ListDecisions(%s): %v", r.Proposal.ID, err)
			continue
		}
		if len(ds.Items) != len(r.Decisions) {
			t.Errorf("proposal %s has %d decisions; want %d", r.Proposal.ID, len(ds.Items), len(r.Decisions))
			continue
		}
		for i, d := range ds.Items {
			w := r.Decisions[i]
			if d.From != w.From || d.To != w.To || d.Outcome != w.Outcome || d.Rationale != w.Rationale {
				t.Errorf("decision %d of %s is %s %s→%s; want %s %s→%s", i+1, r.Proposal.ID, d.Outcome, d.From, d.To, w.Outcome, w.From, w.To)
			}
		}
	}
	for _, tr := range c.triage {
		got, err := s.GetTriage(ctx, ProjectID, tr.Fingerprint)
		if err != nil {
			t.Errorf("GetTriage(%s): %v", tr.Fingerprint, err)
		} else if got.Status != tr.Status || got.Proposal != tr.Proposal || got.Note != tr.Note {
			t.Errorf("triage of %s is stored as %+v; want %+v", tr.Fingerprint, *got, tr)
		}
	}
}

// TestChangeWorkLoads loads the demo and finds every goal, measure, proposal, test and
// decision stored as the data says; a second Load, and a Reset of an unchanged demo,
// change none of them (no version moves, no decision is recorded twice).
func TestChangeWorkLoads(t *testing.T) {
	ctx := context.Background()
	s := mustOpenStore(t)
	if _, err := Load(ctx, s); err != nil {
		t.Fatalf("Load: %v (%v)", err, journeys.ErrorViolations(err))
	}
	checkChangeWorkStored(t, s)
	first := changeState(t, s)
	if _, err := Load(ctx, s); err != nil {
		t.Fatalf("second Load: %v", err)
	}
	if got := changeState(t, s); !maps.Equal(got, first) {
		t.Errorf("a second Load changed the change work:\n got %v\nwant %v", got, first)
	}
	if err := Reset(ctx, s); err != nil {
		t.Fatalf("Reset: %v (%v)", err, journeys.ErrorViolations(err))
	}
	if got := changeState(t, s); !maps.Equal(got, first) {
		t.Errorf("a Reset of the unchanged demo changed the change work:\n got %v\nwant %v", got, first)
	}
}

// TestResetRestoresChangeWork edits and deletes goals, measures, proposals and tests as a
// project lead might, and checks that Reset brings the demo's back, a deleted proposal
// with its decisions.
func TestResetRestoresChangeWork(t *testing.T) {
	ctx := context.Background()
	s := mustOpenStore(t)
	if _, err := Load(ctx, s); err != nil {
		t.Fatalf("Load: %v (%v)", err, journeys.ErrorViolations(err))
	}
	c := mustChangeData(t)
	g := c.goals[0]
	g.Title = "Ändrat av projektledaren"
	if _, _, err := s.PutGoal(ctx, ProjectID, &g); err != nil {
		t.Fatalf("PutGoal: %v", err)
	}
	if _, err := s.AddObservation(ctx, ProjectID, c.measures[0].ID, journeys.Observation{At: "2026-12-01", Value: 0.8}); err != nil {
		t.Fatalf("AddObservation: %v", err)
	}
	// A measure no proposal names: those a proposal names cannot be deleted.
	named := map[string]bool{}
	for _, r := range c.proposals {
		for _, id := range r.Measures() {
			named[id] = true
		}
	}
	i := slices.IndexFunc(c.measures, func(m journeys.Measure) bool { return !named[m.ID] })
	if i < 0 {
		t.Fatal("every demo measure is named by a proposal; the test needs one that is not")
	}
	if err := s.DeleteMeasure(ctx, ProjectID, c.measures[i].ID); err != nil {
		t.Fatalf("DeleteMeasure: %v", err)
	}
	deleted := ""
	for _, r := range c.proposals {
		if len(r.Decisions) > 0 && !slices.ContainsFunc(c.triage, func(tr journeys.Triage) bool { return tr.Proposal == r.Proposal.ID }) {
			if err := s.DeleteProposal(ctx, ProjectID, r.Proposal.ID); err != nil {
				t.Fatalf("DeleteProposal(%s): %v", r.Proposal.ID, err)
			}
			deleted = r.Proposal.ID
			break
		}
	}
	for _, r := range c.proposals {
		if len(r.Tests) > 0 && r.Proposal.ID != deleted {
			if err := s.DeleteTest(ctx, ProjectID, r.Proposal.ID, r.Tests[0].ID); err != nil {
				t.Fatalf("DeleteTest: %v", err)
			}
			break
		}
	}
	if err := s.DeleteTriage(ctx, ProjectID, c.triage[0].Fingerprint); err != nil {
		t.Fatalf("DeleteTriage: %v", err)
	}
	if err := Reset(ctx, s); err != nil {
		t.Fatalf("Reset: %v (%v)", err, journeys.ErrorViolations(err))
	}
	checkChangeWorkStored(t, s)
}

// TestOffering checks that the demo's offering tells the story it is written for: young
// people need self-help that no support offers them, the national digital self-help
// service is reached by no journey, the adult with ADHD finds the peer group alone, and
// that person's first door, the psychiatric emergency unit's phone, only sends them on.
func TestOffering(t *testing.T) {
	needs, err := Needs()
	if err != nil {
		t.Fatalf("Needs() error: %v", err)
	}
	for _, n := range needs {
		for _, v := range n.Validate() {
			t.Errorf("need %q: %s: %s", n.ID, v.Pointer, v.Detail)
		}
	}
	measures, err := Measures()
	if err != nil {
		t.Fatalf("Measures() error: %v", err)
	}
	in := offering.Input{Actors: mustActors(t), Needs: needs, Measures: measures, Filter: offering.Filter{AgeGroup: journeys.AgeChild}}
	for _, j := range mustJourneys(t) {
		in.Journeys = append(in.Journeys, &j)
	}
	r := offering.Build(in)
	found := map[offering.Kind][]string{}
	var childNeed *offering.Item
	for i, it := range r.Items {
		found[it.Kind] = append(found[it.Kind], it.Need+it.Offer)
		if it.Kind == offering.UncoveredNeed && it.AgeGroup == journeys.AgeChild {
			childNeed = &r.Items[i]
		}
	}
	if childNeed == nil || childNeed.Need != "unga-sjalvhjalp" || !slices.Contains(childNeed.Journeys, "barn-nulage") || len(childNeed.Evidence) == 0 {
		t.Errorf("offering for children: items %v; want need unga-sjalvhjalp uncovered, with journey barn-nulage and an insight", found)
	}
	for _, n := range r.Needs {
		if n.AgeGroup == journeys.AgeAdult {
			t.Errorf("offering for children lists the adults' need %q", n.ID)
		}
	}

	in.Filter = offering.Filter{}
	r = offering.Build(in)
	found = map[offering.Kind][]string{}
	for _, it := range r.Items {
		found[it.Kind] = append(found[it.Kind], it.Need+it.Offer)
	}
	// Peer support at the meeting place is found alone in the current state, but the lived
	// journeys that follow the desired state reach it through the joint plan; the digital
	// peer group for adults with ADHD is found alone in the one journey that reaches it.
	if slices.Contains(found[offering.SelfFoundSupport], "kamratstod") {
		t.Errorf("offering: kamratstod is self-found, but the lived journeys reach it through the joint plan")
	}
	var selfFound, sending []offering.Item
	for _, it := range r.Items {
		switch it.Kind {
		case offering.SelfFoundSupport:
			selfFound = append(selfFound, it)
		case offering.SendingEntry:
			sending = append(sending, it)
		}
	}
	if len(selfFound) != 1 || selfFound[0].Offer != "kamratstod-adhd" || !slices.Equal(selfFound[0].Journeys, []string{"vuxen-adhd-nulage"}) ||
		len(selfFound[0].Steps) != 1 || selfFound[0].Steps[0].Step != "va-s13" || len(selfFound[0].Evidence) == 0 {
		t.Errorf("offering self-found supports = %+v; want kamratstod-adhd alone, reached at va-s13 of vuxen-adhd-nulage, with an insight", selfFound)
	}
	if len(sending) != 1 || sending[0].Actor != "psyk-akut" || !slices.Equal(sending[0].Journeys, []string{"vuxen-adhd-nulage"}) ||
		len(sending[0].Steps) != 1 || sending[0].Steps[0].Step != "va-s00" || !slices.Equal(sending[0].Sends, []string{"vc"}) || len(sending[0].Evidence) == 0 {
		t.Errorf("offering sending entries = %+v; want va-s00 of vuxen-adhd-nulage at psyk-akut, sending on to vc, with an insight", sending)
	}
	for kind, id := range map[offering.Kind]string{offering.UnreachedSupport: "sjalvhjalp-oro", offering.UncoveredNeed: "beroende-forsta-linjen"} {
		if !slices.Contains(found[kind], id) {
			t.Errorf("offering items of kind %s = %v; want %q among them", kind, found[kind], id)
		}
	}
	for _, s := range r.Supports {
		if s.ID == "sjalvhjalp-oro" && (len(s.Usage) != 1 || s.Usage[0].Latest == nil) {
			t.Errorf("support sjalvhjalp-oro usage = %+v; want the measure sjalvhjalp-startade with its latest value", s.Usage)
		}
	}
}

// TestBaseline checks that loading takes a baseline of the current-state maps alone,
// before any change work, and that Reset leaves it as it was taken.
func TestBaseline(t *testing.T) {
	ctx := context.Background()
	s := mustOpenStore(t)
	if _, err := Load(ctx, s); err != nil {
		t.Fatal(err)
	}
	b, err := s.GetBaseline(ctx, ProjectID, BaselineID)
	if err != nil {
		t.Fatalf("GetBaseline(%q) after Load = %v", BaselineID, err)
	}
	var want []string
	for _, j := range mustJourneys(t) {
		if j.Kind == journeys.KindAsIs {
			want = append(want, j.ID)
		}
	}
	var got []string
	for _, j := range b.Journeys {
		got = append(got, j.ID)
	}
	slices.Sort(want)
	if !slices.Equal(got, want) || len(b.Triage) != 0 {
		t.Errorf("baseline holds %v and %d triage decisions; want the as-is journeys %v and no triage: it comes before the change work", got, len(b.Triage), want)
	}
	if err := Reset(ctx, s); err != nil {
		t.Fatal(err)
	}
	again, err := s.GetBaseline(ctx, ProjectID, BaselineID)
	if err != nil || !again.CreatedAt.Equal(*b.CreatedAt) {
		t.Errorf("GetBaseline() after Reset = %v, %v; want the baseline as it was taken", again, err)
	}
}
