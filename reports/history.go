package reports

import (
	"context"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
)

// AnalysedAt is Analysed at a version of the journey: 0 is the current one, any other the
// version its history keeps (NOT_FOUND when none). An old version is judged with the
// project's actors, settings and triage as they are now; a baseline is what judges it as
// it stood.
func (s Service) AnalysedAt(ctx context.Context, projectID, journeyID string, version int64, opt Options) (*Analysis, error) {
	if version == 0 {
		return s.Analysed(ctx, projectID, journeyID, opt)
	}
	j, err := s.JourneyAt(ctx, projectID, journeyID, version)
	if err != nil {
		return nil, err
	}
	return s.analysis(ctx, projectID, j, opt)
}

// JourneyAt returns the journey at a version: 0 is the current one, any other the version
// its history keeps (NOT_FOUND when none, never the current one instead).
func (s Service) JourneyAt(ctx context.Context, projectID, journeyID string, version int64) (*journeys.Journey, error) {
	if version == 0 {
		return s.Store.GetJourney(ctx, projectID, journeyID)
	}
	return s.Store.GetJourneyVersion(ctx, projectID, journeyID, version)
}

// baselineInputs is what judged the project at baseline b: its actors, settings and
// triage as they stood, and the imported evidence as it is now (a baseline does not
// freeze evidence).
func (s Service) baselineInputs(ctx context.Context, projectID string, b *journeys.ProjectBaseline) (*inputs, error) {
	in, err := s.inputs(ctx, projectID)
	if err != nil {
		return nil, err
	}
	in.actors, in.settings = b.ActorMap(), b.Settings
	in.triage = make(map[string]journeys.Triage, len(b.Triage))
	for _, t := range b.Triage {
		in.triage[t.Fingerprint] = t
	}
	return in, nil
}

// Baseline returns the project's gap report as it stood at baseline id: the journeys it
// holds at their versions, judged with its actors, settings and triage.
func (s Service) Baseline(ctx context.Context, projectID, id string, f gaps.Filter, opt Options) (*gaps.ProjectReport, error) {
	b, err := s.Store.GetBaseline(ctx, projectID, id)
	if err != nil {
		return nil, err
	}
	in, err := s.baselineInputs(ctx, projectID, b)
	if err != nil {
		return nil, err
	}
	each := func(fn func(*journeys.Journey) error) error {
		return s.Store.EachBaselineJourney(ctx, projectID, id, fn)
	}
	return in.project(ctx, each, nil, f, opt, nil)
}

// ProjectSince returns the project's gap report now with each finding marked new or
// persisting against baseline id (by fingerprint), the baseline's findings found no
// longer as Resolved, and the counts in Summary.Since. Both reports are made with
// dismissed findings kept and marked before any is left out (gaps.MarkSince), so that a
// finding dismissed since the baseline does not read as resolved.
func (s Service) ProjectSince(ctx context.Context, projectID, id string, f gaps.Filter, opt Options) (*gaps.ProjectReport, error) {
	then, err := s.Baseline(ctx, projectID, id, f, Options{IncludeDismissed: true})
	if err != nil {
		return nil, err
	}
	thenSet := gaps.Fingerprints(then.Findings)
	in, err := s.inputs(ctx, projectID)
	if err != nil {
		return nil, err
	}
	now := map[string]bool{} // written by after, which runs under the analyses' lock
	all := opt
	all.IncludeDismissed = true
	each := func(fn func(*journeys.Journey) error) error { return s.Store.EachJourney(ctx, projectID, fn) }
	ps, err := in.project(ctx, each, nil, f, all, func(r *gaps.JourneyReport) {
		for i := range r.Findings {
			now[r.Findings[i].Fingerprint] = true
		}
		r.Findings = gaps.MarkSince(r.Findings, thenSet, opt.IncludeDismissed)
	})
	if err != nil {
		return nil, err
	}
	ps.Resolved = gaps.Resolved(then.Findings, now, opt.IncludeDismissed)
	ps.Summary.Since = gaps.CountSince(id, ps.Findings, ps.Resolved)
	return ps, nil
}

// JourneySince is ProjectSince for one journey: its report now against the version
// baseline id holds of it (none, when the baseline holds none: every finding is new).
func (s Service) JourneySince(ctx context.Context, projectID, journeyID, id string, opt Options) (*Analysis, error) {
	b, err := s.Store.GetBaseline(ctx, projectID, id)
	if err != nil {
		return nil, err
	}
	var then []gaps.Finding
	for _, bj := range b.Journeys {
		if bj.ID != journeyID {
			continue
		}
		j, err := s.Store.GetJourneyVersion(ctx, projectID, journeyID, bj.Version)
		if err != nil {
			return nil, err
		}
		in, err := s.baselineInputs(ctx, projectID, b)
		if err != nil {
			return nil, err
		}
		r, err := in.analyze(ctx, j, Options{IncludeDismissed: true})
		if err != nil {
			return nil, err
		}
		then = r.Findings
	}
	all := opt
	all.IncludeDismissed = true
	a, err := s.Analysed(ctx, projectID, journeyID, all)
	if err != nil {
		return nil, err
	}
	r := a.Report
	now := gaps.Fingerprints(r.Findings)
	r.Findings = gaps.MarkSince(r.Findings, gaps.Fingerprints(then), opt.IncludeDismissed)
	r.Resolved = gaps.Resolved(then, now, opt.IncludeDismissed)
	r.Summary = gaps.Summarize(r.Findings)
	r.Summary.Since = gaps.CountSince(id, r.Findings, r.Resolved)
	return a, nil
}

// BaselineMeasures returns every computed measure of the project at baseline id beside
// its value now, in measure id order. Measures entered by hand are left out: their
// observations carry their own dates.
func (s Service) BaselineMeasures(ctx context.Context, projectID, id string) ([]journeys.MeasureAtBaseline, error) {
	measures, err := journeys.AllItems(func(p journeys.Page) (*journeys.List[journeys.Measure], error) {
		return s.Store.ListMeasures(ctx, projectID, p)
	})
	if err != nil {
		return nil, err
	}
	var thenJs, nowJs []*journeys.Journey
	if err := s.Store.EachBaselineJourney(ctx, projectID, id, func(j *journeys.Journey) error {
		thenJs = append(thenJs, j)
		return nil
	}); err != nil {
		return nil, err
	}
	out := []journeys.MeasureAtBaseline{}
	var thenFindings, nowFindings []gaps.Finding
	loaded := false
	for i := range measures {
		m := &measures[i]
		if m.Metric == nil {
			continue
		}
		if !loaded {
			loaded = true
			if err := s.Store.EachJourney(ctx, projectID, func(j *journeys.Journey) error {
				nowJs = append(nowJs, j)
				return nil
			}); err != nil {
				return nil, err
			}
			then, err := s.Baseline(ctx, projectID, id, gaps.Filter{}, Options{IncludeDismissed: true})
			if err != nil {
				return nil, err
			}
			now, err := s.Project(ctx, projectID, gaps.Filter{}, Options{IncludeDismissed: true})
			if err != nil {
				return nil, err
			}
			thenFindings, nowFindings = then.Findings, now.Findings
		}
		out = append(out, journeys.MeasureAtBaseline{Measure: m.ID, Name: m.Name, Metric: *m.Metric,
			AtBaseline: *measureNow(m, thenJs, thenFindings), Now: *measureNow(m, nowJs, nowFindings)})
	}
	return out, nil
}
