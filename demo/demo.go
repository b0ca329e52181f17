// Package demo holds the demo project that "glapp serve --demo" loads at every start: a
// fictitious coordination project in "Region Mittland" and "Åby kommun" with actors,
// evidence sources and journey maps (current state and desired state, adults and children)
// written in Swedish, as project leads write them.
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

// Load writes the demo project into s. It is idempotent and safe to call at every start:
// it creates the project only if it is missing and otherwise leaves the project's name and
// description as they are; it puts every actor and source; and it puts every journey,
// which changes nothing (not even the version) when the stored journey already has the
// same content. Edits made to the demo's journeys, actors or sources are replaced by the
// embedded data; other journeys of the project are left alone.
//
// All data is decoded before anything is written, so a broken data file writes nothing.
func Load(ctx context.Context, s journeys.Store) error {
	p, err := Project()
	if err != nil {
		return err
	}
	actors, err := Actors()
	if err != nil {
		return err
	}
	sources, err := Sources()
	if err != nil {
		return err
	}
	js, err := Journeys()
	if err != nil {
		return err
	}

	if _, err := s.CreateProject(ctx, &p); err != nil && journeys.ErrorCode(err) != journeys.Conflict {
		return fmt.Errorf("demo: create project %q: %w", p.ID, err)
	}
	for i := range actors {
		if _, _, err := s.PutActor(ctx, ProjectID, &actors[i]); err != nil {
			return fmt.Errorf("demo: put actor %q: %w", actors[i].ID, err)
		}
	}
	for i := range sources {
		if _, _, err := s.PutSource(ctx, ProjectID, &sources[i]); err != nil {
			return fmt.Errorf("demo: put source %q: %w", sources[i].ID, err)
		}
	}
	for i := range js {
		if _, _, err := s.PutJourney(ctx, ProjectID, &js[i], journeys.Precondition{}); err != nil {
			return fmt.Errorf("demo: put journey %q: %w", js[i].ID, err)
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
