package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// chromiumPath is where Debian's chromium package puts the browser.
const chromiumPath = "/usr/bin/chromium"

// TestBrowser_FlaggedHandover drives the web page at /ui in headless Chromium, as a
// project lead would: log in with a token, open the demo project and a journey, click a
// hand-over that the gap report flags, and read the finding and its evidence in the side
// panel, in Swedish and then in English. It fails on any error the page logs, which
// includes content security policy violations.
func TestBrowser_FlaggedHandover(t *testing.T) {
	needChromium(t)
	ts := startServer(t, "", nil, "--demo")
	const project, journey = "demo", "vuxen-beroende-nulage"
	want := flaggedHandover(t, ts, project, journey)
	t.Logf("clicking hand-over %s for finding %s (%s)", want.Handover, want.Fingerprint, want.Rule)

	ctx, errs, shot := logIn(t, ts)
	browse(t, ctx, "open the project",
		chromedp.Click(chromedp.CSS(`a[href="#/projects/`+project+`"]`)),
	)
	browse(t, ctx, "open the journey",
		chromedp.Click(chromedp.CSS(`a[href="#/projects/`+project+`/journeys/`+journey+`"]`)),
	)
	// The page shows the map, or a notice saying why it cannot.
	mapState := poll(t, ctx, `document.querySelector("svg.journey-map") ? "map" : (document.querySelector(".map-scroll .notice")?.textContent ?? "")`,
		func(s string) bool { return s != "" }, "for the map or a notice")
	if mapState != "map" {
		t.Fatalf("the journey page shows no map: %s", mapState)
	}
	browse(t, ctx, "download the journey as Excel", chromedp.Click(chromedp.CSS(`button[data-download="xlsx"]`)))
	waitText(t, ctx, ".message-ok", journey+".xlsx")
	handover := fmt.Sprintf(`svg.journey-map [data-handover=%q]`, want.Handover)
	browse(t, ctx, "click the flagged hand-over in the map",
		chromedp.WaitVisible(chromedp.CSS(handover)),
		chromedp.Click(chromedp.CSS(handover)),
	)
	card := fmt.Sprintf(`#panel [data-fingerprint=%q]`, want.Fingerprint)
	waitText(t, ctx, card, want.ExplanationSV)
	waitText(t, ctx, card, "Varför: "+want.ReasonSV)
	waitText(t, ctx, card, want.EvidenceText)
	if pressed := evalString(t, ctx, fmt.Sprintf(`document.querySelector(%q).getAttribute("aria-pressed")`, handover)); pressed != "true" {
		t.Errorf("the clicked hand-over has aria-pressed=%q; want \"true\" (highlighted as selected)", pressed)
	}
	shot("journey-panel-sv.png")

	// The keyboard does the same: Escape closes the panel and gives focus back to the
	// hand-over in the map, Enter opens it again.
	browse(t, ctx, "close the panel with Escape", chromedp.KeyEvent(kb.Escape))
	poll(t, ctx, `document.getElementById("panel").hidden + " " + (document.activeElement.dataset.handover ?? "")`,
		func(s string) bool { return s == "true "+want.Handover }, "for the panel to close and focus to return to the hand-over")
	browse(t, ctx, "open the panel with Enter", chromedp.KeyEvent(kb.Enter))
	waitText(t, ctx, card, want.ExplanationSV)

	browse(t, ctx, "switch to English", chromedp.Click(chromedp.CSS(`#lang-toggle`)))
	waitText(t, ctx, card, want.ExplanationEN)
	waitText(t, ctx, card, "Why: "+want.ReasonEN)
	waitText(t, ctx, card, want.EvidenceText)
	if lang := evalString(t, ctx, `document.documentElement.lang`); lang != "en" {
		t.Errorf("<html lang> = %q after switching; want \"en\"", lang)
	}
	shot("journey-panel-en.png")

	noPageErrors(t, errs)
}

