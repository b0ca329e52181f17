package gaps_test

import (
	"testing"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
)

// pair is the smallest journey with one hand-over: s1 (fromActor, entry) → s2 (toActor,
// terminal), with the hand-over changed by opts.
func pair(fromActor, toActor string, t journeys.HandoverType, opts ...func(*journeys.Handover)) *journeys.Journey {
	return journey(
		steps(step("s1", fromActor, entry), step("s2", toActor, terminal)),
		handovers(handover("h1", "s1", "s2", t, opts...)))
}

func TestUnownedHandover(t *testing.T) {
	runRuleCases(t, gaps.RuleUnownedHandover, []ruleCase{
		{"NullBetweenActors", pair("vc", "psy", journeys.HandoverReferral, responsible(nil)), []string{"h1"}},
		{"OutsiderWhoTakesNoStep", pair("vc", "psy", journeys.HandoverReferral, responsible(ptr("ngo"))), []string{"h1"}},
		{"OutsiderOnSameActorHandover", pair("vc", "vc", journeys.HandoverInternal, responsible(ptr("ngo"))), []string{"h1"}},
		{"NullWithinOneActorIsThatActor", pair("vc", "vc", journeys.HandoverInternal, responsible(nil)), nil},
		{"SenderHolds", pair("vc", "psy", journeys.HandoverReferral, responsible(ptr("vc"))), nil},
		{"ReceiverHolds", pair("vc", "psy", journeys.HandoverReferral, responsible(ptr("psy"))), nil},
		{"ThirdActorWhoTakesAStep", journey(
			steps(step("s1", "vc", entry), step("s2", "psy"), step("s3", "ngo", terminal)),
			handovers(
				handover("h1", "s1", "s2", journeys.HandoverReferral, responsible(ptr("ngo"))),
				handover("h2", "s2", "s3", journeys.HandoverConsultation))), nil},
	})
}

func TestUnownedHandover_ExplainsWhoIsMissing(t *testing.T) {
	j := pair("vc", "soc", journeys.HandoverReferral, responsible(nil))
	j.Steps[0].Title, j.Steps[1].Title = "Ringer vårdcentralen", "Kontaktar socialtjänsten själv"
	f := one(t, analyze(t, j), gaps.RuleUnownedHandover)
	want := gaps.Text{
		SV: "Vid överlämningen från Vårdcentral (”Ringer vårdcentralen”) till Socialtjänst (”Kontaktar socialtjänsten själv”) är ingen ansvarig för personen medan hen är mellan dem.",
		EN: "At the hand-over from Vårdcentral (“Ringer vårdcentralen”) to Socialtjänst (“Kontaktar socialtjänsten själv”), nobody is responsible for the person while they are between the two.",
	}
	if f.Explanation != want {
		t.Errorf("Explanation = %+v;\nwant %+v", f.Explanation, want)
	}
	if f.Actors == nil || f.Actors.From != (gaps.ActorRef{ID: "vc", Name: "Vårdcentral"}) || f.Actors.To.ID != "soc" {
		t.Errorf("Actors = %+v; want vc → soc with names", f.Actors)
	}
	if f.Stage != "Söka hjälp" || f.Category != gaps.CategoryResponsibility || f.Journey != "j1" {
		t.Errorf("Stage, Category, Journey = %q, %q, %q", f.Stage, f.Category, f.Journey)
	}

	j = pair("vc", "psy", journeys.HandoverReferral, responsible(ptr("ngo")))
	f = one(t, analyze(t, j), gaps.RuleUnownedHandover)
	if want := "At the hand-over from Vårdcentral (“Steg s1”) to Vuxenpsykiatri (“Steg s2”), Brukarföreningen is named responsible but neither sends, receives nor takes any step in the journey."; f.Explanation.EN != want {
		t.Errorf("Explanation.EN = %q; want %q", f.Explanation.EN, want)
	}
}

