package diagram

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/glapp/glapp/journeys"
)

// The hover texts: a card or an arrow can show only so much, so each element's title
// holds everything a reader may want at the wall or on the web page, in full.

// stepTitle describes card i: its full title, where it lies, its details and its
// findings, one line each.
func (l *layout) stepTitle(i int) string {
	c := &l.cards[i]
	st := c.step
	lines := []string{
		st.Title,
		strings.Join([]string{
			say(wActor, l.lang) + ": " + actorName(&l.lanes[c.lane].actor),
			say(wStage, l.lang) + ": " + l.stageName(c.col),
		}, " · "),
	}
	var details []string
	if st.Channel != "" {
		details = append(details, say(wChannel, l.lang)+": "+labelOf(channelLabels, st.Channel, l.lang))
	}
	for _, f := range []struct {
		on bool
		w  word
	}{{st.Entry, wEntry}, {st.Terminal, wTerminal}, {st.Crisis, wCrisis}} {
		if f.on {
			details = append(details, say(f.w, l.lang))
		}
	}
	if st.Emotion != nil {
		details = append(details, say(wEmotion, l.lang)+": "+emotionText(*st.Emotion))
	}
	if w := l.wait(st.WaitDays); w != "" {
		details = append(details, say(wWait, l.lang)+": "+w)
	}
	if st.ContactPerson != nil {
		a := l.actor(*st.ContactPerson)
		details = append(details, say(wContactPerson, l.lang)+": "+actorName(&a))
	}
	if len(details) > 0 {
		lines = append(lines, strings.Join(details, " · "))
	}
	return strings.Join(append(lines, l.findingList(c.marks)...), "\n")
}

// handoverTitle describes edge i: its type and ends, what is known about it, and its
// findings.
func (l *layout) handoverTitle(i int) string {
	e := &l.edges[i]
	from, to := &l.cards[e.from], &l.cards[e.to]
	lines := []string{
		fmt.Sprintf("%s: %s → %s", labelOf(handoverLabels, e.h.Type, l.lang),
			actorName(&l.lanes[from.lane].actor), actorName(&l.lanes[to.lane].actor)),
		fmt.Sprintf("”%s” → ”%s”", from.step.Title, to.step.Title),
	}
	responsible := say(wUnknown, l.lang)
	if e.h.Responsible != nil {
		a := l.actor(*e.h.Responsible)
		responsible = actorName(&a)
	}
	info := e.h.Information
	if info == "" {
		info = journeys.InformationUnknown
	}
	details := []string{
		say(wResponsible, l.lang) + ": " + responsible,
		say(wInformation, l.lang) + ": " + labelOf(informationLabels, info, l.lang),
		say(wAcknowledged, l.lang) + ": " + l.yesNo(e.h.Acknowledged),
		say(wFollowUp, l.lang) + ": " + l.yesNo(e.h.FollowUp),
	}
	if w := l.wait(e.h.WaitDays); w != "" {
		details = append(details, say(wWait, l.lang)+": "+w)
	}
	lines = append(lines, strings.Join(details, " · "))
	return strings.Join(append(lines, l.findingList(e.marks)...), "\n")
}

// markTitle describes finding i in full: number, severity, rule and explanation.
func (l *layout) markTitle(i int) string {
	m := &l.marks[i]
	return fmt.Sprintf("%d · %s · %s\n%s", m.n, m.f.Severity.Label().In(l.lang), m.f.Rule.Label().In(l.lang), m.f.Explanation.In(l.lang))
}

// clusterTitle says what cluster i's marker stands for: how many findings, and each
// by number, severity and rule, one a line.
func (l *layout) clusterTitle(i int) string {
	k := &l.clusters[i]
	lines := []string{fmt.Sprintf("%d %s", len(k.marks), strings.ToLower(say(wFindings, l.lang)))}
	for _, m := range k.marks {
		mk := &l.marks[m]
		lines = append(lines, fmt.Sprintf("%d · %s · %s", mk.n, mk.f.Severity.Label().In(l.lang), mk.f.Rule.Label().In(l.lang)))
	}
	return strings.Join(lines, "\n")
}

// findingList names the findings on an element by number, as one line, or nothing.
func (l *layout) findingList(marks []int) []string {
	if len(marks) == 0 {
		return nil
	}
	nums := make([]string, len(marks))
	for k, m := range marks {
		nums[k] = strconv.Itoa(l.marks[m].n)
	}
	return []string{say(wFindings, l.lang) + ": " + strings.Join(nums, ", ")}
}

// wait describes a waiting time as observed, then as expected: "12 dagar (förväntat 3)".
func (l *layout) wait(w *journeys.WaitDays) string {
	switch {
	case w == nil || (w.Observed == nil && w.Expected == nil):
		return ""
	case w.Observed == nil:
		return fmt.Sprintf("%s %d %s", say(wExpected, l.lang), *w.Expected, say(wDays, l.lang))
	case w.Expected == nil:
		return fmt.Sprintf("%d %s", *w.Observed, say(wDays, l.lang))
	}
	return fmt.Sprintf("%d %s (%s %d)", *w.Observed, say(wDays, l.lang), say(wExpected, l.lang), *w.Expected)
}

// yesNo says a nullable answer: yes, no or unknown.
func (l *layout) yesNo(b *bool) string {
	switch {
	case b == nil:
		return say(wUnknown, l.lang)
	case *b:
		return say(wYes, l.lang)
	}
	return say(wNo, l.lang)
}
