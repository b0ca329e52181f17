package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// axeFile is axe-core's minified script (npm axe-core, MPL-2.0), kept here for this test
// only: the product never serves it, and the test needs no network.
const axeFile = "testdata/axe.min.js"

// TestBrowser_MapReadable opens every view of the web page at 1,280 and 1,920 px wide, as
// on a laptop and on a projector, runs axe-core on each (any violation fails) and keeps a
// screenshot of each. On the demo's busiest journey it checks what issue 17 asks of the
// map: it opens fitted to the width with its text at 12 px or more; no two markers
// overlap; no text is cut without its whole text in a title the reader can reach; a
// step's name is the text it shows; every marker is reached with Tab and opens into its
// numbered findings; the side panel leaves the map in view. Then it prints the map (A3
// landscape, as PDF) and opens the HTML reports in both languages.
func TestBrowser_MapReadable(t *testing.T) {
	needChromium(t)
	axe, err := os.ReadFile(axeFile)
	if err != nil {
		t.Fatal(err)
	}
	ts := startServer(t, "", nil, "--demo")
	const project = "demo"
	journey, findings := busiestJourney(t, ts, project)
	t.Logf("the busiest journey is %s with %d findings", journey, findings)

	ctx, errs, shot := logIn(t, ts)
	browse(t, ctx, "wait for the projects",
		chromedp.WaitVisible(chromedp.CSS(`a[href="#/projects/`+project+`"]`)),
	)
	views := []struct{ name, hash, ready string }{
		{"projects", "#/", `a[href="#/projects/` + project + `"]`},
		{"project", "#/projects/" + project, `a[href="#/projects/` + project + `/journeys/` + journey + `"]`},
		{"journey", "#/projects/" + project + "/journeys/" + journey, "svg.journey-map .cluster"},
		{"report", "#/projects/" + project + "/gaps", "[data-fingerprint]"},
		{"effect-chain", "#/projects/" + project + "/effect-chain", ".blind-spots"},
		{"goals", "#/projects/" + project + "/goals", "[data-measure]"},
		{"proposals", "#/projects/" + project + "/proposals", "[data-proposal]"},
	}
	for _, width := range []int64{1280, 1920} {
		browse(t, ctx, "resize", chromedp.EmulateViewport(width, 900))
		for _, v := range views {
			browse(t, ctx, "open "+v.name, chromedp.Navigate(ts.URL+"/ui/"+v.hash), chromedp.WaitVisible(chromedp.CSS(v.ready)))
			runAxe(t, ctx, axe, fmt.Sprintf("%s at %d px", v.name, width))
			shot(fmt.Sprintf("%s-%d.png", v.name, width))
			if v.name == "journey" {
				checkMap(t, ctx, width, findings)
				if width == 1280 {
					checkDownloads(t, ctx, journey)
				}
				checkMarkersByKeyboard(t, ctx)
				checkPanelKeepsMap(t, ctx, width)
				runAxe(t, ctx, axe, fmt.Sprintf("journey with the panel open at %d px", width))
				shot(fmt.Sprintf("journey-panel-%d.png", width))
			}
		}
	}

	// The map printed: A3 landscape, the map at its full width, then its numbered findings.
	browse(t, ctx, "open the journey to print", chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(ts.URL+"/ui/#/projects/"+project+"/journeys/"+journey),
		chromedp.WaitVisible(chromedp.CSS("svg.journey-map .cluster")))
	evalString(t, ctx, `window.addEventListener("beforeprint", () => { const svg = document.querySelector("svg.journey-map");
		document.body.dataset.printedViewBox = svg.getAttribute("viewBox") + " " + document.querySelectorAll(".print-findings li").length; }); ""`)
	whole := evalString(t, ctx, `document.querySelector("svg.journey-map").getAttribute("viewBox")`)
	pdf, err := runWithin(ctx, 60*time.Second, chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize(), chromedp.PDFPrintBackground()))
	if err != nil {
		t.Fatalf("print the map: %v", err)
	}
	keep(t, "journey-print-a3.pdf", pdf)
	// While printing, the map is cropped above its numbered findings, which the page
	// prints after it with where each sits; afterwards it is whole again.
	printed := evalString(t, ctx, `document.body.dataset.printedViewBox ?? ""`)
	if printed == "" || strings.HasPrefix(printed, whole+" ") || !strings.HasSuffix(printed, fmt.Sprintf(" %d", findings)) {
		t.Errorf("printed with the map's viewBox and list %q; want the map (whole: %q) cropped and %d findings listed", printed, whole, findings)
	}
	if got := evalString(t, ctx, `document.querySelector("svg.journey-map").getAttribute("viewBox")`); got != whole {
		t.Errorf("after printing the map's viewBox is %q; want %q again", got, whole)
	}
	browse(t, ctx, "show the print view", chromedp.EmulateViewport(1587, 1123), media("print"))
	if n := evalString(t, ctx, `String(getComputedStyle(document.querySelector(".print-findings")).display !== "none" ? document.querySelectorAll(".print-findings li").length : -1)`); n != fmt.Sprint(findings) {
		t.Errorf("the print view lists %s findings; want the journey's %d", n, findings)
	}
	if v := evalString(t, ctx, `getComputedStyle(document.querySelector("#panel")).display + " " + getComputedStyle(document.querySelector(".site-header")).display`); v != "none none" {
		t.Errorf("the print view shows the panel or the header: display %q", v)
	}
	shot("journey-print-a3.png")
	browse(t, ctx, "back to the screen", media(""))

	// The HTML report, as a steering group opens it: its own page, under its own
	// content security policy, in both languages.
	browse(t, ctx, "send the token with page loads", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{Headers: network.Headers{"Authorization": "Bearer " + testAdminToken}})
		return err
	}))
	for _, view := range []struct {
		width int64
		lang  string
	}{{1280, "sv"}, {1920, "en"}} {
		width, lang := view.width, view.lang
		for _, r := range []struct{ name, path string }{
			{"report-html", "/api/v1/projects/" + project + "/gaps?format=html&lang=" + lang},
			{"journey-report-html", "/api/v1/projects/" + project + "/journeys/" + journey + "/gaps?format=html&lang=" + lang},
		} {
			browse(t, ctx, "open "+r.name, chromedp.EmulateViewport(width, 900), chromedp.Navigate(ts.URL+r.path), chromedp.WaitVisible(chromedp.CSS("h1")))
			if got := evalString(t, ctx, `document.documentElement.lang + " " + getComputedStyle(document.querySelector("h2")).borderBottomStyle`); got != lang+" solid" {
				t.Errorf("%s: lang and the style of a heading = %q; want %q (the inline style sheet applies)", r.name, got, lang+" solid")
			}
			runAxe(t, ctx, axe, fmt.Sprintf("%s %s at %d px", r.name, lang, width))
			// The page's first screens: the viewport made as tall as the page, up to a
			// limit that keeps the screenshot quick.
			tall := evalString(t, ctx, `String(Math.min(document.documentElement.scrollHeight, 3600))`)
			var height int64
			fmt.Sscan(tall, &height)
			browse(t, ctx, "make the viewport as tall as the page", chromedp.EmulateViewport(width, max(height, 900)))
			shot(fmt.Sprintf("%s-%s-%d.png", r.name, lang, width))
		}
	}
	noPageErrors(t, errs)
}

