package reports

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/compare"
	"github.com/glapp/glapp/journeys/gaps"
)

// Compare reads two journeys of the project and compares them (compare.Journeys): an
// improvement comparison with both gap reports (triage applied, dismissed findings left
// out), or the deviations of a lived journey from the plan it follows.
func (s Service) Compare(ctx context.Context, projectID, fromID, toID string) (*compare.Comparison, error) {
	if err := compare.CheckPair(fromID, toID); err != nil {
		return nil, err
	}
	from, err := s.Store.GetJourney(ctx, projectID, fromID)
	if err != nil {
		return nil, err
	}
	to, err := s.Store.GetJourney(ctx, projectID, toID)
	if err != nil {
		return nil, err
	}
	kind, err := compare.KindOf(from, to)
	if err != nil {
		return nil, err
	}
	if kind == compare.KindConformance {
		return compare.Journeys(from, to, nil, nil)
	}
	in, err := s.inputs(ctx, projectID)
	if err != nil {
		return nil, err
	}
	// analyze folds imported evidence into the journey it is given; the comparison of
	// elements must see the documents as written.
	fr, err := in.analyze(ctx, cloneForAnalysis(from), Options{})
	if err != nil {
		return nil, err
	}
	tr, err := in.analyze(ctx, cloneForAnalysis(to), Options{})
	if err != nil {
		return nil, err
	}
	return compare.Journeys(from, to, &fr, &tr)
}

// cloneForAnalysis copies what analyze extends (the insights), so that the journey itself
// stays as stored.
func cloneForAnalysis(j *journeys.Journey) *journeys.Journey {
	c := *j
	c.Insights = append([]journeys.Insight(nil), j.Insights...)
	return &c
}

// errEnough stops EachJourney once the conformance report has read all it will.
var errEnough = errors.New("enough lived journeys")

// Conformance reads the planned journey and every lived journey of the project that
// names it as basedOn, and reports how they went against it. The project's journeys are
// read one at a time (EachJourney) and only the lived ones that follow the plan are
// compared, up to compare.MaxConformanceJourneys of them in id order: the report says
// when it stopped there. A lived journey has no conformance of its own (INVALID).
func (s Service) Conformance(ctx context.Context, projectID, planID string) (*compare.Conformance, error) {
	plan, err := s.Store.GetJourney(ctx, projectID, planID)
	if err != nil {
		return nil, err
	}
	if plan.Kind == journeys.KindLived {
		msg := "A lived journey has no conformance of its own; read the conformance of the planned journey it follows."
		if plan.BasedOn != "" {
			msg = fmt.Sprintf("A lived journey has no conformance of its own; read that of %q, the planned journey it follows.", plan.BasedOn)
		}
		return nil, journeys.InvalidError(msg, []journeys.Violation{{Parameter: "journeyId", Detail: "Name a journey of kind as_is or to_be."}})
	}
	c := compare.NewConformer(plan)
	err = s.Store.EachJourney(ctx, projectID, func(j *journeys.Journey) error {
		if j.Kind != journeys.KindLived || j.BasedOn != planID {
			return nil
		}
		if c.Full() {
			c.Capped()
			return errEnough
		}
		c.Add(j)
		return ctx.Err()
	})
	if err != nil && !errors.Is(err, errEnough) {
		return nil, err
	}
	return c.Report(), nil
}

