package journeys

import "time"

// Journey is one journey map, written and read as one document: its stages, steps,
// hand-overs and the insights tied to it. Actors are referenced by id; a document may
// carry an Actors array, which upserts those actors into the project in the same write.
type Journey struct {
	ID          string      `json:"id" example:"adult-addiction-as-is"`
	Title       string      `json:"title" validate:"required" example:"Vuxen med psykisk ohälsa och beroende – nuläge"`
	Kind        JourneyKind `json:"kind" validate:"required"`
	TargetGroup string      `json:"targetGroup,omitempty" example:"psykisk ohälsa + beroende"`
	AgeGroup    AgeGroup    `json:"ageGroup,omitempty"`
	Persona     string      `json:"persona,omitempty"`
	Description string      `json:"description,omitempty"`
	// BasedOn names the journey of the same project this one improves on or follows: a
	// to-be names its as-is, a lived journey the planned journey it was meant to follow.
	BasedOn string `json:"basedOn,omitempty" example:"adult-addiction-as-is"`
	// Actors upserts these actors on write. On read it lists the actors the document
	// carried when written, then every other actor the journey references, so that a read
	// document can be written again as it is, here or in another project.
	Actors    []Actor    `json:"actors"`
	Stages    []Stage    `json:"stages"`
	Steps     []Step     `json:"steps" validate:"required"`
	Handovers []Handover `json:"handovers"`
	Insights  []Insight  `json:"insights"`
	// Server fields: set by the store, ignored on input.
	Version   int64      `json:"version,omitempty" readonly:"true"`
	UpdatedAt *time.Time `json:"updatedAt,omitempty" readonly:"true"`
}

// Stage is an ordered phase of a journey, drawn as a column.
type Stage struct {
	ID    string `json:"id" validate:"required" example:"seek"`
	Name  string `json:"name" validate:"required" example:"Söka hjälp"`
	Order int    `json:"order" example:"1"`
}

// Step is something that happens to, or is done by, the person.
type Step struct {
	ID       string  `json:"id" validate:"required" example:"s1"`
	Title    string  `json:"title" validate:"required" example:"Ringer vårdcentralen"`
	Stage    string  `json:"stage,omitempty" example:"seek"`
	Actor    string  `json:"actor" validate:"required" example:"vc"`
	Channel  Channel `json:"channel,omitempty"`
	Entry    bool    `json:"entry,omitempty"`
	Terminal bool    `json:"terminal,omitempty"`
	Crisis   bool    `json:"crisis,omitempty"`
	// ContactPerson is the actor that holds a named contact person for the person at this
	// step; null or absent means not known or none.
	ContactPerson *string   `json:"contactPerson,omitempty"`
	WaitDays      *WaitDays `json:"waitDays,omitempty"`
	Emotion       *int      `json:"emotion,omitempty" minimum:"-3" maximum:"3"`
	// Planned names the step of the BasedOn journey that this step realises, on a lived
	// journey; absent means the step was not in the plan.
	Planned string `json:"planned,omitempty" example:"s1"`
}

// Handover is a transition from one step to the next. It is a node in the graph of its
// own so that evidence can point at it. Nullable fields are null when not known yet.
type Handover struct {
	ID   string       `json:"id" validate:"required" example:"h1"`
	From string       `json:"from" validate:"required" example:"s1"`
	To   string       `json:"to" validate:"required" example:"s2"`
	Type HandoverType `json:"type" validate:"required"`
	// Responsible is the actor that holds the person while in transit.
	Responsible *string     `json:"responsible" extensions:"x-nullable"`
	Information Information `json:"information,omitempty"`
	// Acknowledged says whether the receiver confirmed it got the person.
	Acknowledged *bool `json:"acknowledged" extensions:"x-nullable"`
	// FollowUp says whether the sender checks that the person arrived.
	FollowUp *bool     `json:"followUp" extensions:"x-nullable"`
	WaitDays *WaitDays `json:"waitDays,omitempty"`
}

// WaitDays is a waiting time in days, as planned (Expected) and as people told us
// (Observed). Either may be null when not known.
type WaitDays struct {
	Expected *int `json:"expected,omitempty" minimum:"0"`
	Observed *int `json:"observed,omitempty" minimum:"0"`
}

