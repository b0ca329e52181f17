package gaps

import "fmt"

// The sentences findings explain themselves with, one per rule and case, in Swedish and
// English. Each is one sentence a project lead can read aloud in a workshop, so it names
// actors and steps by name and title, never by id. They are kept together so that the
// two languages can be read side by side. Arguments are numbered (%[1]s) because the
// languages may want them in different orders; a Text argument is put in each language.
var (
	msgUnownedNobody = Text{
		"Vid överlämningen %[1]s är ingen ansvarig för personen medan hen är mellan dem.",
		"At the hand-over %[1]s, nobody is responsible for the person while they are between the two."}
	msgUnownedOutsider = Text{
		"Vid överlämningen %[1]s står %[2]s som ansvarig, men %[2]s varken skickar, tar emot eller finns med i något steg av resan.",
		"At the hand-over %[1]s, %[2]s is named responsible but neither sends, receives nor takes any step in the journey."}
	msgUnacknowledged = Text{
		"Vid överlämningen %[1]s bekräftar %[2]s inte att personen har kommit fram.",
		"At the hand-over %[1]s, %[2]s does not confirm that the person has arrived."}
	msgInformationNone = Text{
		"Vid överlämningen %[1]s följer ingen information med personen.",
		"At the hand-over %[1]s, no information follows the person."}
	msgInformationPartial = Text{
		"Vid överlämningen %[1]s följer bara en del av informationen med personen.",
		"At the hand-over %[1]s, only part of the information follows the person."}
	msgNoFollowUp = Text{
		"Efter överlämningen %[1]s kontrollerar ingen att personen kom fram.",
		"After the hand-over %[1]s, nobody checks that the person arrived."}
	msgDeadEnd = Text{
		"Resan tar slut vid %[1]s utan att någon har sagt att den ska sluta där.",
		"The journey stops at %[1]s without anyone having said that it should end there."}
	msgPingPong = Text{
		"Personen lämnas från %[1]s vid ”%[2]s” till %[3]s och hamnar sedan hos %[1]s igen vid ”%[4]s”, utan samordnad planering däremellan.",
		"The person is handed from %[1]s at “%[2]s” to %[3]s and then ends up at %[1]s again at “%[4]s”, with no joint planning in between."}
	msgSelfNavigation = Text{
		"Vid %[1]s får personen själv ta kontakt med %[2]s (”%[3]s”).",
		"At %[1]s the person must contact %[2]s (“%[3]s”) on their own."}
	msgSelfNavigationMany = Text{
		"Vid %[1]s får personen själv ta kontakt med %[2]s (”%[3]s”), och på samma väg får hen hitta nästa dörr själv %[4]d gånger.",
		"At %[1]s the person must contact %[2]s (“%[3]s”) on their own, and on the same path they have to find the next door alone %[4]d times."}
	msgLongWaitHandover = Text{
		"Efter överlämningen %[1]s väntar personen %[2]d dagar (%[3]s), över gränsen på %[4]d dagar.",
		"After the hand-over %[1]s, the person waits %[2]d days (%[3]s), above the threshold of %[4]d days."}
	msgLongWaitStep = Text{
		"Personen väntar %[2]d dagar (%[3]s) på %[1]s, över gränsen på %[4]d dagar.",
		"The person waits %[2]d days (%[3]s) for %[1]s, above the threshold of %[4]d days."}
	wordObserved = Text{"enligt uppgift", "as reported"}
	wordExpected = Text{"enligt plan", "as planned"}
	msgCrisis    = Text{
		"I krisen vid %[1]s har personen ingen kontaktperson.",
		"In the crisis at %[1]s, the person has no contact person."}
	msgMissingPlan = Text{
		"Resan går mellan %[1]s i regionen och %[2]s i kommunen utan någon samordnad individuell plan (SIP) på vägen mellan dem.",
		"The journey goes between %[1]s in the region and %[2]s in the municipality with no coordinated individual plan (SIP) on the way between them."}
	msgMissingPlanNoPath = Text{
		"Resan involverar både %[1]s i regionen och %[2]s i kommunen, men ingen samordnad individuell plan (SIP) förbinder dem.",
		"The journey involves both %[1]s in the region and %[2]s in the municipality, but no coordinated individual plan (SIP) connects them."}
	msgAgeTransition = Text{
		"Överlämningen %[1]s flyttar personen från en verksamhet för barn till en för vuxna utan samordnad planering.",
		"The hand-over %[1]s moves the person from a service for children to one for adults without joint planning."}
	msgUnreachable = Text{
		"Steget %[1]s nås inte från någon ingång till resan.",
		"The step %[1]s cannot be reached from any entry point of the journey."}
	msgHotspot = Text{
		"Vid %[1]s pekar %[2]d negativa insikter från %[3]d olika källor på ett problem.",
		"At %[1]s, %[2]d negative insights from %[3]d different sources point to a problem."}

	phraseStep        = Text{"”%[1]s” hos %[2]s", "“%[1]s” at %[2]s"}
	phraseHandover    = Text{"från %[1]s (”%[2]s”) till %[3]s (”%[4]s”)", "from %[1]s (“%[2]s”) to %[3]s (“%[4]s”)"}
	phraseTheHandover = Text{"överlämningen %[1]s", "the hand-over %[1]s"}
)

