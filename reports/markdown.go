package reports

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
)

// Words of the Markdown report, and the labels of values it names that the gap engine
// does not label (rules, severities and categories label themselves).
var (
	mdTitle       = gaps.Text{SV: "Glapp – var personer faller mellan stolarna", EN: "Glapp – where people fall between the chairs"}
	mdSinceCounts = gaps.Text{SV: "Sedan baslinjen %[1]s: %[2]d nya, %[3]d kvarstående och %[4]d åtgärdade fynd.", EN: "Since baseline %[1]s: %[2]d new, %[3]d persisting and %[4]d resolved findings."}
	mdResolved    = gaps.Text{SV: "Åtgärdade sedan baslinjen", EN: "Resolved since the baseline"}
	mdSince       = gaps.Text{SV: "sedan baslinjen", EN: "since the baseline"}
	mdCounts      = gaps.Text{SV: "%[1]d fynd i %[2]d %[3]s.", EN: "%[1]d %[4]s in %[2]d %[3]s."}
	mdJourneys    = [2]gaps.Text{{SV: "resa", EN: "journey"}, {SV: "resor", EN: "journeys"}}
	mdFindingWord = [2]gaps.Text{{SV: "fynd", EN: "finding"}, {SV: "fynd", EN: "findings"}}
	mdFilter      = gaps.Text{SV: "Urval", EN: "Filter"}
	mdSummary     = gaps.Text{SV: "Sammanfattning", EN: "Summary"}
	mdSeverity    = gaps.Text{SV: "Allvarlighet", EN: "Severity"}
	mdFindings    = gaps.Text{SV: "Fynd", EN: "Findings"}
	mdTotal       = gaps.Text{SV: "Totalt", EN: "Total"}
	mdByRule      = gaps.Text{SV: "Per regel", EN: "By rule"}
	mdRule        = gaps.Text{SV: "Regel", EN: "Rule"}
	mdByPair      = gaps.Text{SV: "Per aktörspar", EN: "By actor pair"}
	mdPair        = gaps.Text{SV: "Från → till", EN: "From → to"}
	mdByStage     = gaps.Text{SV: "Per fas", EN: "By stage"}
	mdStage       = gaps.Text{SV: "Fas", EN: "Stage"}
	mdByTarget    = gaps.Text{SV: "Per målgrupp", EN: "By target group"}
	mdTarget      = gaps.Text{SV: "Målgrupp", EN: "Target group"}
	mdNoTarget    = gaps.Text{SV: "(ingen angiven)", EN: "(none given)"}
	mdEvidence    = gaps.Text{SV: "Underlag", EN: "Evidence"}
	mdJourney     = gaps.Text{SV: "Resa", EN: "Journey"}
	mdTriage      = gaps.Text{SV: "Triage", EN: "Triage"}
	mdNone        = gaps.Text{SV: "Inga fynd.", EN: "No findings."}
	mdMoreInsight = gaps.Text{SV: "och %[1]d till", EN: "and %[1]d more"}
	mdWhy         = gaps.Text{SV: "Varför", EN: "Why"}
	mdUnknowns    = gaps.Text{SV: "Okända uppgifter – frågor till nästa intervju", EN: "Unknowns – questions for the next interview"}
	mdNoUnknowns  = gaps.Text{SV: "Inga okända uppgifter.", EN: "No unknowns."}

	statusLabels = map[journeys.InsightStatus]gaps.Text{
		journeys.StatusHypothesis: {SV: "hypotes", EN: "hypothesis"},
		journeys.StatusValidated:  {SV: "validerad", EN: "validated"},
		journeys.StatusRejected:   {SV: "avvisad", EN: "rejected"},
	}
	sinceLabels = map[gaps.Since]gaps.Text{
		gaps.SinceNew:        {SV: "nytt", EN: "new"},
		gaps.SincePersisting: {SV: "kvarstår", EN: "persisting"},
		gaps.SinceResolved:   {SV: "åtgärdat", EN: "resolved"},
	}
	triageLabels = map[journeys.TriageStatus]gaps.Text{
		journeys.TriageConfirmed: {SV: "bekräftad", EN: "confirmed"},
		journeys.TriageDismissed: {SV: "avfärdad", EN: "dismissed"},
		journeys.TriageAddressed: {SV: "åtgärdad", EN: "addressed"},
	}
)

// labelIn returns k's label in lang, or k itself when it has none.
func labelIn[K ~string](labels map[K]gaps.Text, k K, lang string) string {
	if t, ok := labels[k]; ok {
		return t.In(lang)
	}
	return string(k)
}

// maxQuotes is how many insights the Markdown report quotes under a finding; the rest
// are counted, so that a finding with many insights does not drown the others.
const maxQuotes = 3

