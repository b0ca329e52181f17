package reports

import (
	"bufio"
	"cmp"
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"html/template"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/glapp/glapp/journeys/gaps"
)

// Words of the HTML report beyond those it shares with the Markdown report.
var (
	htTitleOne    = gaps.Text{SV: "Gap-rapport: %[1]s", EN: "Gap report: %[1]s"}
	htPlaces      = gaps.Text{SV: "Där det brister mest", EN: "Where it matters most"}
	htPlacesLead  = gaps.Text{SV: "Platserna i resorna med de allvarligaste fynden först: en överlämning mellan två aktörer, ett steg hos en aktör eller en resa som helhet.", EN: "The places in the journeys with the most severe findings first: a hand-over between two actors, a step at one actor, or a journey as a whole."}
	htPlace       = gaps.Text{SV: "Plats", EN: "Place"}
	htWorst       = gaps.Text{SV: "Allvarligast", EN: "Most severe"}
	htStages      = gaps.Text{SV: "Faser", EN: "Stages"}
	htWhole       = gaps.Text{SV: "Hela resan", EN: "The whole journey"}
	htAgendaLead  = gaps.Text{SV: "Det som ingen ännu vet. Frågorna är en dagordning för nästa intervju eller workshop.", EN: "What nobody knows yet. The questions are an agenda for the next interview or workshop."}
	htMorePlaces  = gaps.Text{SV: "och %[1]d platser till, med lindrigare fynd.", EN: "and %[1]d more places, with less severe findings."}
	htMade        = gaps.Text{SV: "Skapad av Glapp från projektets resor och underlag. Citaten är förkortade; hela underlaget finns i Glapp.", EN: "Made by Glapp from the project's journeys and evidence. Quotes are shortened; the whole evidence is in Glapp."}
	htWhereInJour = gaps.Text{SV: "Var", EN: "Where"}
)

// maxPlaces is how many places the HTML report ranks; the rest are counted.
const maxPlaces = 12

// maxQuoteRunes caps one quoted insight in the HTML report, so that a long interview
// note does not fill a printed page.
const maxQuoteRunes = 280

//go:embed html.css
var htmlCSS string

// HTMLStyleHash is the CSP source ('sha256-…') of the HTML report's one inline style
// sheet, for a Content-Security-Policy that allows that sheet and nothing else.
var HTMLStyleHash = func() string {
	sum := sha256.Sum256([]byte(htmlCSS))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}()

// WriteHTML writes a project gap report (or one journey's, combined as a project's) as
// one self-contained HTML page to print or to mail to a steering group, in lang ("en"
// for English, Swedish otherwise): the summary, the places that matter most, the findings
// by severity with why each has its severity and a few shortened quotes, and last the
// unknowns as the next interview's agenda. The page has its style sheet inline and no
// scripts, images or links, so it reads the same anywhere; html/template escapes all
// text from journeys. When ctx is done it returns ctx's error, having written nothing.
func WriteHTML(ctx context.Context, w io.Writer, ps gaps.ProjectReport, lang string) error {
	page, err := htmlPage(ctx, ps, lang)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	if err := htmlTemplate.Execute(bw, page); err != nil {
		return err
	}
	return bw.Flush()
}

// htPageData is what the template shows, every text already in the page's language.
type htPageData struct {
	Lang, Title, Counts, Filter string
	CSS                         template.CSS
	Words                       map[string]string
	Severities                  []htSeverity
	Total                       int
	Places                      []htPlaceRow
	MorePlaces                  string
	Groups                      []htGroup
	Agenda                      []htAgenda
}

type htSeverity struct {
	Key, Label string
	Count      int
}

type htPlaceRow struct {
	Label, Journey, Worst, WorstKey, Stages string
	Count                                   int
	BySeverity                              []int
}

type htGroup struct {
	Key, Label string
	Findings   []htFinding
}

type htFinding struct {
	Rule, Explanation, Why, Where, Triage, Fingerprint, More string
	Quotes                                                   []htQuote
}

