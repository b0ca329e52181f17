package diagram

import (
	"fmt"
	"strings"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
)

// sectorOrder is the order lanes are grouped in: the region and the municipality first,
// because most hand-overs that fail run between them, then the rest of society.
var sectorOrder = []journeys.Sector{
	journeys.SectorRegion, journeys.SectorMunicipality, journeys.SectorCivilSociety,
	journeys.SectorPrivate, journeys.SectorNational, journeys.SectorFamily,
}

// otherSector groups the lanes of actors whose sector is unknown, after all the others.
const otherSector journeys.Sector = ""

// Colours. Every colour that carries white text, and every colour text is set in on
// white, has a contrast of at least 4.5:1 (WCAG AA). The severity colours differ in
// lightness as well as hue, so that readers with red-green colour blindness can still
// tell them apart; critical markers also have a second ring, and the legend names every
// severity in words.
var severityColours = map[gaps.Severity]string{
	gaps.SeverityCritical: "#7F1D1D", // 10.0:1 with white
	gaps.SeverityHigh:     "#C2410C", // 5.2:1
	gaps.SeverityMedium:   "#1D4ED8", // 6.7:1
	gaps.SeverityLow:      "#4B5563", // 7.6:1
}

// sevLine is how a hand-over's arrow is drawn when its worst finding has a severity: in
// the severity's colour, and the heavier the worse, so that the order survives a
// black-and-white print.
type sevLine struct {
	width float64 // of the line
	head  float64 // size of the arrow head
}

var sevLines = map[gaps.Severity]sevLine{
	gaps.SeverityCritical: {4.5, 15},
	gaps.SeverityHigh:     {3.5, 13},
	gaps.SeverityMedium:   {2.5, 11},
	gaps.SeverityLow:      {2, 10},
}

const (
	crisisColour   = "#B91C1C" // 6.5:1 with white
	sipColour      = "#047857" // 5.5:1
	arrowColour    = "#374151"
	internalColour = "#6B7280" // 4.8:1
	inkColour      = "#111827"
	mutedColour    = "#374151"
)

// sectorFills are the light backgrounds of the sector bands; text on them is inkColour.
var sectorFills = map[journeys.Sector]string{
	journeys.SectorRegion:       "#DCE9F7",
	journeys.SectorMunicipality: "#DDF1E3",
	journeys.SectorCivilSociety: "#FCEBD5",
	journeys.SectorPrivate:      "#EDE3F7",
	journeys.SectorNational:     "#E5E7EB",
	journeys.SectorFamily:       "#FBE3EC",
	otherSector:                 "#F3F4F6",
}

// line is how a hand-over's arrow is drawn. The kinds differ in dash and width, not only
// in colour, so that they survive a black-and-white print.
type line int

const (
	// lineSolid: a formal hand-over (referral, consultation, discharge).
	lineSolid line = iota
	// lineDashed: the person is told to find the next door alone.
	lineDashed
	// lineJoint: joint planning, a SIP; thick, green and labelled.
	lineJoint
	// lineThin: a step inside one actor.
	lineThin
)

// lineOf returns how a hand-over of type t is drawn.
func lineOf(t journeys.HandoverType) line {
	switch t {
	case journeys.HandoverAdviceToContact, journeys.HandoverSelfReferral:
		return lineDashed
	case journeys.HandoverJointPlanning:
		return lineJoint
	case journeys.HandoverInternal:
		return lineThin
	}
	return lineSolid
}

// look is how one line kind is drawn in each format; keeping the formats' spellings in
// one table keeps them drawing the same thing.
type look struct {
	colour  string
	class   string  // the SVG path's CSS class
	head    string  // the id of the SVG arrow head; dashed lines share the solid one
	size    float64 // of the SVG arrow head
	mermaid string  // the Mermaid link
	dot     string  // the DOT edge attributes beyond the defaults
}

var looks = [...]look{
	lineSolid:  {arrowColour, "ln-solid", "gd-head", 9, "-->", ""},
	lineDashed: {arrowColour, "ln-dashed", "gd-head", 9, "-.->", "style=dashed"},
	lineJoint:  {sipColour, "ln-joint", "gd-head-joint", 11, "==>", "penwidth=3, color=\"" + sipColour + "\""},
	lineThin:   {internalColour, "ln-thin", "gd-head-thin", 7, "-->", "penwidth=0.8, color=\"" + internalColour + "\""},
}

