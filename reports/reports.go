// Package reports makes gap reports from stored journeys and writes them out. Service
// loads a journey or a whole project, its actors, settings, triage decisions and
// imported evidence from the store, and runs the pure gap engine (package gaps) over
// them; WriteProjectJSON, WriteCSV and WriteMarkdown write the reports in the formats the
// API and "glapp report" offer, in Swedish or English. Both use this package, so that
// both show the same findings in the same bytes. Maps of a journey are drawn by package
// diagram.
package reports

import (
	"cmp"
	"context"
	"fmt"
	"runtime"
	"sync"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
)

// Service makes gap reports from a store.
type Service struct {
	Store journeys.Backend
	// Analyses, when set, keeps journeys' reports across project reports (AnalysisCache).
	Analyses *AnalysisCache
}

// Options says what a report shows beyond the defaults.
type Options struct {
	// IncludeDismissed keeps findings the project dismissed in the report.
	IncludeDismissed bool
	// WithUnknowns keeps each journey's unknowns in a project report (ProjectReport.Unknowns),
	// for the Markdown report and the unknowns CSV; without it they are let go as soon as
	// each journey is analysed, since the JSON project report does not show them.
	WithUnknowns bool
}

// Journey returns the gap report for one journey, with the project's triage decisions
// attached and the summary counting what the report shows.
func (s Service) Journey(ctx context.Context, projectID, journeyID string, opt Options) (*gaps.JourneyReport, error) {
	a, err := s.Analysed(ctx, projectID, journeyID, opt)
	if err != nil {
		return nil, err
	}
	return a.Report, nil
}

// Analysis is a journey with what its report was made from: the project's actors, and
// the journey with imported evidence folded into its insights. Diagrams draw from it.
type Analysis struct {
	Journey *journeys.Journey
	Actors  map[string]journeys.Actor
	Report  *gaps.JourneyReport
}

// Analysed returns the journey, the project's actors and the journey's gap report.
func (s Service) Analysed(ctx context.Context, projectID, journeyID string, opt Options) (*Analysis, error) {
	j, err := s.Store.GetJourney(ctx, projectID, journeyID)
	if err != nil {
		return nil, err
	}
	return s.analysis(ctx, projectID, j, opt)
}

// analysis judges journey j, as read, with the project's inputs as they are now.
func (s Service) analysis(ctx context.Context, projectID string, j *journeys.Journey, opt Options) (*Analysis, error) {
	in, err := s.inputs(ctx, projectID)
	if err != nil {
		return nil, err
	}
	r, err := in.analyze(ctx, j, opt)
	if err != nil {
		return nil, err
	}
	return &Analysis{Journey: j, Actors: in.actors, Report: &r}, nil
}

// Project returns the gap report across the project's journeys that pass the filter.
// Journeys are read one at a time and analysed on every core while the store reads the
// next; only their reports are kept. When ctx is done (the client hung up) the analyses
// stop and Project returns ctx's error.
func (s Service) Project(ctx context.Context, projectID string, f gaps.Filter, opt Options) (*gaps.ProjectReport, error) {
	// The stamp is read before the inputs, so that what is cached under it is never older
	// than it says (a write in between only makes the entry fresher than its key).
	var stamp journeys.Stamp
	if s.Analyses != nil {
		st, err := s.Store.Stamp(ctx, projectID)
		if err != nil {
			return nil, err
		}
		stamp = st
	}
	in, err := s.inputs(ctx, projectID)
	if err != nil {
		return nil, err
	}
	each := func(fn func(*journeys.Journey) error) error { return s.Store.EachJourney(ctx, projectID, fn) }
	analyze := func(ctx context.Context, j *journeys.Journey, opt Options) (gaps.JourneyReport, error) {
		return s.cachedAnalysis(ctx, in, projectID, stamp, j, opt)
	}
	return in.project(ctx, each, analyze, f, opt, nil)
}

