package journeys

import (
	"context"
	"strings"
	"time"
)

// Need is what people of a target group need, at which level, as interviews and
// workshops tell it. The offering report looks for a support that matches each need
// (Offer.Covers); insights may point at a need with "about".
type Need struct {
	ID          string   `json:"id" example:"oro-unga"`
	Title       string   `json:"title" validate:"required" example:"Stöd vid oro och nedstämdhet"`
	TargetGroup string   `json:"targetGroup,omitempty" example:"barn och unga med psykisk ohälsa"`
	AgeGroup    AgeGroup `json:"ageGroup,omitempty"`
	Level       Level    `json:"level" validate:"required"`
	// Server fields: set by the store, ignored on input.
	Version   int64      `json:"version,omitempty" readonly:"true"`
	UpdatedAt *time.Time `json:"updatedAt,omitempty" readonly:"true"`
}

// Validate returns every violation in n.
func (n *Need) Validate() []Violation {
	var v violations
	v.id("/id", n.ID)
	v.required("/title", strings.TrimSpace(n.Title))
	v.maxLen("/title", n.Title, maxNameLen)
	v.maxLen("/targetGroup", n.TargetGroup, maxNameLen)
	checkEnum(&v, "/ageGroup", n.AgeGroup, AgeGroups, false)
	checkEnum(&v, "/level", n.Level, Levels, true)
	sortViolations(v)
	return v
}

// SameContent reports whether n and o differ only in server fields.
func (n Need) SameContent(o Need) bool {
	n.Version, n.UpdatedAt, o.Version, o.UpdatedAt = 0, nil, 0, nil
	return n == o
}

func (n *Need) serverFields() (*int64, **time.Time) { return &n.Version, &n.UpdatedAt }

// Covers reports whether offer o matches need n: the same level, for n's target group
// (or any) and for n's age group (or any age). A need without a target group is met by
// an offer for any group at its level and age.
func (o *Offer) Covers(n *Need) bool {
	return o.Level == n.Level && o.ForTargetGroup(n.TargetGroup) && o.ForAge(n.AgeGroup)
}

// NeedFilter narrows a listing of needs.
type NeedFilter struct {
	// AgeGroup keeps the needs of this age group and those for any age.
	AgeGroup AgeGroup
	// TargetGroup keeps the needs of this target group, compared without regard to case.
	TargetGroup string
}

// Match reports whether n passes the filter.
func (f NeedFilter) Match(n *Need) bool {
	if f.AgeGroup != "" && f.AgeGroup != AgeAny && n.AgeGroup != "" && n.AgeGroup != AgeAny && n.AgeGroup != f.AgeGroup {
		return false
	}
	return f.TargetGroup == "" || strings.EqualFold(strings.TrimSpace(n.TargetGroup), strings.TrimSpace(f.TargetGroup))
}

// NeedInUse returns the CONFLICT that refuses deleting need id while insights of
// journeys point at it, naming the journeys, or nil when none does.
func NeedInUse(id string, journeys []string) error {
	if len(journeys) == 0 {
		return nil
	}
	return Errorf(Conflict, "Need %q is named by insights of journeys %s; change those insights before deleting it.", id, quoteAll(journeys))
}

// NeedStore keeps a project's needs. A need cannot be deleted while an insight points at
// it (CONFLICT naming the journeys). Writes are audited as need.put and need.delete.
type NeedStore interface {
	// PutNeed creates or replaces a need (PlanUpsert); created reports which.
	PutNeed(ctx context.Context, projectID string, n *Need) (stored *Need, created bool, err error)
	// GetNeed returns one need.
	GetNeed(ctx context.Context, projectID, id string) (*Need, error)
	// ListNeeds returns needs ordered by id.
	ListNeeds(ctx context.Context, projectID string, page Page) (*List[Need], error)
	// DeleteNeed removes a need; CONFLICT while an insight points at it.
	DeleteNeed(ctx context.Context, projectID, id string) error
}
