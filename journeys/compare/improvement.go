package compare

import (
	"slices"
	"strings"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
)

// Improvement is an as-is set against a to-be (or any two journeys that are not lived):
// which findings the second resolves, keeps and brings, both sides' computed metrics, and
// how their steps and hand-overs differ.
type Improvement struct {
	Findings  FindingDiff  `json:"findings"`
	Metrics   []MetricPair `json:"metrics"`
	Steps     ElementDiff  `json:"steps"`
	Handovers ElementDiff  `json:"handovers"`
}

// FindingDiff sorts the findings of two journeys. A finding of from is remaining when to
// has one of the same rule about the same element ids; when some of its elements are not
// in to (the to-be renamed or rebuilt them), one of the same rule between the same actors
// in the same stage counts as the same. Every other finding of from is resolved, every
// other finding of to is new.
type FindingDiff struct {
	Resolved  []gaps.Finding `json:"resolved"`
	Remaining []Remaining    `json:"remaining"`
	New       []gaps.Finding `json:"new"`
	Counts    FindingCounts  `json:"counts"`
}

// FindingCounts counts a FindingDiff's lists.
type FindingCounts struct {
	Resolved  int `json:"resolved"`
	Remaining int `json:"remaining"`
	New       int `json:"new"`
}

// Match says how a remaining finding was matched with its earlier self.
type Match string

// Matches.
const (
	// MatchSubject: the same rule about the same element ids.
	MatchSubject Match = "subject"
	// MatchPlace: the same rule between the same actors in the same stage, where the
	// element ids are not shared.
	MatchPlace Match = "place"
)

// Matches lists every Match.
var Matches = []Match{MatchSubject, MatchPlace}

// Remaining is a finding of to that was already in from.
type Remaining struct {
	gaps.Finding
	// Was is the fingerprint of the matching finding of from.
	Was       string `json:"was"`
	MatchedBy Match  `json:"matchedBy"`
}

// MetricPair is one computed metric on each side.
type MetricPair struct {
	Metric journeys.Metric      `json:"metric"`
	From   journeys.MetricValue `json:"from"`
	To     journeys.MetricValue `json:"to"`
}

// ElementDiff lists the ids of elements only in to (Added), only in from (Removed), and
// in both with different content (Changed, with the fields that differ).
type ElementDiff struct {
	Added   []string `json:"added"`
	Removed []string `json:"removed"`
	Changed []Change `json:"changed"`
}

// Change is an element in both journeys whose fields differ.
type Change struct {
	ID     string   `json:"id"`
	Fields []string `json:"fields"`
}

// Improve compares from with to by their gap reports, metrics and elements.
func Improve(from, to *journeys.Journey, fromReport, toReport *gaps.JourneyReport) *Improvement {
	var fr, tr []gaps.Finding
	if fromReport != nil {
		fr = fromReport.Findings
	}
	if toReport != nil {
		tr = toReport.Findings
	}
	return &Improvement{
		Findings:  diffFindings(from, to, fr, tr),
		Metrics:   metrics(from, to, fr, tr),
		Steps:     diffSteps(from.Steps, to.Steps),
		Handovers: diffHandovers(from.Handovers, to.Handovers),
	}
}

func subjectKey(f *gaps.Finding) string {
	ids := slices.Sorted(slices.Values(f.Subject))
	return string(f.Rule) + "\x00" + strings.Join(ids, "\x00")
}

func placeKey(f *gaps.Finding) string {
	var pair string
	switch {
	case f.Actors != nil:
		pair = f.Actors.From.ID + "\x00" + f.Actors.To.ID
	case f.Actor != nil:
		pair = f.Actor.ID
	}
	return string(f.Rule) + "\x00" + pair + "\x00" + f.Stage
}

// elementIDs returns the ids of j's steps and hand-overs, and j's own id: the ids a
// finding's subject may name.
func elementIDs(j *journeys.Journey) map[string]bool {
	ids := make(map[string]bool, len(j.Steps)+len(j.Handovers)+1)
	ids[j.ID] = true
	for _, s := range j.Steps {
		ids[s.ID] = true
	}
	for _, h := range j.Handovers {
		ids[h.ID] = true
	}
	return ids
}

// shared reports whether every subject id of f is an element of the other journey. A
// finding about a journey as a whole names the journey's own id, which the other journey
// does not share; it is matched by place.
func shared(f *gaps.Finding, other map[string]bool) bool {
	if len(f.Subject) == 0 {
		return false
	}
	for _, id := range f.Subject {
		if !other[id] {
			return false
		}
	}
	return true
}