type htQuote struct{ Text, Note string }

type htAgenda struct {
	Journey string
	Items   []htAgendaItem
}

type htAgendaItem struct {
	Name, Stage string
	Questions   []string
}

// htmlPage works out everything the page shows.
func htmlPage(ctx context.Context, ps gaps.ProjectReport, lang string) (*htPageData, error) {
	p := &htPageData{Lang: "sv", CSS: template.CSS(htmlCSS), Total: ps.Summary.Total}
	if lang == "en" {
		p.Lang = "en"
	}
	titles := make(map[string]string, len(ps.Journeys))
	for _, j := range ps.Journeys {
		titles[j.ID] = cmp.Or(j.Title, j.ID)
	}
	p.Title = mdTitle.In(lang)
	if len(ps.Journeys) == 1 {
		p.Title = htTitleOne.Sayf(lang, titles[ps.Journeys[0].ID])
	}
	p.Counts = mdCounts.Sayf(lang, ps.Summary.Total, len(ps.Journeys), plural(mdJourneys, len(ps.Journeys)), plural(mdFindingWord, ps.Summary.Total))
	if !ps.Filter.IsZero() {
		p.Filter = mdFilter.In(lang) + ": " + filterText(ps.Filter)
	}
	p.Words = map[string]string{
		"summary": mdSummary.In(lang), "severity": mdSeverity.In(lang), "findings": mdFindings.In(lang),
		"total": mdTotal.In(lang), "places": htPlaces.In(lang), "placesLead": htPlacesLead.In(lang),
		"place": htPlace.In(lang), "worst": htWorst.In(lang), "stages": htStages.In(lang),
		"journey": mdJourney.In(lang), "why": mdWhy.In(lang), "evidence": mdEvidence.In(lang),
		"none": mdNone.In(lang), "unknowns": mdUnknowns.In(lang), "agendaLead": htAgendaLead.In(lang),
		"noUnknowns": mdNoUnknowns.In(lang), "made": htMade.In(lang), "where": htWhereInJour.In(lang),
		"triage": mdTriage.In(lang), "stage": mdStage.In(lang),
	}
	for _, sev := range slices.Backward(gaps.Severities) {
		p.Severities = append(p.Severities, htSeverity{string(sev), sev.Label().In(lang), ps.Summary.BySeverity[sev]})
	}
	places, err := rankPlaces(ctx, ps.Findings, titles, lang)
	if err != nil {
		return nil, err
	}
	if len(places) > maxPlaces {
		p.MorePlaces = htMorePlaces.Sayf(lang, len(places)-maxPlaces)
		places = places[:maxPlaces]
	}
	p.Places = places
	for _, sev := range slices.Backward(gaps.Severities) {
		g := htGroup{Key: string(sev), Label: sev.Label().In(lang)}
		for i := range ps.Findings {
			if err := stopped(ctx, i); err != nil {
				return nil, err
			}
			if f := &ps.Findings[i]; f.Severity == sev {
				g.Findings = append(g.Findings, htmlFinding(f, titles, lang))
			}
		}
		if len(g.Findings) > 0 {
			p.Groups = append(p.Groups, g)
		}
	}
	for _, j := range ps.Unknowns {
		a := htAgenda{Journey: cmp.Or(j.Journey.Title, j.Journey.ID)}
		for _, u := range j.Unknowns {
			item := htAgendaItem{Name: upperFirst(u.Name.In(lang)), Stage: u.Stage}
			for _, q := range u.Questions {
				item.Questions = append(item.Questions, q.In(lang))
			}
			a.Items = append(a.Items, item)
		}
		p.Agenda = append(p.Agenda, a)
	}
	return p, nil
}