// WriteMarkdown writes a project gap report as Markdown for a project lead, in lang ("en"
// for English, Swedish otherwise): a summary table by severity, tables by rule, actor
// pair, stage and target group, then the findings grouped by severity, worst first, each
// with its explanation, why it has its severity, where it is, and what people said about
// it, and last the unknowns (ps.Unknowns) as the next interview's questions, one section
// per journey. When ctx is done it stops and returns ctx's error, having written part of
// the report.
func WriteMarkdown(ctx context.Context, w io.Writer, ps gaps.ProjectReport, lang string) error {
	m := &mdWriter{w: bufio.NewWriter(w), lang: lang, ctx: ctx}
	m.line("# " + mdTitle.In(lang))
	m.line("")
	m.line(mdCounts.Sayf(lang, ps.Summary.Total, len(ps.Journeys),
		plural(mdJourneys, len(ps.Journeys)), plural(mdFindingWord, ps.Summary.Total)))
	if !ps.Filter.IsZero() {
		m.line("")
		m.line(mdFilter.In(lang) + ": " + mdEscape(filterText(ps.Filter)))
	}
	m.summary(ps.Summary)
	if c := ps.Summary.Since; c != nil {
		m.line("")
		m.line(mdSinceCounts.Sayf(lang, mdEscape(c.Baseline), c.New, c.Persisting, c.Resolved))
	}
	m.aggregates(mdByRule, mdRule, ps.ByRule, func(a gaps.Aggregate) string { return gaps.Rule(a.Key).Label().In(lang) })
	m.aggregates(mdByPair, mdPair, ps.ByActorPair, nil)
	m.aggregates(mdByStage, mdStage, ps.ByStage, nil)
	m.aggregates(mdByTarget, mdTarget, ps.ByTargetGroup, func(a gaps.Aggregate) string {
		if a.Key == "" {
			return mdNoTarget.In(lang)
		}
		return a.Label
	})
	if err := m.findings(ps); err != nil {
		return err
	}
	if ps.Summary.Since != nil {
		m.heading(mdResolved)
		if len(ps.Resolved) == 0 {
			m.line(mdNone.In(lang))
		}
		titles := map[string]string{}
		for i := range ps.Resolved {
			m.finding(i+1, &ps.Resolved[i], titles)
		}
	}
	if err := m.unknowns(ps.Unknowns); err != nil {
		return err
	}
	return m.w.Flush()
}

// mdWriter writes Markdown lines; bufio.Writer keeps the first write error for Flush.
type mdWriter struct {
	w    *bufio.Writer
	lang string
	ctx  context.Context
}

func (m *mdWriter) line(s string) { m.w.WriteString(s + "\n") }

func (m *mdWriter) row(cells ...string) { m.line("| " + strings.Join(cells, " | ") + " |") }

func (m *mdWriter) heading(t gaps.Text) {
	m.line("")
	m.line("## " + t.In(m.lang))
	m.line("")
}

func (m *mdWriter) summary(s gaps.Summary) {
	m.heading(mdSummary)
	m.row(mdSeverity.In(m.lang), mdFindings.In(m.lang))
	m.row("---", "---:")
	for _, sev := range slices.Backward(gaps.Severities) {
		m.row(sev.Label().In(m.lang), fmt.Sprint(s.BySeverity[sev]))
	}
	m.row("**"+mdTotal.In(m.lang)+"**", fmt.Sprintf("**%d**", s.Total))
}

// aggregates writes one table of aggregates; label names a row (nil: the aggregate's
// own label). An empty aggregate list writes nothing.
func (m *mdWriter) aggregates(title, keyHeading gaps.Text, aggs []gaps.Aggregate, label func(gaps.Aggregate) string) {
	if len(aggs) == 0 {
		return
	}
	m.heading(title)
	header := []string{keyHeading.In(m.lang), mdFindings.In(m.lang)}
	align := []string{"---", "---:"}
	for _, sev := range slices.Backward(gaps.Severities) {
		header = append(header, sev.Label().In(m.lang))
		align = append(align, "---:")
	}
	m.row(append(header, mdEvidence.In(m.lang))...)
	m.row(append(align, "---:")...)
	for _, a := range aggs {
		name := a.Label
		if label != nil {
			name = label(a)
		}
		cells := []string{mdEscape(name), fmt.Sprint(a.Count)}
		for _, sev := range slices.Backward(gaps.Severities) {
			cells = append(cells, fmt.Sprint(a.BySeverity[sev]))
		}
		m.row(append(cells, fmt.Sprint(a.Evidence))...)
	}
}

// findings writes the findings grouped by severity, worst first; ps.Findings is ranked.
// It returns the context's error when the context is done.
func (m *mdWriter) findings(ps gaps.ProjectReport) error {
	m.heading(mdFindings)
	if len(ps.Findings) == 0 {
		m.line(mdNone.In(m.lang))
		return nil
	}
	seen := 0
	titles := make(map[string]string, len(ps.Journeys))
	for _, j := range ps.Journeys {
		titles[j.ID] = j.Title
	}
	for _, sev := range slices.Backward(gaps.Severities) {
		n := ps.Summary.BySeverity[sev]
		if n == 0 {
			continue
		}
		m.line(fmt.Sprintf("### %s (%d)", sev.Label().In(m.lang), n))
		m.line("")
		k := 0
		for i := range ps.Findings {
			if err := stopped(m.ctx, seen); err != nil {
				return err
			}
			seen++
			if f := &ps.Findings[i]; f.Severity == sev {
				k++
				m.finding(k, f, titles)
			}
		}
		m.line("")
	}
	return nil
}