// The sentence that says why a finding has its severity (Finding.SeverityReason), built
// by severityReason from these parts: "Hög: grundnivå medel för regeln, höjd ett steg för
// att vägen går genom ett krissteg (s4), höjd ett steg av validerad negativ evidens (i3)."
var (
	reasonBase = Text{
		"%[1]s: grundnivå %[2]s för regeln",
		"%[1]s: the rule's base level %[2]s"}
	reasonBaseCase = Text{
		"%[1]s: grundnivå %[2]s för regeln när %[3]s",
		"%[1]s: the rule's base level %[2]s when %[3]s"}
	reasonNoModifier = Text{
		"inget krissteg och ingen validerad negativ eller avvisad evidens ändrar den",
		"no crisis step and no validated negative or rejected evidence changes it"}
	reasonCrisisStep = Text{
		"höjd ett steg för att den gäller ett krissteg",
		"raised one level because it is about a crisis step"}
	reasonCrisisHandover = Text{
		"höjd ett steg för att överlämningen leder till eller från ett krissteg",
		"raised one level because the hand-over leads to or from a crisis step"}
	reasonCrisisPath = Text{
		"höjd ett steg för att vägen går genom ett krissteg",
		"raised one level because its path goes through a crisis step"}
	reasonValidated = Text{
		"höjd ett steg av validerad negativ evidens",
		"raised one level by validated negative evidence"}
	reasonRejected = Text{
		"sänkt ett steg av avvisad evidens",
		"lowered one level by rejected evidence"}
	reasonWithIDs = Text{"%[1]s (%[2]s)", "%[1]s (%[2]s)"}
	reasonCapHigh = Text{
		"men %[1]s är högsta nivån",
		"but %[1]s is the highest level"}
	reasonCapLow = Text{
		"men %[1]s är lägsta nivån",
		"but %[1]s is the lowest level"}

	// The cases that set the base of rules whose base depends on the case.
	caseInformationNone = Text{
		"ingen information följer med",
		"no information follows"}
	caseInformationPartial = Text{
		"bara en del av informationen följer med",
		"only part of the information follows"}
	caseSelfNavigationOne = Text{
		"det är den enda sådana hänvisningen på vägen",
		"it is the only such hand-off on the path"}
	caseSelfNavigationMany = Text{
		"vägen har %[1]d sådana hänvisningar",
		"the path has %[1]d such hand-offs"}
	caseLongWait = Text{
		"väntan är %[1]d dagar mot gränsen %[2]d",
		"the wait is %[1]d days against a threshold of %[2]d"}
)

// say fills msg's format in both languages. A Text argument is put in each language.
func say(msg Text, args ...any) Text {
	return Text{SV: sayIn(msg.SV, "sv", args), EN: sayIn(msg.EN, "en", args)}
}

func sayIn(format, lang string, args []any) string {
	local := make([]any, len(args))
	for i, a := range args {
		if t, ok := a.(Text); ok {
			a = t.In(lang)
		}
		local[i] = a
	}
	return fmt.Sprintf(format, local...)
}

// stepPhrase names step s with its actor: ”Ringer vårdcentralen” hos Vårdcentral.
func (g *graph) stepPhrase(s int32) Text {
	return say(phraseStep, g.title(s), name(g.stepActorOf(s)))
}

// handoverPhrase names hand-over h by its actors and steps:
// från Vårdcentral (”Ringer vårdcentralen”) till Socialtjänst (”Kontaktar socialtjänsten”).
func (g *graph) handoverPhrase(h int32) Text {
	f, t := g.from[h], g.to[h]
	return say(phraseHandover, name(g.stepActorOf(f)), g.title(f), name(g.stepActorOf(t)), g.title(t))
}

// nodePhrase names a step, or a hand-over as "the hand-over from ... to ...".
func (g *graph) nodePhrase(n int32) Text {
	if s, ok := g.asStep(n); ok {
		return g.stepPhrase(s)
	}
	return say(phraseTheHandover, g.handoverPhrase(g.asHandover(n)))
}
