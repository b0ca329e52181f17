package journeys

import "time"

// Source is where evidence comes from: an interview, a workshop, a survey. The person is
// kept by role and pseudonym only, never by name.
type Source struct {
	ID              string          `json:"id" example:"int-03"`
	Kind            SourceKind      `json:"kind" validate:"required"`
	Date            string          `json:"date,omitempty" example:"2026-03-14" format:"date"`
	ParticipantRole ParticipantRole `json:"participantRole,omitempty"`
	Pseudonym       string          `json:"pseudonym,omitempty" example:"Deltagare 3"`
	// Server fields: set by the store, ignored on input.
	Version   int64      `json:"version,omitempty" readonly:"true"`
	UpdatedAt *time.Time `json:"updatedAt,omitempty" readonly:"true"`
}

// Validate returns every violation in s.
func (s *Source) Validate() []Violation {
	var v violations
	v.id("/id", s.ID)
	checkEnum(&v, "/kind", s.Kind, SourceKinds, true)
	v.date("/date", s.Date)
	checkEnum(&v, "/participantRole", s.ParticipantRole, ParticipantRoles, false)
	v.maxLen("/pseudonym", s.Pseudonym, maxNameLen)
	return v
}

// SameContent reports whether s and o differ only in server fields.
func (s Source) SameContent(o Source) bool {
	s.Version, s.UpdatedAt, o.Version, o.UpdatedAt = 0, nil, 0, nil
	return s == o
}