// htmlFinding is one finding as the page shows it.
func htmlFinding(f *gaps.Finding, titles map[string]string, lang string) htFinding {
	out := htFinding{
		Rule: f.Rule.Label().In(lang), Explanation: f.Explanation.In(lang), Why: f.SeverityReason.In(lang),
		Fingerprint: f.Fingerprint,
	}
	where := []string{mdJourney.In(lang) + ": " + cmp.Or(titles[f.Journey], f.Journey)}
	if f.Stage != "" {
		where = append(where, mdStage.In(lang)+": "+f.Stage)
	}
	if label, _ := placeOf(f, titles, lang); label != "" {
		where = append(where, htPlace.In(lang)+": "+label)
	}
	out.Where = strings.Join(where, " · ")
	if f.Triage != nil {
		out.Triage = labelIn(triageLabels, f.Triage.Status, lang)
	}
	quoted := min(len(f.Evidence), maxQuotes)
	for _, e := range f.Evidence[:quoted] {
		note := labelIn(statusLabels, e.Status, lang)
		if e.Source != "" {
			note = e.Source + ", " + note
		}
		out.Quotes = append(out.Quotes, htQuote{Text: shorten(e.Text, maxQuoteRunes), Note: note})
	}
	if f.EvidenceCount > quoted {
		out.More = "… " + mdMoreInsight.Sayf(lang, f.EvidenceCount-quoted)
	}
	return out
}

// placeOf names where a finding is: the hand-over's actor pair, the step's actor, or the
// journey as a whole; the key keeps places of different journeys apart.
func placeOf(f *gaps.Finding, titles map[string]string, lang string) (label, key string) {
	switch {
	case f.Actors != nil:
		return f.Actors.From.Name + " → " + f.Actors.To.Name, f.Journey + "\x00" + f.Actors.From.ID + "→" + f.Actors.To.ID
	case f.Actor != nil:
		return f.Actor.Name, f.Journey + "\x00" + f.Actor.ID
	}
	return htWhole.In(lang), f.Journey + "\x00"
}

// rankPlaces groups the findings by place and ranks the places: the worst finding first,
// then the most findings, then the most evidence.
func rankPlaces(ctx context.Context, findings []gaps.Finding, titles map[string]string, lang string) ([]htPlaceRow, error) {
	type place struct {
		row      htPlaceRow
		worst    int
		evidence int
		stages   []string
	}
	byKey := map[string]*place{}
	var order []*place
	for i := range findings {
		if err := stopped(ctx, i); err != nil {
			return nil, err
		}
		f := &findings[i]
		label, key := placeOf(f, titles, lang)
		pl := byKey[key]
		if pl == nil {
			pl = &place{row: htPlaceRow{Label: label, Journey: cmp.Or(titles[f.Journey], f.Journey), BySeverity: make([]int, len(gaps.Severities))}}
			byKey[key] = pl
			order = append(order, pl)
		}
		pl.row.Count++
		pl.evidence += f.EvidenceCount
		for k, sev := range slices.Backward(gaps.Severities) {
			if sev == f.Severity {
				pl.row.BySeverity[len(gaps.Severities)-1-k]++
			}
		}
		if r := f.Severity.Rank(); r > pl.worst {
			pl.worst = r
			pl.row.Worst, pl.row.WorstKey = f.Severity.Label().In(lang), string(f.Severity)
		}
		if f.Stage != "" && !slices.Contains(pl.stages, f.Stage) {
			pl.stages = append(pl.stages, f.Stage)
		}
	}
	slices.SortStableFunc(order, func(a, b *place) int {
		return cmp.Or(cmp.Compare(b.worst, a.worst), cmp.Compare(b.row.Count, a.row.Count), cmp.Compare(b.evidence, a.evidence))
	})
	rows := make([]htPlaceRow, len(order))
	for i, pl := range order {
		pl.row.Stages = strings.Join(pl.stages, ", ")
		rows[i] = pl.row
	}
	return rows, nil
}

// shorten cuts s to at most n runes at a word, with an ellipsis.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n]
	if i := strings.LastIndexByte(string(r), ' '); i > len(string(r))/2 {
		return string(r)[:i] + " …"
	}
	return string(r) + "…"
}

