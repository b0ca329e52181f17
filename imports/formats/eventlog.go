package formats

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/personal"
)

// Event log: a CSV file with a header row and one event per row, read like the csv
// format (separator, encodings, byte order marks, ragged rows) but into events, which
// package imports groups into one lived journey per case. The case id is handed to the
// caller's pseudonymise function as soon as it is read and never kept; activity and actor
// pass personal.Redact.

// EventLogMapping names the columns of an event log. Empty names take the defaults:
// "case", "activity" (or "step" when the file has no "activity"), "actor", "timestamp",
// and, when the file has them, "handoverType" and "channel". Names match
// case-insensitively.
type EventLogMapping struct {
	Case         string `json:"case,omitempty" example:"case"`
	Activity     string `json:"activity,omitempty" example:"activity"`
	Actor        string `json:"actor,omitempty" example:"actor"`
	Timestamp    string `json:"timestamp,omitempty" example:"timestamp"`
	HandoverType string `json:"handoverType,omitempty" example:"handoverType"`
	Channel      string `json:"channel,omitempty" example:"channel"`
}

// Reasons an event is skipped. They are stable strings: import results show them.
const (
	SkipNoCase     = "no case"
	SkipNoActivity = "no activity"
	SkipNoActor    = "no actor"
)

// timestampLayouts are the ways event logs write a time, with a zone first. Fractional
// seconds need no layout of their own: time.Parse accepts them after the seconds.
var (
	zonedLayouts = []string{time.RFC3339, "2006-01-02 15:04:05Z07:00", "2006-01-02T15:04:05Z0700", "2006-01-02 15:04:05Z0700", "2006-01-02 15:04:05 -0700", "2006-01-02T15:04Z07:00"}
	localLayouts = []string{"2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02 15:04", time.DateOnly}
)

// ParseTimestamp reads an event log's timestamp: with a zone (RFC 3339, "Z" or an
// offset) as it says, without one in loc, and a date alone as midnight in loc.
func ParseTimestamp(s string, loc *time.Location) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range zonedLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.In(loc), true
		}
	}
	for _, layout := range localLayouts {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// ReadEvents streams the events of an event log to fn in file order, in bounded memory:
// one row at a time. pseudonymise turns a case id into its pseudonym. A row whose
// timestamp, hand-over type or channel cannot be read stops the read with INVALID naming
// the line (an import is all or nothing, and a misread time would misorder the case); a
// row without a case, an activity or an actor is skipped and counted.
func ReadEvents(ctx context.Context, r io.ReaderAt, size int64, name string, m EventLogMapping, loc *time.Location, pseudonymise func(caseID string) string, fn func(journeys.Event) error) (Stats, error) {
	rd := &reader{ctx: ctx, name: name, stats: Stats{SkippedReasons: map[string]int{}, Redactions: map[string]int{}}}
	if r == nil || size < 0 {
		return rd.stats, journeys.Errorf(journeys.Invalid, "File %q could not be read.", name)
	}
	return rd.stats, rd.readEvents(r, size, m, loc, pseudonymise, fn)
}

func (rd *reader) readEvents(r io.ReaderAt, size int64, m EventLogMapping, loc *time.Location, pseudonymise func(string) string, fn func(journeys.Event) error) error {
	t, header, err := openCSV(rd, r, size, "It is empty: an event log needs a header row.")
	if err != nil {
		return err
	}
	cols, err := eventColumns(rd, header, m)
	if err != nil {
		return err
	}
	for {
		row, err := t.next(rd)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		t.line, _ = t.cr.FieldPos(0)
		if err := rd.ctx.Err(); err != nil {
			return err
		}
		line := t.line
		field := func(role string) string { return cell(row, cols, role) }
		if slices.IndexFunc(row, func(f string) bool { return strings.TrimSpace(f) != "" }) < 0 {
			continue // a blank line, as spreadsheets leave at the end
		}
		where := fmt.Sprintf("line %d", line)
		caseID, activity, actor := field("case"), field("activity"), field("actor")
		switch {
		case caseID == "":
			rd.skip(SkipNoCase)
			continue
		case activity == "":
			rd.skip(SkipNoActivity)
			continue
		case actor == "":
			rd.skip(SkipNoActor)
			continue
		}
		ts := field("timestamp")
		at, ok := ParseTimestamp(ts, loc)
		if !ok {
			// The value is not repeated: it may be anything, personal data included.
			return rd.invalid(nil, where, "The timestamp could not be read; write it as 2026-03-14T09:30:00 (with or without a zone such as +01:00 or Z) or as a date, 2026-03-14.")
		}
		e := journeys.Event{Time: at, Line: line}
		if v := field("handoverType"); v != "" {
			if e.HandoverType = journeys.HandoverType(strings.ToLower(v)); !slices.Contains(journeys.HandoverTypes, e.HandoverType) {
				return rd.invalid(nil, where, "Unknown hand-over type; one of: %s.", journeys.EnumList(journeys.HandoverTypes))
			}
		}
		if v := field("channel"); v != "" {
			if e.Channel = journeys.Channel(strings.ToLower(v)); !slices.Contains(journeys.Channels, e.Channel) {
				return rd.invalid(nil, where, "Unknown channel; one of: %s.", journeys.EnumList(journeys.Channels))
			}
		}
		red := map[string]int{}
		redact := func(s string) string {
			out, counts := personal.Redact(strings.Join(strings.Fields(cleanText(s)), " "))
			for k, n := range counts {
				red[k] += n
			}
			return out
		}
		e.Activity, e.Actor = redact(activity), redact(actor)
		e.Case = pseudonymise(cleanText(caseID))
		if err := fn(e); err != nil {
			return err
		}
		rd.stats.Records++
		for k, n := range red {
			rd.stats.Redactions[k] += n
		}
	}
}

// eventColumns maps the event roles to header positions (-1 for an optional role the
// file does not have), and refuses a file without the required columns, naming them and
// the columns it has.
func eventColumns(rd *reader, header []string, m EventLogMapping) (map[string]int, error) {
	index, names := headerIndex(header)
	find := func(names ...string) (int, bool) {
		for _, n := range names {
			if i, ok := index[strings.ToLower(strings.TrimSpace(n))]; ok {
				return i, true
			}
		}
		return -1, false
	}
	cols := map[string]int{}
	var missing []string
	for _, c := range []struct {
		role, given string
		defaults    []string
		required    bool
	}{
		{"case", m.Case, []string{"case"}, true},
		{"activity", m.Activity, []string{"activity", "step"}, true},
		{"actor", m.Actor, []string{"actor"}, true},
		{"timestamp", m.Timestamp, []string{"timestamp"}, true},
		{"handoverType", m.HandoverType, []string{"handoverType"}, false},
		{"channel", m.Channel, []string{"channel"}, false},
	} {
		look := c.defaults
		if strings.TrimSpace(c.given) != "" {
			look = []string{c.given}
		}
		i, ok := find(look...)
		if !ok && (c.required || strings.TrimSpace(c.given) != "") {
			missing = append(missing, fmt.Sprintf("%q", look[0]))
		}
		cols[c.role] = i
	}
	if len(missing) > 0 {
		return nil, rd.invalid(nil, "line 1", "The header has no column %s; it has %s. Name the columns in the event log mapping.", strings.Join(missing, ", "), strings.Join(names, ", "))
	}
	return cols, nil
}
