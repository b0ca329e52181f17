package journeys_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/glapp/glapp/journeys"
)

// chain is a journey document of n steps in a line, as a client would PUT it.
func chain(b *testing.B, n int) []byte {
	j := journeys.Journey{ID: "j", Title: "Kedja", Kind: journeys.KindAsIs,
		Actors: []journeys.Actor{{ID: "vc", Name: "Vårdcentral", Sector: journeys.SectorRegion}}}
	for i := range n {
		j.Steps = append(j.Steps, journeys.Step{ID: fmt.Sprintf("s%d", i), Title: fmt.Sprintf("Steg %d", i), Actor: "vc", Entry: i == 0, Terminal: i == n-1})
		if i > 0 {
			j.Handovers = append(j.Handovers, journeys.Handover{ID: fmt.Sprintf("h%d", i), From: fmt.Sprintf("s%d", i-1), To: fmt.Sprintf("s%d", i), Type: journeys.HandoverInternal})
		}
	}
	data, err := json.Marshal(j)
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// BenchmarkCheckJSON measures the strict scan alone and DecodeStrict (scan and decode)
// on a journey of 2,000 steps, for docs/performance.md.
func BenchmarkCheckJSON(b *testing.B) {
	data := chain(b, benchSteps)
	b.Run("CheckJSON", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if err := journeys.CheckJSON(data); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("DecodeStrict", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			var j journeys.Journey
			if err := journeys.DecodeStrict(data, &j); err != nil {
				b.Fatal(err)
			}
		}
	})
}

const benchSteps = 2000