var htmlTemplate = template.Must(template.New("report").Parse(`<!doctype html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>{{.CSS}}</style>
</head>
<body>
<main>
<h1>{{.Title}}</h1>
<p class="lead">{{.Counts}}</p>
{{- if .Filter}}
<p class="filter">{{.Filter}}</p>
{{- end}}
<section aria-labelledby="summary">
<h2 id="summary">{{index .Words "summary"}}</h2>
<table class="counts">
<thead><tr><th scope="col">{{index .Words "severity"}}</th><th scope="col" class="n">{{index .Words "findings"}}</th></tr></thead>
<tbody>
{{- range .Severities}}
<tr><th scope="row"><span class="sev sev-{{.Key}}">{{.Label}}</span></th><td class="n">{{.Count}}</td></tr>
{{- end}}
<tr class="total"><th scope="row">{{index .Words "total"}}</th><td class="n">{{.Total}}</td></tr>
</tbody>
</table>
</section>
{{- if .Places}}
<section aria-labelledby="places">
<h2 id="places">{{index .Words "places"}}</h2>
<p>{{index .Words "placesLead"}}</p>
<table class="places">
<thead><tr><th scope="col">{{index .Words "place"}}</th><th scope="col">{{index .Words "journey"}}</th><th scope="col">{{index .Words "worst"}}</th>
{{- range .Severities}}<th scope="col" class="n">{{.Label}}</th>{{end}}<th scope="col">{{index .Words "stages"}}</th></tr></thead>
<tbody>
{{- range .Places}}
<tr><th scope="row">{{.Label}}</th><td>{{.Journey}}</td><td><span class="sev sev-{{.WorstKey}}">{{.Worst}}</span></td>
{{- range .BySeverity}}<td class="n">{{.}}</td>{{end}}<td>{{.Stages}}</td></tr>
{{- end}}
</tbody>
</table>
{{- if .MorePlaces}}
<p class="more">{{.MorePlaces}}</p>
{{- end}}
</section>
{{- end}}
<section aria-labelledby="findings">
<h2 id="findings">{{index .Words "findings"}}</h2>
{{- if not .Groups}}
<p>{{index .Words "none"}}</p>
{{- end}}
{{- range .Groups}}
<h3 class="group sev-{{.Key}}">{{.Label}} ({{len .Findings}})</h3>
<ol class="findings">
{{- range .Findings}}
<li class="finding">
<p class="head"><strong>{{.Rule}}</strong>{{if .Triage}} <span class="triage">{{$.Words.triage}}: {{.Triage}}</span>{{end}}</p>
<p>{{.Explanation}}</p>
<p class="why"><strong>{{$.Words.why}}:</strong> {{.Why}}</p>
<p class="where">{{.Where}}</p>
{{- if .Quotes}}
<div class="evidence">
{{- range .Quotes}}
<blockquote><p>{{.Text}}</p><footer>{{.Note}}</footer></blockquote>
{{- end}}
{{- if .More}}
<p class="more">{{.More}}</p>
{{- end}}
</div>
{{- end}}
<p class="fingerprint">{{.Fingerprint}}</p>
</li>
{{- end}}
</ol>
{{- end}}
</section>
<section aria-labelledby="agenda" class="agenda">
<h2 id="agenda">{{index .Words "unknowns"}}</h2>
<p>{{index .Words "agendaLead"}}</p>
{{- if not .Agenda}}
<p>{{index .Words "noUnknowns"}}</p>
{{- end}}
{{- range .Agenda}}
<h3>{{.Journey}}</h3>
<ol>
{{- range .Items}}
<li><strong>{{.Name}}</strong>{{if .Stage}} · {{$.Words.stage}}: {{.Stage}}{{end}}
<ul>{{range .Questions}}<li>{{.}}</li>{{end}}</ul></li>
{{- end}}
</ol>
{{- end}}
</section>
<p class="made">{{index .Words "made"}}</p>
</main>
</body>
</html>
`))
