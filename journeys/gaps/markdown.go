package gaps

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"
)

// Words of the Markdown report.
var (
	mdTitle       = Text{"Glapp – var personer faller mellan stolarna", "Glapp – where people fall between the chairs"}
	mdCounts      = Text{"%[1]d fynd i %[2]d %[3]s.", "%[1]d %[4]s in %[2]d %[3]s."}
	mdJourneys    = [2]Text{{"resa", "journey"}, {"resor", "journeys"}}
	mdFindingWord = [2]Text{{"fynd", "finding"}, {"fynd", "findings"}}
	mdFilter      = Text{"Urval", "Filter"}
	mdSummary     = Text{"Sammanfattning", "Summary"}
	mdSeverity    = Text{"Allvarlighet", "Severity"}
	mdFindings    = Text{"Fynd", "Findings"}
	mdTotal       = Text{"Totalt", "Total"}
	mdByRule      = Text{"Per regel", "By rule"}
	mdRule        = Text{"Regel", "Rule"}
	mdByPair      = Text{"Per aktörspar", "By actor pair"}
	mdPair        = Text{"Från → till", "From → to"}
	mdByStage     = Text{"Per fas", "By stage"}
	mdStage       = Text{"Fas", "Stage"}
	mdByTarget    = Text{"Per målgrupp", "By target group"}
	mdTarget      = Text{"Målgrupp", "Target group"}
	mdNoTarget    = Text{"(ingen angiven)", "(none given)"}
	mdEvidence    = Text{"Underlag", "Evidence"}
	mdJourney     = Text{"Resa", "Journey"}
	mdTriage      = Text{"Triage", "Triage"}
	mdNone        = Text{"Inga fynd.", "No findings."}
	mdMoreInsight = Text{"och %[1]d till", "and %[1]d more"}
)

// maxQuotes is how many insights the Markdown report quotes under a finding; the rest
// are counted, so that a finding with many insights does not drown the others.
const maxQuotes = 3

// WriteMarkdown writes a project report as Markdown for a project lead, in lang ("en"
// for English, Swedish otherwise): a summary table by severity, tables by rule, actor
// pair, stage and target group, then the findings grouped by severity, worst first, each
// with its explanation, where it is, and what people said about it. When ctx is done it
// stops and returns ctx's error, having written part of the report.
func WriteMarkdown(ctx context.Context, w io.Writer, ps ProjectReport, lang string) error {
	m := &mdWriter{w: bufio.NewWriter(w), lang: lang, ctx: ctx}
	m.line("# " + mdTitle.In(lang))
	m.line("")
	m.line(sayIn(mdCounts.In(lang), lang, []any{ps.Summary.Total, len(ps.Journeys),
		plural(mdJourneys, len(ps.Journeys)), plural(mdFindingWord, ps.Summary.Total)}))
	if !ps.Filter.IsZero() {
		m.line("")
		m.line(mdFilter.In(lang) + ": " + mdEscape(filterText(ps.Filter)))
	}
	m.summary(ps.Summary)
	m.aggregates(mdByRule, mdRule, ps.ByRule, func(a Aggregate) string { return Rule(a.Key).Label().In(lang) })
	m.aggregates(mdByPair, mdPair, ps.ByActorPair, nil)
	m.aggregates(mdByStage, mdStage, ps.ByStage, nil)
	m.aggregates(mdByTarget, mdTarget, ps.ByTargetGroup, func(a Aggregate) string {
		if a.Key == "" {
			return mdNoTarget.In(lang)
		}
		return a.Label
	})
	if err := m.findings(ps); err != nil {
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

func (m *mdWriter) heading(t Text) {
	m.line("")
	m.line("## " + t.In(m.lang))
	m.line("")
}

func (m *mdWriter) summary(s Summary) {
	m.heading(mdSummary)
	m.row(mdSeverity.In(m.lang), mdFindings.In(m.lang))
	m.row("---", "---:")
	for _, sev := range worstFirst {
		m.row(sev.Label().In(m.lang), fmt.Sprint(s.BySeverity[sev]))
	}
	m.row("**"+mdTotal.In(m.lang)+"**", fmt.Sprintf("**%d**", s.Total))
}

// aggregates writes one table of aggregates; label names a row (nil: the aggregate's
// own label). An empty aggregate list writes nothing.
func (m *mdWriter) aggregates(title, keyHeading Text, aggs []Aggregate, label func(Aggregate) string) {
	if len(aggs) == 0 {
		return
	}
	m.heading(title)
	header := []string{keyHeading.In(m.lang), mdFindings.In(m.lang)}
	align := []string{"---", "---:"}
	for _, sev := range worstFirst {
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
		for _, sev := range worstFirst {
			cells = append(cells, fmt.Sprint(a.BySeverity[sev]))
		}
		m.row(append(cells, fmt.Sprint(a.Evidence))...)
	}
}

// findings writes the findings grouped by severity, worst first; ps.Findings is ranked.
// It returns the context's error when the context is done.
func (m *mdWriter) findings(ps ProjectReport) error {
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
	for _, sev := range worstFirst {
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

func (m *mdWriter) finding(n int, f *Finding, titles map[string]string) {
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
		facts = append(facts, mdTriage.In(m.lang)+": "+labelOr(triageLabels, f.Triage.Status, string(f.Triage.Status)).In(m.lang))
	}
	facts = append(facts, "`"+f.Fingerprint+"`")
	m.line(indent + strings.Join(facts, " · "))
	quoted := min(len(f.Evidence), maxQuotes)
	for _, e := range f.Evidence[:quoted] {
		m.line(indent + "> " + mdEscape(e.Text) + " (" + mdEscape(m.evidenceNote(e)) + ")")
	}
	if f.EvidenceCount > quoted {
		m.line(indent + "… " + sayIn(mdMoreInsight.In(m.lang), m.lang, []any{f.EvidenceCount - quoted}))
	}
}

// plural picks the singular or plural form for n.
func plural(forms [2]Text, n int) Text {
	if n == 1 {
		return forms[0]
	}
	return forms[1]
}

// evidenceNote says where an insight comes from and how far it has been tested.
func (m *mdWriter) evidenceNote(e Evidence) string {
	status := labelOr(statusLabels, e.Status, string(e.Status)).In(m.lang)
	if e.Source == "" {
		return status
	}
	return e.Source + ", " + status
}

// filterText writes the filter's set fields as key=value.
func filterText(f Filter) string {
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
