// Package workbook writes a journey as a spreadsheet (Office Open XML, .xlsx) and reads
// one back into the journey document a JSON PUT would send, so that a workshop can map a
// journey in the tool everyone has. It only converts: validation, redaction and storing
// stay with the one write path of the API. One table (sheets, below) names every sheet and
// column and says how each column maps to the JSON document, so that a new field is added
// once.
package workbook

import "github.com/glapp/glapp/journeys"

// MediaType is the media type of an .xlsx workbook.
const MediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// kind says how a column's cells map to JSON values.
type kind int

const (
	text     kind = iota // a string; empty is left out
	nullable             // a string that is null when empty (an actor reference that may be unknown)
	integer              // a number; empty is left out (null)
	number               // a number that is always there (a stage's order); empty is 0
	flag                 // true or false; empty is false
	triState             // true, false or null; empty is null
	list                 // a list of strings, one cell, separated by commas (or lines)
)

// column is one column of a sheet: its JSON member path inside the element ("waitDays/
// expected"), its headers, how its cells map to JSON, and the drop-down it offers: a fixed
// value set (values) or what exists on another sheet (ref, a sheet key). A list column's
// values are no drop-down (a cell holds several); the cell's prompt names them.
type column struct {
	path   string
	sv, en string
	kind   kind
	values []string
	ref    string
}

// sheet is one sheet: key is the Journey member it holds ("steps"), "" for the journey's
// own fields, which are laid out as label and value rows rather than as a table.
type sheet struct {
	key     string
	sv, en  string
	columns []column
	// readOnly sheets are written for reference and never read back: the project's
	// sources are not part of a journey document.
	readOnly bool
	// within is the sheet whose elements hold this sheet's rows, as the list member named
	// by key (an actor's "offers"); the rows name their element in the ownerPath column.
	within string
}

// Sheet keys.
const (
	keyJourney   = ""
	keyStages    = "stages"
	keySteps     = "steps"
	keyHandovers = "handovers"
	keyInsights  = "insights"
	keyActors    = "actors"
	keyOffers    = "offers"
	keySources   = "sources"
	keyLists     = "lists"
)

// carriedPath is the actors sheet's own column: whether the document carries the actor
// (see Read). It is no member of the JSON document.
const carriedPath = "#carried"

// ownerPath is a nested sheet's own column: the id of the element on the within sheet
// that holds the row (an offer's actor). It is no member of the JSON document.
const ownerPath = "#owner"

// versionPath is the journey's version, written for reference (and for If-Match) and
// ignored on reading, as a JSON PUT ignores it.
const versionPath = "version"

