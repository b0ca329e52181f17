package agenda

import (
	"strings"

	"github.com/glapp/glapp/journeys/gaps"
)

// phrasing is the key of the question table: an element kind and an unknown field.
type phrasing struct {
	element gaps.UnknownElement
	field   string
}

// questions is the one table of how the agenda asks about each kind of unknown, put to
// the organisation itself ("ni", "you"). {step} is the step's title, {from} and {to} the
// names of a hand-over's sending and receiving actors. An unknown kind the table lacks is
// asked with the gap report's own question.
var questions = map[phrasing]gaps.Text{
	{gaps.UnknownStep, "waitDays"}: {
		SV: "Hur länge väntar personen på ”{step}”?",
		EN: "How long does the person wait for “{step}”?"},
	{gaps.UnknownStep, "emotion"}: {
		SV: "Hur upplever personen ”{step}”?",
		EN: "How does the person experience “{step}”?"},
	{gaps.UnknownStep, "channel"}: {
		SV: "Hur möter personen er vid ”{step}”: per telefon, vid besök, digitalt eller på annat sätt?",
		EN: "How does the person meet you at “{step}”: by phone, at a visit, digitally or otherwise?"},
	{gaps.UnknownHandover, "information"}: {
		SV: "Vilken information följer med personen från {from} till {to}?",
		EN: "What information follows the person from {from} to {to}?"},
	{gaps.UnknownHandover, "acknowledged"}: {
		SV: "Vet ni när personen har kommit fram till {to}?",
		EN: "Do you know when the person has arrived at {to}?"},
	{gaps.UnknownHandover, "followUp"}: {
		SV: "Kontrollerar {from} att personen har kommit fram till {to}?",
		EN: "Does {from} check that the person has arrived at {to}?"},
	{gaps.UnknownHandover, "waitDays"}: {
		SV: "Hur länge väntar personen mellan {from} och {to}?",
		EN: "How long does the person wait between {from} and {to}?"},
}

// phrase returns the question for the i-th field of unknown u of the journey x indexes,
// with the names of its step or actors filled in.
func (in *Input) phrase(x index, u gaps.Unknown, i int) gaps.Text {
	t, ok := questions[phrasing{u.Element, u.Fields[i]}]
	if !ok {
		return u.Questions[i]
	}
	var step, from, to string
	switch u.Element {
	case gaps.UnknownStep:
		s, ok := x.steps[u.Subject]
		if !ok {
			return u.Questions[i]
		}
		step = s.Title
	case gaps.UnknownHandover:
		h, ok := x.handovers[u.Subject]
		if !ok {
			return u.Questions[i]
		}
		from, to = in.actorName(x, h.From), in.actorName(x, h.To)
	}
	return gaps.Text{SV: fill(t.SV, step, from, to), EN: fill(t.EN, step, from, to)}
}

// fill replaces {step}, {from} and {to} in template in one pass, so that a name holding
// such a placeholder stays as it is.
func fill(template, step, from, to string) string {
	var b strings.Builder
	b.Grow(len(template) + len(step) + len(from) + len(to))
	for {
		i := strings.IndexByte(template, '{')
		if i < 0 {
			b.WriteString(template)
			return b.String()
		}
		b.WriteString(template[:i])
		rest := template[i:]
		switch {
		case strings.HasPrefix(rest, "{step}"):
			b.WriteString(step)
			template = rest[len("{step}"):]
		case strings.HasPrefix(rest, "{from}"):
			b.WriteString(from)
			template = rest[len("{from}"):]
		case strings.HasPrefix(rest, "{to}"):
			b.WriteString(to)
			template = rest[len("{to}"):]
		default:
			b.WriteByte('{')
			template = rest[1:]
		}
	}
}

// actorName names the actor of step id of the journey x indexes, or the actor's id when
// it has no name.
func (in *Input) actorName(x index, step string) string {
	s, ok := x.steps[step]
	if !ok {
		return step
	}
	if a, ok := in.Names[s.Actor]; ok && a.Name != "" {
		return a.Name
	}
	return s.Actor
}
