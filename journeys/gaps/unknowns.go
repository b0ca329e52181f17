package gaps

import "github.com/glapp/glapp/journeys"

// Unknown lists the fields of one step or hand-over that nobody has told us yet, with the
// question that would settle each, so that a report doubles as the next interview's
// agenda. Unknowns are never findings: the rules neither fire on them nor count them as
// fine.
type Unknown struct {
	// Subject is the step's or hand-over's id.
	Subject string         `json:"subject"`
	Element UnknownElement `json:"element"`
	// Name names the element as explanations do, with its actors and step titles.
	Name  Text   `json:"name"`
	Stage string `json:"stage,omitempty"`
	// Fields holds the JSON names of the unknown fields, in document order.
	Fields []string `json:"fields"`
	// Questions holds, for each field in Fields, the question to ask.
	Questions []Text `json:"questions"`
	Count     int    `json:"count"`
}

// UnknownElement is the kind of element an Unknown is about.
type UnknownElement string

// Elements unknowns are about.
const (
	UnknownStep     UnknownElement = "step"
	UnknownHandover UnknownElement = "handover"
)

// UnknownElements lists every UnknownElement.
var UnknownElements = []UnknownElement{UnknownStep, UnknownHandover}

// question is an unknown field and what to ask about it.
type question struct {
	field string
	ask   Text
}

var (
	askStepWait = question{"waitDays", Text{
		"Hur länge väntar personen på det här steget?",
		"How long does the person wait for this step?"}}
	askEmotion = question{"emotion", Text{
		"Hur känns det här steget för personen?",
		"How does the person feel at this step?"}}
	askChannel = question{"channel", Text{
		"Hur möter personen verksamheten här: telefon, besök, digitalt eller på annat sätt?",
		"How does the person meet the service here: by phone, visit, digitally or otherwise?"}}
	askInformation = question{"information", Text{
		"Vilken information följer med personen vid överlämningen?",
		"What information follows the person at this hand-over?"}}
	askAcknowledged = question{"acknowledged", Text{
		"Bekräftar mottagaren att personen har kommit fram?",
		"Does the receiver confirm that the person has arrived?"}}
	askFollowUp = question{"followUp", Text{
		"Kontrollerar avsändaren att personen kom fram?",
		"Does the sender check that the person arrived?"}}
	askHandoverWait = question{"waitDays", Text{
		"Hur länge väntar personen innan nästa steg sker?",
		"How long does the person wait until the next step happens?"}}
)

// unknowns lists, per step and then per hand-over in document order, the fields that are
// null, absent or "unknown". A step's unknowns are waitDays (absent, or with neither
// expected nor observed), emotion and channel. A hand-over's are information (absent or
// "unknown"), acknowledged, followUp and waitDays. A null responsible is not listed: between
// different actors it is the unowned_handover gap, and between steps of one actor that
// actor holds the person. Hand-overs that join no steps of the journey are left out, as
// the rules leave them out.
func (a *analysis) unknowns() []Unknown {
	out := []Unknown{}
	var asks []question
	for s := range int32(a.nSteps) {
		st := &a.j.Steps[s]
		asks = asks[:0]
		if !knownWait(st.WaitDays) {
			asks = append(asks, askStepWait)
		}
		if st.Emotion == nil {
			asks = append(asks, askEmotion)
		}
		if st.Channel == "" {
			asks = append(asks, askChannel)
		}
		out = a.appendUnknown(out, s, UnknownStep, a.stage(s), asks)
	}
	for h := range int32(len(a.j.Handovers)) {
		ho := &a.j.Handovers[h]
		if !a.valid(h) {
			continue
		}
		asks = asks[:0]
		if ho.Information == "" || ho.Information == journeys.InformationUnknown {
			asks = append(asks, askInformation)
		}
		if ho.Acknowledged == nil {
			asks = append(asks, askAcknowledged)
		}
		if ho.FollowUp == nil {
			asks = append(asks, askFollowUp)
		}
		if !knownWait(ho.WaitDays) {
			asks = append(asks, askHandoverWait)
		}
		out = a.appendUnknown(out, a.handoverNode(h), UnknownHandover, a.stage(a.from[h]), asks)
	}
	return out
}

func (a *analysis) appendUnknown(out []Unknown, n int32, element UnknownElement, stage string, asks []question) []Unknown {
	if len(asks) == 0 {
		return out
	}
	u := Unknown{Subject: a.nodeID(n), Element: element, Name: a.nodePhrase(n), Stage: stage, Count: len(asks)}
	for _, q := range asks {
		u.Fields = append(u.Fields, q.field)
		u.Questions = append(u.Questions, q.ask)
	}
	return append(out, u)
}

// knownWait reports whether w gives a wait: observed or expected days.
func knownWait(w *journeys.WaitDays) bool {
	_, _, ok := waited(w)
	return ok
}
