package workbook

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/glapp/glapp/journeys"
)

// longJourney is a chain of n steps, each handing over to the next, with an insight on
// each hand-over: the largest shape a workshop's workbook takes at the default limits.
func longJourney(n int) *journeys.Journey {
	j := &journeys.Journey{ID: "long", Title: "Lång resa", Kind: journeys.KindAsIs,
		Actors: []journeys.Actor{{ID: "a", Name: "Aktör", Sector: journeys.SectorRegion}}}
	for i := range n {
		j.Steps = append(j.Steps, journeys.Step{ID: fmt.Sprintf("s%d", i), Title: "Ett steg i resan", Actor: "a", Channel: journeys.ChannelPhone, Entry: i == 0})
		if i > 0 {
			ack := i%2 == 0
			j.Handovers = append(j.Handovers, journeys.Handover{ID: fmt.Sprintf("h%d", i), From: fmt.Sprintf("s%d", i-1), To: fmt.Sprintf("s%d", i), Type: journeys.HandoverReferral, Acknowledged: &ack})
			j.Insights = append(j.Insights, journeys.Insight{ID: fmt.Sprintf("i%d", i), Text: "Ingen ringde tillbaka.", Kind: journeys.InsightQuote, About: []string{fmt.Sprintf("h%d", i)}})
		}
	}
	j.Normalize()
	return j
}

// BenchmarkWorkbook writes and reads a journey of 2,000 steps (the default step limit).
func BenchmarkWorkbook(b *testing.B) {
	j := longJourney(2000)
	var buf bytes.Buffer
	if err := Write(&buf, Contents{Journey: j, Lang: "sv"}); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.Run("write", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var out bytes.Buffer
			if err := Write(&out, Contents{Journey: j, Lang: "sv"}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(data)), "bytes/workbook")
	})
	b.Run("read", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := Read(data, 64<<20); err != nil {
				b.Fatal(err)
			}
		}
	})
}
