// Package imports runs evidence imports: it reads an export with package evidence
// (which redacts personal data as it reads), resolves the codes that name journey elements
// against the project's journeys, and stores everything in one transaction through the
// store's journeys.EvidenceStore part. The HTTP API, its webhooks and "glapp import" all
// use it, so that every way in behaves the same.
package imports

import (
	"context"
	"io"
	"maps"
	"slices"
	"time"

	"github.com/glapp/glapp/imports/formats"
	"github.com/glapp/glapp/journeys"
)

// Service runs imports against a store.
type Service struct {
	Store journeys.Backend
	// Limits bound the journeys an event log becomes, as the store's do (zero: the
	// defaults); an event log is refused before anything is written when a case would
	// exceed them.
	Limits journeys.Limits
}

// Request is one file to import and how to read it.
type Request struct {
	Format journeys.ImportFormat
	// Name is the file's name, which some formats look at (".qde" or ".qdpx", ".zip").
	Name string
	File io.ReaderAt
	Size int64
	CSV  formats.CSVMapping
	// EventLog names the columns of an event log; only the eventlog format uses it.
	EventLog formats.EventLogMapping
	// Planned, for an event log, is the id of the journey the cases follow: each lived
	// journey is based on it and its steps name the planned steps they realise.
	Planned string
	// Mapping maps code or tag names to element references.
	Mapping map[string][]string
	// DeliveryKey, when set, makes the import happen at most once (a webhook message id).
	DeliveryKey string
	// Progress, when set, is told how many bytes of the file have been read.
	Progress func(read, size int64)
}

// Result says what an import did. It holds counts only, never the values redacted.
type Result struct {
	journeys.ImportCounts
	Records        int            `json:"records"`
	Skipped        int            `json:"skipped"`
	SkippedReasons map[string]int `json:"skippedReasons"`
	Redactions     map[string]int `json:"redactions"`
	// UnresolvedRefs counts references that named no element of the project's journeys.
	UnresolvedRefs int `json:"unresolvedRefs"`
	// Cases counts the cases of an event log, each one lived journey (created, updated
	// and unchanged then count journeys); ActorsCreated the actors it named that the
	// project did not have, created with sector "unknown".
	Cases         int   `json:"cases,omitempty"`
	ActorsCreated int   `json:"actorsCreated,omitempty"`
	DurationMs    int64 `json:"durationMs"`
}

// Run imports one file into the project, all or nothing.
func (s Service) Run(ctx context.Context, projectID string, req Request) (*Result, error) {
	start := time.Now()
	if req.Format.Lived() {
		return s.runEventLog(ctx, projectID, req, start)
	}
	if req.Planned != "" {
		return nil, journeys.InvalidError("Only an event log follows a planned journey.", []journeys.Violation{{Parameter: "planned", Detail: "Leave it out, or import with format eventlog."}})
	}
	index, err := s.index(ctx, projectID)
	if err != nil {
		return nil, err
	}
	var stats formats.Stats
	var unresolved int
	counts, err := s.Store.ImportEvidence(ctx, projectID, req.DeliveryKey, func(source func(*journeys.Source) error, record func(*journeys.Evidence) error) error {
		// The store may run this more than once; start afresh each time.
		unresolved = 0
		seen := map[string]bool{}
		var file io.ReaderAt = req.File
		if req.Progress != nil {
			file = &progressReader{r: req.File, size: req.Size, report: req.Progress}
		}
		var err error
		stats, err = formats.Read(ctx, req.Format, file, req.Size, req.Name, formats.Options{CSV: req.CSV}, func(rec formats.Record) error {
			var about []string
			for _, ref := range formats.Links(rec.Codes, req.Mapping) {
				resolved := index.Resolve(ref)
				if len(resolved) == 0 {
					unresolved++
				}
				about = append(about, resolved...)
			}
			for _, id := range rec.About {
				resolved := resolveBare(index, id)
				if len(resolved) == 0 {
					unresolved++
				}
				about = append(about, resolved...)
			}
			slices.Sort(about)
			about = slices.Compact(about)
			if about == nil {
				about = []string{} // unlinked reads as an empty list in every store
			}
			var sourceID string
			if rec.Source.Origin != "" {
				sourceID = journeys.SourceIDFor(rec.Source.Origin)
				if !seen[sourceID] {
					seen[sourceID] = true
					if err := source(sourceOf(sourceID, rec.Source)); err != nil {
						return err
					}
				}
			}
			kind := rec.Kind
			if kind == "" {
				kind = journeys.InsightQuote
			}
			return record(&journeys.Evidence{
				ID: journeys.EvidenceID(rec.Origin), Origin: rec.Origin, Text: rec.Text, Kind: kind,
				Status: rec.Status, Sentiment: rec.Sentiment, Source: sourceID, Tags: rec.Codes, Date: rec.Date, About: about,
			})
		})
		return err
	})
	if err != nil {
		return nil, err
	}
	return &Result{
		ImportCounts: *counts, Records: stats.Records, Skipped: stats.Skipped,
		SkippedReasons: orEmpty(stats.SkippedReasons), Redactions: orEmpty(stats.Redactions),
		UnresolvedRefs: unresolved, DurationMs: time.Since(start).Milliseconds(),
	}, nil
}

// index builds the project's element index for resolving references.
func (s Service) index(ctx context.Context, projectID string) (*journeys.RefIndex, error) {
	x := journeys.NewRefIndex()
	if err := s.Store.EachJourney(ctx, projectID, func(j *journeys.Journey) error {
		x.AddJourney(j)
		return nil
	}); err != nil {
		return nil, err
	}
	err := journeys.EachItem(func(p journeys.Page) (*journeys.List[journeys.Actor], error) {
		return s.Store.ListActors(ctx, projectID, p)
	}, func(a journeys.Actor) { x.AddActor(a.ID) })
	return x, err
}

// resolveBare resolves an id that a record names without saying what it is, as an
// insight's "about" does: a reference if it is one, else whatever step, hand-over, actor
// or journey has that id.
func resolveBare(index *journeys.RefIndex, id string) []string {
	if _, _, _, ok := journeys.ParseRef(id); ok {
		return index.Resolve(id)
	}
	var out []string
	for _, kind := range []string{"step", "handover", "actor", "journey"} {
		out = append(out, index.Resolve(kind+":"+id)...)
	}
	return out
}

// sourceOf turns an export's source into a project source; participants keep their alias
// and role only.
func sourceOf(id string, ref formats.SourceRef) *journeys.Source {
	kind := ref.Kind
	if kind == "" {
		kind = journeys.SourceInterview
	}
	return &journeys.Source{ID: id, Kind: kind, Date: ref.Date, ParticipantRole: ref.ParticipantRole, Pseudonym: ref.Alias}
}

func orEmpty(m map[string]int) map[string]int {
	if m == nil {
		return map[string]int{}
	}
	return maps.Clone(m)
}

// progressReader reports how far into the file reading has come. Zip formats read parts
// of a file more than once, so the count is capped at the size.
type progressReader struct {
	r      io.ReaderAt
	size   int64
	read   int64
	report func(read, size int64)
}

func (p *progressReader) ReadAt(b []byte, off int64) (int, error) {
	n, err := p.r.ReadAt(b, off)
	p.read = min(p.size, p.read+int64(n))
	p.report(p.read, p.size)
	return n, err
}