// TestBrowser_EffectChain opens the demo project's effect chain from the project page and
// reads, as a project lead would, the blind spots first and a goal's measure with its
// timeline drawn as SVG (baseline, observations and target), in both languages.
func TestBrowser_EffectChain(t *testing.T) {
	needChromium(t)
	ts := startServer(t, "", nil, "--demo")
	const project = "demo"
	var chain struct {
		Goals []struct {
			Measures []struct {
				ID   string `json:"id"`
				Name string `json:"name"`
			} `json:"measures"`
		} `json:"goals"`
		BlindSpots []struct {
			Kind string `json:"kind"`
		} `json:"blindSpots"`
	}
	decode(t, ts.must(t, 200, "GET", "/api/v1/projects/"+project+"/effect-chain", nil), &chain)
	if len(chain.BlindSpots) == 0 || len(chain.Goals) == 0 || len(chain.Goals[0].Measures) == 0 {
		t.Fatalf("the demo's effect chain has no blind spot or no measured goal: %+v", chain)
	}
	measure := chain.Goals[0].Measures[0]

	ctx, errs, shot := logIn(t, ts)
	browse(t, ctx, "open the project", chromedp.Click(chromedp.CSS(`a[href="#/projects/`+project+`"]`)))
	browse(t, ctx, "open the effect chain", chromedp.Click(chromedp.CSS(`a[href="#/projects/`+project+`/effect-chain"]`)))
	waitText(t, ctx, "#blind-heading", fmt.Sprintf("Blinda fläckar (%d)", len(chain.BlindSpots)))
	waitText(t, ctx, ".blind-spots", "fynd som inget förslag åtgärdar")
	sel := fmt.Sprintf(`[data-measure=%q]`, measure.ID)
	waitText(t, ctx, sel, measure.Name)
	got := evalString(t, ctx, fmt.Sprintf(`(() => { const svg = document.querySelector(%q + " svg.timeline"); if (!svg) return "no svg";
		return [svg.namespaceURI, svg.querySelectorAll("circle.baseline").length, svg.querySelectorAll("circle.observation").length, svg.querySelectorAll("circle.target").length, svg.getAttribute("aria-label") ? "label" : "no label"].join(" "); })()`, sel))
	if !strings.HasPrefix(got, "http://www.w3.org/2000/svg 1 ") || !strings.HasSuffix(got, " 1 label") {
		t.Errorf("measure %s's timeline = %q; want an SVG with one baseline, observations, one target and a text label", measure.ID, got)
	}
	shot("effect-chain-sv.png")
	browse(t, ctx, "switch to English", chromedp.Click(chromedp.CSS(`#lang-toggle`)))
	waitText(t, ctx, "#blind-heading", fmt.Sprintf("Blind spots (%d)", len(chain.BlindSpots)))
	waitText(t, ctx, ".blind-spots", "findings no proposal addresses")

	// The goals view shows the same measure with its timeline.
	browse(t, ctx, "open the goals view", chromedp.Navigate(ts.URL+"/ui/#/projects/"+project+"/goals"))
	waitText(t, ctx, "h1", "Effect goals")
	waitText(t, ctx, sel, measure.Name)
	if n := evalString(t, ctx, fmt.Sprintf(`String(document.querySelectorAll(%q + " svg.timeline circle").length)`, sel)); n == "0" || n == "" {
		t.Errorf("the goals view shows no timeline points for measure %s", measure.ID)
	}

	// From a finding in the gap report, a link leads to the proposals that address it,
	// with their decisions and tests.
	var byFinding struct {
		Findings []struct {
			Finding struct {
				Fingerprint string `json:"fingerprint"`
			} `json:"finding"`
			Proposals []string `json:"proposals"`
		} `json:"findings"`
	}
	decode(t, ts.must(t, 200, "GET", "/api/v1/projects/"+project+"/effect-chain?from=findings", nil), &byFinding)
	var fp, proposal string
	for _, f := range byFinding.Findings {
		if len(f.Proposals) > 0 {
			fp, proposal = f.Finding.Fingerprint, f.Proposals[0]
			break
		}
	}
	if fp == "" {
		t.Fatal("no finding of the demo is addressed by a proposal")
	}
	browse(t, ctx, "open the gap report", chromedp.Navigate(ts.URL+"/ui/#/projects/"+project+"/gaps"))
	link := fmt.Sprintf(`[data-fingerprint=%q] .finding-proposals a`, fp)
	browse(t, ctx, "follow the finding's link to its proposals",
		chromedp.WaitVisible(chromedp.CSS(link)),
		chromedp.Click(chromedp.CSS(link)),
	)
	card := fmt.Sprintf(`[data-proposal=%q]`, proposal)
	waitText(t, ctx, card, "Decisions")
	if n := evalString(t, ctx, `String(document.querySelectorAll("[data-proposal]").length)`); n == "0" {
		t.Errorf("the proposals page for finding %s shows no proposal", fp)
	}
	shot("proposals-en.png")

	// The offering view, for children: the matrix marks the young people's self-help need
	// that no support meets, and the report's items follow.
	browse(t, ctx, "open the offering for children", chromedp.Navigate(ts.URL+"/ui/#/projects/"+project+"/offering?ageGroup=child"))
	waitText(t, ctx, "h1", "The offering and finding one's way")
	waitText(t, ctx, `.offering-matrix td.uncovered [data-need="unga-sjalvhjalp"]`, "Missing")
	waitText(t, ctx, `[data-kind="unreached_support"]`, "Supports no journey reaches")
	shot("offering-en.png")

	noPageErrors(t, errs)
}

