package journeys

import "time"

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
	return v
}

// WithoutServerFields returns a copy of a as a client would write it.
func (a Actor) WithoutServerFields() Actor {
	a.Version, a.UpdatedAt = 0, nil
	return a
}

// SameContent reports whether a and b differ only in server fields.
func (a Actor) SameContent(b Actor) bool {
	return a.WithoutServerFields() == b.WithoutServerFields()
}
