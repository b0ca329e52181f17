package compare_test

import (
	"slices"
	"testing"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/compare"
	"github.com/glapp/glapp/journeys/gaps"
)

func ptr[T any](v T) *T { return &v }

var actors = []journeys.Actor{
	{ID: "vc", Name: "Vårdcentral", Sector: journeys.SectorRegion, Kind: "primary_care", AgeGroup: journeys.AgeAny},
	{ID: "psy", Name: "Vuxenpsykiatri", Sector: journeys.SectorRegion, Kind: "psychiatry", AgeGroup: journeys.AgeAdult},
	{ID: "soc", Name: "Socialtjänst", Sector: journeys.SectorMunicipality, Kind: "social_services", AgeGroup: journeys.AgeAdult},
	{ID: "ber", Name: "Beroendevård", Sector: journeys.SectorRegion, Kind: "addiction_care", AgeGroup: journeys.AgeAdult},
}

func actorMap() map[string]journeys.Actor {
	m := map[string]journeys.Actor{}
	for _, a := range actors {
		m[a.ID] = a
	}
	return m
}

func step(id, actor string, expected, observed *int) journeys.Step {
	return journeys.Step{ID: id, Title: "Steg " + id, Stage: "s", Actor: actor, Channel: journeys.ChannelVisit,
		WaitDays: &journeys.WaitDays{Expected: expected, Observed: observed}, Emotion: ptr(0)}
}

func handover(id, from, to, responsible string) journeys.Handover {
	return journeys.Handover{ID: id, From: from, To: to, Type: journeys.HandoverReferral, Responsible: ptr(responsible),
		Information: journeys.InformationFull, Acknowledged: ptr(true), FollowUp: ptr(true),
		WaitDays: &journeys.WaitDays{Expected: ptr(7)}}
}

// asIs has an unowned hand-over that loses information (h1) and one nobody acknowledges
// (h2).
func asIs() *journeys.Journey {
	j := &journeys.Journey{ID: "nu", Title: "Nuläge", Kind: journeys.KindAsIs, Actors: actors,
		Stages:    []journeys.Stage{{ID: "s", Name: "Fas", Order: 1}},
		Steps:     []journeys.Step{step("a1", "vc", ptr(1), ptr(1)), step("a2", "psy", ptr(1), ptr(1)), step("a3", "soc", ptr(1), ptr(1))},
		Handovers: []journeys.Handover{handover("h1", "a1", "a2", "vc"), handover("h2", "a2", "a3", "psy")}}
	j.Steps[0].Entry, j.Steps[2].Terminal = true, true
	j.Handovers[0].Responsible = ptr("")
	j.Handovers[0].Information = journeys.InformationPartial
	j.Handovers[1].Acknowledged = ptr(false)
	return j
}

// toBe mends h1, keeps h2 as it was, and adds a step a4 reached by a hand-over nobody
// follows up (h3).
func toBe() *journeys.Journey {
	j := asIs()
	j.ID, j.Title, j.Kind, j.BasedOn = "mal", "Önskat läge", journeys.KindToBe, "nu"
	j.Handovers[0] = handover("h1", "a1", "a2", "vc")
	j.Steps[2].Terminal = false
	j.Steps = append(j.Steps, step("a4", "ber", ptr(3), nil))
	j.Steps[3].Terminal = true
	h3 := handover("h3", "a3", "a4", "soc")
	h3.FollowUp = ptr(false)
	j.Handovers = append(j.Handovers, h3)
	return j
}

func report(t *testing.T, j *journeys.Journey) *gaps.JourneyReport {
	t.Helper()
	r, err := gaps.Analyze(t.Context(), j, actorMap(), journeys.Settings{})
	if err != nil {
		t.Fatal(err)
	}
	return &r
}

func has(fs []gaps.Finding, rule gaps.Rule, subject string) bool {
	return slices.ContainsFunc(fs, func(f gaps.Finding) bool { return f.Rule == rule && slices.Contains(f.Subject, subject) })
}

