package journeys

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Actor is an organisation or unit the person meets. Actors are shared by all journeys
// of a project.
type Actor struct {
	ID       string   `json:"id" validate:"required" example:"vc"`
	Name     string   `json:"name" validate:"required" example:"Vårdcentral"`
	Sector   Sector   `json:"sector" validate:"required"`
	Kind     string   `json:"kind,omitempty" example:"primary_care"`
	AgeGroup AgeGroup `json:"ageGroup,omitempty"`
	// Contact is the project's way into the actor: a role or function to ask for, such as
	// "enhetschef vuxenenheten", never a person's e-mail or phone (the redaction removes
	// those). The agenda names it.
	Contact string `json:"contact,omitempty" example:"enhetschef vuxenenheten"`
	// Offers are the supports the actor gives: what, at which level, for whom, how.
	Offers []Offer `json:"offers,omitempty"`
	// Server fields: set by the store, ignored on input.
	Version   int64      `json:"version,omitempty" readonly:"true"`
	UpdatedAt *time.Time `json:"updatedAt,omitempty" readonly:"true"`
}

// Validate returns every violation in a, with pointers under prefix.
func (a *Actor) Validate(prefix string) []Violation {
	var v violations
	v.id(prefix+"/id", a.ID)
	v.required(prefix+"/name", a.Name)
	v.maxLen(prefix+"/name", a.Name, maxNameLen)
	checkEnum(&v, prefix+"/sector", a.Sector, Sectors, true)
	v.maxLen(prefix+"/kind", a.Kind, maxNameLen)
	checkEnum(&v, prefix+"/ageGroup", a.AgeGroup, AgeGroups, false)
	v.maxLen(prefix+"/contact", a.Contact, maxNameLen)
	if len(a.Offers) > MaxOffers {
		v.add(prefix+"/offers", "Must hold at most %d offers.", MaxOffers)
		return v
	}
	seen := map[string]bool{}
	for i := range a.Offers {
		p := prefix + "/offers/" + strconv.Itoa(i)
		a.Offers[i].check(&v, p)
		if id := a.Offers[i].ID; seen[id] {
			v.add(p+"/id", "Duplicate offer id %q: offer ids are unique in the project.", id)
		} else {
			seen[id] = true
		}
		if a.Offers[i].ID == a.ID && a.ID != "" {
			v.add(p+"/id", "Offer id %q is the actor's own id; an insight's \"about\" could not tell them apart.", a.ID)
		}
	}
	return v
}

// WithoutServerFields returns a copy of a as a client would write it.
func (a Actor) WithoutServerFields() Actor {
	a.Version, a.UpdatedAt = 0, nil
	return a
}

// SameContent reports whether a and b differ only in server fields. Both compare as JSON
// (offers are a list), so that an empty list and a missing one are the same content.
func (a Actor) SameContent(b Actor) bool {
	return canonicalJSON(a.WithoutServerFields()) == canonicalJSON(b.WithoutServerFields())
}

// MaxOffers bounds the offers one actor carries, so that no actor grows without bound.
const MaxOffers = 100

// Offer is one support an actor gives: a programme, a reception, a helpline. Its id is
// unique among the offers of every actor of the project (the stores refuse a clash, see
// CheckOfferIDs), so that insights' "about" and measures' scope can name it alone.
type Offer struct {
	ID    string `json:"id" validate:"required" example:"iterapi-oro"`
	Name  string `json:"name" validate:"required" example:"Internetbehandling vid oro"`
	Level Level  `json:"level" validate:"required"`
	// TargetGroups names the target groups the offer is for, as journeys and needs name
	// them (compared without regard to case); empty means any target group.
	TargetGroups []string `json:"targetGroups,omitempty"`
	// AgeGroups says whom the offer is for by age; empty means any age.
	AgeGroups []AgeGroup `json:"ageGroups,omitempty"`
	// Channels says how the offer reaches people; empty means any channel.
	Channels []Channel `json:"channels,omitempty"`
	Access   Access    `json:"access" validate:"required"`
}

