package main

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestBrowser_Agenda opens the agenda from the demo project's page, picks the adult
// social services, and reads its contact, questions, hypotheses and findings as the API
// gives them; printed, the page drops its tools and keeps the agenda.
func TestBrowser_Agenda(t *testing.T) {
	needChromium(t)
	ts := startServer(t, "", nil, "--demo")
	const project, actor = "demo", "soc-vuxen"
	var agenda struct {
		Sections []struct {
			Questions []struct {
				ID       string            `json:"id"`
				Field    string            `json:"field"`
				Question map[string]string `json:"question"`
			} `json:"questions"`
			Findings []struct{} `json:"findings"`
		} `json:"sections"`
	}
	decode(t, ts.must(t, 200, "GET", "/api/v1/projects/"+project+"/agenda?actor="+actor, nil), &agenda)
	if len(agenda.Sections) != 1 || len(agenda.Sections[0].Questions) == 0 {
		t.Fatalf("the demo's agenda for %s has no questions: %+v", actor, agenda)
	}
	sec := agenda.Sections[0]
	q := sec.Questions[0]

	ctx, errs, shot := logIn(t, ts)
	browse(t, ctx, "open the project", chromedp.Click(chromedp.CSS(`a[href="#/projects/`+project+`"]`)))
	browse(t, ctx, "open the agenda", chromedp.Click(chromedp.CSS(`a[href="#/projects/`+project+`/agenda"]`)))
	waitText(t, ctx, "h1", "Dagordning")
	browse(t, ctx, "choose the adult social services",
		chromedp.WaitVisible(chromedp.CSS(`form.agenda-chooser select`)),
		chromedp.SetValue(chromedp.CSS(`form.agenda-chooser select`), actor),
		chromedp.Click(chromedp.CSS(`form.agenda-chooser button[type="submit"]`)),
	)
	waitText(t, ctx, "h1", "Dagordning: Socialtjänsten Åby, vuxenenheten")
	sel := fmt.Sprintf(`[data-actor=%q]`, actor)
	waitText(t, ctx, sel+" .agenda-contact", "enhetschef vuxenenheten")
	waitText(t, ctx, fmt.Sprintf(`%s [data-element=%q][data-field=%q]`, sel, q.ID, q.Field), q.Question["sv"])
	if n := evalString(t, ctx, `String(document.querySelectorAll("[data-actor]").length)`); n != "1" {
		t.Errorf("the agenda of one actor shows %s sections; want 1", n)
	}
	if n := evalString(t, ctx, fmt.Sprintf(`String(document.querySelectorAll(%q).length)`, sel+" [data-fingerprint]")); n != fmt.Sprint(len(sec.Findings)) {
		t.Errorf("the agenda shows %s findings; the API gives %d", n, len(sec.Findings))
	}
	shot("agenda-sv.png")

	browse(t, ctx, "print", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	}))
	got := evalString(t, ctx, `[".site-header", "form.agenda-chooser", "#agenda-print", "[data-actor]"].map((s) => getComputedStyle(document.querySelector(s)).display).join(" ")`)
	if parts := strings.Fields(got); len(parts) != 4 || parts[0] != "none" || parts[1] != "none" || parts[2] != "none" || parts[3] == "none" {
		t.Errorf("printed, header, chooser, print button and agenda display as %q; want the tools hidden and the agenda shown", got)
	}
	noPageErrors(t, errs)
}
