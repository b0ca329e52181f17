package offering

import (
	"slices"
	"testing"

	"github.com/glapp/glapp/journeys"
)

func ptr[T any](v T) *T { return &v }

// smallProject shows each kind of item: a need for children that nothing covers, a
// support no journey reaches, a support people reach only by finding it themselves, and
// an entry that only sends people on.
func smallProject() Input {
	actors := []journeys.Actor{
		{ID: "skola", Name: "Elevhälsan", Sector: journeys.SectorMunicipality},
		{ID: "bup", Name: "BUP", Sector: journeys.SectorRegion, Offers: []journeys.Offer{
			{ID: "bup-bedomning", Name: "Bedömning", Level: journeys.LevelSpecialist, AgeGroups: []journeys.AgeGroup{journeys.AgeChild}, Access: journeys.AccessReferral},
		}},
		{ID: "umo", Name: "Ungdomsmottagning", Sector: journeys.SectorRegion, Offers: []journeys.Offer{
			{ID: "umo-samtal", Name: "Stödsamtal", Level: journeys.LevelFirstLine, AgeGroups: []journeys.AgeGroup{journeys.AgeChild}, Access: journeys.AccessSelfReferral},
		}},
		{ID: "1177", Name: "Nationell självhjälp", Sector: journeys.SectorNational, Offers: []journeys.Offer{
			{ID: "egen-kbt", Name: "Självhjälpsprogram", Level: journeys.LevelSelfHelp, Channels: []journeys.Channel{journeys.ChannelDigital}, Access: journeys.AccessSelfReferral},
		}},
	}
	needs := []journeys.Need{
		{ID: "oro", Title: "Stöd vid oro", TargetGroup: "Unga med oro", AgeGroup: journeys.AgeChild, Level: journeys.LevelFirstLine},
		{ID: "vuxen-oro", Title: "Stöd för vuxna", TargetGroup: "Vuxna med oro", AgeGroup: journeys.AgeAdult, Level: journeys.LevelPrimary},
		{ID: "utredning", Title: "Utredning", TargetGroup: "unga med oro", AgeGroup: journeys.AgeChild, Level: journeys.LevelSpecialist},
	}
	j := &journeys.Journey{ID: "j1", Title: "Ung med oro", Kind: journeys.KindAsIs, TargetGroup: "unga med oro", AgeGroup: journeys.AgeChild,
		Steps: []journeys.Step{
			{ID: "s1", Title: "Pratar med skolkuratorn", Actor: "skola", Entry: true},
			{ID: "s2", Title: "Söker sig till ungdomsmottagningen", Actor: "umo", Channel: journeys.ChannelVisit, WaitDays: &journeys.WaitDays{Observed: ptr(14)}},
			{ID: "s3", Title: "Bedömning på BUP", Actor: "bup", WaitDays: &journeys.WaitDays{Expected: ptr(30), Observed: ptr(90)}, Terminal: true},
		},
		Handovers: []journeys.Handover{
			{ID: "h1", From: "s1", To: "s2", Type: journeys.HandoverAdviceToContact, WaitDays: &journeys.WaitDays{Observed: ptr(3)}},
			{ID: "h2", From: "s2", To: "s3", Type: journeys.HandoverReferral},
		},
		Insights: []journeys.Insight{
			{ID: "i1", Text: "Jag fick en lapp med ett nummer.", Kind: journeys.InsightQuote, About: []string{"h1"}},
			{ID: "i2", Text: "Det finns inget för oro innan det blir värre.", Kind: journeys.InsightPainPoint, About: []string{"utredning", "oro"}},
			{ID: "i3", Text: "Ingen visste att programmet fanns.", Kind: journeys.InsightObservation, About: []string{"egen-kbt"}},
		},
	}
	plan := &journeys.Journey{ID: "j0", Title: "Önskat läge", Kind: journeys.KindToBe, TargetGroup: "unga med oro", AgeGroup: journeys.AgeChild,
		Steps: []journeys.Step{{ID: "t1", Title: "Självhjälp", Actor: "1177", Channel: journeys.ChannelDigital, Entry: true}}}
	measures := []journeys.Measure{{ID: "starts", Goal: "g", Name: "Påbörjade program", Unit: "count", Direction: journeys.DirectionIncrease,
		Scope:        &journeys.MeasureScope{Offers: []string{"egen-kbt"}},
		Observations: []journeys.Observation{{At: "2026-06-01", Value: 40}, {At: "2026-01-01", Value: 12}}}}
	return Input{Actors: actors, Needs: needs, Journeys: []*journeys.Journey{j, plan}, Measures: measures}
}

func find(r Report, k Kind, id string) *Item {
	for i := range r.Items {
		it := &r.Items[i]
		if it.Kind == k && (it.Need == id || it.Offer == id || len(it.Steps) > 0 && it.Steps[0].Step == id) {
			return it
		}
	}
	return nil
}