func (o *Offer) check(v *violations, p string) {
	v.id(p+"/id", o.ID)
	v.required(p+"/name", strings.TrimSpace(o.Name))
	v.maxLen(p+"/name", o.Name, maxNameLen)
	checkEnum(v, p+"/level", o.Level, Levels, true)
	checkEnum(v, p+"/access", o.Access, Accesses, true)
	if len(o.TargetGroups) > MaxScopeItems {
		v.add(p+"/targetGroups", "Must hold at most %d entries.", MaxScopeItems)
	} else {
		for i, g := range o.TargetGroups {
			v.required(fmt.Sprintf("%s/targetGroups/%d", p, i), strings.TrimSpace(g))
			v.maxLen(fmt.Sprintf("%s/targetGroups/%d", p, i), g, maxNameLen)
		}
	}
	checkSet(v, p+"/ageGroups", o.AgeGroups, AgeGroups)
	checkSet(v, p+"/channels", o.Channels, Channels)
}

// checkSet checks a list of enum values: each allowed, none twice.
func checkSet[T ~string](v *violations, pointer string, values, allowed []T) {
	for i, x := range values {
		p := fmt.Sprintf("%s/%d", pointer, i)
		checkEnum(v, p, x, allowed, true)
		if slices.Index(values, x) < i {
			v.add(p, "%q is listed twice.", string(x))
		}
	}
}

// ForTargetGroup reports whether o is for target group g: it names g (without regard to
// case or surrounding space), or names none. An empty g fits any offer.
func (o *Offer) ForTargetGroup(g string) bool {
	g = strings.TrimSpace(g)
	if g == "" || len(o.TargetGroups) == 0 {
		return true
	}
	return slices.ContainsFunc(o.TargetGroups, func(t string) bool { return strings.EqualFold(strings.TrimSpace(t), g) })
}

// ForAge reports whether o is for age group g: o names g or "any", or names none; an
// empty g or "any" fits any offer.
func (o *Offer) ForAge(g AgeGroup) bool {
	if g == "" || g == AgeAny || len(o.AgeGroups) == 0 {
		return true
	}
	return slices.Contains(o.AgeGroups, g) || slices.Contains(o.AgeGroups, AgeAny)
}

// ByChannel reports whether o reaches people through channel c: o names c, or names
// none; an unknown (empty) channel fits any offer.
func (o *Offer) ByChannel(c Channel) bool {
	return c == "" || len(o.Channels) == 0 || slices.Contains(o.Channels, c)
}

// CheckOfferIDs returns INVALID when an offer of a carries an id that an offer of
// another actor of the project, or another actor, already has, with a pointer under
// prefix to each clash. others holds the project's actors by id (a's stored self may be
// among them: it is skipped). Stores call it inside their write transaction, so that
// offer ids stay unique in the project.
func CheckOfferIDs(a *Actor, prefix string, others map[string]Actor) []Violation {
	if len(a.Offers) == 0 {
		return nil
	}
	owner := map[string]string{}
	for id, o := range others {
		if id == a.ID {
			continue
		}
		for _, of := range o.Offers {
			owner[of.ID] = id
		}
	}
	var v violations
	for i, of := range a.Offers {
		p := prefix + "/offers/" + strconv.Itoa(i) + "/id"
		if id, ok := owner[of.ID]; ok {
			v.add(p, "Offer id %q is already an offer of actor %q; offer ids are unique in the project.", of.ID, id)
		} else if _, ok := others[of.ID]; ok {
			v.add(p, "Offer id %q is an actor's id; an insight's \"about\" could not tell them apart.", of.ID)
		}
	}
	sortViolations(v)
	return v
}

// OfferIndex returns every offer of actors by id, with the id of its actor.
func OfferIndex(actors map[string]Actor) map[string]string {
	out := map[string]string{}
	for id, a := range actors {
		for _, o := range a.Offers {
			out[o.ID] = id
		}
	}
	return out
}