func diffFindings(from, to *journeys.Journey, fr, tr []gaps.Finding) FindingDiff {
	d := FindingDiff{Resolved: []gaps.Finding{}, Remaining: []Remaining{}, New: []gaps.Finding{}}
	toIDs, fromIDs := elementIDs(to), elementIDs(from)
	bySubject := map[string][]int{}
	byPlace := map[string][]int{}
	for i := range tr {
		bySubject[subjectKey(&tr[i])] = append(bySubject[subjectKey(&tr[i])], i)
		if !shared(&tr[i], fromIDs) {
			byPlace[placeKey(&tr[i])] = append(byPlace[placeKey(&tr[i])], i)
		}
	}
	used := make([]bool, len(tr))
	take := func(idx []int) int {
		for _, i := range idx {
			if !used[i] {
				used[i] = true
				return i
			}
		}
		return -1
	}
	matched := make([]int, len(fr))
	how := make([]Match, len(fr))
	// Subjects first, for every finding, so that a match by place never takes a finding
	// of to that a later finding of from matches exactly.
	for i := range fr {
		matched[i], how[i] = take(bySubject[subjectKey(&fr[i])]), MatchSubject
	}
	for i := range fr {
		if matched[i] < 0 && !shared(&fr[i], toIDs) {
			matched[i], how[i] = take(byPlace[placeKey(&fr[i])]), MatchPlace
		}
	}
	for i := range fr {
		if matched[i] < 0 {
			d.Resolved = append(d.Resolved, fr[i])
			continue
		}
		d.Remaining = append(d.Remaining, Remaining{Finding: tr[matched[i]], Was: fr[i].Fingerprint, MatchedBy: how[i]})
	}
	for i := range tr {
		if !used[i] {
			d.New = append(d.New, tr[i])
		}
	}
	d.Counts = FindingCounts{Resolved: len(d.Resolved), Remaining: len(d.Remaining), New: len(d.New)}
	return d
}

// metrics computes every metric of the map on each side. open_findings counts the
// findings of the side's report that are open (untriaged or confirmed).
func metrics(from, to *journeys.Journey, fr, tr []gaps.Finding) []MetricPair {
	out := make([]MetricPair, 0, len(journeys.Metrics))
	for _, m := range journeys.Metrics {
		p := MetricPair{Metric: m}
		if m == journeys.MetricOpenFindings {
			p.From, p.To = openFindings(fr), openFindings(tr)
		} else {
			p.From = journeys.Evaluate(m, &journeys.MeasureScope{Journeys: []string{from.ID}}, []*journeys.Journey{from})
			p.To = journeys.Evaluate(m, &journeys.MeasureScope{Journeys: []string{to.ID}}, []*journeys.Journey{to})
		}
		out = append(out, p)
	}
	return out
}

func openFindings(fs []gaps.Finding) journeys.MetricValue {
	n := 0
	for i := range fs {
		if t := fs[i].Triage; t == nil || t.Status == journeys.TriageConfirmed {
			n++
		}
	}
	v := float64(n)
	return journeys.MetricValue{Value: &v, Counted: len(fs), Journeys: 1}
}

// field is one named field of an element and its value, compared as text.
type field struct {
	name  string
	value string
}

func diffElements[T any](from, to []T, id func(*T) string, fields func(*T) []field) ElementDiff {
	d := ElementDiff{Added: []string{}, Removed: []string{}, Changed: []Change{}}
	old := make(map[string]*T, len(from))
	for i := range from {
		old[id(&from[i])] = &from[i]
	}
	seen := make(map[string]bool, len(to))
	for i := range to {
		t := &to[i]
		seen[id(t)] = true
		f, ok := old[id(t)]
		if !ok {
			d.Added = append(d.Added, id(t))
			continue
		}
		var changed []string
		a, b := fields(f), fields(t)
		for k := range a {
			if a[k].value != b[k].value {
				changed = append(changed, a[k].name)
			}
		}
		if len(changed) > 0 {
			d.Changed = append(d.Changed, Change{ID: id(t), Fields: changed})
		}
	}
	for i := range from {
		if !seen[id(&from[i])] {
			d.Removed = append(d.Removed, id(&from[i]))
		}
	}
	return d
}

func diffSteps(from, to []journeys.Step) ElementDiff {
	return diffElements(from, to, func(s *journeys.Step) string { return s.ID }, func(s *journeys.Step) []field {
		return []field{
			{"title", s.Title}, {"stage", s.Stage}, {"actor", s.Actor}, {"channel", string(s.Channel)},
			{"entry", text(s.Entry)}, {"terminal", text(s.Terminal)}, {"crisis", text(s.Crisis)},
			{"contactPerson", text(s.ContactPerson)}, {"waitDays", waitText(s.WaitDays)}, {"emotion", text(s.Emotion)},
		}
	})
}

func diffHandovers(from, to []journeys.Handover) ElementDiff {
	return diffElements(from, to, func(h *journeys.Handover) string { return h.ID }, func(h *journeys.Handover) []field {
		return []field{
			{"from", h.From}, {"to", h.To}, {"type", string(h.Type)}, {"responsible", text(h.Responsible)},
			{"information", string(h.Information)}, {"acknowledged", text(h.Acknowledged)},
			{"followUp", text(h.FollowUp)}, {"waitDays", waitText(h.WaitDays)},
		}
	})
}
