package journeys

import (
	"crypto/hmac"
	"crypto/sha256"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// An event log is what a case management or patient record system exports: one row per
// thing that happened in a case. Imported, each case becomes one lived journey. The rules
// for turning a case's events into a journey live here, so that every way in (the API,
// "glapp import") builds the same journey from the same file.

// Event is one row of an event log, read, redacted and pseudonymised: nothing in it is
// personal data.
type Event struct {
	// Case is the case's pseudonym (CasePseudonym), never the case id itself.
	Case     string
	Activity string
	// Actor names the actor as the log does: an actor's id or name, or a new name.
	Actor string
	Time  time.Time
	// HandoverType is the type of the hand-over into this event's step; "" when the log
	// does not say.
	HandoverType HandoverType
	Channel      Channel
	// Line is where the event is in the file, for messages.
	Line int
}

// DefaultEventHandover is the hand-over type between two consecutive events at different
// actors when the log does not say: the person went from one to the other, and a referral
// is the commonest way that happens in Swedish care. Between two events at the same actor
// it is HandoverInternal.
var DefaultEventHandover = HandoverReferral

// ProjectSecretBytes is the length of a project's pseudonymisation secret.
const ProjectSecretBytes = 32

// livedIDPrefix starts the id of every journey imported from an event log.
const livedIDPrefix = "lived-"

// CasePseudonym returns the pseudonym of a case id in a project: a keyed hash
// (HMAC-SHA256) under the project's secret, so that the same case always gets the same
// pseudonym in that project, no one without the secret can tell which case it is, and the
// same case id gives unrelated pseudonyms in two projects. It is written in the letters
// a-p only, so that it can never read like a phone or personal number.
func CasePseudonym(secret []byte, caseID string) string {
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(strings.TrimSpace(caseID)))
	sum := mac.Sum(nil)[:10]
	out := make([]byte, 0, 2*len(sum))
	for _, b := range sum {
		out = append(out, 'a'+b>>4, 'a'+b&0x0f)
	}
	return string(out)
}

// LivedJourneyID is the id of the lived journey of the case with the given pseudonym.
func LivedJourneyID(pseudonym string) string { return livedIDPrefix + pseudonym }

// SortEvents orders one case's events by time; events with equal times keep the order
// they came in (the file's).
func SortEvents(events []Event) {
	slices.SortStableFunc(events, func(a, b Event) int { return a.Time.Compare(b.Time) })
}

// EventActors resolves the actor names of an event log against a project's actors: a
// name that is an actor's id, or an actor's name (case and surrounding space ignored),
// is that actor; any other name becomes a new actor of SectorUnknown, created by the
// import.
type EventActors struct {
	known  map[string]Actor
	byName map[string]string // lower-cased name or id → actor id
	// New holds the actors the import must create, by id.
	New map[string]Actor
}

// NewEventActors indexes a project's actors.
func NewEventActors(actors map[string]Actor) *EventActors {
	x := &EventActors{known: actors, byName: map[string]string{}, New: map[string]Actor{}}
	ids := make([]string, 0, len(actors))
	for id := range actors {
		ids = append(ids, id)
	}
	slices.Sort(ids) // the first of two actors with the same name wins, the same each time
	for _, id := range ids {
		if key := foldTitle(actors[id].Name); key != "" {
			if _, taken := x.byName[key]; !taken {
				x.byName[key] = id
			}
		}
	}
	for _, id := range ids {
		x.byName[foldTitle(id)] = id // an id beats a name
	}
	return x
}

// Resolve returns the id of the actor an event names, adding a new actor when no actor
// of the project or of the import has that id or name.
func (x *EventActors) Resolve(name string) string {
	name = strings.Join(strings.Fields(name), " ")
	key := foldTitle(name)
	if id, ok := x.byName[key]; ok {
		return id
	}
	id := actorSlug(name)
	for n := 2; x.taken(id); n++ {
		id = fmt.Sprintf("%s-%d", actorSlug(name), n)
	}
	if utf8.RuneCountInString(name) > maxNameLen {
		name = string([]rune(name)[:maxNameLen])
	}
	x.New[id] = Actor{ID: id, Name: name, Sector: SectorUnknown}
	x.byName[key] = id
	return id
}

// Refs returns the project's actors and the new ones together, for validating the
// journeys that name them.
func (x *EventActors) Refs(limits Limits) Refs {
	all := make(map[string]Actor, len(x.known)+len(x.New))
	for id, a := range x.known {
		all[id] = a
	}
	for id, a := range x.New {
		all[id] = a
	}
	return Refs{Actors: all, Limits: limits}
}

func (x *EventActors) taken(id string) bool {
	_, old := x.known[id]
	_, fresh := x.New[id]
	return old || fresh
}

