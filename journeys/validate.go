package journeys

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/glapp/glapp/journeys/personal"
)

const (
	maxIDLen   = 100
	maxNameLen = 300
	maxTextLen = 20000
)

// idPattern keeps ids safe as URL path segments and free of the ':' that element
// references such as "step:s1" use.
var idPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*$`)

// Prefixes of the ids Glapp makes itself: a prefix and a digest (see digestID).
const (
	evidenceIDPrefix = "ev_"
	sourceIDPrefix   = "src_"
	tokenIDPrefix    = "tok_"
)

// digestID matches the ids Glapp makes itself: a prefix and 16 hex digits of a digest or
// random bytes. Their digits are not personal data even when a run of them happens to
// read like a phone or personal number, so the personal-data check passes them; without
// that, about one generated id in ten thousand could never be fetched again.
var digestID = regexp.MustCompile(`^(` + evidenceIDPrefix + `|` + sourceIDPrefix + `|` + tokenIDPrefix + `)[0-9a-f]{16}$`)

// ValidID reports whether id may name an entity: see IDProblem.
func ValidID(id string) bool { return IDProblem(id) == "" }

// IDProblem says what is wrong with id as an entity's id, as the detail of a violation, or
// "" when it may name one. Ids are short, safe as URL path segments, and never hold
// personal data: they end up in paths, logs and the audit log, which must not carry it.
// Since every request body is redacted before it is validated, an id that held personal
// data arrives here as a marker ("[PNR]") and is refused with the same message.
func IDProblem(id string) string {
	switch {
	case id == "":
		return "This field is required."
	case personal.HasMarker(id) || !digestID.MatchString(id) && personal.Contains(id):
		return "Ids must not hold personal data (a personal or coordination number, an e-mail address or a phone number): ids are written to paths, logs and the audit log."
	case len(id) > maxIDLen || !idPattern.MatchString(id):
		return fmt.Sprintf("Must be at most %d characters of letters a-z, digits, '.', '_' or '-', starting with a letter or digit.", maxIDLen)
	}
	return ""
}

// violations collects Violations; its helpers each check one kind of field.
type violations []Violation

func (v *violations) add(pointer, format string, args ...any) {
	*v = append(*v, Violation{Pointer: pointer, Detail: fmt.Sprintf(format, args...)})
}

func (v *violations) required(pointer, value string) {
	if value == "" {
		v.add(pointer, "This field is required.")
	}
}

func (v *violations) maxLen(pointer, value string, n int) {
	if utf8.RuneCountInString(value) > n {
		v.add(pointer, "Must be at most %d characters.", n)
	}
}

func (v *violations) id(pointer, value string) {
	if p := IDProblem(value); p != "" {
		v.add(pointer, "%s", p)
	}
}

// checkEnum adds a violation when value is not one of allowed, or is empty but required.
func checkEnum[T ~string](v *violations, pointer string, value T, allowed []T, required bool) {
	switch {
	case value == "" && required:
		v.add(pointer, "This field is required; one of: %s.", enumList(allowed))
	case value != "" && !oneOf(value, allowed):
		v.add(pointer, "%q is not allowed; one of: %s.", string(value), enumList(allowed))
	}
}

func (v *violations) between(pointer string, value *int, lo, hi int) {
	if value != nil && (*value < lo || *value > hi) {
		v.add(pointer, "Must be between %d and %d.", lo, hi)
	}
}

func (v *violations) waitDays(pointer string, w *WaitDays) {
	if w == nil {
		return
	}
	for name, d := range map[string]*int{"expected": w.Expected, "observed": w.Observed} {
		if d != nil && (*d < 0 || *d > 3650) {
			v.add(pointer+"/"+name, "Must be between 0 and 3650 days.")
		}
	}
}

func (v *violations) date(pointer, value string) {
	if value == "" {
		return
	}
	if _, err := time.Parse(time.DateOnly, value); err != nil {
		v.add(pointer, "Must be a date written YYYY-MM-DD.")
	}
}

// Refs is what a journey may reference outside itself.
type Refs struct {
	// Actors holds the project's actors by id, before the document's own upserts.
	Actors map[string]Actor
	// Needs holds the ids of the project's needs, which insights may name in "about".
	Needs map[string]bool
	// Limits bound the journey's size; zero limits mean DefaultLimits.
	Limits Limits
	// LastKept is, for a journey not stored now, the highest version its history keeps (0
	// when none): a journey created again after a delete continues after it, so that its
	// versions never clash with those kept.
	LastKept int64
}

// Validate returns every violation in j, each located by a JSON pointer into the journey
// document. A journey is valid when it returns none. It checks ids (format, duplicates,
// references), enums, ranges, and that the journey has an entry step.
func (j *Journey) Validate(refs Refs) []Violation {
	var v violations
	v.id("/id", j.ID)
	v.required("/title", j.Title)
	v.maxLen("/title", j.Title, maxNameLen)
	checkEnum(&v, "/kind", j.Kind, JourneyKinds, true)
	checkEnum(&v, "/ageGroup", j.AgeGroup, AgeGroups, false)
	v.maxLen("/targetGroup", j.TargetGroup, maxNameLen)
	v.maxLen("/persona", j.Persona, maxTextLen)
	v.maxLen("/description", j.Description, maxTextLen)
	if j.BasedOn != "" {
		v.id("/basedOn", j.BasedOn)
		if j.BasedOn == j.ID {
			v.add("/basedOn", "A journey cannot be based on itself.")
		}
	}

	actors := map[string]bool{}
	for id := range refs.Actors {
		actors[id] = true
	}
	carried := map[string]bool{}
	after := make(map[string]Actor, len(refs.Actors)+len(j.Actors))
	for id, a := range refs.Actors {
		after[id] = a
	}
	for i, a := range j.Actors {
		p := "/actors/" + strconv.Itoa(i)
		v = append(v, a.Validate(p)...)
		if carried[a.ID] {
			v.add(p+"/id", "Duplicate actor id %q.", a.ID)
		}
		carried[a.ID] = true
		actors[a.ID] = true
		after[a.ID] = a
	}
	// Offer ids stay unique in the project, across the actors the document carries too.
	for i := range j.Actors {
		v = append(v, CheckOfferIDs(&j.Actors[i], "/actors/"+strconv.Itoa(i), after)...)
	}
	offers := OfferIndex(after)
	actorRef := func(pointer, id string) {
		if !actors[id] {
			v.add(pointer, "Unknown actor %q: it is neither an actor of the project nor in the document's actors.", id)
		}
	}

	// Element ids are unique across the whole document, and steps and hand-overs must not
	// share an id with an actor or the journey, because an insight's "about" names any of
	// them by id alone.
	seen := map[string]string{}
	claim := func(pointer, id string) {
		if id == "" {
			return
		}
		if prev, ok := seen[id]; ok {
			v.add(pointer, "Duplicate id %q: already used at %s.", id, prev)
			return
		}
		seen[id] = pointer
	}
	stages := map[string]bool{}
	for i, s := range j.Stages {
		p := "/stages/" + strconv.Itoa(i)
		v.id(p+"/id", s.ID)
		claim(p+"/id", s.ID)
		stages[s.ID] = true
		v.required(p+"/name", s.Name)
		v.maxLen(p+"/name", s.Name, maxNameLen)
	}
	steps := map[string]bool{}
	entries := 0
	for i, s := range j.Steps {
		p := "/steps/" + strconv.Itoa(i)
		v.id(p+"/id", s.ID)
		claim(p+"/id", s.ID)
		steps[s.ID] = true
		v.required(p+"/title", s.Title)
		v.maxLen(p+"/title", s.Title, maxNameLen)
		if s.Stage != "" && !stages[s.Stage] {
			v.add(p+"/stage", "Unknown stage %q.", s.Stage)
		}
		if s.Actor == "" {
			v.add(p+"/actor", "This field is required.")
		} else {
			actorRef(p+"/actor", s.Actor)
		}
		checkEnum(&v, p+"/channel", s.Channel, Channels, false)
		if s.ContactPerson != nil {
			actorRef(p+"/contactPerson", *s.ContactPerson)
		}
		v.waitDays(p+"/waitDays", s.WaitDays)
		v.between(p+"/emotion", s.Emotion, -3, 3)
		if s.Planned != "" {
			v.id(p+"/planned", s.Planned)
			if j.BasedOn == "" {
				v.add(p+"/planned", "A planned step is named only on a journey based on another (\"basedOn\"): the plan it realises.")
			}
		}
		if s.Entry {
			entries++
		}
	}
	if entries == 0 {
		v.add("/steps", "A journey needs at least one entry step (\"entry\": true): where the person enters.")
	}
	handovers := map[string]bool{}
	for i, h := range j.Handovers {
		p := "/handovers/" + strconv.Itoa(i)
		v.id(p+"/id", h.ID)
		claim(p+"/id", h.ID)
		handovers[h.ID] = true
		for _, end := range []struct{ field, id string }{{"from", h.From}, {"to", h.To}} {
			switch {
			case end.id == "":
				v.add(p+"/"+end.field, "This field is required.")
			case !steps[end.id]:
				v.add(p+"/"+end.field, "Unknown step %q: a hand-over joins two steps of this journey.", end.id)
			}
		}
		if h.From != "" && h.From == h.To {
			v.add(p+"/to", "A hand-over must lead to another step.")
		}
		checkEnum(&v, p+"/type", h.Type, HandoverTypes, true)
		if h.Responsible != nil {
			actorRef(p+"/responsible", *h.Responsible)
		}
		checkEnum(&v, p+"/information", h.Information, InformationLevels, false)
		v.waitDays(p+"/waitDays", h.WaitDays)
	}
	for id, pointer := range seen {
		if (steps[id] || handovers[id]) && (actors[id] || id == j.ID) {
			v.add(pointer, "Id %q is also an actor's or the journey's id; an insight's \"about\" could not tell them apart.", id)
		}
	}
	for i, in := range j.Insights {
		p := "/insights/" + strconv.Itoa(i)
		v.id(p+"/id", in.ID)
		claim(p+"/id", in.ID)
		v.required(p+"/text", in.Text)
		v.maxLen(p+"/text", in.Text, maxTextLen)
		checkEnum(&v, p+"/kind", in.Kind, InsightKinds, true)
		checkEnum(&v, p+"/status", in.Status, InsightStatuses, false)
		v.between(p+"/sentiment", in.Sentiment, -2, 2)
		if in.Source != "" && !ValidID(in.Source) {
			v.add(p+"/source", "Not a valid source id.")
		}
		for k, tag := range in.Tags {
			if tag == "" {
				v.add(p+"/tags/"+strconv.Itoa(k), "A tag must not be empty.")
			}
			v.maxLen(p+"/tags/"+strconv.Itoa(k), tag, maxNameLen)
		}
		for k, id := range in.About {
			_, offer := offers[id]
			if !steps[id] && !handovers[id] && !actors[id] && id != j.ID && !offer && !refs.Needs[id] {
				v.add(p+"/about/"+strconv.Itoa(k), "Unknown id %q: \"about\" names steps, hand-overs, actors, offers or needs of the project, or this journey.", id)
			}
		}
	}
	sortViolations(v)
	return v
}

// canonicalJSON renders v as JSON for comparisons; every value here marshals.
func canonicalJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// canonical renders j's content, without server fields or carried actors, as JSON.
func canonical(j *Journey) string {
	c := *j
	c.Version, c.UpdatedAt, c.Actors = 0, nil, nil
	c.Normalize()
	b, err := json.Marshal(&c)
	if err != nil {
		panic(err) // a Journey always marshals
	}
	return string(b)
}