// Labels for people, in Swedish and English.
var (
	sectorLabels = map[journeys.Sector]gaps.Text{
		journeys.SectorRegion:       {SV: "Region", EN: "Region"},
		journeys.SectorMunicipality: {SV: "Kommun", EN: "Municipality"},
		journeys.SectorCivilSociety: {SV: "Civilsamhälle", EN: "Civil society"},
		journeys.SectorPrivate:      {SV: "Privat", EN: "Private"},
		journeys.SectorNational:     {SV: "Nationell", EN: "National"},
		journeys.SectorFamily:       {SV: "Familj", EN: "Family"},
		otherSector:                 {SV: "Övriga", EN: "Other"},
	}
	channelLabels = map[journeys.Channel]gaps.Text{
		journeys.ChannelPhone:     {SV: "Telefon", EN: "Phone"},
		journeys.ChannelDigital:   {SV: "Digitalt", EN: "Digital"},
		journeys.ChannelVisit:     {SV: "Besök", EN: "Visit"},
		journeys.ChannelHomeVisit: {SV: "Hembesök", EN: "Home visit"},
		journeys.ChannelLetter:    {SV: "Brev", EN: "Letter"},
		journeys.ChannelChat:      {SV: "Chatt", EN: "Chat"},
		journeys.ChannelOther:     {SV: "Annat", EN: "Other"},
	}
	handoverLabels = map[journeys.HandoverType]gaps.Text{
		journeys.HandoverReferral:        {SV: "Remiss", EN: "Referral"},
		journeys.HandoverConsultation:    {SV: "Konsultation", EN: "Consultation"},
		journeys.HandoverJointPlanning:   {SV: "Samordnad planering (SIP)", EN: "Joint planning (SIP)"},
		journeys.HandoverDischarge:       {SV: "Utskrivning", EN: "Discharge"},
		journeys.HandoverAdviceToContact: {SV: "Uppmaning att ta kontakt", EN: "Advice to make contact"},
		journeys.HandoverSelfReferral:    {SV: "Egen vårdbegäran", EN: "Self-referral"},
		journeys.HandoverInternal:        {SV: "Internt", EN: "Internal"},
	}
	kindLabels = map[journeys.JourneyKind]gaps.Text{
		journeys.KindAsIs:  {SV: "Nuläge", EN: "Current state"},
		journeys.KindToBe:  {SV: "Önskat läge", EN: "Desired state"},
		journeys.KindLived: {SV: "Levd resa", EN: "Lived journey"},
	}
	informationLabels = map[journeys.Information]gaps.Text{
		journeys.InformationFull:    {SV: "all", EN: "full"},
		journeys.InformationPartial: {SV: "delvis", EN: "partial"},
		journeys.InformationNone:    {SV: "ingen", EN: "none"},
		journeys.InformationUnknown: {SV: "okänd", EN: "unknown"},
	}
)

// word names the fixed words the diagrams use.
type word int

const (
	wEntry word = iota
	wTerminal
	wCrisis
	wSIP
	wNoStage
	wFindings
	wNoFindings
	wKey
	wEmotion
	wActor
	wStage
	wChannel
	wResponsible
	wInformation
	wAcknowledged
	wFollowUp
	wWait
	wDays
	wExpected
	wYes
	wNo
	wUnknown
	wSteps
	wHandovers
	wTargetGroup
	wSwimlane
	wContactPerson
	wFormal
	wSelfNav
	wInternalKey
	wCrisisKey
	wEntryKey
	wTerminalKey
	wEmotionKey
)

var words = [...]gaps.Text{
	wEntry:         {SV: "Ingång", EN: "Entry"},
	wTerminal:      {SV: "Avslut", EN: "End"},
	wCrisis:        {SV: "Kris", EN: "Crisis"},
	wSIP:           {SV: "SIP", EN: "SIP"},
	wNoStage:       {SV: "Utan fas", EN: "No stage"},
	wFindings:      {SV: "Fynd", EN: "Findings"},
	wNoFindings:    {SV: "Inga fynd.", EN: "No findings."},
	wKey:           {SV: "Teckenförklaring", EN: "Key"},
	wEmotion:       {SV: "Känsla", EN: "Emotion"},
	wActor:         {SV: "Aktör", EN: "Actor"},
	wStage:         {SV: "Fas", EN: "Stage"},
	wChannel:       {SV: "Kanal", EN: "Channel"},
	wResponsible:   {SV: "Ansvarig under överlämningen", EN: "Responsible in transit"},
	wInformation:   {SV: "Information som följer med", EN: "Information that follows"},
	wAcknowledged:  {SV: "Mottagaren bekräftar", EN: "Receiver acknowledges"},
	wFollowUp:      {SV: "Avsändaren följer upp", EN: "Sender follows up"},
	wWait:          {SV: "Väntan", EN: "Wait"},
	wDays:          {SV: "dagar", EN: "days"},
	wExpected:      {SV: "förväntat", EN: "expected"},
	wYes:           {SV: "ja", EN: "yes"},
	wNo:            {SV: "nej", EN: "no"},
	wUnknown:       {SV: "okänt", EN: "unknown"},
	wSteps:         {SV: "steg", EN: "steps"},
	wHandovers:     {SV: "överlämningar", EN: "hand-overs"},
	wTargetGroup:   {SV: "Målgrupp", EN: "Target group"},
	wSwimlane:      {SV: "Resekarta med en bana per aktör", EN: "Journey map with one lane per actor"},
	wContactPerson: {SV: "Kontaktperson", EN: "Contact person"},
	wFormal:        {SV: "Remiss, konsultation, utskrivning", EN: "Referral, consultation, discharge"},
	wSelfNav:       {SV: "Uppmaning att ta kontakt, egen vårdbegäran", EN: "Advice to make contact, self-referral"},
	wInternalKey:   {SV: "Internt, inom samma aktör", EN: "Internal, within one actor"},
	wCrisisKey:     {SV: "Steg i kris", EN: "Crisis step"},
	wEntryKey:      {SV: "Där personen kommer in", EN: "Where the person enters"},
	wTerminalKey:   {SV: "Ett avsett slut", EN: "A legitimate end"},
	wEmotionKey:    {SV: "Känsla, från −3 till +3", EN: "Emotion, from −3 to +3"},
}

