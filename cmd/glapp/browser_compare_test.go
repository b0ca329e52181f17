package main

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowser_Compare opens the demo's adult to-be from its journey page, follows the link
// to the comparison with its as-is and finds the places where the to-be resolves the
// as-is's findings marked on its map, then opens the plan's conformance over the demo's
// lived journeys.
func TestBrowser_Compare(t *testing.T) {
	needChromium(t)
	ts := startServer(t, "", nil, "--demo")
	const project, plan = "demo", "vuxen-onskat-lage"
	ctx, errs, shot := logIn(t, ts)
	browse(t, ctx, "open the to-be", chromedp.Navigate(ts.URL+"/ui/#/projects/"+project+"/journeys/"+plan))
	browse(t, ctx, "compare it with its as-is",
		chromedp.WaitVisible(chromedp.CSS(`a.compare-link`)),
		chromedp.Click(chromedp.CSS(`a.compare-link`)),
	)
	waitText(t, ctx, ".compare-resolved h2", "Lösta fynd")
	marked := poll(t, ctx, `String(document.querySelectorAll("svg.journey-map .resolves").length)`,
		func(s string) bool { return s != "" && s != "0" }, "for resolved findings marked on the map")
	t.Logf("%s elements of the to-be marked as resolving findings", marked)
	shot("compare-sv.png")

	browse(t, ctx, "open the plan's conformance", chromedp.Navigate(ts.URL+"/ui/#/projects/"+project+"/journeys/"+plan+"/conformance"))
	waitText(t, ctx, "h1", "Följsamhet")
	waitText(t, ctx, `.conformance-kinds [data-kind="missing"]`, "Planerat steg saknas")
	waitText(t, ctx, `.conformance-steps [data-step="vo-s05"]`, "SIP")
	shot("conformance-sv.png")

	noPageErrors(t, errs)
}
