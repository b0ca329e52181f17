package journeys

import (
	"slices"
	"sort"
)

// Metric is a value computed from the journey map itself, so that a goal is tied to the
// map and its timeline forms without hand-copying numbers.
type Metric string

// Computed metrics, as the spec names them.
const (
	// MetricHandoversWithResponsible is the share of hand-overs with a responsible actor.
	MetricHandoversWithResponsible Metric = "handovers_with_responsible"
	// MetricHandoversAcknowledged is the share of hand-overs the receiver acknowledged.
	MetricHandoversAcknowledged Metric = "handovers_acknowledged"
	// MetricHandoversInformationFull is the share of hand-overs where information
	// followed in full.
	MetricHandoversInformationFull Metric = "handovers_information_full"
	// MetricHandoversFollowedUp is the share of hand-overs the sender followed up.
	MetricHandoversFollowedUp Metric = "handovers_followed_up"
	// MetricCrisisWithContactPerson is the share of crisis steps with a contact person.
	MetricCrisisWithContactPerson Metric = "crisis_with_contact_person"
	// MetricWaitDaysMedian is the median wait in days over steps and hand-overs.
	MetricWaitDaysMedian Metric = "wait_days_median"
	// MetricSelfNavigationHandoffs is the number of hand-offs where the person must find
	// the next door alone, per journey.
	MetricSelfNavigationHandoffs Metric = "self_navigation_handoffs"
	// MetricOpenFindings is the number of open findings (untriaged or confirmed) in the
	// journeys in scope. It needs the gap engine, so gaps.OpenFindings computes it, not
	// Evaluate.
	MetricOpenFindings Metric = "open_findings"
)

// Metrics lists every valid Metric.
var Metrics = []Metric{MetricHandoversWithResponsible, MetricHandoversAcknowledged, MetricHandoversInformationFull,
	MetricHandoversFollowedUp, MetricCrisisWithContactPerson, MetricWaitDaysMedian, MetricSelfNavigationHandoffs,
	MetricOpenFindings}

// MetricValue is a computed metric's value and what it was computed on.
type MetricValue struct {
	// Value is null when nothing in scope could be counted.
	Value *float64 `json:"value" extensions:"x-nullable"`
	// Counted is how many steps, hand-overs or journeys the value stands on.
	Counted int `json:"counted"`
	// Unknown is how many were left out because the map does not know their value yet.
	Unknown int `json:"unknown"`
	// Journeys is how many journeys were in scope.
	Journeys int `json:"journeys"`
}

// InScope reports whether journey j is counted by a measure with scope s: the journeys
// it names, or else the as_is ones, of the target groups it names if any.
func (s *MeasureScope) InScope(j *Journey) bool {
	var sc MeasureScope
	if s != nil {
		sc = *s
	}
	if len(sc.Journeys) > 0 {
		if !slices.Contains(sc.Journeys, j.ID) {
			return false
		}
	} else if j.Kind != KindAsIs {
		return false
	}
	return len(sc.TargetGroups) == 0 || slices.Contains(sc.TargetGroups, j.TargetGroup)
}

// Evaluate computes metric m on the journeys js that are in scope s (callers may pass
// the project's journeys one by one through InScope first, or all: Evaluate filters
// again). It is a pure function of the map. MetricOpenFindings is gaps.OpenFindings's:
// here it has no value.
func Evaluate(m Metric, s *MeasureScope, js []*Journey) MetricValue {
	var actors []string
	if s != nil {
		actors = s.Actors
	}
	var out MetricValue
	var yes int
	var waits []float64
	selfNav := 0
	for _, j := range js {
		if !s.InScope(j) {
			continue
		}
		out.Journeys++
		stepActor := make(map[string]string, len(j.Steps))
		for _, st := range j.Steps {
			stepActor[st.ID] = st.Actor
		}
		stepIn := func(actor string) bool { return len(actors) == 0 || slices.Contains(actors, actor) }
		for _, st := range j.Steps {
			if !stepIn(st.Actor) {
				continue
			}
			switch m {
			case MetricCrisisWithContactPerson:
				// A missing contact person reads as none: the map cannot tell it from
				// not known.
				if st.Crisis {
					out.Counted++
					if st.ContactPerson != nil && *st.ContactPerson != "" {
						yes++
					}
				}
			case MetricWaitDaysMedian:
				if d, ok := waitOf(st.WaitDays); ok {
					waits = append(waits, d)
				} else {
					out.Unknown++
				}
			}
		}
		for _, h := range j.Handovers {
			if !stepIn(stepActor[h.From]) && !stepIn(stepActor[h.To]) {
				continue
			}
			var known, ok bool
			switch m {
			case MetricHandoversWithResponsible:
				known, ok = h.Responsible != nil, h.Responsible != nil && *h.Responsible != ""
			case MetricHandoversAcknowledged:
				known, ok = h.Acknowledged != nil, h.Acknowledged != nil && *h.Acknowledged
			case MetricHandoversFollowedUp:
				known, ok = h.FollowUp != nil, h.FollowUp != nil && *h.FollowUp
			case MetricHandoversInformationFull:
				known = h.Information != "" && h.Information != InformationUnknown
				ok = h.Information == InformationFull
			case MetricWaitDaysMedian:
				if d, found := waitOf(h.WaitDays); found {
					waits = append(waits, d)
				} else {
					out.Unknown++
				}
				continue
			case MetricSelfNavigationHandoffs:
				if (h.Type == HandoverAdviceToContact || h.Type == HandoverSelfReferral) &&
					stepActor[h.From] != stepActor[h.To] {
					selfNav++
				}
				continue
			default:
				continue
			}
			if !known {
				out.Unknown++
				continue
			}
			out.Counted++
			if ok {
				yes++
			}
		}
	}
	switch m {
	case MetricWaitDaysMedian:
		out.Counted = len(waits)
		if len(waits) > 0 {
			out.Value = ptr(median(waits))
		}
	case MetricOpenFindings:
		out.Counted = 0
	case MetricSelfNavigationHandoffs:
		out.Counted = out.Journeys
		if out.Journeys > 0 {
			out.Value = ptr(float64(selfNav) / float64(out.Journeys))
		}
	default:
		if out.Counted > 0 {
			out.Value = ptr(float64(yes) / float64(out.Counted))
		}
	}
	return out
}

// waitOf returns a wait in days: observed where known, else expected.
func waitOf(w *WaitDays) (float64, bool) {
	switch {
	case w == nil:
		return 0, false
	case w.Observed != nil:
		return float64(*w.Observed), true
	case w.Expected != nil:
		return float64(*w.Expected), true
	}
	return 0, false
}

func median(xs []float64) float64 {
	sort.Float64s(xs)
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}

func ptr[T any](v T) *T { return &v }
