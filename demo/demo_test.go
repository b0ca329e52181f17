package demo

import (
	"context"
	"io/fs"
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/glapp/glapp/graph/embedded"
	"github.com/glapp/glapp/journeys"
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
	refs := journeys.Refs{Actors: actorMap(mustActors(t))}
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

// TestLoadIdempotent loads the demo twice into the embedded store, as two starts of
// "glapp serve --demo" would, and checks that the second load changes nothing.
func TestLoadIdempotent(t *testing.T) {
	ctx := context.Background()
	s := mustOpenStore(t)
	if err := Load(ctx, s); err != nil {
		t.Fatalf("first Load: %v (%v)", err, journeys.ErrorViolations(err))
	}
	first := journeyVersions(t, s)
	if want := len(mustJourneys(t)); len(first) != want {
		t.Fatalf("after Load the project has %d journeys; want %d (one per file)", len(first), want)
	}

	// A project lead renames the demo project; the next start must keep the new name.
	if _, err := s.UpdateProject(ctx, ProjectID, func(p *journeys.Project) error {
		p.Name = "Omdöpt demoprojekt"
		return nil
	}); err != nil {
		t.Fatalf("UpdateProject: %v", err)
	}

	if err := Load(ctx, s); err != nil {
		t.Fatalf("second Load: %v", err)
	}
	second := journeyVersions(t, s)
	if len(second) != len(first) {
		t.Errorf("after a second Load the project has %d journeys; want %d", len(second), len(first))
	}
	for id, v := range first {
		if second[id] != v {
			t.Errorf("journey %s: version %d after the second Load; want %d (unchanged)", id, second[id], v)
		}
	}
	p, err := s.GetProject(ctx, ProjectID)
	if err != nil {
		t.Fatalf("GetProject: %v", err)
	}
	if p.Name != "Omdöpt demoprojekt" {
		t.Errorf("project name = %q after the second Load; want the renamed one kept", p.Name)
	}

	// What is stored reads back as the embedded data, and its actors are the demo's.
	want := mustJourneys(t)
	for i := range want {
		got, err := s.GetJourney(ctx, ProjectID, want[i].ID)
		if err != nil {
			t.Fatalf("GetJourney(%q): %v", want[i].ID, err)
		}
		if !journeys.ContentEqual(got, &want[i]) {
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
