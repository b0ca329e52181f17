package storetest

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/glapp/glapp/journeys"
)

// GenerateJourney returns a valid journey document id with the given number of steps
// (at least one) in a chain from an entry step to a terminal step, spread over five
// stages, with an insight on every tenth step. It carries the three actors its steps use,
// in the order reg, kom, civ, which is not their id order. Documents built with different
// variants have the same ids and shape but different content, so that a test can tell
// which of two writes a read saw, and that a mix of the two matches neither.
func GenerateJourney(id string, steps int, variant string) *journeys.Journey {
	j := &journeys.Journey{
		ID:          id,
		Title:       fmt.Sprintf("Resa %s (%s)", id, variant),
		Kind:        journeys.KindAsIs,
		TargetGroup: "psykisk ohälsa + beroende",
		AgeGroup:    journeys.AgeAdult,
		Description: "Variant " + variant,
		Actors: []journeys.Actor{
			{ID: "reg", Name: "Regionpsykiatri", Sector: journeys.SectorRegion, Kind: "psychiatry", AgeGroup: journeys.AgeAdult},
			{ID: "kom", Name: "Socialtjänst", Sector: journeys.SectorMunicipality, Kind: "social_services", AgeGroup: journeys.AgeAny},
			{ID: "civ", Name: "Brukarförening", Sector: journeys.SectorCivilSociety},
		},
		Stages:    []journeys.Stage{},
		Steps:     []journeys.Step{},
		Handovers: []journeys.Handover{},
		Insights:  []journeys.Insight{},
	}
	for i := range 5 {
		j.Stages = append(j.Stages, journeys.Stage{ID: fmt.Sprintf("stage%d", i), Name: fmt.Sprintf("Fas %d", i+1), Order: i + 1})
	}
	for i := range steps {
		observed := (i*7 + len(variant)) % 30
		emotion := (i+len(variant))%7 - 3
		j.Steps = append(j.Steps, journeys.Step{
			ID:       fmt.Sprintf("s%d", i),
			Title:    fmt.Sprintf("Steg %d, variant %s", i, variant),
			Stage:    fmt.Sprintf("stage%d", i*5/steps),
			Actor:    j.Actors[i%len(j.Actors)].ID,
			Channel:  journeys.Channels[i%len(journeys.Channels)],
			Entry:    i == 0,
			Terminal: i == steps-1,
			WaitDays: &journeys.WaitDays{Observed: &observed},
			Emotion:  &emotion,
		})
		if i == 0 {
			continue
		}
		information := journeys.InformationLevels[i%len(journeys.InformationLevels)]
		j.Handovers = append(j.Handovers, journeys.Handover{
			ID:          fmt.Sprintf("h%d", i),
			From:        fmt.Sprintf("s%d", i-1),
			To:          fmt.Sprintf("s%d", i),
			Type:        journeys.HandoverTypes[i%len(journeys.HandoverTypes)],
			Information: information,
		})
		if i%10 == 0 {
			sentiment := -1
			j.Insights = append(j.Insights, journeys.Insight{
				ID:        fmt.Sprintf("i%d", i),
				Text:      fmt.Sprintf("Citat om steg %d (%s).", i, variant),
				Kind:      journeys.InsightQuote,
				Status:    journeys.StatusValidated,
				Sentiment: &sentiment,
				Source:    "int-01",
				About:     []string{fmt.Sprintf("s%d", i), fmt.Sprintf("h%d", i)},
			})
		}
	}
	return j
}

// SpecExample returns the journey document of the product spec, read from
// journeys/testdata/spec-example.json, the same file the domain's own tests use.
func SpecExample(tb testing.TB) *journeys.Journey {
	tb.Helper()
	path := filepath.Join(moduleRoot(tb), "journeys", "testdata", "spec-example.json")
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	var j journeys.Journey
	if err := journeys.DecodeStrict(data, &j); err != nil {
		tb.Fatalf("DecodeStrict(%s) = %v; want nil", path, err)
	}
	return &j
}

// moduleRoot finds the directory holding go.mod by walking up from the working
// directory, which go test sets to the package under test, wherever that package is.
func moduleRoot(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Fatal("no go.mod above the working directory")
		}
		dir = parent
	}
}
