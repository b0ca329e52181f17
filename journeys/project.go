package journeys

import "time"

// Project is one mapping effort, such as one region's coordination project. It is the
// tenant boundary: every other entity lives inside exactly one project.
type Project struct {
	ID          string    `json:"id" validate:"required" example:"samordning-vast"`
	Name        string    `json:"name" validate:"required" example:"Samordnad vård och omsorg, region Väst"`
	Description string    `json:"description,omitempty"`
	Version     int64     `json:"version,omitempty" readonly:"true"`
	CreatedAt   time.Time `json:"createdAt" readonly:"true"`
	UpdatedAt   time.Time `json:"updatedAt" readonly:"true"`
}

// Validate returns every violation in p's client-supplied fields.
func (p *Project) Validate() []Violation {
	var v violations
	v.id("/id", p.ID)
	v.required("/name", p.Name)
	v.maxLen("/name", p.Name, maxNameLen)
	v.maxLen("/description", p.Description, maxTextLen)
	return v
}