// sheets is the one table of the workbook, in the order the sheets appear.
var sheets = []sheet{
	{key: keyJourney, sv: "Resa", en: "Journey", columns: []column{
		{path: "id", sv: "Id", en: "Id"},
		{path: "title", sv: "Titel", en: "Title"},
		{path: "kind", sv: "Typ", en: "Kind", values: enum(journeys.JourneyKinds)},
		{path: "targetGroup", sv: "Målgrupp", en: "Target group"},
		{path: "ageGroup", sv: "Åldersgrupp", en: "Age group", values: enum(journeys.AgeGroups)},
		{path: "persona", sv: "Persona", en: "Persona"},
		{path: "description", sv: "Beskrivning", en: "Description"},
		{path: "basedOn", sv: "Bygger på", en: "Based on"},
		{path: versionPath, sv: "Version (läses inte in)", en: "Version (not read back)", kind: integer},
	}},
	{key: keyStages, sv: "Etapper", en: "Stages", columns: []column{
		{path: "id", sv: "Id", en: "Id"},
		{path: "name", sv: "Namn", en: "Name"},
		{path: "order", sv: "Ordning", en: "Order", kind: number},
	}},
	{key: keySteps, sv: "Steg", en: "Steps", columns: []column{
		{path: "id", sv: "Id", en: "Id"},
		{path: "title", sv: "Titel", en: "Title"},
		{path: "stage", sv: "Etapp", en: "Stage", ref: keyStages},
		{path: "actor", sv: "Aktör", en: "Actor", ref: keyActors},
		{path: "channel", sv: "Kanal", en: "Channel", values: enum(journeys.Channels)},
		{path: "entry", sv: "Ingång", en: "Entry", kind: flag},
		{path: "terminal", sv: "Slut", en: "Terminal", kind: flag},
		{path: "crisis", sv: "Kris", en: "Crisis", kind: flag},
		{path: "contactPerson", sv: "Kontaktperson hos", en: "Contact person at", kind: nullable, ref: keyActors},
		{path: "waitDays/expected", sv: "Väntedagar planerat", en: "Wait days expected", kind: integer},
		{path: "waitDays/observed", sv: "Väntedagar upplevt", en: "Wait days observed", kind: integer},
		{path: "emotion", sv: "Känsla (-3..3)", en: "Emotion (-3..3)", kind: integer},
		{path: "planned", sv: "Planerat steg", en: "Planned step"},
	}},
	{key: keyHandovers, sv: "Överlämningar", en: "Handovers", columns: []column{
		{path: "id", sv: "Id", en: "Id"},
		{path: "from", sv: "Från steg", en: "From step", ref: keySteps},
		{path: "to", sv: "Till steg", en: "To step", ref: keySteps},
		{path: "type", sv: "Typ", en: "Type", values: enum(journeys.HandoverTypes)},
		{path: "responsible", sv: "Ansvarig", en: "Responsible", kind: nullable, ref: keyActors},
		{path: "information", sv: "Information", en: "Information", values: enum(journeys.InformationLevels)},
		{path: "acknowledged", sv: "Kvitterad", en: "Acknowledged", kind: triState},
		{path: "followUp", sv: "Uppföljd", en: "Follow-up", kind: triState},
		{path: "waitDays/expected", sv: "Väntedagar planerat", en: "Wait days expected", kind: integer},
		{path: "waitDays/observed", sv: "Väntedagar upplevt", en: "Wait days observed", kind: integer},
	}},
	{key: keyInsights, sv: "Insikter", en: "Insights", columns: []column{
		{path: "id", sv: "Id", en: "Id"},
		{path: "text", sv: "Text", en: "Text"},
		{path: "kind", sv: "Slag", en: "Kind", values: enum(journeys.InsightKinds)},
		{path: "status", sv: "Status", en: "Status", values: enum(journeys.InsightStatuses)},
		{path: "sentiment", sv: "Sentiment (-2..2)", en: "Sentiment (-2..2)", kind: integer},
		{path: "source", sv: "Källa", en: "Source", ref: keySources},
		{path: "tags", sv: "Taggar", en: "Tags", kind: list},
		{path: "about", sv: "Gäller", en: "About", kind: list},
	}},
	{key: keyActors, sv: "Aktörer", en: "Actors", columns: []column{
		{path: "id", sv: "Id", en: "Id"},
		{path: "name", sv: "Namn", en: "Name"},
		{path: "sector", sv: "Sektor", en: "Sector", values: enum(journeys.Sectors)},
		{path: "kind", sv: "Slag", en: "Kind"},
		{path: "ageGroup", sv: "Åldersgrupp", en: "Age group", values: enum(journeys.AgeGroups)},
		{path: "contact", sv: "Kontakt", en: "Contact"},
		{path: carriedPath, sv: "I resan", en: "In journey", kind: flag},
	}},
	{key: keyOffers, sv: "Utbud", en: "Offers", within: keyActors, columns: []column{
		{path: ownerPath, sv: "Aktör", en: "Actor", ref: keyActors},
		{path: "id", sv: "Id", en: "Id"},
		{path: "name", sv: "Namn", en: "Name"},
		{path: "level", sv: "Nivå", en: "Level", values: enum(journeys.Levels)},
		{path: "targetGroups", sv: "Målgrupper", en: "Target groups", kind: list},
		{path: "ageGroups", sv: "Åldersgrupper", en: "Age groups", kind: list, values: enum(journeys.AgeGroups)},
		{path: "channels", sv: "Kanaler", en: "Channels", kind: list, values: enum(journeys.Channels)},
		{path: "access", sv: "Tillgång", en: "Access", values: enum(journeys.Accesses)},
	}},
	{key: keySources, sv: "Källor", en: "Sources", readOnly: true, columns: []column{
		{path: "id", sv: "Id", en: "Id"},
		{path: "kind", sv: "Slag", en: "Kind", values: enum(journeys.SourceKinds)},
		{path: "date", sv: "Datum", en: "Date"},
		{path: "participantRole", sv: "Deltagarroll", en: "Participant role", values: enum(journeys.ParticipantRoles)},
		{path: "pseudonym", sv: "Pseudonym", en: "Pseudonym"},
	}},
}

// listsSheet names the hidden sheet that holds the drop-downs' value sets, one a column.
var listsSheet = sheet{key: keyLists, sv: "Listor", en: "Lists"}

// enum turns one of journeys' value lists into strings.
func enum[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// name is s's name in lang ("sv" or "en").
func (s *sheet) name(lang string) string {
	if lang == "en" {
		return s.en
	}
	return s.sv
}

// header is c's header in lang.
func (c *column) header(lang string) string {
	if lang == "en" {
		return c.en
	}
	return c.sv
}

// sheetByKey returns the sheet with key.
func sheetByKey(key string) *sheet {
	for i := range sheets {
		if sheets[i].key == key {
			return &sheets[i]
		}
	}
	return nil
}

// yes and no are how flags read in each language; reading takes either language and
// true/false too.
var (
	yes = map[string]string{"sv": "ja", "en": "yes"}
	no  = map[string]string{"sv": "nej", "en": "no"}
)
