package journeys

import (
	"slices"
	"strings"
	"time"
)

// Default long_wait thresholds in days. They follow the Swedish care guarantee (vårdgarantin):
// contact the same day, a medical assessment within 3 days, a specialist visit and treatment
// within 90 days, and 30 days in child and adolescent psychiatry (BUP).
const (
	DefaultEntryStepWait = 3
	DefaultOtherStepWait = 90
	DefaultBUPCap        = 30
)

// Default evidence_hotspot minimums: a single voice, or many from one interview, is an
// anecdote; two negative insights from two sources make a pattern worth looking at.
const (
	DefaultMinNegativeInsights = 2
	DefaultMinSources          = 2
)

// DefaultTimeZone is the zone a project reads timestamps without one in (an event log's),
// until it sets its own: Glapp's projects are Swedish.
const DefaultTimeZone = "Europe/Stockholm"

// maxWaitThreshold bounds a threshold like a waitDays value: ten years.
const maxWaitThreshold = 3650

// defaultHandoverWait holds the spec's default threshold per hand-over type.
var defaultHandoverWait = map[HandoverType]int{
	HandoverReferral:        90,
	HandoverConsultation:    30,
	HandoverJointPlanning:   30,
	HandoverDischarge:       7,
	HandoverAdviceToContact: 3,
	HandoverSelfReferral:    3,
	HandoverInternal:        90,
}

// Settings holds a project's thresholds for the gap rules that take them. Start from
// DefaultSettings: a JSON document decoded into it keeps the default of every field the
// document leaves out (encoding/json merges into an existing map), so a project can change
// one threshold without restating the others.
type Settings struct {
	LongWait        LongWaitSettings        `json:"longWait"`
	EvidenceHotspot EvidenceHotspotSettings `json:"evidenceHotspot"`
	// TimeZone is the IANA name of the zone in which timestamps without a zone are read
	// (an imported event log's) and in which days are counted between them.
	TimeZone string `json:"timeZone" example:"Europe/Stockholm"`
}

// LongWaitSettings holds the long_wait thresholds, all in days. A wait above its threshold
// is a finding; a wait equal to it is not.
type LongWaitSettings struct {
	// Handover holds the threshold per hand-over type, for the wait until the receiving
	// step happens. A type left out uses the spec's default.
	Handover map[HandoverType]int `json:"handover"`
	// EntryStep is the threshold for the wait at a step where the person enters.
	EntryStep int `json:"entryStep" example:"3"`
	// OtherStep is the threshold for the wait at any other step.
	OtherStep int `json:"otherStep" example:"90"`
	// BUPCap caps any threshold where the receiving actor is of kind "bup" (child and
	// adolescent psychiatry), whose care guarantee is shorter.
	BUPCap int `json:"bupCap" example:"30"`
}

// EvidenceHotspotSettings holds what it takes for negative evidence to make a step or a
// hand-over an evidence_hotspot.
type EvidenceHotspotSettings struct {
	// MinNegativeInsights is the least number of negative, not rejected insights.
	MinNegativeInsights int `json:"minNegativeInsights" example:"2"`
	// MinSources is the least number of different sources those insights come from.
	MinSources int `json:"minSources" example:"2"`
}

// DefaultSettings returns the spec's defaults. Each call returns a fresh map, so callers
// may change the result freely.
func DefaultSettings() Settings {
	handover := make(map[HandoverType]int, len(defaultHandoverWait))
	for t, d := range defaultHandoverWait {
		handover[t] = d
	}
	return Settings{
		LongWait: LongWaitSettings{
			Handover:  handover,
			EntryStep: DefaultEntryStepWait,
			OtherStep: DefaultOtherStepWait,
			BUPCap:    DefaultBUPCap,
		},
		EvidenceHotspot: EvidenceHotspotSettings{
			MinNegativeInsights: DefaultMinNegativeInsights,
			MinSources:          DefaultMinSources,
		},
		TimeZone: DefaultTimeZone,
	}
}

// Location returns the project's time zone. Settings that passed Validate always have
// one; anything else (settings stored before the zone existed decode over the defaults,
// so only a damaged store) falls back to DefaultTimeZone, then UTC.
func (s Settings) Location() *time.Location {
	if loc, err := loadZone(s.TimeZone); err == nil {
		return loc
	}
	if loc, err := time.LoadLocation(DefaultTimeZone); err == nil {
		return loc
	}
	return time.UTC
}

// loadZone loads an IANA zone by name, refusing "" and "Local", which name the server's
// zone rather than the project's.
func loadZone(name string) (*time.Location, error) {
	if name == "" || name == "Local" {
		return nil, Errorf(Invalid, "no zone")
	}
	return time.LoadLocation(name)
}

// ForHandover returns the threshold for a hand-over of type t: the project's own when it
// set one, else the spec's default.
func (l LongWaitSettings) ForHandover(t HandoverType) int {
	if d, ok := l.Handover[t]; ok {
		return d
	}
	return defaultHandoverWait[t]
}

// IsZero reports whether s is the zero value, which no project means to set (it would
// make every wait a finding); the gap engine reads it as DefaultSettings.
func (s Settings) IsZero() bool {
	l := s.LongWait
	return len(l.Handover) == 0 && l.EntryStep == 0 && l.OtherStep == 0 && l.BUPCap == 0 &&
		s.EvidenceHotspot == (EvidenceHotspotSettings{}) && s.TimeZone == ""
}

// Validate returns every violation in s, located by JSON pointers into the settings
// document. Thresholds are whole days from 0 to 3650; hand-over thresholds must name known
// hand-over types. The evidence_hotspot minimums must be at least 1, because a minimum of
// 0 would make every step and hand-over a hotspot.
func (s *Settings) Validate() []Violation {
	var v violations
	types := make([]HandoverType, 0, len(s.LongWait.Handover))
	for t := range s.LongWait.Handover {
		types = append(types, t)
	}
	slices.Sort(types)
	for _, t := range types {
		p := "/longWait/handover/" + escapePointer(string(t))
		if !oneOf(t, HandoverTypes) {
			v.add(p, "Unknown hand-over type %q; one of: %s.", string(t), enumList(HandoverTypes))
			continue
		}
		v.threshold(p, s.LongWait.Handover[t])
	}
	v.threshold("/longWait/entryStep", s.LongWait.EntryStep)
	v.threshold("/longWait/otherStep", s.LongWait.OtherStep)
	v.threshold("/longWait/bupCap", s.LongWait.BUPCap)
	v.atLeastOne("/evidenceHotspot/minNegativeInsights", s.EvidenceHotspot.MinNegativeInsights)
	v.atLeastOne("/evidenceHotspot/minSources", s.EvidenceHotspot.MinSources)
	if _, err := loadZone(s.TimeZone); err != nil {
		v.add("/timeZone", "Unknown time zone %q; name one of the IANA time zone database, such as %s.", s.TimeZone, DefaultTimeZone)
	}
	sortViolations(v)
	return v
}

func (v *violations) threshold(pointer string, days int) {
	if days < 0 || days > maxWaitThreshold {
		v.add(pointer, "Must be between 0 and %d days.", maxWaitThreshold)
	}
}

func (v *violations) atLeastOne(pointer string, n int) {
	if n < 1 {
		v.add(pointer, "Must be at least 1.")
	}
}

// escapePointer escapes a JSON pointer segment (RFC 6901): '~' as ~0 and '/' as ~1.
func escapePointer(segment string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(segment)
}
