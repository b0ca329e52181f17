package reports_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"strings"
	"testing"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
	"github.com/glapp/glapp/reports"
	"github.com/google/go-cmp/cmp"
)

func TestWriteCSV_ParsesBack(t *testing.T) {
	ps := mustCombine(t, projectReports(t), gaps.Filter{})
	for _, lang := range []string{"sv", "en", ""} {
		t.Run("lang="+lang, func(t *testing.T) {
			var buf bytes.Buffer
			if err := reports.WriteCSV(t.Context(), &buf, ps.Findings, lang); err != nil {
				t.Fatalf("WriteCSV = %v", err)
			}
			rows, err := csv.NewReader(&buf).ReadAll()
			if err != nil {
				t.Fatalf("reading the CSV back: %v", err)
			}
			if len(rows) != len(ps.Findings)+1 {
				t.Fatalf("%d rows; want a header and %d findings", len(rows), len(ps.Findings))
			}
			header := rows[0]
			col := func(name string) int {
				for i, h := range header {
					if h == name {
						return i
					}
				}
				t.Fatalf("no column %q in %v", name, header)
				return -1
			}
			for i, f := range ps.Findings {
				row := rows[i+1]
				want := map[string]string{
					"severity": string(f.Severity), "rule": string(f.Rule), "journey": f.Journey,
					"fingerprint": f.Fingerprint, "explanation": f.Explanation.In(lang),
					"subject": strings.Join(f.Subject, " "), "stage": f.Stage,
					"severityReason": f.SeverityReason.In(lang),
				}
				for name, v := range want {
					if got := row[col(name)]; got != v {
						t.Errorf("row %d %s = %q; want %q", i+1, name, got, v)
					}
				}
			}
			unowned := rows[1] // the critical unowned hand-over ranks first
			if unowned[col("from")] != "Vårdcentral" || unowned[col("to")] != "Socialtjänst" ||
				unowned[col("evidence")] != "1" || unowned[col("modifiers")] != "validated_negative_evidence+1" {
				t.Errorf("first row = %v", unowned)
			}
		})
	}
}

func TestWriteCSV_LanguageAndTriage(t *testing.T) {
	f := one(t, analyze(t, pair("vc", "psy", ref, responsible(nil))), gaps.RuleUnownedHandover)
	f.Triage = &journeys.Triage{Fingerprint: f.Fingerprint, Status: journeys.TriageConfirmed}
	for lang, want := range map[string]string{"sv": "Vid överlämningen", "en": "At the hand-over", "de": "Vid överlämningen"} {
		var buf bytes.Buffer
		if err := reports.WriteCSV(t.Context(), &buf, []gaps.Finding{f}, lang); err != nil {
			t.Fatal(err)
		}
		rows, _ := csv.NewReader(&buf).ReadAll()
		if !strings.HasPrefix(rows[1][10], want) || rows[1][14] != "confirmed" {
			t.Errorf("lang %q: explanation %q, triage %q; want %q…, confirmed", lang, rows[1][10], rows[1][14], want)
		}
	}
}