// flagged is a finding about one hand-over, as the API reports it in both languages.
type flagged struct {
	Handover, Fingerprint, Rule  string
	ExplanationSV, ExplanationEN string
	ReasonSV, ReasonEN           string // why the finding has its severity
	EvidenceText                 string
}

// flaggedHandover picks, through the API, the first finding of the journey whose subject
// is a hand-over and that has evidence.
func flaggedHandover(t *testing.T, ts *testServer, project, journey string) flagged {
	t.Helper()
	type report struct {
		Findings []struct {
			Rule        string   `json:"rule"`
			Journey     string   `json:"journey"`
			Subject     []string `json:"subject"`
			Fingerprint string   `json:"fingerprint"`
			Explanation string   `json:"explanation"`
			Reason      string   `json:"severityReason"`
			Evidence    []struct {
				Text string `json:"text"`
			} `json:"evidence"`
		} `json:"findings"`
	}
	var doc struct {
		Handovers []struct {
			ID string `json:"id"`
		} `json:"handovers"`
	}
	decode(t, ts.must(t, 200, "GET", "/api/v1/projects/"+project+"/journeys/"+journey, nil), &doc)
	var handovers []string
	for _, h := range doc.Handovers {
		handovers = append(handovers, h.ID)
	}
	var sv, en report
	decode(t, ts.must(t, 200, "GET", "/api/v1/projects/"+project+"/gaps", nil, "Accept-Language", "sv"), &sv)
	decode(t, ts.must(t, 200, "GET", "/api/v1/projects/"+project+"/gaps", nil, "Accept-Language", "en"), &en)
	for _, f := range sv.Findings {
		if f.Journey != journey || len(f.Subject) == 0 || !slices.Contains(handovers, f.Subject[0]) || len(f.Evidence) == 0 {
			continue
		}
		out := flagged{Handover: f.Subject[0], Fingerprint: f.Fingerprint, Rule: f.Rule, ExplanationSV: f.Explanation,
			ReasonSV: f.Reason, EvidenceText: f.Evidence[0].Text}
		for _, g := range en.Findings {
			if g.Fingerprint == f.Fingerprint {
				out.ExplanationEN, out.ReasonEN = g.Explanation, g.Reason
			}
		}
		if out.ReasonSV == "" || out.ReasonEN == "" || out.ReasonSV == out.ReasonEN {
			t.Fatalf("finding %s has no severity reason in both languages: %q, %q", f.Fingerprint, out.ReasonSV, out.ReasonEN)
		}
		if out.ExplanationEN == "" || out.ExplanationEN == out.ExplanationSV {
			t.Fatalf("finding %s has no distinct English explanation: %q", f.Fingerprint, out.ExplanationEN)
		}
		return out
	}
	t.Fatalf("journey %s has no finding about a hand-over with evidence", journey)
	return flagged{}
}