// project analyses (with analyze, in.analyze when nil) every journey each yields that
// passes the filter, on every core while each reads the next, and combines the reports. after, when set, sees each journey's
// report before it is kept (under a lock) and may change it.
func (in *inputs) project(ctx context.Context, each func(func(*journeys.Journey) error) error, analyze func(context.Context, *journeys.Journey, Options) (gaps.JourneyReport, error), f gaps.Filter, opt Options, after func(*gaps.JourneyReport)) (*gaps.ProjectReport, error) {
	if analyze == nil {
		analyze = in.analyze
	}
	type job struct {
		i int
		j *journeys.Journey
	}
	jobs := make(chan job, runtime.GOMAXPROCS(0))
	var (
		mu      sync.Mutex
		reports []gaps.JourneyReport
		order   []int
		failed  error
		wg      sync.WaitGroup
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			// A panic here would bypass the HTTP server's recovery and end the process.
			defer func() {
				if r := recover(); r != nil {
					mu.Lock()
					failed = journeys.Wrap(journeys.Internal, fmt.Errorf("gap analysis panicked: %v", r), "gap analysis failed")
					mu.Unlock()
					for range jobs { // drain, so the store's reader is not left blocked
					}
				}
			}()
			for jb := range jobs {
				r, err := analyze(ctx, jb.j, opt)
				mu.Lock()
				if err != nil {
					failed = cmp.Or(failed, err)
				} else {
					if !opt.WithUnknowns {
						r.Unknowns = nil // the report does not show them; let them go now
					}
					if after != nil {
						after(&r)
					}
					reports, order = append(reports, r), append(order, jb.i)
				}
				mu.Unlock()
			}
		})
	}
	n := 0
	err := each(func(j *journeys.Journey) error {
		if f.JourneyKind != "" && j.Kind != f.JourneyKind {
			return nil // skip the analysis of journeys the filter drops anyway
		}
		if err := ctx.Err(); err != nil {
			return err // the analyses have stopped; stop reading too
		}
		jobs <- job{n, j}
		n++
		return nil
	})
	close(jobs)
	wg.Wait()
	if err != nil {
		return nil, err
	}
	if failed != nil {
		return nil, failed
	}
	// Back in the store's order, so that the report does not depend on scheduling.
	sorted := make([]gaps.JourneyReport, len(reports))
	for k, i := range order {
		sorted[i] = reports[k]
	}
	ps, err := gaps.CombineReports(ctx, sorted, f)
	if err != nil {
		return nil, err
	}
	return &ps, nil
}

// cachedAnalysis is in.analyze through the analysis cache, when there is one. The cache
// holds the whole report; the caller gets a copy of its header to trim.
func (s Service) cachedAnalysis(ctx context.Context, in *inputs, projectID string, stamp journeys.Stamp, j *journeys.Journey, opt Options) (gaps.JourneyReport, error) {
	if s.Analyses == nil {
		return in.analyze(ctx, j, opt)
	}
	key := analysisKey(projectID, j, stamp.Inputs, opt)
	if r, ok := s.Analyses.get(key); ok {
		return *r, nil
	}
	r, err := in.analyze(ctx, j, opt)
	if err != nil {
		return r, err
	}
	kept := r
	s.Analyses.put(key, &kept)
	return r, nil
}

// HasFinding reports whether the project currently has a finding with the fingerprint,
// dismissed or not, so that triage cannot be recorded for a finding that does not exist.
func (s Service) HasFinding(ctx context.Context, projectID, fingerprint string) (bool, error) {
	ps, err := s.Project(ctx, projectID, gaps.Filter{}, Options{IncludeDismissed: true})
	if err != nil {
		return false, err
	}
	for i := range ps.Findings {
		if ps.Findings[i].Fingerprint == fingerprint {
			return true, nil
		}
	}
	return false, nil
}

// inputs is what every journey's analysis in a project needs besides the journey.
type inputs struct {
	actors   map[string]journeys.Actor
	settings journeys.Settings
	triage   map[string]journeys.Triage
	// evidence holds imported evidence by journey id, as insights of that journey.
	evidence map[string][]*journeys.Evidence
}

func (in *inputs) analyze(ctx context.Context, j *journeys.Journey, opt Options) (gaps.JourneyReport, error) {
	// Imported evidence about the journey's elements counts as the journey's own insights
	// do. j is the caller's fresh copy from the store, so it may be extended.
	for _, e := range in.evidence[j.ID] {
		if insight, ok := e.AsInsight(j); ok {
			j.Insights = append(j.Insights, insight)
		}
	}
	r, err := gaps.Analyze(ctx, j, in.actors, in.settings)
	if err != nil {
		return gaps.JourneyReport{}, err
	}
	r.Findings = gaps.ApplyTriage(r.Findings, in.triage, opt.IncludeDismissed)
	r.Summary = gaps.Summarize(r.Findings)
	return r, nil
}

func (s Service) inputs(ctx context.Context, projectID string) (*inputs, error) {
	settings, err := s.Store.GetSettings(ctx, projectID)
	if err != nil {
		return nil, err
	}
	in := &inputs{settings: *settings, actors: map[string]journeys.Actor{}, triage: map[string]journeys.Triage{}}
	err = journeys.EachItem(func(p journeys.Page) (*journeys.List[journeys.Actor], error) {
		return s.Store.ListActors(ctx, projectID, p)
	},
		func(a journeys.Actor) { in.actors[a.ID] = a })
	if err != nil {
		return nil, err
	}
	err = journeys.EachItem(func(p journeys.Page) (*journeys.List[journeys.Triage], error) {
		return s.Store.ListTriage(ctx, projectID, p)
	},
		func(t journeys.Triage) { in.triage[t.Fingerprint] = t })
	if err != nil {
		return nil, err
	}
	in.evidence = map[string][]*journeys.Evidence{}
	err = s.Store.EachEvidence(ctx, projectID, func(e *journeys.Evidence) error {
		for _, j := range e.Journeys() {
			in.evidence[j] = append(in.evidence[j], e)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return in, nil
}