func TestWriteCSV_DefusesFormulas(t *testing.T) {
	f := gaps.Finding{
		Rule: gaps.RuleDeadEnd, Severity: gaps.SeverityHigh, Journey: "j1", Fingerprint: "f",
		Actor: &gaps.ActorRef{ID: "x", Name: "=HYPERLINK(\"http://example.invalid\")"},
		Stage: "+46 stage", Explanation: gaps.Text{SV: "-1 dag", EN: "@sum"},
		Subject: []string{"s1"},
	}
	var buf bytes.Buffer
	if err := reports.WriteCSV(t.Context(), &buf, []gaps.Finding{f}, "sv"); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, cell := range rows[1] {
		if cell != "" && strings.ContainsRune("=+-@", rune(cell[0])) {
			t.Errorf("cell %q starts a formula", cell)
		}
	}
	if rows[1][7] != `'=HYPERLINK("http://example.invalid")` {
		t.Errorf("actor cell = %q; want the name kept after an apostrophe", rows[1][7])
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestRenderers_ReportWriteErrors(t *testing.T) {
	ps := mustCombine(t, projectReports(t), gaps.Filter{})
	if err := reports.WriteCSV(t.Context(), failingWriter{}, ps.Findings, "sv"); err == nil {
		t.Error("WriteCSV to a failing writer returned nil")
	}
	if err := reports.WriteMarkdown(t.Context(), failingWriter{}, ps, "sv"); err == nil {
		t.Error("WriteMarkdown to a failing writer returned nil")
	}
}

func TestWriteMarkdown(t *testing.T) {
	ps := mustCombine(t, projectReports(t), gaps.Filter{})
	tests := []struct {
		lang string
		want []string
	}{
		{"sv", []string{
			"# Glapp – var personer faller mellan stolarna",
			"5 fynd i 3 resor.",
			"## Sammanfattning",
			"| Allvarlighet | Fynd |",
			"| Kritisk | 1 |",
			"| Hög | 4 |",
			"| Medel | 0 |",
			"| Låg | 0 |",
			"| **Totalt** | **5** |",
			"## Per regel",
			"| Ingen ansvarig vid överlämning | 1 | 1 | 0 | 0 | 0 | 1 |",
			"## Per aktörspar",
			"| Vårdcentral → Socialtjänst | 3 | 1 | 2 | 0 | 0 | 2 |",
			"| BUP → Vuxenpsykiatri | 1 | 0 | 1 | 0 | 0 | 0 |",
			"## Per fas",
			"| Söka hjälp | 3 | 1 | 2 | 0 | 0 | 2 |",
			"## Per målgrupp",
			"| Beroende | 4 | 1 | 3 | 0 | 0 | 2 |",
			"### Kritisk (1)",
			"1. **Ingen ansvarig vid överlämning** – Vid överlämningen från Vårdcentral (”Steg s1”) till Socialtjänst (”Steg s2”) är ingen ansvarig för personen medan hen är mellan dem.",
			"   - > Insikt i1 (int-1, validerad)",
			"   - Varför: Kritisk: grundnivå hög för regeln, höjd ett steg av validerad negativ evidens (i1).",
			"### Hög (4)",
			"## Okända uppgifter – frågor till nästa intervju",
		}},
		{"en", []string{
			"# Glapp – where people fall between the chairs",
			"5 findings in 3 journeys.",
			"| Severity | Findings |",
			"| Critical | 1 |",
			"| High | 4 |",
			"| **Total** | **5** |",
			"| Unowned hand-over | 1 | 1 | 0 | 0 | 0 | 1 |",
			"| From → to | Findings | Critical | High | Medium | Low | Evidence |",
			"### Critical (1)",
			"1. **Unowned hand-over** – At the hand-over from Vårdcentral (“Steg s1”) to Socialtjänst (“Steg s2”), nobody is responsible for the person while they are between the two.",
			"   - Why: Critical: the rule's base level high, raised one level by validated negative evidence (i1).",
			"### High (4)",
			"## Unknowns – questions for the next interview",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			var buf bytes.Buffer
			if err := reports.WriteMarkdown(t.Context(), &buf, ps, tt.lang); err != nil {
				t.Fatal(err)
			}
			md := buf.String()
			lines := map[string]bool{}
			for _, l := range strings.Split(md, "\n") {
				lines[l] = true
			}
			for _, w := range tt.want {
				if !lines[w] {
					t.Errorf("Markdown lacks the line %q; got:\n%s", w, md)
				}
			}
			if strings.Index(md, "### Hög") > 0 && strings.Index(md, "### Kritisk") > strings.Index(md, "### Hög") {
				t.Error("critical findings come after high ones")
			}
			if strings.Contains(md, "### Medel") || strings.Contains(md, "### Medium") {
				t.Error("a heading for a severity with no findings")
			}
		})
	}
}

func TestWriteMarkdown_EscapesUserText(t *testing.T) {
	j := pair("vc", "psy", ref, responsible(nil))
	j.Steps[0].Title = "Ringer | *akut*\nigen"
	j.Stages[0].Name = "Fas | <b>ett</b>"
	ps := mustCombine(t, []gaps.JourneyReport{analyze(t, j)}, gaps.Filter{Rule: gaps.RuleUnownedHandover})
	var buf bytes.Buffer
	if err := reports.WriteMarkdown(t.Context(), &buf, ps, "sv"); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	for _, want := range []string{
		`| Fas \| \<b\>ett\</b\> | 1 | 0 | 1 | 0 | 0 | 0 |`,
		`(”Ringer \| \*akut\* igen”)`,
		`Urval: rule=unowned\_handover`,
	} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q; got:\n%s", want, md)
		}
	}
	if strings.Contains(md, "<b>") {
		t.Errorf("Markdown passes HTML through:\n%s", md)
	}
}

func TestWriteMarkdown_NoFindings(t *testing.T) {
	var buf bytes.Buffer
	if err := reports.WriteMarkdown(t.Context(), &buf, mustCombine(t, nil, gaps.Filter{}), "en"); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"0 findings in 0 journeys.", "| **Total** | **0** |", "No findings."} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("Markdown lacks %q; got:\n%s", want, buf.String())
		}
	}
	if strings.Contains(buf.String(), "## By rule") {
		t.Errorf("empty aggregate tables are written:\n%s", buf.String())
	}
}