func TestBuild(t *testing.T) {
	r := Build(smallProject())

	// The children's first-line need: the youth clinic's offer is for children at first
	// line with no target group named, so it covers it; the adults' need has nothing.
	if it := find(r, UncoveredNeed, "oro"); it != nil {
		t.Errorf("need oro reported uncovered: %+v; umo-samtal covers it", it)
	}
	it := find(r, UncoveredNeed, "vuxen-oro")
	if it == nil {
		t.Fatalf("Build() items = %+v; want need vuxen-oro uncovered", r.Items)
	}

	it = find(r, UnreachedSupport, "egen-kbt")
	if it == nil {
		t.Fatalf("Build() items = %+v; want egen-kbt unreached (only a to-be journey reaches it)", r.Items)
	}
	if len(it.Evidence) != 1 || it.Evidence[0].Insight != "i3" {
		t.Errorf("unreached egen-kbt evidence = %+v; want insight i3", it.Evidence)
	}

	it = find(r, SelfFoundSupport, "umo-samtal")
	if it == nil {
		t.Fatalf("Build() items = %+v; want umo-samtal found alone (advice to contact)", r.Items)
	}
	if !slices.Equal(it.Journeys, []string{"j1"}) || len(it.Steps) != 1 || it.Steps[0].Step != "s2" {
		t.Errorf("self-found umo-samtal = %+v; want journey j1, step s2", it)
	}
	if find(r, SelfFoundSupport, "bup-bedomning") != nil || find(r, UnreachedSupport, "bup-bedomning") != nil {
		t.Errorf("bup-bedomning reported; it is reached by referral")
	}

	it = find(r, SendingEntry, "s1")
	if it == nil {
		t.Fatalf("Build() items = %+v; want entry s1 sending on", r.Items)
	}
	if !slices.Equal(it.Sends, []string{"umo"}) || len(it.Evidence) != 1 || it.Evidence[0].Insight != "i1" {
		t.Errorf("sending entry s1 = %+v; want sends [umo] and evidence i1 (about its hand-over)", it)
	}

	if len(r.Burden) != 1 {
		t.Fatalf("Build() burden = %+v; want one journey (the to-be plan does not count)", r.Burden)
	}
	b := r.Burden[0]
	// Doors found alone: the entry s1 and s2 (advice to contact). The needed level is the
	// highest of the matching needs (utredning, specialist); s3 gives it after the
	// hand-over's 3 days, s2's 14 and its own observed 90.
	if b.DoorsFoundAlone != 2 || b.Need != "utredning" || b.NeededLevel != journeys.LevelSpecialist || b.DaysToHelp == nil || *b.DaysToHelp != 107 || b.HelpStep != "s3" {
		t.Errorf("burden = %+v (days %v); want 2 doors, need utredning at specialist, 107 days to s3", b, b.DaysToHelp)
	}

	var kbt *Support
	for i := range r.Supports {
		if r.Supports[i].ID == "egen-kbt" {
			kbt = &r.Supports[i]
		}
	}
	if kbt == nil || len(kbt.Usage) != 1 || kbt.Usage[0].Latest == nil || kbt.Usage[0].Latest.Value != 40 {
		t.Errorf("support egen-kbt = %+v; want its usage measure with the latest observation, 40", kbt)
	}
}

// The filter keeps what is for children: the adults' need goes.
func TestBuildFilter(t *testing.T) {
	in := smallProject()
	in.Filter = Filter{AgeGroup: journeys.AgeChild}
	r := Build(in)
	if find(r, UncoveredNeed, "vuxen-oro") != nil {
		t.Errorf("ageGroup=child kept the adults' need: %+v", r.Items)
	}
	for _, n := range r.Needs {
		if n.AgeGroup == journeys.AgeAdult {
			t.Errorf("ageGroup=child kept need %q", n.ID)
		}
	}
	// Without a first-line offer for children, the children's need is uncovered.
	in.Actors[2].Offers[0].Level = journeys.LevelPrimary
	r = Build(in)
	it := find(r, UncoveredNeed, "oro")
	if it == nil || !slices.Equal(it.Journeys, []string{"j1"}) || len(it.Evidence) != 1 || it.Evidence[0].Insight != "i2" {
		t.Errorf("need oro = %+v; want uncovered, with journey j1 and insight i2", it)
	}
	// Without the specialist need, the needed level is first line, and the youth
	// clinic's primary-level talks at s2 are help at it or above.
	in.Needs = in.Needs[:2]
	if b := Build(in).Burden[0]; b.HelpStep != "s2" || b.DaysToHelp == nil || *b.DaysToHelp != 17 {
		t.Errorf("burden = %+v; want help at s2 after 17 days: primary is above the needed first line", b)
	}
}

func TestSendsOn(t *testing.T) {
	j := smallProject().Journeys[0]
	if _, ok := SendsOn(j, &j.Steps[1]); ok {
		t.Errorf("SendsOn(s2) = true; want false: not an entry")
	}
	// The same actor meets the person again later: the entry helped.
	j.Steps[2].Actor = "skola"
	if _, ok := SendsOn(j, &j.Steps[0]); ok {
		t.Errorf("SendsOn(s1) = true; want false: the person meets the school again at s3")
	}
}
