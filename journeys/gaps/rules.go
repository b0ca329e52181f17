package gaps

// RuleInfo describes a gap rule for people: its category, its base severity, a short
// label and what it finds, in Swedish and English.
type RuleInfo struct {
	Rule         Rule     `json:"rule"`
	Category     Category `json:"category"`
	BaseSeverity Severity `json:"baseSeverity"`
	Label        Text     `json:"label"`
	Description  Text     `json:"description"`
}

// catalogue is the one registry of gap rules, one row per rule in the spec's order: its
// category, base severity and words for people. Analyze (through finders),
// /api/v1/rules and the renderers read it; docs/gap-rules.md and the Rule constants are
// checked against it (docs_test.go, registry_test.go). In short:
//
//	rule                           category        base
//	unowned_handover               responsibility  high      nobody holds the person in transit
//	unacknowledged_handover        transition      medium
//	information_loss               information     high for none, medium for partial
//	no_follow_up                   follow_up       medium
//	dead_end                       continuity      high      the journey just stops
//	ping_pong                      navigation      high
//	self_navigation                navigation      medium; high when one path has 2 such hand-offs, critical from 3
//	long_wait                      access          medium up to twice the threshold, high up to 4 times, critical beyond
//	crisis_without_contact_person  continuity      critical  a person in crisis with nobody to turn to
//	missing_coordinated_plan       coordination    high
//	age_transition                 transition      high      the child-to-adult cliff edge
//	unreachable_step               data            low       a drawing error more often than a gap
//	evidence_hotspot               experience      medium
//
// Severity then moves by the modifiers in rate: +1 on a crisis path, +1 with validated
// negative evidence, -1 with rejected evidence (and no validated negative evidence).
var catalogue = []RuleInfo{
	{RuleUnownedHandover, CategoryResponsibility, SeverityHigh,
		Text{"Ingen ansvarig vid överlämning", "Unowned hand-over"},
		Text{"En överlämning mellan olika aktörer där ingen ansvarar för personen under tiden, eller där den ansvariga aktören varken skickar, tar emot eller finns med i resan.",
			"A hand-over between different actors where nobody is responsible for the person in transit, or where the responsible actor neither sends, receives nor takes part in the journey."}},
	{RuleUnacknowledgedHandover, CategoryTransition, SeverityMedium,
		Text{"Obekräftad överlämning", "Unacknowledged hand-over"},
		Text{"En överlämning mellan olika aktörer där mottagaren inte bekräftar att personen kommit fram.",
			"A hand-over between different actors where the receiver does not confirm that the person arrived."}},
	{RuleInformationLoss, CategoryInformation, SeverityHigh,
		Text{"Information följer inte med", "Information loss"},
		Text{"En överlämning mellan olika aktörer där ingen (hög) eller bara en del (medel) av informationen följer med.",
			"A hand-over between different actors where no information (high) or only part of it (medium) follows the person."}},
	{RuleNoFollowUp, CategoryFollowUp, SeverityMedium,
		Text{"Ingen uppföljning", "No follow-up"},
		Text{"En utskrivning, remiss eller uppmaning att ta kontakt mellan olika aktörer där ingen kontrollerar att personen kom fram.",
			"A discharge, referral or advice to make contact between different actors where nobody checks that the person arrived."}},
	{RuleDeadEnd, CategoryContinuity, SeverityHigh,
		Text{"Återvändsgränd", "Dead end"},
		Text{"Ett steg som inte är ett avslut men som inget leder vidare från.",
			"A step that is not a legitimate end but that nothing leads on from."}},
	{RulePingPong, CategoryNavigation, SeverityHigh,
		Text{"Bollas runt", "Ping-pong"},
		Text{"En väg där personen lämnas tillbaka till en aktör hen redan lämnats bort från, utan samordnad planering däremellan.",
			"A path on which the person is handed back to an actor they were handed away from, with no joint planning in between."}},
	{RuleSelfNavigation, CategoryNavigation, SeverityMedium,
		Text{"Får hitta vägen själv", "Self-navigation"},
		Text{"En uppmaning att själv ta kontakt med en annan aktör; allvarligare ju fler sådana som finns på samma väg (två: hög, tre eller fler: kritisk).",
			"An advice or self-referral to another actor; more severe the more of them lie on one path (two: high, three or more: critical)."}},
	{RuleLongWait, CategoryAccess, SeverityMedium,
		Text{"Lång väntan", "Long wait"},
		Text{"En väntan över projektets gräns (vårdgarantin som standard): medel upp till dubbla gränsen, hög upp till fyra gånger, kritisk därutöver.",
			"A wait above the project's threshold (the care guarantee by default): medium up to twice the threshold, high up to four times, critical beyond."}},
	{RuleCrisisWithoutContactPerson, CategoryContinuity, SeverityCritical,
		Text{"Kris utan kontaktperson", "Crisis without contact person"},
		Text{"Ett krissteg där personen inte har någon kontaktperson.",
			"A crisis step where the person has no contact person."}},
	{RuleMissingCoordinatedPlan, CategoryCoordination, SeverityHigh,
		Text{"Saknar samordnad plan (SIP)", "Missing coordinated plan (SIP)"},
		Text{"En resa som går mellan region och kommun utan någon samordnad individuell plan (SIP) på vägarna mellan dem.",
			"A journey between region and municipality with no coordinated individual plan (SIP) on the paths between them."}},
	{RuleAgeTransition, CategoryTransition, SeverityHigh,
		Text{"Övergång från barn till vuxen", "Child-to-adult transition"},
		Text{"En överlämning från en verksamhet för barn till en för vuxna utan samordnad planering.",
			"A hand-over from a service for children to one for adults without joint planning."}},
	{RuleUnreachableStep, CategoryData, SeverityLow,
		Text{"Steg som inte nås", "Unreachable step"},
		Text{"Ett steg som ingen väg från en ingång når.",
			"A step that no path from an entry step reaches."}},
	{RuleEvidenceHotspot, CategoryExperience, SeverityMedium,
		Text{"Samlad negativ erfarenhet", "Evidence hotspot"},
		Text{"Ett steg eller en överlämning med flera negativa insikter från flera olika källor.",
			"A step or hand-over with several negative insights from several different sources."}},
}