func TestWriteMarkdown_QuotesAFewInsights(t *testing.T) {
	j := pair("vc", "psy", ref, responsible(nil))
	for _, id := range []string{"i1", "i2", "i3", "i4", "i5"} {
		j.Insights = append(j.Insights, insight(id, 1, journeys.StatusHypothesis, "src", "h1"))
	}
	ps := mustCombine(t, []gaps.JourneyReport{analyze(t, j)}, gaps.Filter{})
	var buf bytes.Buffer
	if err := reports.WriteMarkdown(t.Context(), &buf, ps, "en"); err != nil {
		t.Fatal(err)
	}
	got := strings.Count(buf.String(), "> Insikt i")
	if got != 3 || !strings.Contains(buf.String(), "… and 2 more") {
		t.Errorf("quoted %d insights; want 3 and a count of the rest:\n%s", got, buf.String())
	}
	if diff := cmp.Diff(1, strings.Count(buf.String(), "### High (1)")); diff != "" {
		t.Errorf("heading count mismatch: %s", diff)
	}
}

func TestWriteMarkdown_CountsReadNaturally(t *testing.T) {
	r := analyze(t, pair("vc", "psy", ref, responsible(nil)))
	for lang, want := range map[string]string{"sv": "1 fynd i 1 resa.", "en": "1 finding in 1 journey."} {
		var buf bytes.Buffer
		if err := reports.WriteMarkdown(t.Context(), &buf, mustCombine(t, []gaps.JourneyReport{r}, gaps.Filter{}), lang); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), "\n"+want+"\n") {
			t.Errorf("%s: Markdown lacks %q:\n%s", lang, want, buf.String())
		}
	}
}

// unknownJourney is pair with two unknown fields on its hand-over, the first questions of
// the next interview.
func unknownJourney() *journeys.Journey {
	j := pair("vc", "soc", ref, func(h *journeys.Handover) { h.Acknowledged, h.WaitDays = nil, nil })
	return j
}

func TestWriteMarkdown_UnknownsAsQuestionsPerJourney(t *testing.T) {
	r := analyze(t, unknownJourney())
	if len(r.Unknowns) != 1 || len(r.Unknowns[0].Fields) != 2 {
		t.Fatalf("unknowns = %+v; want h1 with two fields", r.Unknowns)
	}
	ps := mustCombine(t, []gaps.JourneyReport{r}, gaps.Filter{})
	var buf bytes.Buffer
	if err := reports.WriteMarkdown(t.Context(), &buf, ps, "sv"); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	section := md[strings.Index(md, "## Okända uppgifter"):]
	for _, want := range []string{
		"### Testresa\n",
		"- **Ö" + strings.TrimPrefix(r.Unknowns[0].Name.SV, "ö") + "** · Fas: Söka hjälp · `h1`\n",
		"  - " + r.Unknowns[0].Questions[0].SV + " (`" + r.Unknowns[0].Fields[0] + "`)\n",
		"  - " + r.Unknowns[0].Questions[1].SV + " (`" + r.Unknowns[0].Fields[1] + "`)\n",
	} {
		if !strings.Contains(section, want) {
			t.Errorf("the unknowns section lacks %q:\n%s", want, section)
		}
	}

	clean := mustCombine(t, []gaps.JourneyReport{analyze(t, pair("vc", "soc", jp))}, gaps.Filter{})
	buf.Reset()
	if err := reports.WriteMarkdown(t.Context(), &buf, clean, "en"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "## Unknowns – questions for the next interview\n\nNo unknowns.\n") {
		t.Errorf("a report without unknowns does not say so:\n%s", buf.String())
	}
}

func TestWriteUnknownsCSV_OneRowPerQuestion(t *testing.T) {
	r := analyze(t, unknownJourney())
	ps := mustCombine(t, []gaps.JourneyReport{r}, gaps.Filter{})
	var buf bytes.Buffer
	if err := reports.WriteUnknownsCSV(t.Context(), &buf, ps.Unknowns, "en"); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	u := r.Unknowns[0]
	want := [][]string{
		{"journey", "stage", "element", "subject", "name", "field", "question"},
		{"j1", "Söka hjälp", "handover", "h1", u.Name.EN, u.Fields[0], u.Questions[0].EN},
		{"j1", "Söka hjälp", "handover", "h1", u.Name.EN, u.Fields[1], u.Questions[1].EN},
	}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("unknowns CSV mismatch (-want +got):\n%s", diff)
	}
}
