package reports

import (
	"bufio"
	"context"
	"encoding/json"
	"io"

	"github.com/glapp/glapp/journeys/gaps"
)

// WriteProjectJSON writes the project gap report ps as JSON, the same document json.Marshal would write (with
// HTML escaping off) but one finding at a time, so that a report of a hundred thousand
// findings is not held in memory a second time as one block of JSON. view turns each
// finding into the value to write, so that callers can show it differently (in one
// language, say); pass nil to write findings as they are. When ctx is done it stops and
// returns ctx's error, having written part of the document.
func WriteProjectJSON(ctx context.Context, w io.Writer, ps *gaps.ProjectReport, view func(*gaps.Finding) any) error {
	if view == nil {
		view = func(f *gaps.Finding) any { return f }
	}
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	field := func(name string, v any, first bool) error {
		if !first {
			bw.WriteByte(',')
		}
		bw.WriteString(`"` + name + `":`)
		return enc.Encode(v) // Encode adds a newline, which is JSON white space
	}
	bw.WriteByte('{')
	if err := field("filter", ps.Filter, true); err != nil {
		return err
	}
	if err := field("journeys", ps.Journeys, false); err != nil {
		return err
	}
	if err := field("summary", ps.Summary, false); err != nil {
		return err
	}
	bw.WriteString(`,"findings":[`)
	for i := range ps.Findings {
		if err := stopped(ctx, i); err != nil {
			return err
		}
		if i > 0 {
			bw.WriteByte(',')
		}
		if err := enc.Encode(view(&ps.Findings[i])); err != nil {
			return err
		}
	}
	bw.WriteByte(']')
	for _, agg := range []struct {
		name string
		v    []gaps.Aggregate
	}{{"byRule", ps.ByRule}, {"byActorPair", ps.ByActorPair}, {"byStage", ps.ByStage}, {"byTargetGroup", ps.ByTargetGroup}} {
		if err := field(agg.name, agg.v, false); err != nil {
			return err
		}
	}
	if ps.Resolved != nil {
		bw.WriteString(`,"resolved":[`)
		for i := range ps.Resolved {
			if i > 0 {
				bw.WriteByte(',')
			}
			if err := enc.Encode(view(&ps.Resolved[i])); err != nil {
				return err
			}
		}
		bw.WriteByte(']')
	}
	bw.WriteString("}\n")
	return bw.Flush()
}