// Words of the comparison and conformance reports.
var (
	cmpTitle        = gaps.Text{SV: "Jämförelse: %[1]s → %[2]s", EN: "Comparison: %[1]s → %[2]s"}
	cmpKinds        = map[compare.Kind]gaps.Text{compare.KindImprovement: {SV: "Nuläge mot önskat läge.", EN: "Current state against desired state."}, compare.KindConformance: {SV: "Plan mot levd resa.", EN: "Plan against lived journey."}}
	cmpFindings     = gaps.Text{SV: "Fynd", EN: "Findings"}
	cmpCountsHead   = gaps.Text{SV: "| Lösta | Kvarstår | Nya |", EN: "| Resolved | Remaining | New |"}
	cmpResolved     = gaps.Text{SV: "Lösta", EN: "Resolved"}
	cmpRemaining    = gaps.Text{SV: "Kvarstår", EN: "Remaining"}
	cmpNew          = gaps.Text{SV: "Nya", EN: "New"}
	cmpByPlace      = gaps.Text{SV: "samma regel, aktörer och fas", EN: "same rule, actors and stage"}
	cmpMetrics      = gaps.Text{SV: "Mått", EN: "Metrics"}
	cmpMetricHead   = gaps.Text{SV: "| Mått | Från | Till |", EN: "| Metric | From | To |"}
	cmpSteps        = gaps.Text{SV: "Steg", EN: "Steps"}
	cmpHandovers    = gaps.Text{SV: "Överlämningar", EN: "Hand-overs"}
	cmpAdded        = gaps.Text{SV: "Tillagda", EN: "Added"}
	cmpRemoved      = gaps.Text{SV: "Borttagna", EN: "Removed"}
	cmpChanged      = gaps.Text{SV: "Ändrade", EN: "Changed"}
	cmpDeviations   = gaps.Text{SV: "Avvikelser", EN: "Deviations"}
	cmpNoDeviations = gaps.Text{SV: "Inga avvikelser: resan följde planen.", EN: "No deviations: the journey followed the plan."}
	cmpPlanned      = gaps.Text{SV: "planen", EN: "plan"}
	cmpLived        = gaps.Text{SV: "levd", EN: "lived"}
	confTitle       = gaps.Text{SV: "Följsamhet mot planen: %[1]s", EN: "Conformance to the plan: %[1]s"}
	confCount       = gaps.Text{SV: "Bygger på %[1]d levda resor som följer planen.", EN: "Based on %[1]d lived journeys that follow the plan."}
	confCapped      = gaps.Text{SV: "Projektet har fler; rapporten läser de %[1]d första i id-ordning.", EN: "The project has more; the report reads the first %[1]d by id."}
	confKindHead    = gaps.Text{SV: "| Avvikelse | Resor | Andel | Förekomster |", EN: "| Deviation | Journeys | Share | Occurrences |"}
	confStepHead    = gaps.Text{SV: "| Steg | Missat | Andel | Planerad väntan | Medianväntan | Över plan |", EN: "| Step | Missed | Share | Planned wait | Median wait | Over plan |"}
	confDays        = gaps.Text{SV: "%[1]s d", EN: "%[1]s d"}
	metricLabels    = map[journeys.Metric]gaps.Text{
		journeys.MetricHandoversWithResponsible: {SV: "Överlämningar med ansvarig", EN: "Hand-overs with someone responsible"},
		journeys.MetricHandoversAcknowledged:    {SV: "Kvitterade överlämningar", EN: "Acknowledged hand-overs"},
		journeys.MetricHandoversInformationFull: {SV: "Överlämningar där all information följer med", EN: "Hand-overs where all information follows"},
		journeys.MetricHandoversFollowedUp:      {SV: "Uppföljda överlämningar", EN: "Hand-overs followed up"},
		journeys.MetricCrisisWithContactPerson:  {SV: "Krissteg med kontaktperson", EN: "Crisis steps with a contact person"},
		journeys.MetricWaitDaysMedian:           {SV: "Medianväntan (dagar)", EN: "Median wait (days)"},
		journeys.MetricSelfNavigationHandoffs:   {SV: "Hänvisningar där personen själv söker vidare", EN: "Hand-offs where the person finds the way alone"},
		journeys.MetricOpenFindings:             {SV: "Öppna fynd", EN: "Open findings"},
	}
)

// WriteCompareMarkdown writes a comparison as Markdown in lang (sv or en).
func WriteCompareMarkdown(w io.Writer, c *compare.Comparison, lang string) error {
	b := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	p("# %s\n\n", cmpTitle.Sayf(lang, cell(c.From.Title)+" (`"+c.From.ID+"`)", cell(c.To.Title)+" (`"+c.To.ID+"`)"))
	p("%s\n\n", cmpKinds[c.Kind].In(lang))
	if c.Note != nil {
		p("> %s\n\n", c.Note.In(lang))
	}
	if c.Improvement != nil {
		writeImprovement(p, c.Improvement, lang)
	}
	if c.Kind == compare.KindConformance {
		p("## %s\n\n", cmpDeviations.In(lang))
		if len(c.Deviations) == 0 {
			p("%s\n", cmpNoDeviations.In(lang))
		}
		for _, d := range c.Deviations {
			p("- **%s**: %s (%s: %s; %s: %s)\n", d.Kind.Label().In(lang), cell(d.Explanation.In(lang)),
				cmpPlanned.In(lang), list(d.Planned, lang), cmpLived.In(lang), list(d.Lived, lang))
		}
	}
	return b.Flush()
}