func TestImprovement_ResolvedRemainingNew(t *testing.T) {
	from, to := asIs(), toBe()
	c, err := compare.Journeys(from, to, report(t, from), report(t, to))
	if err != nil {
		t.Fatal(err)
	}
	if c.Kind != compare.KindImprovement || !c.Linked || c.Note != nil {
		t.Fatalf("kind, linked, note = %q, %v, %v; want improvement, linked, no note", c.Kind, c.Linked, c.Note)
	}
	fd := c.Improvement.Findings
	for _, rule := range []gaps.Rule{gaps.RuleUnownedHandover, gaps.RuleInformationLoss} {
		if !has(fd.Resolved, rule, "h1") {
			t.Errorf("resolved lacks %s on h1: %+v", rule, fd.Resolved)
		}
	}
	i := slices.IndexFunc(fd.Remaining, func(r compare.Remaining) bool { return r.Rule == gaps.RuleUnacknowledgedHandover })
	if i < 0 || fd.Remaining[i].MatchedBy != compare.MatchSubject || fd.Remaining[i].Journey != "mal" {
		t.Errorf("remaining = %+v; want unacknowledged_handover on h2 in mal, matched by subject", fd.Remaining)
	}
	if !has(fd.New, gaps.RuleNoFollowUp, "h3") {
		t.Errorf("new lacks no_follow_up on h3: %+v", fd.New)
	}
	if has(fd.New, gaps.RuleUnacknowledgedHandover, "h2") || has(fd.Resolved, gaps.RuleUnacknowledgedHandover, "h2") {
		t.Errorf("h2's finding is counted as resolved or new; it remains")
	}
	if fd.Counts.Resolved != len(fd.Resolved) || fd.Counts.New != len(fd.New) || fd.Counts.Remaining != len(fd.Remaining) {
		t.Errorf("counts %+v disagree with the lists", fd.Counts)
	}
	imp := c.Improvement
	if !slices.Equal(imp.Steps.Added, []string{"a4"}) || len(imp.Steps.Removed) != 0 {
		t.Errorf("steps added, removed = %v, %v; want [a4], []", imp.Steps.Added, imp.Steps.Removed)
	}
	if !slices.Equal(imp.Handovers.Added, []string{"h3"}) {
		t.Errorf("hand-overs added = %v; want [h3]", imp.Handovers.Added)
	}
	want := compare.Change{ID: "h1", Fields: []string{"responsible", "information"}}
	if len(imp.Handovers.Changed) != 1 || imp.Handovers.Changed[0].ID != want.ID || !slices.Equal(imp.Handovers.Changed[0].Fields, want.Fields) {
		t.Errorf("hand-overs changed = %+v; want [%+v]", imp.Handovers.Changed, want)
	}
	if len(imp.Steps.Changed) != 1 || imp.Steps.Changed[0].ID != "a3" || !slices.Equal(imp.Steps.Changed[0].Fields, []string{"terminal"}) {
		t.Errorf("steps changed = %+v; want a3's terminal", imp.Steps.Changed)
	}
	m := imp.Metrics[slices.IndexFunc(imp.Metrics, func(p compare.MetricPair) bool { return p.Metric == journeys.MetricHandoversWithResponsible })]
	if *m.From.Value != 0.5 || *m.To.Value != 1 {
		t.Errorf("handovers_with_responsible = %v → %v; want 0.5 → 1", *m.From.Value, *m.To.Value)
	}
	if len(imp.Metrics) != len(journeys.Metrics) {
		t.Errorf("%d metrics; want every one of %d", len(imp.Metrics), len(journeys.Metrics))
	}
}

// A to-be that rebuilt the hand-over under a new id keeps the finding by place: same
// rule, same actors, same stage.
func TestImprovement_MatchByPlace(t *testing.T) {
	from, to := asIs(), toBe()
	to.Handovers[1].ID = "h2-ny"
	c, err := compare.Journeys(from, to, report(t, from), report(t, to))
	if err != nil {
		t.Fatal(err)
	}
	fd := c.Improvement.Findings
	i := slices.IndexFunc(fd.Remaining, func(r compare.Remaining) bool { return r.Rule == gaps.RuleUnacknowledgedHandover })
	if i < 0 || fd.Remaining[i].MatchedBy != compare.MatchPlace || !slices.Contains(fd.Remaining[i].Subject, "h2-ny") {
		t.Fatalf("remaining = %+v; want unacknowledged_handover on h2-ny, matched by place", fd.Remaining)
	}
	if !slices.Equal(c.Improvement.Handovers.Removed, []string{"h2"}) {
		t.Errorf("removed = %v; want [h2]", c.Improvement.Handovers.Removed)
	}
}

func TestImprovement_UnlinkedSaysSo(t *testing.T) {
	from, to := asIs(), toBe()
	to.BasedOn = ""
	c, err := compare.Journeys(from, to, report(t, from), report(t, to))
	if err != nil {
		t.Fatal(err)
	}
	if c.Linked || c.Note == nil {
		t.Errorf("linked, note = %v, %v; want unlinked with a note", c.Linked, c.Note)
	}
}

func TestKindOf_Errors(t *testing.T) {
	plan := toBe()
	lived := &journeys.Journey{ID: "l1", Kind: journeys.KindLived, BasedOn: "mal"}
	other := &journeys.Journey{ID: "l2", Kind: journeys.KindLived, BasedOn: "mal"}
	for _, tc := range []struct {
		name     string
		from, to *journeys.Journey
	}{
		{"itself", plan, plan},
		{"two lived", lived, other},
		{"lived not based on from", asIs(), lived},
		{"lived from not based on to", lived, asIs()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := compare.KindOf(tc.from, tc.to); journeys.ErrorCode(err) != journeys.Invalid {
				t.Errorf("KindOf = %v; want INVALID", err)
			}
		})
	}
	if k, err := compare.KindOf(lived, plan); err != nil || k != compare.KindConformance {
		t.Errorf("KindOf(lived, its plan) = %q, %v; want conformance", k, err)
	}
}
