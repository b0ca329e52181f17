package journeys

import "fmt"

// Limits bound the size of one journey, so that what any request costs (a gap report, a
// diagram, a write) is bounded too. Stores check them on every write, through Check, so
// that a journey PUT and an element POST meet the same rule.
type Limits struct {
	Steps     int
	Handovers int
	Insights  int
}

// DefaultLimits are the limits a store applies unless configured otherwise: well above
// the largest real journey maps (a few hundred steps), well below what makes a gap report
// or a diagram slow.
func DefaultLimits() Limits {
	return Limits{Steps: 2_000, Handovers: 10_000, Insights: 10_000}
}

// MaxEventLogCases bounds how many cases one event-log import holds, so that its index
// of cases (a few bytes per event, kept in memory while the log is grouped by case) is
// bounded too. The events of one case are bounded by Limits.Steps, since each becomes a
// step of the case's journey.
const MaxEventLogCases = 100_000

// MaxJourneysPerWrite bounds the journeys one PutJourneys call writes in its transaction:
// enough to take most of the cost of a commit off each journey, few enough that the
// transaction's memory stays small.
const MaxJourneysPerWrite = 100

// CheckJourneysPerWrite refuses a PutJourneys call with more than MaxJourneysPerWrite
// journeys.
func CheckJourneysPerWrite(js []*Journey) error {
	if len(js) > MaxJourneysPerWrite {
		return Errorf(Internal, "%d journeys in one write; at most %d", len(js), MaxJourneysPerWrite)
	}
	return nil
}

// OrDefault returns l, with DefaultLimits for any limit that is zero or less.
func (l Limits) OrDefault() Limits { return l.orDefault() }

// orDefault returns l, with DefaultLimits for any limit that is zero or less.
func (l Limits) orDefault() Limits {
	d := DefaultLimits()
	if l.Steps <= 0 {
		l.Steps = d.Steps
	}
	if l.Handovers <= 0 {
		l.Handovers = d.Handovers
	}
	if l.Insights <= 0 {
		l.Insights = d.Insights
	}
	return l
}

// check returns a LIMIT_EXCEEDED error naming each list of j that is over its limit,
// with the limit and the count, or nil.
func (l Limits) check(j *Journey) error {
	l = l.orDefault()
	var v []Violation
	for _, c := range []struct {
		pointer, noun string
		count, limit  int
	}{
		{"/steps", "steps", len(j.Steps), l.Steps},
		{"/handovers", "hand-overs", len(j.Handovers), l.Handovers},
		{"/insights", "insights", len(j.Insights), l.Insights},
	} {
		if c.count > c.limit {
			v = append(v, Violation{Pointer: c.pointer, Detail: fmt.Sprintf(
				"The journey would have %d %s; the limit is %d per journey.", c.count, c.noun, c.limit)})
		}
	}
	if len(v) == 0 {
		return nil
	}
	return &Error{Code: LimitExceeded, Message: "The journey would be larger than this server's limits; nothing was stored. Split it into several journeys.", Violations: v}
}