func writeImprovement(p func(string, ...any), imp *compare.Improvement, lang string) {
	fd := imp.Findings
	p("## %s\n\n%s\n|---|---|---|\n| %d | %d | %d |\n\n", cmpFindings.In(lang), cmpCountsHead.In(lang),
		fd.Counts.Resolved, fd.Counts.Remaining, fd.Counts.New)
	finding := func(f *gaps.Finding, extra string) {
		p("- **%s** (%s): %s `%s`%s\n", f.Rule.Label().In(lang), f.Severity.Label().In(lang), cell(f.Explanation.In(lang)), f.Fingerprint, extra)
	}
	for _, part := range []struct {
		title gaps.Text
		n     int
		write func()
	}{
		{cmpResolved, len(fd.Resolved), func() {
			for i := range fd.Resolved {
				finding(&fd.Resolved[i], "")
			}
		}},
		{cmpRemaining, len(fd.Remaining), func() {
			for i := range fd.Remaining {
				r := &fd.Remaining[i]
				extra := ""
				if r.MatchedBy == compare.MatchPlace {
					extra = " (" + cmpByPlace.In(lang) + ")"
				}
				finding(&r.Finding, extra)
			}
		}},
		{cmpNew, len(fd.New), func() {
			for i := range fd.New {
				finding(&fd.New[i], "")
			}
		}},
	} {
		if part.n == 0 {
			continue
		}
		p("### %s\n\n", part.title.In(lang))
		part.write()
		p("\n")
	}
	p("## %s\n\n%s\n|---|---|---|\n", cmpMetrics.In(lang), cmpMetricHead.In(lang))
	for _, m := range imp.Metrics {
		p("| %s | %s | %s |\n", labelIn(metricLabels, m.Metric, lang), metricText(m.From), metricText(m.To))
	}
	p("\n")
	for _, part := range []struct {
		title gaps.Text
		d     compare.ElementDiff
	}{{cmpSteps, imp.Steps}, {cmpHandovers, imp.Handovers}} {
		p("## %s\n\n", part.title.In(lang))
		p("- %s: %s\n- %s: %s\n- %s: ", cmpAdded.In(lang), list(part.d.Added, lang), cmpRemoved.In(lang), list(part.d.Removed, lang), cmpChanged.In(lang))
		if len(part.d.Changed) == 0 {
			p("%s", ecNone.In(lang))
		}
		for i, ch := range part.d.Changed {
			if i > 0 {
				p(", ")
			}
			p("`%s` (%s)", ch.ID, joinPlain(ch.Fields))
		}
		p("\n\n")
	}
}

func metricText(v journeys.MetricValue) string {
	if v.Value == nil {
		return "–"
	}
	return num(math.Round(*v.Value*100) / 100)
}

func joinPlain(xs []string) string {
	out := ""
	for i, x := range xs {
		if i > 0 {
			out += ", "
		}
		out += x
	}
	return out
}

// WriteConformanceMarkdown writes a conformance report as Markdown in lang (sv or en).
func WriteConformanceMarkdown(w io.Writer, r *compare.Conformance, lang string) error {
	b := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	p("# %s\n\n", confTitle.Sayf(lang, cell(r.Plan.Title)+" (`"+r.Plan.ID+"`)"))
	p("%s", confCount.Sayf(lang, r.Lived))
	if r.Capped {
		p(" %s", confCapped.Sayf(lang, r.Limit))
	}
	p("\n\n## %s\n\n%s\n|---|---|---|---|\n", cmpDeviations.In(lang), confKindHead.In(lang))
	for _, k := range r.Deviations {
		p("| %s | %d | %s | %d |\n", k.Kind.Label().In(lang), k.Journeys, share(k.Share), k.Occurrences)
	}
	p("\n## %s\n\n%s\n|---|---|---|---|---|---|\n", cmpSteps.In(lang), confStepHead.In(lang))
	for _, s := range r.Steps {
		planned, median := "–", "–"
		if s.PlannedWait != nil {
			planned = confDays.Sayf(lang, strconv.Itoa(*s.PlannedWait))
		}
		if s.MedianWait != nil {
			median = confDays.Sayf(lang, num(*s.MedianWait))
		}
		p("| %s (`%s`) | %d | %s | %s | %s | %d |\n", cell(s.Title), s.ID, s.Missed, share(s.MissedShare), planned, median, s.OverPlan)
	}
	return b.Flush()
}

func share(v *float64) string {
	if v == nil {
		return "–"
	}
	return strconv.FormatFloat(*v*100, 'f', 0, 64) + " %"
}
