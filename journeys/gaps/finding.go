package gaps

import "github.com/glapp/glapp/journeys"

// Rule names a gap rule of the spec's gap table. The values are part of the public API.
type Rule string

// The gap rules.
const (
	RuleUnownedHandover            Rule = "unowned_handover"
	RuleUnacknowledgedHandover     Rule = "unacknowledged_handover"
	RuleInformationLoss            Rule = "information_loss"
	RuleNoFollowUp                 Rule = "no_follow_up"
	RuleDeadEnd                    Rule = "dead_end"
	RulePingPong                   Rule = "ping_pong"
	RuleSelfNavigation             Rule = "self_navigation"
	RuleLongWait                   Rule = "long_wait"
	RuleCrisisWithoutContactPerson Rule = "crisis_without_contact_person"
	RuleMissingCoordinatedPlan     Rule = "missing_coordinated_plan"
	RuleAgeTransition              Rule = "age_transition"
	RuleUnreachableStep            Rule = "unreachable_step"
	RuleEvidenceHotspot            Rule = "evidence_hotspot"
)

// Category groups rules by the kind of gap they find, for summaries.
type Category string

// Categories, as the spec's gap table names them.
const (
	CategoryResponsibility Category = "responsibility"
	CategoryTransition     Category = "transition"
	CategoryInformation    Category = "information"
	CategoryFollowUp       Category = "follow_up"
	CategoryContinuity     Category = "continuity"
	CategoryNavigation     Category = "navigation"
	CategoryAccess         Category = "access"
	CategoryCoordination   Category = "coordination"
	CategoryData           Category = "data"
	CategoryExperience     Category = "experience"
)

// Categories lists every Category in the order reports show them.
var Categories = []Category{
	CategoryResponsibility, CategoryTransition, CategoryInformation, CategoryFollowUp, CategoryContinuity,
	CategoryNavigation, CategoryAccess, CategoryCoordination, CategoryData, CategoryExperience,
}

// Finding is one gap found by one rule. Findings are computed on every read and never
// stored; only their triage is, by Fingerprint.
type Finding struct {
	Rule     Rule     `json:"rule"`
	Category Category `json:"category"`
	// Severity is BaseSeverity moved by the Modifiers, kept within low..critical.
	Severity     Severity   `json:"severity"`
	BaseSeverity Severity   `json:"baseSeverity"`
	Modifiers    []Modifier `json:"modifiers"`
	// SeverityReason says in words why the finding has its severity: the rule's base
	// level (and the case that set it, where the rule's base depends on the case), each
	// modifier with the ids behind it, and where the level stopped at low or critical.
	SeverityReason Text `json:"severityReason"`
	// Journey is the id of the journey the finding is in.
	Journey string `json:"journey"`
	// Subject holds the ids the finding is about: the steps or hand-overs that define it,
	// or the journey's id for a finding about the journey as a whole. A subject of more
	// than PathLimit ids (a long ping_pong loop) lists only its first and last
	// PathLimit/2, and SubjectLength says how many it has.
	Subject []string `json:"subject"`
	// SubjectLength is the number of ids in the whole subject, set only when Subject
	// lists just its ends.
	SubjectLength int `json:"subjectLength,omitempty"`
	// Path holds the step and hand-over ids that show the gap, in the order the person
	// meets them, where a path matters: the loop for ping_pong, a shortest way between
	// region and municipality for missing_coordinated_plan, and for self_navigation the
	// self-navigation hand-overs on the path through it that has the most of them. A path
	// of more than PathLimit ids lists only its first and last PathLimit/2 (where the
	// person sets out and where they end up), and PathLength says how many it has.
	Path []string `json:"path,omitempty"`
	// PathLength is the number of ids on the whole path, set only when Path lists just
	// its ends.
	PathLength int `json:"pathLength,omitempty"`
	// Actors is the pair of actors a finding about a hand-over between actors is about,
	// so that findings can be counted by actor pair.
	Actors *ActorPair `json:"actors,omitempty"`
	// Actor is the actor of the step a finding about one step is about.
	Actor *ActorRef `json:"actor,omitempty"`
	// Stage is the name of the stage the finding lies in, where it lies in one.
	Stage       string `json:"stage,omitempty"`
	Explanation Text   `json:"explanation"`
	// Evidence quotes the insights tied to the subject: all of them up to EvidenceLimit,
	// else the EvidenceLimit strongest (validated before unsure before rejected, the most
	// negative first), in the journey's order. The journey's insights whose about names a
	// subject id are the full list.
	Evidence []Evidence `json:"evidence"`
	// EvidenceCount is the number of insights tied to the subject, quoted or not.
	EvidenceCount int    `json:"evidenceCount"`
	Fingerprint   string `json:"fingerprint"`
	// Triage is the project's decision about the finding, once ApplyTriage has attached it.
	Triage *journeys.Triage `json:"triage,omitempty"`
	// Since is the finding's state against a baseline, in a report read with ?since=.
	Since Since `json:"since,omitempty"`
}

// PathLimit is the most ids a finding lists in its Path or Subject; a longer one is cut
// to its first and last PathLimit/2, so that a report's size stays linear in the
// journey's size however long its loops and chains are.
const PathLimit = 20

// EvidenceLimit is the most insights a finding quotes as Evidence; EvidenceCount says
// how many there are.
const EvidenceLimit = 5

// ends returns xs when it has at most PathLimit elements, and else its first and last
// PathLimit/2 with its whole length.
func ends[T any](xs []T) ([]T, int) {
	if len(xs) <= PathLimit {
		return xs, 0
	}
	k := PathLimit / 2
	return append(xs[:k:k], xs[len(xs)-k:]...), len(xs)
}

// ActorRef names an actor by id and by name, so that reports can show names without the
// project's actors at hand.
type ActorRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// ActorPair is the sending and the receiving actor of a hand-over.
type ActorPair struct {
	From ActorRef `json:"from"`
	To   ActorRef `json:"to"`
}

// Text is a sentence in Swedish and in English.
type Text struct {
	SV string `json:"sv"`
	EN string `json:"en"`
}

// In returns t in lang: "en" for English, Swedish for anything else, because the
// project's working language is Swedish.
func (t Text) In(lang string) string {
	if lang == "en" {
		return t.EN
	}
	return t.SV
}

// Sayf returns t in lang with its verbs (%[1]d, %[2]s, ...) filled from args as
// fmt.Sprintf fills them; an argument that is a Text is put in lang too. Renderers build
// their sentences with it, as the engine builds its explanations.
func (t Text) Sayf(lang string, args ...any) string { return sayIn(t.In(lang), lang, args) }

// Evidence is an insight tied to a finding's subject, as the finding shows it.
type Evidence struct {
	ID   string               `json:"id"`
	Text string               `json:"text"`
	Kind journeys.InsightKind `json:"kind"`
	// Status is the insight's status; an insight with none is a hypothesis.
	Status    journeys.InsightStatus `json:"status"`
	Sentiment *int                   `json:"sentiment,omitempty"`
	Source    string                 `json:"source,omitempty"`
}
