package journeys

import "strings"

// Stamp names the state of what a project's reports are made from, so that a read can be
// answered from a cache, or with 304 Not Modified, after one cheap look at the store
// instead of a new analysis. Stores keep it in the database, not in a server's memory,
// and move it in the same transaction as the write, so that every Glapp server sharing
// one database sees the same stamp for the same state.
//
// The counters start at the store's clock (in nanoseconds) when the project is created,
// so that a project deleted and created again under the same id does not repeat the
// stamps of its predecessor.
type Stamp struct {
	// Revision moves with every write that can change a cached read of the project: a
	// journey document, a journey's gap report or diagram, the project's gap report.
	Revision int64
	// Inputs moves with those writes too, except a journey's own content (StampChange):
	// it names what every journey's analysis reads besides the journey itself (actors,
	// settings, triage, evidence, sources, goals and measures, the project itself), and
	// the removal of a journey, so that an analysis cached under a journey's id, version
	// and Inputs is never reused for another journey of the same id.
	Inputs int64
}

// StampChange is how one write moves its project's Stamp.
type StampChange struct {
	Revision bool
	Inputs   bool
}

// Or returns the change that moves what either moves.
func (c StampChange) Or(o StampChange) StampChange {
	return StampChange{Revision: c.Revision || o.Revision, Inputs: c.Inputs || o.Inputs}
}

// The one list of which writes feed which reads, by the write's audit action
// ("<noun>.<verb>", Store). A write not named here feeds every read: a new kind of write
// (a baseline, an offer, a need) moves both counters until it is listed, which costs
// cached reports, never a stale one.
var (
	// journeyContent are the writes that change one journey's own content and nothing
	// else, and journeyElements the nouns of element edits, which are journey updates
	// audited under their element's name (WithAuditDetail): they move Revision only, so
	// that the project report analyses that journey alone again. A journey write that
	// also upserts carried actors moves Inputs as well (JourneyWrite.StampChange).
	journeyContent  = []string{"journey.put", "journey.update"}
	journeyElements = []string{"stage", "step", "handover", "insight"}
	// unreportedNouns are the nouns of writes that no cached read shows: proposals with
	// their tests and decisions, webhook endpoints and tokens.
	unreportedNouns = []string{"proposal", "decision", "test", "webhook", "token"}
)

// StampChangeOf returns how a write recorded under the audit action moves its project's
// Stamp. Stores call it for every audit entry they append in a write transaction.
func StampChangeOf(action string) StampChange {
	for _, a := range journeyContent {
		if action == a {
			return StampChange{Revision: true}
		}
	}
	noun, _, _ := strings.Cut(action, ".")
	for _, n := range journeyElements {
		if noun == n {
			return StampChange{Revision: true}
		}
	}
	for _, n := range unreportedNouns {
		if noun == n {
			return StampChange{}
		}
	}
	return StampChange{Revision: true, Inputs: true}
}

// StampChange returns how the planned journey write moves its project's Stamp: as its
// action does, and Inputs too when it upserts carried actors, which every journey's
// analysis reads.
func (w *JourneyWrite) StampChange() StampChange {
	c := StampChange{}
	if w.Action != "" {
		c = StampChangeOf(w.Action)
	}
	if len(w.Actors) > 0 {
		c = c.Or(StampChange{Revision: true, Inputs: true})
	}
	return c
}

// Move returns the stamp after a write that makes change.
func (s Stamp) Move(change StampChange) Stamp {
	if change.Revision {
		s.Revision++
	}
	if change.Inputs {
		s.Inputs++
	}
	return s
}
