package journeys

import "slices"

// Sector is the part of society an actor belongs to.
type Sector string

// Sectors, as the spec names them.
const (
	SectorRegion       Sector = "region"
	SectorMunicipality Sector = "municipality"
	SectorCivilSociety Sector = "civil_society"
	SectorPrivate      Sector = "private"
	SectorNational     Sector = "national"
	SectorFamily       Sector = "family"
	// SectorUnknown is the sector of an actor that came in with an imported event log
	// and whose sector no one has said yet. No rule that looks at sectors matches it, so
	// it makes no finding of its own; set the real sector when it is known.
	SectorUnknown Sector = "unknown"
)

// Sectors lists every valid Sector.
var Sectors = []Sector{SectorRegion, SectorMunicipality, SectorCivilSociety, SectorPrivate, SectorNational, SectorFamily, SectorUnknown}

// AgeGroup says whom an actor or a journey is for.
type AgeGroup string

// Age groups.
const (
	AgeAdult AgeGroup = "adult"
	AgeChild AgeGroup = "child"
	AgeAny   AgeGroup = "any"
)

// AgeGroups lists every valid AgeGroup.
var AgeGroups = []AgeGroup{AgeAdult, AgeChild, AgeAny}

// JourneyKind distinguishes the current state (nuläge), the desired state (önskat läge)
// and one person's lived journey.
type JourneyKind string

// Journey kinds.
const (
	KindAsIs  JourneyKind = "as_is"
	KindToBe  JourneyKind = "to_be"
	KindLived JourneyKind = "lived"
)

// JourneyKinds lists every valid JourneyKind.
var JourneyKinds = []JourneyKind{KindAsIs, KindToBe, KindLived}

// Channel is how a step reaches the person.
type Channel string

// Channels.
const (
	ChannelPhone     Channel = "phone"
	ChannelDigital   Channel = "digital"
	ChannelVisit     Channel = "visit"
	ChannelHomeVisit Channel = "home_visit"
	ChannelLetter    Channel = "letter"
	ChannelChat      Channel = "chat"
	ChannelOther     Channel = "other"
)

// Channels lists every valid Channel.
var Channels = []Channel{ChannelPhone, ChannelDigital, ChannelVisit, ChannelHomeVisit, ChannelLetter, ChannelChat, ChannelOther}

// HandoverType is the kind of transition between two steps.
type HandoverType string

// Handover types.
const (
	HandoverReferral        HandoverType = "referral"
	HandoverConsultation    HandoverType = "consultation"
	HandoverJointPlanning   HandoverType = "joint_planning"
	HandoverDischarge       HandoverType = "discharge"
	HandoverAdviceToContact HandoverType = "advice_to_contact"
	HandoverSelfReferral    HandoverType = "self_referral"
	HandoverInternal        HandoverType = "internal"
)

// HandoverTypes lists every valid HandoverType.
var HandoverTypes = []HandoverType{HandoverReferral, HandoverConsultation, HandoverJointPlanning, HandoverDischarge, HandoverAdviceToContact, HandoverSelfReferral, HandoverInternal}

// Information says how much of what is known about the person follows them across a
// hand-over.
type Information string

// Information levels. An absent value means the same as InformationUnknown.
const (
	InformationFull    Information = "full"
	InformationPartial Information = "partial"
	InformationNone    Information = "none"
	InformationUnknown Information = "unknown"
)

// InformationLevels lists every valid Information value.
var InformationLevels = []Information{InformationFull, InformationPartial, InformationNone, InformationUnknown}

// SourceKind is how evidence was gathered.
type SourceKind string

// Source kinds.
const (
	SourceInterview   SourceKind = "interview"
	SourceWorkshop    SourceKind = "workshop"
	SourceSurvey      SourceKind = "survey"
	SourceObservation SourceKind = "observation"
	SourceDocument    SourceKind = "document"
)

// SourceKinds lists every valid SourceKind.
var SourceKinds = []SourceKind{SourceInterview, SourceWorkshop, SourceSurvey, SourceObservation, SourceDocument}

// ParticipantRole is the role of the person evidence came from. Participants are kept by
// role and pseudonym only.
type ParticipantRole string

// Participant roles.
const (
	RolePatient  ParticipantRole = "patient"
	RoleRelative ParticipantRole = "relative"
	RoleStaff    ParticipantRole = "staff"
	RoleOther    ParticipantRole = "other"
)

// ParticipantRoles lists every valid ParticipantRole.
var ParticipantRoles = []ParticipantRole{RolePatient, RoleRelative, RoleStaff, RoleOther}

// InsightKind is what sort of evidence an insight is.
type InsightKind string

// Insight kinds.
const (
	InsightQuote       InsightKind = "quote"
	InsightObservation InsightKind = "observation"
	InsightPainPoint   InsightKind = "pain_point"
	InsightHypothesis  InsightKind = "hypothesis"
	InsightIdea        InsightKind = "idea"
)

// InsightKinds lists every valid InsightKind.
var InsightKinds = []InsightKind{InsightQuote, InsightObservation, InsightPainPoint, InsightHypothesis, InsightIdea}

// InsightStatus is how far an insight has been tested.
type InsightStatus string

// Insight statuses.
const (
	StatusHypothesis InsightStatus = "hypothesis"
	StatusValidated  InsightStatus = "validated"
	StatusRejected   InsightStatus = "rejected"
)

// InsightStatuses lists every valid InsightStatus.
var InsightStatuses = []InsightStatus{StatusHypothesis, StatusValidated, StatusRejected}

// oneOf reports whether v is one of the allowed values.
func oneOf[T ~string](v T, allowed []T) bool { return slices.Contains(allowed, v) }

// EnumList renders allowed values for a message: "a, b, c".
func EnumList[T ~string](allowed []T) string { return enumList(allowed) }

// enumList renders allowed values for a violation message.
func enumList[T ~string](allowed []T) string {
	s := ""
	for i, v := range allowed {
		if i > 0 {
			s += ", "
		}
		s += string(v)
	}
	return s
}

// Level is how specialised a support is, from help people give themselves to specialist
// care, in the order the levels are listed.
type Level string

// Levels of support.
const (
	LevelSelfHelp   Level = "self_help"
	LevelFirstLine  Level = "first_line"
	LevelPrimary    Level = "primary"
	LevelSpecialist Level = "specialist"
)

// Levels lists every valid Level, lowest first.
var Levels = []Level{LevelSelfHelp, LevelFirstLine, LevelPrimary, LevelSpecialist}

// Access says how a person gets to a support: on their own, through a referral, or both.
type Access string

// Ways of access.
const (
	AccessSelfReferral Access = "self_referral"
	AccessReferral     Access = "referral"
	AccessBoth         Access = "both"
)

// Accesses lists every valid Access.
var Accesses = []Access{AccessSelfReferral, AccessReferral, AccessBoth}
