package gaps_test

import (
	"slices"
	"testing"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
	"github.com/google/go-cmp/cmp"
)

const (
	ref      = journeys.HandoverReferral
	jp       = journeys.HandoverJointPlanning
	internal = journeys.HandoverInternal
	advice   = journeys.HandoverAdviceToContact
	selfRef  = journeys.HandoverSelfReferral
)

func TestPingPong(t *testing.T) {
	runRuleCases(t, gaps.RulePingPong, []ruleCase{
		{"BackToSender", journey(
			steps(step("s1", "vc", entry), step("s2", "psy"), step("s3", "vc", terminal)),
			handovers(handover("h1", "s1", "s2", ref), handover("h2", "s2", "s3", ref))),
			[]string{"h1+h2"}},
		{"ThroughAThirdActor", bounceViaThirdActor(), []string{"h1+h2+h3+h4"}},
		{"CycleIsReportedOnce", journey(
			steps(step("s1", "vc", entry), step("s2", "psy"), step("s3", "ber", terminal)),
			handovers(handover("h1", "s1", "s2", ref), handover("h2", "s2", "s1", ref), handover("h3", "s2", "s3", ref))),
			[]string{"h2+h1"}}, // from psy, the smaller actor id: psy → vc → psy
		{"TwoBouncesTwoFindings", journey(
			steps(step("s1", "vc", entry), step("s2", "psy"), step("s3", "vc"), step("s4", "psy", terminal)),
			handovers(handover("h1", "s1", "s2", ref), handover("h2", "s2", "s3", ref), handover("h3", "s3", "s4", ref))),
			[]string{"h1+h2", "h2+h3"}},
		{"ReturnOnOneBranch", journey(
			steps(step("s1", "vc", entry), step("s2", "soc", terminal), step("s3", "psy"), step("s4", "vc", terminal)),
			handovers(handover("h1", "s1", "s2", ref), handover("h2", "s1", "s3", ref), handover("h3", "s3", "s4", ref))),
			[]string{"h2+h3"}},
		{"JointPlanningOnTheWayBack", journey(
			steps(step("s1", "vc", entry), step("s2", "psy"), step("s3", "vc", terminal)),
			handovers(handover("h1", "s1", "s2", ref), handover("h2", "s2", "s3", jp))), nil},
		{"JointPlanningOnTheWayAway", journey(
			steps(step("s1", "vc", entry), step("s2", "psy"), step("s3", "vc", terminal)),
			handovers(handover("h1", "s1", "s2", jp), handover("h2", "s2", "s3", ref))), nil},
		{"JointPlanningInBetween", journey(
			steps(step("s1", "vc", entry), step("s2", "psy"), step("s3", "soc"), step("s4", "vc", terminal)),
			handovers(handover("h1", "s1", "s2", ref), handover("h2", "s2", "s3", jp), handover("h3", "s3", "s4", ref))), nil},
		{"LoopWithJointPlanningInBetween", journey(
			steps(step("s1", "vc", entry), step("s2", "psy"), step("s3", "psy", terminal)),
			handovers(handover("h1", "s1", "s2", ref), handover("h2", "s2", "s1", jp), handover("h3", "s2", "s3", internal))), nil},
		{"LoopWithinOneActor", journey(
			steps(step("s1", "vc", entry), step("s2", "vc"), step("s3", "psy", terminal)),
			handovers(handover("h1", "s1", "s2", internal), handover("h2", "s2", "s1", internal), handover("h3", "s2", "s3", ref))), nil},
		{"NoReturn", journey(
			steps(step("s1", "vc", entry), step("s2", "psy"), step("s3", "soc", terminal)),
			handovers(handover("h1", "s1", "s2", ref), handover("h2", "s2", "s3", ref))), nil},
		{"BranchesMeetTheSameActor", journey(
			steps(step("s1", "vc", entry), step("s2", "soc", terminal), step("s3", "psy"), step("s4", "soc", terminal)),
			handovers(handover("h1", "s1", "s2", ref), handover("h2", "s1", "s3", ref), handover("h3", "s3", "s4", ref))), nil},
	})
}