// Insight is a piece of evidence, tied to steps, hand-overs, actors or journeys by id.
type Insight struct {
	ID        string        `json:"id" validate:"required" example:"i1"`
	Text      string        `json:"text" validate:"required" example:"Jag fick ett telefonnummer och sen var det upp till mig."`
	Kind      InsightKind   `json:"kind" validate:"required"`
	Status    InsightStatus `json:"status,omitempty"`
	Sentiment *int          `json:"sentiment,omitempty" minimum:"-2" maximum:"2"`
	// Source is the id of a Source of the project. It may name a source that is not
	// registered yet: evidence often arrives before its source is described.
	Source string   `json:"source,omitempty" example:"int-03"`
	Tags   []string `json:"tags,omitempty"`
	About  []string `json:"about,omitempty"`
}

// JourneySummary is a journey as it appears in lists: its descriptive fields and counts.
type JourneySummary struct {
	ID          string      `json:"id"`
	Title       string      `json:"title"`
	Kind        JourneyKind `json:"kind"`
	TargetGroup string      `json:"targetGroup,omitempty"`
	AgeGroup    AgeGroup    `json:"ageGroup,omitempty"`
	Steps       int         `json:"steps"`
	Handovers   int         `json:"handovers"`
	Insights    int         `json:"insights"`
	Version     int64       `json:"version"`
	UpdatedAt   *time.Time  `json:"updatedAt,omitempty"`
}

// Summary returns j as it appears in lists.
func (j *Journey) Summary() JourneySummary {
	return JourneySummary{
		ID: j.ID, Title: j.Title, Kind: j.Kind, TargetGroup: j.TargetGroup, AgeGroup: j.AgeGroup,
		Steps: len(j.Steps), Handovers: len(j.Handovers), Insights: len(j.Insights),
		Version: j.Version, UpdatedAt: j.UpdatedAt,
	}
}

// StepByID returns the step with the given id, or nil.
func (j *Journey) StepByID(id string) *Step {
	for i := range j.Steps {
		if j.Steps[i].ID == id {
			return &j.Steps[i]
		}
	}
	return nil
}

// Normalize makes j's empty collections non-nil so that a stored and a read document
// have the same JSON shape.
func (j *Journey) Normalize() {
	if j.Actors == nil {
		j.Actors = []Actor{}
	}
	if j.Stages == nil {
		j.Stages = []Stage{}
	}
	if j.Steps == nil {
		j.Steps = []Step{}
	}
	if j.Handovers == nil {
		j.Handovers = []Handover{}
	}
	if j.Insights == nil {
		j.Insights = []Insight{}
	}
}

// ReferencedActorIDs returns, in order of first appearance, the ids of every actor that
// j's steps, hand-overs and insights name.
func (j *Journey) ReferencedActorIDs(isActor func(id string) bool) []string {
	var ids []string
	seen := map[string]bool{}
	add := func(id string) {
		if id != "" && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	for _, s := range j.Steps {
		add(s.Actor)
		if s.ContactPerson != nil {
			add(*s.ContactPerson)
		}
	}
	for _, h := range j.Handovers {
		if h.Responsible != nil {
			add(*h.Responsible)
		}
	}
	for _, in := range j.Insights {
		for _, id := range in.About {
			if isActor(id) {
				add(id)
			}
		}
	}
	return ids
}

// ActorOrder returns the actor ids a read document lists: those the document carried when
// written (carried), then every other actor it references.
func (j *Journey) ActorOrder(carried []string, isActor func(id string) bool) []string {
	out := make([]string, 0, len(carried))
	seen := map[string]bool{}
	for _, id := range append(append([]string{}, carried...), j.ReferencedActorIDs(isActor)...) {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// SameContent reports whether j and o hold the same journey, ignoring server fields and
// the carried Actors array (actors are stored apart from the journey), as SameContent
// does for every other stored noun.
func (j *Journey) SameContent(o *Journey) bool {
	return canonical(j) == canonical(o)
}
