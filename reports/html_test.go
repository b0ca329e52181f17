package reports_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
	"github.com/glapp/glapp/reports"
)

func writeHTML(t *testing.T, ps gaps.ProjectReport, lang string) string {
	t.Helper()
	var buf bytes.Buffer
	if err := reports.WriteHTML(t.Context(), &buf, ps, lang); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// Text from journeys reaches the page only as text: a quote holding a script, a step
// title holding markup and a stage name holding a style are all escaped.
func TestWriteHTML_EscapesUserText(t *testing.T) {
	j := pair("vc", "psy", ref, responsible(nil))
	j.Steps[0].Title = `Ringer <img src=x onerror=alert(1)>`
	j.Stages[0].Name = `Fas </style><b>ett</b>`
	in := insight("i1", -2, journeys.StatusValidated, "intervju", "h1")
	in.Text = `Hon sa <script>alert("x")</script> & gick`
	j.Insights = append(j.Insights, in)
	page := writeHTML(t, mustCombine(t, []gaps.JourneyReport{analyze(t, j)}, gaps.Filter{}), "sv")
	for _, bad := range []string{"<script", "<img", "<b>ett", "</style><b>"} {
		if strings.Contains(page, bad) {
			t.Errorf("the page passes %q through unescaped:\n%s", bad, page)
		}
	}
	for _, want := range []string{`Hon sa &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; gick`, `Fas &lt;/style&gt;&lt;b&gt;ett&lt;/b&gt;`} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks the escaped text %q:\n%s", want, page)
		}
	}
}

// The page stands alone: its one style sheet inline (matching the hash the API's
// Content-Security-Policy names), no scripts, no images, no links anywhere.
func TestWriteHTML_SelfContained(t *testing.T) {
	page := writeHTML(t, mustCombine(t, demoReports(t), gaps.Filter{}), "en")
	for _, bad := range []string{"<script", "<link", "<img", "<iframe", "href=", "src=", "http://", "https://", "@import", "url("} {
		if strings.Contains(page, bad) {
			t.Errorf("the page holds %q", bad)
		}
	}
	_, rest, _ := strings.Cut(page, "<style>")
	css, _, ok := strings.Cut(rest, "</style>")
	if !ok || strings.Count(page, "<style>") != 1 {
		t.Fatalf("the page has no single inline style sheet")
	}
	sum := sha256.Sum256([]byte(css))
	if got := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"; got != reports.HTMLStyleHash {
		t.Errorf("the inline style sheet hashes to %s; HTMLStyleHash says %s", got, reports.HTMLStyleHash)
	}
	if !strings.Contains(css, "@page") {
		t.Error("the style sheet sets no page size for printing")
	}
}

// Both languages: the page says what it is and labels every part in the reader's
// language; the places are ranked worst first; the unknowns end it as an agenda.
func TestWriteHTML_Languages(t *testing.T) {
	ps := mustCombine(t, demoReports(t), gaps.Filter{})
	for _, c := range []struct {
		lang  string
		wants []string
	}{
		{"sv", []string{`<html lang="sv">`, "Sammanfattning", "Där det brister mest", "Varför:", "Okända uppgifter – frågor till nästa intervju", "Kritisk"}},
		{"en", []string{`<html lang="en">`, "Summary", "Where it matters most", "Why:", "Unknowns – questions for the next interview", "Critical"}},
	} {
		page := writeHTML(t, ps, c.lang)
		last := -1
		for _, w := range c.wants[1:5] {
			i := strings.Index(page, w)
			if i < 0 {
				t.Errorf("%s: the page lacks %q", c.lang, w)
			} else if i < last {
				t.Errorf("%s: %q comes before the part it should follow", c.lang, w)
			}
			last = i
		}
		for _, w := range c.wants {
			if !strings.Contains(page, w) {
				t.Errorf("%s: the page lacks %q", c.lang, w)
			}
		}
		// The first place ranked is a critical one.
		_, places, _ := strings.Cut(page, `id="places"`)
		_, firstRow, _ := strings.Cut(places, "<tbody>")
		firstRow, _, _ = strings.Cut(firstRow, "</tr>")
		if !strings.Contains(firstRow, "sev-critical") {
			t.Errorf("%s: the first place is not a critical one: %s", c.lang, firstRow)
		}
	}
}

// A finding quotes at most three insights, each shortened, and counts the rest.
func TestWriteHTML_CapsQuotes(t *testing.T) {
	j := pair("vc", "psy", ref, responsible(nil))
	for _, id := range []string{"i1", "i2", "i3", "i4", "i5"} {
		in := insight(id, -1, journeys.StatusHypothesis, "src", "h1")
		in.Text = strings.Repeat("lång mening om väntan ", 40)
		j.Insights = append(j.Insights, in)
	}
	page := writeHTML(t, mustCombine(t, []gaps.JourneyReport{analyze(t, j)}, gaps.Filter{}), "en")
	if got := strings.Count(page, "<blockquote>"); got != 3 {
		t.Errorf("%d quotes; want 3", got)
	}
	if !strings.Contains(page, "… and 2 more") {
		t.Error("the insights left out are not counted")
	}
	_, q, _ := strings.Cut(page, "<blockquote><p>")
	q, _, _ = strings.Cut(q, "</p>")
	if n := len([]rune(q)); n > 285 || !strings.HasSuffix(q, "…") {
		t.Errorf("a quote of %d runes, %q; want at most 280 and an ellipsis", n, q)
	}
}