// finders holds the function that finds each rule of the catalogue; Analyze runs them in
// the catalogue's order. (A field of the catalogue would make an initialization cycle.)
var finders = map[Rule]func(*analysis){
	RuleUnownedHandover:            (*analysis).unownedHandovers,
	RuleUnacknowledgedHandover:     (*analysis).unacknowledgedHandovers,
	RuleInformationLoss:            (*analysis).informationLoss,
	RuleNoFollowUp:                 (*analysis).noFollowUp,
	RuleDeadEnd:                    (*analysis).deadEnds,
	RulePingPong:                   (*analysis).pingPong,
	RuleSelfNavigation:             (*analysis).selfNavigation,
	RuleLongWait:                   (*analysis).longWaits,
	RuleCrisisWithoutContactPerson: (*analysis).crisesWithoutContactPerson,
	RuleMissingCoordinatedPlan:     (*analysis).missingCoordinatedPlan,
	RuleAgeTransition:              (*analysis).ageTransitions,
	RuleUnreachableStep:            (*analysis).unreachableSteps,
	RuleEvidenceHotspot:            (*analysis).evidenceHotspots,
}

// ruleIndex finds a rule's row in the catalogue.
var ruleIndex = func() map[Rule]int {
	m := make(map[Rule]int, len(catalogue))
	for i, r := range catalogue {
		m[r.Rule] = i
	}
	return m
}()

// Rules returns every gap rule, in the spec's order.
func Rules() []RuleInfo { return append([]RuleInfo(nil), catalogue...) }

// Info returns the description of r, and whether r is a known rule.
func (r Rule) Info() (RuleInfo, bool) {
	i, ok := ruleIndex[r]
	if !ok {
		return RuleInfo{}, false
	}
	return catalogue[i], true
}

// category returns r's category; every rule the engine emits is in the catalogue.
func (r Rule) category() Category {
	info, _ := r.Info()
	return info.Category
}

// base returns r's base severity.
func (r Rule) base() Severity {
	info, _ := r.Info()
	return info.BaseSeverity
}