// bounceViaThirdActor: vc → psy → psy → soc → vc, no joint planning.
func bounceViaThirdActor() *journeys.Journey {
	return journey(
		steps(step("s1", "vc", entry), step("s2", "psy"), step("s3", "psy"), step("s4", "soc"), step("s5", "vc", terminal)),
		handovers(handover("h1", "s1", "s2", ref), handover("h2", "s2", "s3", internal),
			handover("h3", "s3", "s4", ref), handover("h4", "s4", "s5", ref)))
}

func TestPingPong_ReportsTheLoop(t *testing.T) {
	f := one(t, analyze(t, bounceViaThirdActor()), gaps.RulePingPong)
	if diff := cmp.Diff([]string{"s1", "h1", "s2", "h2", "s3", "h3", "s4", "h4", "s5"}, f.Path); diff != "" {
		t.Errorf("Path mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"h1", "h2", "h3", "h4"}, f.Subject); diff != "" {
		t.Errorf("Subject mismatch (-want +got):\n%s", diff)
	}
	if f.Actors == nil || f.Actors.From.ID != "vc" || f.Actors.To.ID != "psy" {
		t.Errorf("Actors = %+v; want vc → psy, the actor left and the first it was handed to", f.Actors)
	}
	want := "The person is handed from Vårdcentral at “Steg s1” to Vuxenpsykiatri and then ends up at Vårdcentral again at “Steg s5”, with no joint planning in between."
	if f.Explanation.EN != want {
		t.Errorf("Explanation.EN = %q;\nwant %q", f.Explanation.EN, want)
	}
}

func TestSelfNavigation(t *testing.T) {
	runRuleCases(t, gaps.RuleSelfNavigation, []ruleCase{
		{"AdviceToContact", pair("vc", "soc", advice), []string{"h1"}},
		{"SelfReferral", pair("vc", "ber", selfRef), []string{"h1"}},
		{"WithinOneActor", pair("vc", "vc", advice), nil},
		{"Referral", pair("vc", "psy", ref), nil},
		{"EachOnItsOwnBranch", journey(
			steps(step("s1", "vc", entry), step("s2", "soc", terminal), step("s3", "ber", terminal)),
			handovers(handover("h1", "s1", "s2", advice), handover("h2", "s1", "s3", selfRef))),
			[]string{"h1", "h2"}},
	})
}

func TestSelfNavigation_SeverityRisesWithHandOffsOnOnePath(t *testing.T) {
	type want struct {
		base gaps.Severity
		path []string
	}
	tests := []struct {
		name string
		j    *journeys.Journey
		want map[string]want // by subject
	}{
		{"One", pair("vc", "soc", advice), map[string]want{"h1": {gaps.SeverityMedium, []string{"h1"}}}},
		{"ThreeInARow", journey(
			steps(step("s1", "vc", entry), step("s2", "soc"), step("s3", "ber"), step("s4", "ngo", terminal)),
			handovers(handover("h1", "s1", "s2", advice), handover("h2", "s2", "s3", selfRef), handover("h3", "s3", "s4", advice))),
			map[string]want{
				"h1": {gaps.SeverityCritical, []string{"h1", "h2", "h3"}},
				"h2": {gaps.SeverityCritical, []string{"h1", "h2", "h3"}},
				"h3": {gaps.SeverityCritical, []string{"h1", "h2", "h3"}},
			}},
		{"TwoWithAReferralBetween", journey(
			steps(step("s1", "vc", entry), step("s2", "soc"), step("s3", "psy"), step("s4", "ngo", terminal)),
			handovers(handover("h1", "s1", "s2", advice), handover("h2", "s2", "s3", ref), handover("h3", "s3", "s4", advice))),
			map[string]want{
				"h1": {gaps.SeverityHigh, []string{"h1", "h3"}},
				"h3": {gaps.SeverityHigh, []string{"h1", "h3"}},
			}},
		{"BranchesDoNotAddUp", journey(
			steps(step("s1", "vc", entry), step("s2", "soc", terminal), step("s3", "ber", terminal)),
			handovers(handover("h1", "s1", "s2", advice), handover("h2", "s1", "s3", selfRef))),
			map[string]want{
				"h1": {gaps.SeverityMedium, []string{"h1"}},
				"h2": {gaps.SeverityMedium, []string{"h2"}},
			}},
		{"DiamondTakesTheHeavierSide", journey(
			steps(step("s1", "vc", entry), step("s2", "soc"), step("s3", "psy"), step("s4", "ngo"), step("s5", "ber", terminal)),
			handovers(handover("h1", "s1", "s2", ref), handover("h2", "s1", "s3", advice),
				handover("h3", "s2", "s4", ref), handover("h4", "s3", "s4", advice), handover("h5", "s4", "s5", selfRef))),
			map[string]want{
				"h2": {gaps.SeverityCritical, []string{"h2", "h4", "h5"}},
				"h4": {gaps.SeverityCritical, []string{"h2", "h4", "h5"}},
				"h5": {gaps.SeverityCritical, []string{"h2", "h4", "h5"}},
			}},
		{"LoopCountsEveryHandOffInIt", journey(
			steps(step("s0", "ngo", entry), step("s1", "vc"), step("s2", "soc"), step("s3", "psy"), step("s4", "ber", terminal)),
			handovers(handover("h0", "s0", "s1", advice), handover("h1", "s1", "s2", advice), handover("h2", "s2", "s1", advice),
				handover("h3", "s2", "s3", ref), handover("h4", "s3", "s4", selfRef))),
			map[string]want{
				"h0": {gaps.SeverityCritical, []string{"h0", "h1", "h2", "h4"}},
				"h1": {gaps.SeverityCritical, []string{"h0", "h1", "h2", "h4"}},
				"h2": {gaps.SeverityCritical, []string{"h0", "h1", "h2", "h4"}},
				"h4": {gaps.SeverityCritical, []string{"h0", "h1", "h2", "h4"}},
			}},
		{"LoopOnOneSideOutweighsAHandOff", journey(
			steps(step("s1", "vc", entry), step("s2", "soc"), step("s3", "ber"), step("s4", "psy"), step("s5", "ngo"), step("s6", "anh", terminal)),
			handovers(handover("h12", "s1", "s2", ref), handover("h23", "s2", "s3", advice), handover("h32", "s3", "s2", advice),
				handover("h35", "s3", "s5", ref), handover("h14", "s1", "s4", ref), handover("h45", "s4", "s5", advice),
				handover("h56", "s5", "s6", selfRef))),
			map[string]want{
				"h23": {gaps.SeverityCritical, []string{"h23", "h32", "h56"}},
				"h32": {gaps.SeverityCritical, []string{"h23", "h32", "h56"}},
				"h45": {gaps.SeverityHigh, []string{"h45", "h56"}},
				"h56": {gaps.SeverityCritical, []string{"h23", "h32", "h56"}},
			}},
		{"LoopAfterwardsOutweighsAHandOff", journey(
			steps(step("s1", "vc", entry), step("s2", "soc"), step("s3", "ber"), step("s4", "psy"), step("s5", "ngo"), step("s6", "anh", terminal)),
			handovers(handover("h12", "s1", "s2", advice), handover("h23", "s2", "s3", ref), handover("h34", "s3", "s4", advice),
				handover("h43", "s4", "s3", advice), handover("h46", "s4", "s6", ref), handover("h25", "s2", "s5", ref),
				handover("h56", "s5", "s6", selfRef))),
			map[string]want{
				"h12": {gaps.SeverityCritical, []string{"h12", "h34", "h43"}},
				"h34": {gaps.SeverityCritical, []string{"h12", "h34", "h43"}},
				"h43": {gaps.SeverityCritical, []string{"h12", "h34", "h43"}},
				"h56": {gaps.SeverityHigh, []string{"h12", "h56"}},
			}},
		{"LoopOfTwo", journey(
			steps(step("s1", "vc", entry), step("s2", "soc"), step("s3", "soc", terminal)),
			handovers(handover("h1", "s1", "s2", advice), handover("h2", "s2", "s1", advice), handover("h3", "s2", "s3", internal))),
			map[string]want{
				"h1": {gaps.SeverityHigh, []string{"h1", "h2"}},
				"h2": {gaps.SeverityHigh, []string{"h1", "h2"}},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := map[string]want{}
			for _, f := range ofRule(analyze(t, tt.j), gaps.RuleSelfNavigation) {
				got[f.Subject[0]] = want{f.BaseSeverity, f.Path}
			}
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(want{})); diff != "" {
				t.Errorf("self_navigation by subject mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSelfNavigation_ExplainsHowManyDoors(t *testing.T) {
	j := journey(
		steps(step("s1", "vc", entry), step("s2", "soc"), step("s3", "ber", terminal)),
		handovers(handover("h1", "s1", "s2", advice), handover("h2", "s2", "s3", selfRef)))
	fs := ofRule(analyze(t, j), gaps.RuleSelfNavigation)
	i := slices.IndexFunc(fs, func(f gaps.Finding) bool { return f.Subject[0] == "h1" })
	want := "At “Steg s1” at Vårdcentral the person must contact Socialtjänst (“Steg s2”) on their own, and on the same path they have to find the next door alone 2 times."
	if i < 0 || fs[i].Explanation.EN != want {
		t.Errorf("self_navigation findings %v; want h1 explained as %q", fs, want)
	}
}

func TestMissingCoordinatedPlan(t *testing.T) {
	runRuleCases(t, gaps.RuleMissingCoordinatedPlan, []ruleCase{
		{"RegionToMunicipality", pair("vc", "soc", ref), []string{"j1"}},
		{"MunicipalityToRegion", pair("soc", "vc", ref), []string{"j1"}},
		{"NotConnectedAtAll", journey(
			steps(step("s1", "ngo", entry), step("s2", "vc", terminal), step("s3", "soc", terminal)),
			handovers(handover("h1", "s1", "s2", ref), handover("h2", "s1", "s3", ref))), []string{"j1"}},
		{"JointPlanningOffThePath", journey(
			steps(step("s1", "vc", entry), step("s2", "soc", terminal), step("s3", "ngo", entry), step("s4", "anh", terminal)),
			handovers(handover("h1", "s1", "s2", ref), handover("h2", "s3", "s4", jp))), []string{"j1"}},
		{"JointPlanningBehindTheRegionStep", journey(
			steps(step("s1", "ngo", entry), step("s2", "anh"), step("s3", "vc"), step("s4", "soc", terminal)),
			handovers(handover("h1", "s1", "s2", jp), handover("h2", "s2", "s3", ref), handover("h3", "s3", "s4", ref))), []string{"j1"}},
		{"OnlyRegion", pair("vc", "psy", ref), nil},
		{"OnlyMunicipality", pair("skola", "soc", ref), nil},
		{"JointPlanningBetweenThem", pair("vc", "soc", jp), nil},
		{"JointPlanningFromMunicipalityToRegion", pair("soc", "vc", jp), nil},
		{"JointPlanningWithinTheRegionOnTheWay", journey(
			steps(step("s1", "vc", entry), step("s2", "psy"), step("s3", "soc", terminal)),
			handovers(handover("h1", "s1", "s2", jp), handover("h2", "s2", "s3", ref))), nil},
		{"JointPlanningBackToTheRegion", journey(
			steps(step("s1", "vc", entry), step("s2", "soc"), step("s3", "vc", terminal)),
			handovers(handover("h1", "s1", "s2", ref), handover("h2", "s2", "s3", jp))), nil},
	})
}

// Of two municipality steps equally near, the path leads to the one with the smaller id,
// whatever the order of the document.
func TestMissingCoordinatedPlan_PathDoesNotDependOnOrder(t *testing.T) {
	for _, reverse := range []bool{false, true} {
		j := journey(
			steps(step("s1", "vc", entry), step("s2", "soc", terminal), step("s3", "skola", terminal)),
			handovers(handover("h1", "s1", "s2", ref), handover("h2", "s1", "s3", ref)))
		if reverse {
			slices.Reverse(j.Steps)
			slices.Reverse(j.Handovers)
		}
		f := one(t, analyze(t, j), gaps.RuleMissingCoordinatedPlan)
		if diff := cmp.Diff([]string{"s1", "h1", "s2"}, f.Path); diff != "" {
			t.Errorf("reversed %v: Path mismatch (-want +got):\n%s", reverse, diff)
		}
	}
}

func TestMissingCoordinatedPlan_ShowsAPathBetweenTheSectors(t *testing.T) {
	j := journey(
		steps(step("s1", "ngo", entry), step("s2", "vc"), step("s3", "psy"), step("s4", "soc", terminal)),
		handovers(handover("h1", "s1", "s2", ref), handover("h2", "s2", "s3", ref), handover("h3", "s3", "s4", ref)))
	f := one(t, analyze(t, j), gaps.RuleMissingCoordinatedPlan)
	if diff := cmp.Diff([]string{"s3", "h3", "s4"}, f.Path); diff != "" {
		t.Errorf("Path mismatch (-want +got):\n%s", diff)
	}
	if f.Actors == nil || f.Actors.From.ID != "psy" || f.Actors.To.ID != "soc" {
		t.Errorf("Actors = %+v; want psy → soc", f.Actors)
	}
	if want := "Resan går mellan Vuxenpsykiatri i regionen och Socialtjänst i kommunen utan någon samordnad individuell plan (SIP) på vägen mellan dem."; f.Explanation.SV != want {
		t.Errorf("Explanation.SV = %q;\nwant %q", f.Explanation.SV, want)
	}
	if f.Stage != "" || f.Actor != nil {
		t.Errorf("a journey-level finding has Stage %q, Actor %+v; want none", f.Stage, f.Actor)
	}
}

// Between equally heavy walks the one by smaller hand-over ids is reported, whatever the
// order of the document.
func TestSelfNavigation_PathDoesNotDependOnOrder(t *testing.T) {
	for _, reverse := range []bool{false, true} {
		j := journey(
			steps(step("s1", "vc", entry), step("s2", "soc"), step("s3", "ber"), step("s4", "psy"), step("s5", "ngo", terminal)),
			handovers(handover("hA", "s1", "s2", advice), handover("hB", "s1", "s3", advice),
				handover("h24", "s2", "s4", ref), handover("h34", "s3", "s4", ref), handover("hZ", "s4", "s5", selfRef)))
		if reverse {
			slices.Reverse(j.Steps)
			slices.Reverse(j.Handovers)
		}
		for _, f := range ofRule(analyze(t, j), gaps.RuleSelfNavigation) {
			if f.Subject[0] == "hZ" && !slices.Equal(f.Path, []string{"hA", "hZ"}) {
				t.Errorf("reversed %v: hZ path = %v; want [hA hZ]", reverse, f.Path)
			}
		}
		// The mirror image: two equally heavy ways on after the hand-off.
		j = journey(
			steps(step("s0", "ngo", entry), step("s1", "vc"), step("s2", "soc"), step("s3", "ber"), step("s4", "psy", terminal)),
			handovers(handover("hA", "s0", "s1", advice), handover("h12", "s1", "s2", ref), handover("h13", "s1", "s3", ref),
				handover("hQ", "s3", "s4", advice), handover("hP", "s2", "s4", advice)))
		if reverse {
			slices.Reverse(j.Steps)
			slices.Reverse(j.Handovers)
		}
		for _, f := range ofRule(analyze(t, j), gaps.RuleSelfNavigation) {
			if f.Subject[0] == "hA" && !slices.Equal(f.Path, []string{"hA", "hP"}) {
				t.Errorf("reversed %v: hA path = %v; want [hA hP]", reverse, f.Path)
			}
		}
	}
}

// A cycle between two actors is found from each of them; it is reported once, from the
// actor with the smaller id, whatever the order of the document.
func TestPingPong_CycleIsReportedFromTheSmallerActorID(t *testing.T) {
	for _, reverse := range []bool{false, true} {
		j := journey(
			steps(step("s1", "vc", entry), step("s2", "psy"), step("s3", "psy", terminal)),
			handovers(handover("h1", "s1", "s2", ref), handover("h2", "s2", "s1", ref), handover("h3", "s2", "s3", internal)))
		if reverse {
			slices.Reverse(j.Steps)
			slices.Reverse(j.Handovers)
		}
		f := one(t, analyze(t, j), gaps.RulePingPong)
		if !slices.Equal(f.Path, []string{"s2", "h2", "s1", "h1", "s2"}) || f.Actors.From.ID != "psy" {
			t.Errorf("reversed %v: path %v from %s; want the loop from psy", reverse, f.Path, f.Actors.From.ID)
		}
	}
}