func foldTitle(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// actorSlug makes an actor id from a name: lower-case letters and digits, Swedish letters
// without their marks, anything else as "-". A name that gives no usable id (all
// punctuation, or digits that read as personal data) gets "actor-" and a hash.
func actorSlug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		switch r {
		case 'å', 'ä', 'à', 'á':
			r = 'a'
		case 'ö', 'ó', 'ò':
			r = 'o'
		case 'é', 'è', 'ë':
			r = 'e'
		case 'ü':
			r = 'u'
		}
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
		if b.Len() >= 60 {
			break
		}
	}
	id := strings.Trim(b.String(), "-")
	if !ValidID(id) {
		id = "actor-" + shortHash(name)
	}
	return id
}

// PlannedSteps matches a case's activities to the steps of the planned journey it
// follows: an activity that is a step's id, or its title (case and surrounding space
// ignored), realises that step.
type PlannedSteps struct {
	byKey map[string]string
}

// NewPlannedSteps indexes the steps of planned; nil matches nothing.
func NewPlannedSteps(planned *Journey) *PlannedSteps {
	p := &PlannedSteps{byKey: map[string]string{}}
	if planned == nil {
		return p
	}
	for _, s := range planned.Steps {
		if key := foldTitle(s.Title); key != "" {
			if _, taken := p.byKey[key]; !taken {
				p.byKey[key] = s.ID
			}
		}
	}
	for _, s := range planned.Steps {
		p.byKey[foldTitle(s.ID)] = s.ID
	}
	return p
}

// Match returns the id of the planned step activity realises, or "".
func (p *PlannedSteps) Match(activity string) string { return p.byKey[foldTitle(activity)] }

// LivedJourney builds the lived journey of one case from its events, in the order they
// happened (SortEvents them first):
//
//   - a step per event, so an activity that repeats is a step each time, with the first
//     step where the person enters;
//   - the wait at each later step (and on the hand-over into it, as journey maps note it)
//     is the number of calendar days in loc since the event before;
//   - a hand-over between each two consecutive steps, of the event's HandoverType when
//     the log gives one, else HandoverInternal within one actor and DefaultEventHandover
//     between two;
//   - with a planned journey, the journey is based on it and each step names the planned
//     step its activity matches; an activity that matches none stays ad hoc.
//
// actor turns an event's actor name into an actor id (EventActors.Resolve).
func LivedJourney(pseudonym string, events []Event, loc *time.Location, actor func(string) string, planned *Journey) *Journey {
	j := &Journey{ID: LivedJourneyID(pseudonym), Title: "Levd resa " + pseudonym, Kind: KindLived}
	match := NewPlannedSteps(planned)
	if planned != nil {
		j.BasedOn = planned.ID
	}
	for i, e := range events {
		title := strings.TrimSpace(e.Activity)
		if utf8.RuneCountInString(title) > maxNameLen {
			title = string([]rune(title)[:maxNameLen])
		}
		s := Step{ID: "e" + strconv.Itoa(i+1), Title: title, Actor: actor(e.Actor), Channel: e.Channel, Entry: i == 0}
		if planned != nil {
			s.Planned = match.Match(e.Activity)
		}
		if i > 0 {
			prev := events[i-1]
			days := calendarDays(prev.Time.In(loc), e.Time.In(loc))
			s.WaitDays = &WaitDays{Observed: &days}
			typ := e.HandoverType
			if typ == "" {
				typ = DefaultEventHandover
				if s.Actor == j.Steps[i-1].Actor {
					typ = HandoverInternal
				}
			}
			wait := days
			j.Handovers = append(j.Handovers, Handover{
				ID: "h" + strconv.Itoa(i), From: j.Steps[i-1].ID, To: s.ID, Type: typ,
				WaitDays: &WaitDays{Observed: &wait},
			})
		}
		j.Steps = append(j.Steps, s)
	}
	j.Normalize()
	return j
}

// calendarDays counts the calendar days from a to b (both in the zone the days are
// counted in): 23:00 to 08:00 the next morning is one day.
func calendarDays(a, b time.Time) int {
	da := time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, time.UTC)
	db := time.Date(b.Year(), b.Month(), b.Day(), 0, 0, 0, 0, time.UTC)
	return max(0, int(db.Sub(da).Hours()/24))
}

// CheckProjectSecret refuses a secret of the wrong length as INTERNAL: callers draw it at
// random, so a wrong one is a bug, never a client's mistake.
func CheckProjectSecret(secret []byte) error {
	if len(secret) != ProjectSecretBytes {
		return Errorf(Internal, "a project secret is %d bytes, not %d", ProjectSecretBytes, len(secret))
	}
	return nil
}
