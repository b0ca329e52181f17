package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowser_ReportSince chooses the demo's baseline in the project report's filters and
// finds the counts since it, each finding marked new or persisting, and the report's
// address holding the choice.
func TestBrowser_ReportSince(t *testing.T) {
	needChromium(t)
	ts := startServer(t, "", nil, "--demo")
	ctx, errs, shot := logIn(t, ts)
	browse(t, ctx, "open the project report", chromedp.Navigate(ts.URL+"/ui/#/projects/demo/gaps"))
	browse(t, ctx, "choose the baseline",
		chromedp.WaitVisible(chromedp.CSS(`select[name="since"]`)),
		chromedp.SetValue(chromedp.CSS(`select[name="since"]`), "start"),
		chromedp.Click(chromedp.CSS(`form.filters button[type="submit"]`)),
	)
	waitText(t, ctx, ".report-results", "Sedan baslinjen start:")
	poll(t, ctx, `String(document.querySelectorAll(".since-mark.since-new").length > 0 && document.querySelectorAll(".since-mark.since-persisting").length > 0)`,
		func(s string) bool { return s == "true" }, "for findings marked new and persisting")
	if hash, want := evalString(t, ctx, `location.hash`), "since=start"; !strings.Contains(hash, want) {
		t.Errorf("the report's address is %q; want it to hold %q", hash, want)
	}
	shot("report-since-sv.png")
	noPageErrors(t, errs)
}
