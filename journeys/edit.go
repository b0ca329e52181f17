package journeys

import (
	"encoding/json"
	"slices"
)

// ElementKind names a collection inside a journey whose elements can be edited one at a
// time, so that API clients need not resend whole documents.
type ElementKind string

// Element kinds; the values are the collections' names in the journey document and URL.
const (
	ElementStage    ElementKind = "stages"
	ElementStep     ElementKind = "steps"
	ElementHandover ElementKind = "handovers"
	ElementInsight  ElementKind = "insights"
)

// Op is what an Edit does to an element.
type Op string

// Edit operations.
const (
	OpAdd    Op = "add"
	OpPatch  Op = "patch"
	OpDelete Op = "delete"
)

// Edit is one element-level change to a journey. Body is the element's JSON for OpAdd and
// an RFC 7396 merge patch for OpPatch. With Cascade, deleting an element also removes what
// would otherwise point at nothing: a stage's steps, a step's hand-overs, and the ids in
// insights' "about".
type Edit struct {
	Kind    ElementKind
	Op      Op
	ID      string
	Body    []byte
	Cascade bool
}

// ElementID returns the stage's id.
func (s Stage) ElementID() string { return s.ID }

// ElementID returns the step's id.
func (s Step) ElementID() string { return s.ID }

// ElementID returns the hand-over's id.
func (h Handover) ElementID() string { return h.ID }

// ElementID returns the insight's id.
func (in Insight) ElementID() string { return in.ID }

// Apply performs the edit on j and returns the element as it now stands (nil after a
// delete). It checks only what concerns the element itself (its JSON, its id); the caller
// validates the whole journey afterwards, inside the same transaction.
func (e Edit) Apply(j *Journey) (any, error) {
	switch e.Kind {
	case ElementStage:
		el, err := applyTo(&j.Stages, e)
		if err == nil && e.Op == OpDelete && e.Cascade {
			j.removeStepsOfStage(e.ID)
		}
		return el, err
	case ElementStep:
		el, err := applyTo(&j.Steps, e)
		if err == nil && e.Op == OpDelete && e.Cascade {
			j.removeStepDependents(e.ID)
		}
		return el, err
	case ElementHandover:
		el, err := applyTo(&j.Handovers, e)
		if err == nil && e.Op == OpDelete && e.Cascade {
			j.removeFromAbout(e.ID)
		}
		return el, err
	case ElementInsight:
		return applyTo(&j.Insights, e)
	default:
		return nil, Errorf(NotFound, "Journeys have no %q elements.", e.Kind)
	}
}

func applyTo[T interface{ ElementID() string }](list *[]T, e Edit) (any, error) {
	idx := slices.IndexFunc(*list, func(x T) bool { return x.ElementID() == e.ID })
	switch e.Op {
	case OpAdd:
		var x T
		if err := DecodeStrict(e.Body, &x); err != nil {
			return nil, err
		}
		if x.ElementID() == "" {
			return nil, InvalidError("The element has no id.", []Violation{{Pointer: "/id", Detail: "This field is required."}})
		}
		if slices.ContainsFunc(*list, func(y T) bool { return y.ElementID() == x.ElementID() }) {
			return nil, Errorf(Conflict, "The journey already has %s %q.", singular(e.Kind), x.ElementID())
		}
		*list = append(*list, x)
		return x, nil
	case OpPatch:
		if idx < 0 {
			return nil, Errorf(NotFound, "The journey has no %s %q.", singular(e.Kind), e.ID)
		}
		orig, err := json.Marshal((*list)[idx])
		if err != nil {
			return nil, err
		}
		merged, err := MergePatch(orig, e.Body)
		if err != nil {
			return nil, err
		}
		var x T
		if err := DecodeStrict(merged, &x); err != nil {
			return nil, err
		}
		if x.ElementID() != e.ID {
			return nil, InvalidError("An element's id cannot be changed; delete it and add a new one.", []Violation{{Pointer: "/id", Detail: "Must stay " + e.ID + "."}})
		}
		(*list)[idx] = x
		return x, nil
	case OpDelete:
		if idx < 0 {
			return nil, Errorf(NotFound, "The journey has no %s %q.", singular(e.Kind), e.ID)
		}
		*list = slices.Delete(*list, idx, idx+1)
		return nil, nil
	default:
		return nil, Errorf(Invalid, "Unknown edit operation %q.", e.Op)
	}
}

func singular(k ElementKind) string {
	switch k {
	case ElementStage:
		return "stage"
	case ElementStep:
		return "step"
	case ElementHandover:
		return "hand-over"
	case ElementInsight:
		return "insight"
	}
	return string(k)
}

func (j *Journey) removeStepsOfStage(stage string) {
	var gone []string
	j.Steps = slices.DeleteFunc(j.Steps, func(s Step) bool {
		if s.Stage == stage {
			gone = append(gone, s.ID)
			return true
		}
		return false
	})
	for _, id := range gone {
		j.removeStepDependents(id)
	}
}

func (j *Journey) removeStepDependents(step string) {
	j.Handovers = slices.DeleteFunc(j.Handovers, func(h Handover) bool {
		if h.From == step || h.To == step {
			j.removeFromAbout(h.ID)
			return true
		}
		return false
	})
	j.removeFromAbout(step)
}

func (j *Journey) removeFromAbout(id string) {
	for i := range j.Insights {
		j.Insights[i].About = slices.DeleteFunc(j.Insights[i].About, func(a string) bool { return a == id })
		if len(j.Insights[i].About) == 0 {
			j.Insights[i].About = nil
		}
	}
}