func decode(t *testing.T, r response, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("decode: %v\n%s", err, r.Body)
	}
}

// needChromium skips a browser test where chromium is not installed, and fails it under
// CI=true, where scripts/test.sh installs it.
func needChromium(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("chromium is needed under CI=true: %v (scripts/test.sh installs it)", err)
		}
		t.Skipf("SKIP: chromium not installed at %s (apt-get install chromium); the web page is not tested", chromiumPath)
	}
}

// logIn starts a browser, opens the web page of ts and logs in with the admin token at
// 1,280 × 800. It returns the tab's context, the page's errors so far (watchConsole) and
// a screenshotter.
func logIn(t *testing.T, ts *testServer) (context.Context, func() []string, func(name string)) {
	t.Helper()
	ctx := newBrowser(t)
	errs := watchConsole(ctx)
	shot := screenshotter(t, ctx)
	browse(t, ctx, "log in",
		chromedp.EmulateViewport(1280, 800),
		chromedp.Navigate(ts.URL+"/ui/"),
		chromedp.WaitVisible(chromedp.CSS(`input[name="token"]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name="token"]`), testAdminToken),
		chromedp.Click(chromedp.CSS(`form.login button[type="submit"]`)),
	)
	return ctx, errs, shot
}

// noPageErrors fails the test if the page logged any error; that includes content
// security policy violations.
func noPageErrors(t *testing.T, errs func() []string) {
	t.Helper()
	if got := errs(); len(got) > 0 {
		t.Errorf("the page logged errors:\n%s", strings.Join(got, "\n"))
	}
}

// newBrowser starts headless Chromium with a fresh profile and returns a tab's context.
// The browser stops when the test ends.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 800),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc()
	})
	if err := chromedp.Do(ctx); err != nil { // starts the browser, with no deadline
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// browse runs browser actions with a deadline and fails the test, naming what it was doing.
func browse(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// evalString evaluates a JavaScript expression in the page.
func evalString(t *testing.T, ctx context.Context, expr string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return s
}

// waitText waits until the element sel exists and its text contains want.
func waitText(t *testing.T, ctx context.Context, sel, want string) {
	t.Helper()
	expr := fmt.Sprintf(`document.querySelector(%q)?.textContent ?? ""`, sel)
	poll(t, ctx, expr, func(got string) bool { return strings.Contains(got, want) }, fmt.Sprintf("for %s to contain %q", sel, want))
}

// poll evaluates expr until done accepts its value, and returns the value; after 20 s it
// fails the test, saying what it waited for and what it saw last.
func poll(t *testing.T, ctx context.Context, expr string, done func(string) bool, what string) string {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	var got string
	for time.Now().Before(deadline) {
		if got = evalString(t, ctx, expr); done(got) {
			return got
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("gave up waiting %s; the last value of %s was:\n%s", what, expr, got)
	return ""
}

// watchConsole collects the page's console errors and uncaught exceptions.
func watchConsole(ctx context.Context) func() []string {
	var mu sync.Mutex
	var errs []string
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				mu.Lock()
				errs = append(errs, m.String())
				mu.Unlock()
			}
		}
	}()
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(errs)
	}
}

// screenshotter returns a func that saves a screenshot of the viewport in the test's
// artifact directory and, when GLAPP_SCREENSHOT_DIR is set, there too.
func screenshotter(t *testing.T, ctx context.Context) func(name string) {
	return func(name string) {
		t.Helper()
		sctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		png, err := chromedp.Run(sctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		dirs := []string{t.ArtifactDir()}
		if d := os.Getenv("GLAPP_SCREENSHOT_DIR"); d != "" {
			dirs = append(dirs, d)
		}
		for _, dir := range dirs {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, name)
			if err := os.WriteFile(path, png, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("screenshot: %s", path)
		}
	}
}