func TestUnacknowledgedHandover(t *testing.T) {
	runRuleCases(t, gaps.RuleUnacknowledgedHandover, []ruleCase{
		{"FalseBetweenActors", pair("vc", "psy", journeys.HandoverReferral, acknowledged(ptr(false))), []string{"h1"}},
		{"NullIsUnknown", pair("vc", "psy", journeys.HandoverReferral, acknowledged(nil)), nil},
		{"True", pair("vc", "psy", journeys.HandoverReferral, acknowledged(ptr(true))), nil},
		{"FalseWithinOneActor", pair("vc", "vc", journeys.HandoverInternal, acknowledged(ptr(false))), nil},
	})
}

func TestInformationLoss(t *testing.T) {
	runRuleCases(t, gaps.RuleInformationLoss, []ruleCase{
		{"None", pair("vc", "psy", journeys.HandoverReferral, information(journeys.InformationNone)), []string{"h1"}},
		{"Partial", pair("vc", "psy", journeys.HandoverReferral, information(journeys.InformationPartial)), []string{"h1"}},
		{"Full", pair("vc", "psy", journeys.HandoverReferral, information(journeys.InformationFull)), nil},
		{"UnknownIsUnknown", pair("vc", "psy", journeys.HandoverReferral, information(journeys.InformationUnknown)), nil},
		{"AbsentIsUnknown", pair("vc", "psy", journeys.HandoverReferral, information("")), nil},
		{"NoneWithinOneActor", pair("vc", "vc", journeys.HandoverInternal, information(journeys.InformationNone)), nil},
	})
}

func TestInformationLoss_BaseSeverityByHowMuchIsLost(t *testing.T) {
	for info, want := range map[journeys.Information]gaps.Severity{
		journeys.InformationNone:    gaps.SeverityHigh,
		journeys.InformationPartial: gaps.SeverityMedium,
	} {
		f := one(t, analyze(t, pair("vc", "psy", journeys.HandoverReferral, information(info))), gaps.RuleInformationLoss)
		if f.BaseSeverity != want || f.Severity != want {
			t.Errorf("information %s: base %s, severity %s; want %s", info, f.BaseSeverity, f.Severity, want)
		}
	}
}

func TestNoFollowUp(t *testing.T) {
	notFollowed := followUp(ptr(false))
	runRuleCases(t, gaps.RuleNoFollowUp, []ruleCase{
		{"Discharge", pair("psy", "vc", journeys.HandoverDischarge, notFollowed), []string{"h1"}},
		{"Referral", pair("vc", "psy", journeys.HandoverReferral, notFollowed), []string{"h1"}},
		{"AdviceToContact", pair("vc", "soc", journeys.HandoverAdviceToContact, notFollowed), []string{"h1"}},
		{"Consultation", pair("vc", "psy", journeys.HandoverConsultation, notFollowed), nil},
		{"JointPlanning", pair("vc", "soc", journeys.HandoverJointPlanning, notFollowed), nil},
		{"SelfReferral", pair("vc", "ber", journeys.HandoverSelfReferral, notFollowed), nil},
		{"NullIsUnknown", pair("psy", "vc", journeys.HandoverDischarge, followUp(nil)), nil},
		{"FollowedUp", pair("psy", "vc", journeys.HandoverDischarge, followUp(ptr(true))), nil},
		{"WithinOneActor", pair("psy", "psy", journeys.HandoverDischarge, notFollowed), nil},
	})
}

func TestAgeTransition(t *testing.T) {
	runRuleCases(t, gaps.RuleAgeTransition, []ruleCase{
		{"BUPToAdultPsychiatryByReferral", pair("bup", "psy", journeys.HandoverReferral), []string{"h1"}},
		{"SchoolToAdultSocialServices", pair("skola", "soc", journeys.HandoverDischarge), []string{"h1"}},
		{"WithJointPlanning", pair("bup", "psy", journeys.HandoverJointPlanning), nil},
		{"ChildToAnyAge", pair("bup", "vc", journeys.HandoverReferral), nil},
		{"AdultToChild", pair("psy", "bup", journeys.HandoverReferral), nil},
		{"ChildToChild", pair("skola", "bup", journeys.HandoverReferral), nil},
	})
}