// say returns w in lang.
func say(w word, lang string) string { return words[w].In(lang) }

// labelOf returns the label of k in lang, or k itself when it has none, so that a value
// the labels do not know yet still shows.
func labelOf[K ~string](labels map[K]gaps.Text, k K, lang string) string {
	if t, ok := labels[k]; ok {
		return t.In(lang)
	}
	return string(k)
}

// css is the SVG's style sheet. Everything the drawing looks like is set here by class,
// so that a web page showing the SVG inline can restyle it (highlight a selected step,
// say) without touching the drawing.
func css() string {
	var b strings.Builder
	b.WriteString(`.glapp-journey{font-family:'Liberation Sans',Arial,Helvetica,'Nimbus Sans','Nimbus Sans L',sans-serif}
.glapp-journey text{fill:` + inkColour + `}
.bg{fill:#FFFFFF}
.jtitle{font-size:18px;font-weight:bold}
.jsub{font-size:12px}
.glapp-journey .jsub,.glapp-journey .channel{fill:` + mutedColour + `}
.stage rect{fill:#F3F4F6}
.stage text{font-size:12px;font-weight:bold;text-anchor:middle}
.sector text{font-size:11px;font-weight:bold;letter-spacing:0.06em}
.lane rect{fill:#FFFFFF;stroke:#E5E7EB;stroke-width:0.75}
.lane.alt rect{fill:#F7F8FA}
.lane text{font-size:12px;font-weight:bold}
.card{fill:#FFFFFF;stroke:#6B7280;stroke-width:1}
.crisis .card{stroke:` + crisisColour + `;stroke-width:2.5}
.step .title{font-size:12px}
.channel{font-size:10.5px}
.pill text,.emotion text,.sip text{font-size:10.5px;font-weight:bold}
.pill text,.sip text{text-anchor:middle}
.pill rect{fill:#FFFFFF;stroke:` + mutedColour + `;stroke-width:0.75}
.pill-crisis rect{fill:` + crisisColour + `;stroke:none}
.glapp-journey .pill-crisis text,.glapp-journey .sip text,.glapp-journey .num{fill:#FFFFFF}
.emo-neg{fill:` + severityColours[gaps.SeverityHigh] + `}
.emo-pos{fill:` + sipColour + `}
.emo-zero{fill:` + internalColour + `}
.ln{fill:none;stroke:` + arrowColour + `;stroke-width:1.6}
.ln-dashed{stroke-dasharray:6 4}
.ln-joint{stroke:` + sipColour + `;stroke-width:3}
.ln-thin{stroke:` + internalColour + `;stroke-width:1}
.hit{fill:none;stroke:#000000;stroke-opacity:0;stroke-width:10}
.sip rect{fill:` + sipColour + `}
.dot{stroke:#FFFFFF;stroke-width:1.5}
.leader{stroke:` + mutedColour + `;stroke-width:0.75;stroke-dasharray:1.5 1.5}
.ring{fill:none;stroke-width:1.5}
.num{font-size:11px;font-weight:bold;text-anchor:middle}
.legend .head{font-size:13px;font-weight:bold}
.legend text{font-size:11px}
.legend .entry-head{font-weight:bold}
.cluster .members{display:none}
.cluster:hover .members,.cluster:focus-within .members,.cluster.open .members{display:inline}
.members-bg{fill:#FFFFFF;stroke:` + mutedColour + `;stroke-width:1}
.sum,.cluster .finding{cursor:pointer}
`)
	for i := len(gaps.Severities) - 1; i >= 0; i-- {
		sev := gaps.Severities[i]
		c := severityColours[sev]
		fmt.Fprintf(&b, ".sev-%s .dot{fill:%s}\n.sev-%s .ring{stroke:%s}\n", sev, c, sev, c)
		fmt.Fprintf(&b, ".worst-%s .ln{stroke:%s;stroke-width:%s}\n", sev, c, num(sevLines[sev].width))
	}
	for _, s := range append(append([]journeys.Sector{}, sectorOrder...), otherSector) {
		fmt.Fprintf(&b, ".%s rect{fill:%s}\n", sectorClass(s), sectorFills[s])
	}
	return b.String()
}

// sectorClass is the CSS class of a sector band.
func sectorClass(s journeys.Sector) string {
	if s == otherSector {
		return "sector-other"
	}
	return "sector-" + strings.ReplaceAll(string(s), "_", "-")
}
