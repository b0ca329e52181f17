package diagram_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/glapp/glapp/diagram"
	"github.com/glapp/glapp/internal/stress"
	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
)

// BenchmarkStressSVG draws journeys of growing size, up to the dense journey of 80 steps
// and 6,320 hand-overs; the long chain of 10,000 steps is over MaxSVGElements and is
// refused at once, which the benchmark measures too.
func BenchmarkStressSVG(b *testing.B) {
	for _, tc := range []struct {
		name string
		j    *journeys.Journey
	}{
		{"chain=500", stress.Chain(500)},
		{"chain=2000", stress.Chain(2000)},
		{"dense=80", stress.Dense(80)},
		{"chain=10000", stress.Chain(10_000)},
	} {
		r, err := gaps.Analyze(b.Context(), tc.j, stress.Actors, journeys.DefaultSettings())
		if err != nil {
			b.Fatal(err)
		}
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			var n int
			for b.Loop() {
				var buf bytes.Buffer
				err := diagram.SVG(&buf, tc.j, stress.Actors, &r, diagram.Options{})
				if err != nil && !errors.Is(err, diagram.ErrTooLarge) {
					b.Fatal(err)
				}
				n = buf.Len()
			}
			b.ReportMetric(float64(n), "svg-bytes")
		})
	}
}

// TestSVG_TooLarge checks that a journey over MaxSVGElements is refused with
// ErrTooLarge before any layout, and that a cancelled context stops the layout.
func TestSVG_TooLarge(t *testing.T) {
	j := stress.Chain(diagram.MaxSVGElements/2 + 1)
	err := diagram.SVG(new(bytes.Buffer), j, stress.Actors, nil, diagram.Options{})
	if !errors.Is(err, diagram.ErrTooLarge) {
		t.Fatalf("SVG(%d steps, %d hand-overs) = %v; want ErrTooLarge", len(j.Steps), len(j.Handovers), err)
	}
	// Mermaid has no layout to do and draws it.
	if err := diagram.Mermaid(new(bytes.Buffer), j, stress.Actors, nil, diagram.Options{}); err != nil {
		t.Fatalf("Mermaid = %v; want nil", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	small := stress.Chain(50)
	err = diagram.SVG(new(bytes.Buffer), small, stress.Actors, nil, diagram.Options{Context: ctx})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("SVG with a cancelled context = %v; want context.Canceled", err)
	}
}
