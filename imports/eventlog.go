package imports

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"time"

	"github.com/glapp/glapp/imports/formats"
	"github.com/glapp/glapp/journeys"
)

// An event log becomes one lived journey per case. A log is in file order, not case
// order, so its events must be grouped by case before any journey can be built; holding
// a 50 MB log in memory to do that is what the imports must never do. So the import reads
// the log once, writing each event (already redacted and pseudonymised) to a spill file
// and keeping in memory only where each case's events lie in it; it then builds and
// checks every case's journey, reading its events back, before it writes any; and only
// when all of them are valid does it write the new actors and the journeys that changed,
// MaxJourneysPerWrite to a transaction.
// Memory grows with the number of events by a few bytes each (MaxEventLogCases and
// Limits.Steps bound it), never with their text.

// runEventLog imports an event log: see the comment above.
func (s Service) runEventLog(ctx context.Context, projectID string, req Request, start time.Time) (*Result, error) {
	settings, err := s.Store.GetSettings(ctx, projectID)
	if err != nil {
		return nil, err
	}
	loc := settings.Location()
	var planned *journeys.Journey
	if req.Planned != "" {
		if planned, err = s.Store.GetJourney(ctx, projectID, req.Planned); err != nil {
			if journeys.ErrorCode(err) == journeys.NotFound {
				return nil, journeys.InvalidError("The planned journey does not exist; nothing was imported.", []journeys.Violation{{Parameter: "planned", Detail: fmt.Sprintf("Project %q has no journey %q.", projectID, req.Planned)}})
			}
			return nil, err
		}
		if planned.Kind == journeys.KindLived {
			return nil, journeys.InvalidError("A lived journey cannot be the plan that others follow; nothing was imported.", []journeys.Violation{{Parameter: "planned", Detail: fmt.Sprintf("Journey %q is lived; name an as-is or to-be journey.", req.Planned)}})
		}
	}
	known := map[string]journeys.Actor{}
	if err := journeys.EachItem(func(p journeys.Page) (*journeys.List[journeys.Actor], error) {
		return s.Store.ListActors(ctx, projectID, p)
	}, func(a journeys.Actor) { known[a.ID] = a }); err != nil {
		return nil, err
	}
	// A project's first event log draws its secret, but stores it only once the log has
	// proved valid, so that a refused import changes nothing.
	secret, err := s.Store.ProjectSecret(ctx, projectID, nil)
	if err != nil {
		return nil, err
	}
	fresh := secret == nil
	if fresh {
		if secret, err = newSecret(); err != nil {
			return nil, err
		}
	}
	limits := s.Limits.OrDefault()
	log, err := newCaseLog(limits.Steps)
	if err != nil {
		return nil, journeys.Wrap(journeys.Internal, err, "The event log could not be spooled.")
	}
	defer log.close()
	var file io.ReaderAt = req.File
	if req.Progress != nil {
		file = &progressReader{r: req.File, size: req.Size, report: req.Progress}
	}
	stats, err := formats.ReadEvents(ctx, file, req.Size, req.Name, req.EventLog, loc,
		func(caseID string) string { return journeys.CasePseudonym(secret, caseID) }, log.add)
	if err == nil {
		err = log.flush()
	}
	if err != nil {
		return nil, err
	}
	if len(log.cases) == 0 {
		return nil, journeys.Errorf(journeys.Invalid, "File %q holds no event with a case, an activity, an actor and a timestamp; nothing was imported.", req.Name)
	}

	// Build and check every journey before writing any.
	cases := slices.Sorted(maps.Keys(log.cases))
	actors := journeys.NewEventActors(known)
	build := func(pseudonym string) (*journeys.Journey, error) {
		events, err := log.events(pseudonym)
		if err != nil {
			return nil, err
		}
		journeys.SortEvents(events)
		return journeys.LivedJourney(pseudonym, events, loc, actors.Resolve, planned), nil
	}
	write := make([]bool, len(cases))
	var counts journeys.ImportCounts
	for i, pseudonym := range cases {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		j, err := build(pseudonym)
		if err != nil {
			return nil, err
		}
		if err := j.Check(actors.Refs(limits)); err != nil {
			return nil, caseError(err, pseudonym, log.cases[pseudonym].line)
		}
		stored, err := s.Store.GetJourney(ctx, projectID, j.ID)
		switch {
		case journeys.ErrorCode(err) == journeys.NotFound:
			counts.Created++
			write[i] = true
		case err != nil:
			return nil, err
		case stored.SameContent(j):
			counts.Unchanged++
		default:
			counts.Updated++
			write[i] = true
		}
	}

	// Everything is valid: keep the secret, write the new actors, then the journeys that
	// changed.
	if fresh {
		kept, err := s.Store.ProjectSecret(ctx, projectID, secret)
		if err != nil {
			return nil, err
		}
		if !bytes.Equal(kept, secret) {
			return nil, journeys.Errorf(journeys.Conflict, "Another event-log import into project %q began at the same time and drew the project's pseudonymisation secret first; nothing was imported. Import the file again.", projectID)
		}
	}
	actorsCreated := 0
	for _, id := range slices.Sorted(maps.Keys(actors.New)) {
		a := actors.New[id]
		if _, created, err := s.Store.PutActor(ctx, projectID, &a); err != nil {
			return nil, err
		} else if created {
			actorsCreated++
		}
	}
	batch := make([]*journeys.Journey, 0, journeys.MaxJourneysPerWrite)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		_, err := s.Store.PutJourneys(ctx, projectID, batch)
		batch = batch[:0]
		return err
	}
	for i, pseudonym := range cases {
		if !write[i] {
			continue
		}
		j, err := build(pseudonym)
		if err != nil {
			return nil, err
		}
		if batch = append(batch, j); len(batch) == journeys.MaxJourneysPerWrite {
			if err := flush(); err != nil {
				return nil, err
			}
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return &Result{
		ImportCounts: counts, Records: stats.Records, Skipped: stats.Skipped,
		SkippedReasons: orEmpty(stats.SkippedReasons), Redactions: orEmpty(stats.Redactions),
		Cases: len(cases), ActorsCreated: actorsCreated, DurationMs: time.Since(start).Milliseconds(),
	}, nil
}

// newSecret draws a project's pseudonymisation secret.
func newSecret() ([]byte, error) {
	b := make([]byte, journeys.ProjectSecretBytes)
	if _, err := rand.Read(b); err != nil {
		return nil, journeys.Wrap(journeys.Internal, err, "A project secret could not be drawn.")
	}
	return b, nil
}

// caseError says which case a journey that failed its check came from: by pseudonym
// (the case id itself is never repeated) and the line of its first event.
func caseError(err error, pseudonym string, line int) error {
	var e *journeys.Error
	if !errors.As(err, &e) {
		return err
	}
	out := *e
	out.Message = fmt.Sprintf("The case whose first event is on line %d (journey %q): %s", line, journeys.LivedJourneyID(pseudonym), e.Message)
	return &out
}

// caseLog groups an event log's events by case: the events in a spill file, and where
// each case's lie in it in memory.
type caseLog struct {
	file     *os.File
	release  func()
	w        *bufio.Writer
	off      int64
	cases    map[string]*caseSpans
	maxSteps int
}

// caseSpans are where one case's events lie in the spill file, in file order.
type caseSpans struct {
	line  int // of the case's first event
	spans []span
}

type span struct {
	off int64
	n   int32
}

// spilled is an event as the spill file holds it.
type spilled struct {
	A  string                `json:"a"`
	R  string                `json:"r"`
	T  time.Time             `json:"t"`
	H  journeys.HandoverType `json:"h,omitempty"`
	C  journeys.Channel      `json:"c,omitempty"`
	Ln int                   `json:"l"`
}

func newCaseLog(maxSteps int) (*caseLog, error) {
	f, _, release, err := Spool(eofReader{})
	if err != nil {
		return nil, err
	}
	return &caseLog{file: f, release: release, w: bufio.NewWriterSize(f, 64<<10), cases: map[string]*caseSpans{}, maxSteps: maxSteps}, nil
}

func (l *caseLog) close() { l.release() }

// add spills one event and notes where it lies, refusing a log beyond the bounds.
func (l *caseLog) add(e journeys.Event) error {
	c := l.cases[e.Case]
	if c == nil {
		if len(l.cases) >= journeys.MaxEventLogCases {
			return journeys.Errorf(journeys.LimitExceeded, "The event log has more than %d cases (line %d); nothing was imported. Split it into several files.", journeys.MaxEventLogCases, e.Line)
		}
		c = &caseSpans{line: e.Line}
		l.cases[e.Case] = c
	}
	if len(c.spans) >= l.maxSteps {
		return journeys.Errorf(journeys.LimitExceeded, "The case whose first event is on line %d has more than %d events (line %d), more steps than one journey may have; nothing was imported.", c.line, l.maxSteps, e.Line)
	}
	b, err := json.Marshal(spilled{A: e.Activity, R: e.Actor, T: e.Time, H: e.HandoverType, C: e.Channel, Ln: e.Line})
	if err != nil {
		return err
	}
	if _, err := l.w.Write(b); err != nil {
		return journeys.Wrap(journeys.Internal, err, "The event log could not be spooled.")
	}
	c.spans = append(c.spans, span{off: l.off, n: int32(len(b))})
	l.off += int64(len(b))
	return nil
}

func (l *caseLog) flush() error {
	if err := l.w.Flush(); err != nil {
		return journeys.Wrap(journeys.Internal, err, "The event log could not be spooled.")
	}
	return nil
}

// events reads one case's events back, in file order.
func (l *caseLog) events(pseudonym string) ([]journeys.Event, error) {
	c := l.cases[pseudonym]
	out := make([]journeys.Event, 0, len(c.spans))
	var buf []byte
	for _, sp := range c.spans {
		buf = slices.Grow(buf[:0], int(sp.n))[:sp.n]
		if _, err := l.file.ReadAt(buf, sp.off); err != nil {
			return nil, journeys.Wrap(journeys.Internal, err, "The spooled event log could not be read.")
		}
		var e spilled
		if err := json.Unmarshal(buf, &e); err != nil {
			return nil, journeys.Wrap(journeys.Internal, err, "The spooled event log could not be read.")
		}
		out = append(out, journeys.Event{Case: pseudonym, Activity: e.A, Actor: e.R, Time: e.T, HandoverType: e.H, Channel: e.C, Line: e.Ln})
	}
	return out, nil
}

// eofReader is an empty reader, for creating an empty spill file with Spool.
type eofReader struct{}

func (eofReader) Read([]byte) (int, error) { return 0, io.EOF }