// busiestJourney returns the journey of the project with the most findings, and how many.
func busiestJourney(t *testing.T, ts *testServer, project string) (string, int) {
	t.Helper()
	var r struct {
		Findings []struct {
			Journey string `json:"journey"`
		} `json:"findings"`
	}
	decode(t, ts.must(t, 200, "GET", "/api/v1/projects/"+project+"/gaps", nil), &r)
	counts := map[string]int{}
	best := ""
	for _, f := range r.Findings {
		counts[f.Journey]++
		if counts[f.Journey] > counts[best] || (counts[f.Journey] == counts[best] && f.Journey < best) {
			best = f.Journey
		}
	}
	if best == "" {
		t.Fatal("the demo project has no findings")
	}
	return best, counts[best]
}

// runAxe runs axe-core on the page and fails the test on any violation, naming each rule
// and the elements it found.
func runAxe(t *testing.T, ctx context.Context, axe []byte, where string) {
	t.Helper()
	if got := evalString(t, ctx, `typeof window.axe`); got != "object" {
		if _, err := runWithin(ctx, 30*time.Second, chromedp.Evaluate[any](string(axe)+"\n;0")); err != nil {
			t.Fatalf("load axe-core: %v", err)
		}
	}
	out, err := runWithin(ctx, 60*time.Second, chromedp.Evaluate[string](`axe.run(document, {resultTypes: ["violations"]}).then((r) =>
		JSON.stringify(r.violations.map((v) => ({id: v.id, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + ": " + n.failureSummary)}))))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("run axe-core on %s: %v", where, err)
	}
	var violations []struct {
		ID, Help string
		Nodes    []string
	}
	if err := json.Unmarshal([]byte(out), &violations); err != nil {
		t.Fatalf("axe-core's answer: %v\n%s", err, out)
	}
	for _, v := range violations {
		t.Errorf("axe-core on %s: %s (%s):\n  %s", where, v.ID, v.Help, strings.Join(v.Nodes, "\n  "))
	}
}

// checkMap checks the map as it opens: fitted, readable, markers apart, titles whole.
func checkMap(t *testing.T, ctx context.Context, width int64, findings int) {
	t.Helper()
	var m struct {
		Scale, BoxWidth, MapWidth, SmallestTitle float64
		Clusters, Members                        int
		Overlaps, Cut, Names                     []string
	}
	out := evalString(t, ctx, `(() => {
		const svg = document.querySelector("svg.journey-map");
		const box = document.querySelector(".map-scroll");
		const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
		// The smallest step, lane and stage text as shown, in CSS pixels.
		let smallest = Infinity;
		for (const el of svg.querySelectorAll(".step .title, .lane text, .stage text")) {
			smallest = Math.min(smallest, parseFloat(getComputedStyle(el).fontSize) * scale);
		}
		const sums = [...svg.querySelectorAll(".cluster > .sum")];
		const boxes = sums.map((s) => s.querySelector(".ring, .dot").getBoundingClientRect());
		const overlaps = [];
		for (let a = 0; a < boxes.length; a++) for (let b = a + 1; b < boxes.length; b++) {
			const p = boxes[a], q = boxes[b];
			const w = Math.min(p.right, q.right) - Math.max(p.left, q.left), h = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
			if (w > 0.5 && h > 0.5) overlaps.push(sums[a].parentNode.dataset.on + " / " + sums[b].parentNode.dataset.on);
		}
		// Every text cut with an ellipsis has its whole text in a title or name around it.
		const norm = (s) => (s || "").replace(/\s+/g, " ").trim();
		const cut = [];
		for (const el of svg.querySelectorAll("text, tspan")) {
			if (el.querySelector("tspan")) continue;
			const text = norm(el.textContent);
			if (!text.endsWith("…")) continue;
			const head = text.slice(0, -1).trim();
			let ok = false;
			for (let n = el; n && !ok; n = n.parentNode) {
				if (!n.children) continue;
				const own = [...n.children].filter((c) => c.localName === "title").map((c) => norm(c.textContent));
				ok = [...own, norm(n.getAttribute?.("aria-label"))].some((s) => s.length > text.length && s.includes(head));
			}
			if (!ok) cut.push(text);
		}
		// A step is named by the text it shows.
		const squeeze = (s) => s.replace(/[\s\u00ad-]/g, "");
		const names = [];
		for (const st of svg.querySelectorAll("[data-step]")) {
			const shown = [...st.querySelectorAll(".title tspan")].map((x) => x.textContent).join(" ");
			if (!shown.includes("…") && squeeze(shown) !== squeeze(st.getAttribute("aria-label") || "")) names.push(shown + " ≠ " + st.getAttribute("aria-label"));
		}
		return JSON.stringify({Scale: scale, BoxWidth: box.clientWidth, MapWidth: svg.getBoundingClientRect().width, SmallestTitle: smallest,
			Clusters: sums.length, Members: svg.querySelectorAll(".cluster [data-finding]").length, Overlaps: overlaps, Cut: cut, Names: names});
	})()`)
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatalf("measure the map: %v\n%s", err, out)
	}
	t.Logf("at %d px: the map is %.0f px wide in a box of %.0f (scale %.2f); smallest text %.1f px; %d markers for %d findings",
		width, m.MapWidth, m.BoxWidth, m.Scale, m.SmallestTitle, m.Clusters, m.Members)
	if m.SmallestTitle < 12 {
		t.Errorf("at %d px the smallest step, lane or stage text shows at %.1f px; want 12 or more", width, m.SmallestTitle)
	}
	if m.MapWidth > m.BoxWidth+1 && m.Scale > 1.01 {
		t.Errorf("at %d px the map opens %.0f px wide in a box of %.0f, zoomed past 100 %%; want it fitted", width, m.MapWidth, m.BoxWidth)
	}
	if m.MapWidth < m.BoxWidth-4 {
		t.Errorf("at %d px the map opens %.0f px wide in a box of %.0f; want it fitted to the width", width, m.MapWidth, m.BoxWidth)
	}
	if m.Members != findings || m.Clusters == 0 || m.Clusters >= findings {
		t.Errorf("%d markers hold %d findings; want the journey's %d findings grouped in fewer markers", m.Clusters, m.Members, findings)
	}
	for _, o := range m.Overlaps {
		t.Errorf("at %d px the markers of %s overlap", width, o)
	}
	for _, c := range m.Cut {
		t.Errorf("the text %q is cut and its whole text is in no title around it", c)
	}
	for _, n := range m.Names {
		t.Errorf("a step's name differs from the text it shows: %s", n)
	}
}

// checkMarkersByKeyboard tabs from the first marker into its numbered findings and on to
// the next marker, and checks that every marker can take focus.
func checkMarkersByKeyboard(t *testing.T, ctx context.Context) {
	t.Helper()
	if n := evalString(t, ctx, `String([...document.querySelectorAll("svg.journey-map .cluster > .sum")].filter((s) => s.tabIndex !== 0 || !s.getAttribute("aria-label")).length)`); n != "0" {
		t.Errorf("%s markers cannot take focus or have no name", n)
	}
	first := evalString(t, ctx, `(() => { const c = [...document.querySelectorAll("svg.journey-map .cluster")].find((c) => +c.dataset.count > 1);
		c.querySelector(".sum").focus(); return c.dataset.on + " " + c.dataset.count; })()`)
	var on string
	var count int
	fmt.Sscan(first, &on, &count)
	if v := evalString(t, ctx, `getComputedStyle(document.activeElement.parentNode.querySelector(".members")).display`); v == "none" {
		t.Errorf("the marker of %s has focus but its findings do not show", on)
	}
	for k := range count {
		browse(t, ctx, "tab to the next finding", chromedp.KeyEvent(kb.Tab))
		got := evalString(t, ctx, `(document.activeElement.dataset.finding ? "finding " : "") + (document.activeElement.closest(".cluster")?.dataset.on ?? "")`)
		if got != "finding "+on {
			t.Fatalf("Tab %d from the marker of %s (%d findings) reached %q; want its finding", k+1, on, count, got)
		}
	}
	browse(t, ctx, "tab to the next marker", chromedp.KeyEvent(kb.Tab))
	if got := evalString(t, ctx, `document.activeElement.classList.contains("sum") ? "marker" : document.activeElement.outerHTML.slice(0, 80)`); got != "marker" {
		t.Errorf("Tab after the last finding of %s reached %q; want the next marker", on, got)
	}
	browse(t, ctx, "open the marker's element with Enter", chromedp.KeyEvent(kb.Enter))
	poll(t, ctx, `document.getElementById("panel").hidden ? "" : "open"`, func(s string) bool { return s == "open" }, "for Enter on a marker to open the panel")
	browse(t, ctx, "close the panel", chromedp.KeyEvent(kb.Escape))
}

// checkPanelKeepsMap opens the panel from a flagged hand-over and checks that the panel
// sits beside the map, not over it, and the map keeps its readable scale.
func checkPanelKeepsMap(t *testing.T, ctx context.Context, width int64) {
	t.Helper()
	browse(t, ctx, "click a flagged hand-over", chromedp.Click(chromedp.CSS(`svg.journey-map .handover.has-finding .hit`)))
	poll(t, ctx, `document.getElementById("panel").hidden ? "" : "open"`, func(s string) bool { return s == "open" }, "for the panel")
	out := evalString(t, ctx, `(() => { const m = document.querySelector(".map-scroll").getBoundingClientRect(), p = document.getElementById("panel").getBoundingClientRect();
		const svg = document.querySelector("svg.journey-map"); const sel = svg.querySelector(".is-selected").getBoundingClientRect();
		return [m.right <= p.left + 1 || m.top >= p.bottom - 1, m.width > 300, svg.getBoundingClientRect().width / svg.viewBox.baseVal.width >= 0.99,
			sel.right > m.left && sel.left < m.right].join(" "); })()`)
	if out != "true true true true" {
		t.Errorf("at %d px with the panel open: beside the map, map wide, map readable, chosen element in view = %s; want all true", width, out)
	}
}

// checkDownloads saves the map as SVG and as PNG with the buttons above it, and reads
// the files the browser saved.
func checkDownloads(t *testing.T, ctx context.Context, journey string) {
	t.Helper()
	dir := t.TempDir()
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir,
	}); err != nil {
		t.Fatalf("allow downloads: %v", err)
	}
	viewBox := evalString(t, ctx, `String(document.querySelector("svg.journey-map").viewBox.baseVal.width)`)
	for k, ext := range []string{"svg", "png"} {
		browse(t, ctx, "download the map as "+ext, chromedp.Click(chromedp.CSS(fmt.Sprintf(".map-files button:nth-child(%d)", k+1))))
		file := filepath.Join(dir, journey+"."+ext)
		var data []byte
		for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
			if data, _ = os.ReadFile(file); len(data) > 0 {
				break
			}
		}
		switch {
		case len(data) == 0:
			t.Errorf("no %s saved; the page says: %s", file, evalString(t, ctx, `document.querySelector(".messages").textContent`))
		case ext == "svg" && !strings.Contains(string(data), "<svg"):
			t.Errorf("the saved SVG is no SVG: %.80q", data)
		case ext == "png":
			img, err := png.DecodeConfig(bytes.NewReader(data))
			var w float64
			fmt.Sscan(viewBox, &w)
			if err != nil || float64(img.Width) < 2*w-1 {
				t.Errorf("the saved PNG: %v, %d px wide; want a PNG twice the map's %s units", err, img.Width, viewBox)
			}
		}
	}
}

// runWithin runs a browser action that returns a value, with a deadline.
func runWithin[T any](ctx context.Context, d time.Duration, a chromedp.Action[T]) (T, error) {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	return chromedp.Run(ctx, a)
}

// media emulates a CSS media type ("print"), or stops emulating with "".
func media(m string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: m})
		return err
	})
}

// keep saves a test artefact where screenshotter saves screenshots.
func keep(t *testing.T, name string, data []byte) {
	t.Helper()
	dirs := []string{t.ArtifactDir()}
	if d := os.Getenv("GLAPP_SCREENSHOT_DIR"); d != "" {
		dirs = append(dirs, d)
	}
	for _, dir := range dirs {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