func (m *mdWriter) finding(n int, f *gaps.Finding, titles map[string]string) {
	marker := fmt.Sprintf("%d. ", n)
	indent := strings.Repeat(" ", len(marker)) + "- " // nests under the numbered item
	m.line(marker + "**" + mdEscape(f.Rule.Label().In(m.lang)) + "** – " + mdEscape(f.Explanation.In(m.lang)))
	title := titles[f.Journey]
	if title == "" {
		title = f.Journey
	}
	facts := []string{mdJourney.In(m.lang) + ": " + mdEscape(title)}
	if f.Stage != "" {
		facts = append(facts, mdStage.In(m.lang)+": "+mdEscape(f.Stage))
	}
	facts = append(facts, fmt.Sprintf("%s: %d", mdEvidence.In(m.lang), f.EvidenceCount))
	if f.Triage != nil {
		facts = append(facts, mdTriage.In(m.lang)+": "+labelIn(triageLabels, f.Triage.Status, m.lang))
	}
	if f.Since != "" {
		facts = append(facts, mdSince.In(m.lang)+": "+labelIn(sinceLabels, f.Since, m.lang))
	}
	facts = append(facts, "`"+f.Fingerprint+"`")
	m.line(indent + strings.Join(facts, " · "))
	m.line(indent + mdWhy.In(m.lang) + ": " + mdEscape(f.SeverityReason.In(m.lang)))
	quoted := min(len(f.Evidence), maxQuotes)
	for _, e := range f.Evidence[:quoted] {
		m.line(indent + "> " + mdEscape(e.Text) + " (" + mdEscape(m.evidenceNote(e)) + ")")
	}
	if f.EvidenceCount > quoted {
		m.line(indent + "… " + mdMoreInsight.Sayf(m.lang, f.EvidenceCount-quoted))
	}
}

// unknowns writes, per journey, the steps and hand-overs with unknown fields and the
// question that would settle each field, so that the report doubles as the next
// interview's agenda. It returns the context's error when the context is done.
func (m *mdWriter) unknowns(js []gaps.JourneyUnknowns) error {
	m.heading(mdUnknowns)
	if len(js) == 0 {
		m.line(mdNoUnknowns.In(m.lang))
		return nil
	}
	seen := 0
	for _, j := range js {
		title := j.Journey.Title
		if title == "" {
			title = j.Journey.ID
		}
		m.line("### " + mdEscape(title))
		m.line("")
		for _, u := range j.Unknowns {
			if err := stopped(m.ctx, seen); err != nil {
				return err
			}
			seen++
			where := "**" + mdEscape(upperFirst(u.Name.In(m.lang))) + "**"
			if u.Stage != "" {
				where += " · " + mdStage.In(m.lang) + ": " + mdEscape(u.Stage)
			}
			m.line("- " + where + " · `" + u.Subject + "`")
			for k, q := range u.Questions {
				m.line("  - " + mdEscape(q.In(m.lang)) + " (`" + u.Fields[k] + "`)")
			}
		}
		m.line("")
	}
	return nil
}

// upperFirst capitalises s's first letter, for a name that starts a line.
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// plural picks the singular or plural form for n.
func plural(forms [2]gaps.Text, n int) gaps.Text {
	if n == 1 {
		return forms[0]
	}
	return forms[1]
}

// evidenceNote says where an insight comes from and how far it has been tested.
func (m *mdWriter) evidenceNote(e gaps.Evidence) string {
	status := labelIn(statusLabels, e.Status, m.lang)
	if e.Source == "" {
		return status
	}
	return e.Source + ", " + status
}

// filterText writes the filter's set fields as key=value.
func filterText(f gaps.Filter) string {
	var parts []string
	for _, kv := range [][2]string{
		{"rule", string(f.Rule)}, {"category", string(f.Category)}, {"minSeverity", string(f.MinSeverity)},
		{"journeyKind", string(f.JourneyKind)}, {"targetGroup", f.TargetGroup}, {"actor", f.Actor},
	} {
		if kv[1] != "" {
			parts = append(parts, kv[0]+"="+kv[1])
		}
	}
	return strings.Join(parts, ", ")
}

// mdEscape makes user text safe inside a Markdown line or table cell: it keeps the text
// on one line and escapes the characters that would start markup, a table cell or HTML.
var mdEscape = strings.NewReplacer(
	"\r\n", " ", "\n", " ", "\r", " ",
	`\`, `\\`, "|", `\|`, "*", `\*`, "_", `\_`, "`", "\\`",
	"[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`, "#", `\#`,
).Replace
