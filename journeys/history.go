package journeys

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"
)

// This file holds the rules of a journey's history: every write that replaces or deletes
// a journey keeps the version it replaced (JourneyWrite.Replaced), so that an old version
// can be read, a baseline can name one, and a deleted journey can be looked at until
// retention ends. The stores only store what these rules decide.

// PastVersion is a version of a journey that a later write replaced, or that was the
// current one when the journey was deleted, as stores keep it.
type PastVersion struct {
	Stored StoredJourney `json:"stored"`
	// ReplacedAt is when the write that replaced it (or deleted the journey) ran; retention
	// counts from it.
	ReplacedAt time.Time `json:"replacedAt"`
	// Deleted says the journey was deleted at ReplacedAt, rather than replaced.
	Deleted bool `json:"deleted,omitempty"`
}

// JourneyVersion is one version of a journey as the list of versions shows it.
type JourneyVersion struct {
	Version   int64      `json:"version"`
	UpdatedAt *time.Time `json:"updatedAt,omitempty"`
	Title     string     `json:"title"`
	Steps     int        `json:"steps"`
	Handovers int        `json:"handovers"`
	// Current says this is the journey as it is now; the others are kept history.
	Current bool `json:"current"`
	// ReplacedAt is when a later write replaced this version, or deleted the journey;
	// absent for the current version.
	ReplacedAt *time.Time `json:"replacedAt,omitempty"`
	// Deleted says the journey was deleted when this version stopped being current.
	Deleted bool `json:"deleted,omitempty"`
}

// Version returns v as the list of versions shows it.
func (v *PastVersion) Version() JourneyVersion {
	out := CurrentVersion(v.Stored.Journey)
	at := v.ReplacedAt
	out.Current, out.ReplacedAt, out.Deleted = false, &at, v.Deleted
	return out
}

// CurrentVersion returns the current version of a stored journey as the list of versions
// shows it.
func CurrentVersion(j *Journey) JourneyVersion {
	return JourneyVersion{Version: j.Version, UpdatedAt: j.UpdatedAt, Title: j.Title,
		Steps: len(j.Steps), Handovers: len(j.Handovers), Current: true}
}

// VersionKey is the key a store files version v of a journey under: zero-padded, so that
// keys sort as the versions do. It is also the key of the versions list's cursor.
func VersionKey(v int64) string { return fmt.Sprintf("%020d", v) }

// VersionPage makes one page of a journey's versions, oldest first: past holds the kept
// versions after the page's cursor, in version order, at least page.Size()+1 of them when
// that many are kept; stored is the journey as the store holds it now, or nil when it is
// deleted. It returns NOT_FOUND when there is nothing at all, so that a journey never
// written reads as missing.
func VersionPage(projectID, id string, past []JourneyVersion, stored *StoredJourney, page Page) (*List[JourneyVersion], error) {
	after, err := page.After()
	if err != nil {
		return nil, err
	}
	var current *Journey
	if stored != nil {
		current = stored.Journey
	}
	if current == nil && len(past) == 0 && after == "" {
		return nil, JourneyNotFound(projectID, id)
	}
	items := slices.Clone(past)
	if current != nil && VersionKey(current.Version) > after &&
		!slices.ContainsFunc(items, func(v JourneyVersion) bool { return v.Version == current.Version }) {
		items = append(items, CurrentVersion(current))
	}
	size := page.Size()
	out := &List[JourneyVersion]{Items: []JourneyVersion{}}
	if len(items) > size {
		items = items[:size]
		out.Next = CursorAfter(VersionKey(items[size-1].Version))
	}
	out.Items = append(out.Items, items...)
	return out, nil
}

// ParseVersion reads the version query parameter: a positive whole number. An absent
// parameter is 0, the current version.
func ParseVersion(s string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil || v < 1 {
		return 0, InvalidError("A query parameter is not valid.", []Violation{{Parameter: "version", Detail: "Must be a version number, 1 or more; GET .../versions lists them."}})
	}
	return v, nil
}

// VersionNotFound is the NOT_FOUND of a version the project does not hold: never written,
// or pruned by retention.
func VersionNotFound(projectID, id string, version int64) error {
	return Errorf(NotFound, "Project %q holds no version %d of journey %q (it was never written, or retention has removed it); GET .../journeys/%s/versions lists the versions kept.", projectID, version, id, id)
}

// PickVersion returns version of journey id from what a store read: current, the journey
// as it is now (nil when deleted), or past, the kept version with that number (nil when
// none). It answers NOT_FOUND when neither is that version.
func PickVersion(projectID, id string, version int64, current *StoredJourney, past *PastVersion) (*StoredJourney, error) {
	if current != nil && current.Journey.Version == version {
		return current, nil
	}
	if past != nil && past.Stored.Journey != nil && past.Stored.Journey.Version == version {
		return &past.Stored, nil
	}
	return nil, VersionNotFound(projectID, id, version)
}

// replaced returns the version stored that a write replaces or deletes at now.
func replaced(stored *StoredJourney, now time.Time, deleted bool) *PastVersion {
	return &PastVersion{Stored: *stored, ReplacedAt: now, Deleted: deleted}
}

// DefaultHistoryRetention is how long a replaced version is kept unless the server is
// told otherwise: as long as the audit log, so that what the log says was changed can
// still be read.
const DefaultHistoryRetention = DefaultAuditRetention

// Expired reports whether a kept version may be pruned at cutoff (now less the
// retention): it was replaced before cutoff and no baseline holds it. A baseline keeps
// the versions it names for as long as it exists.
func Expired(v *PastVersion, cutoff time.Time, pinned func(journeyID string, version int64) bool) bool {
	if !v.ReplacedAt.Before(cutoff) {
		return false
	}
	return pinned == nil || !pinned(v.Stored.Journey.ID, v.Stored.Journey.Version)
}

// PlanPurgeJourney plans PurgeJourney, which deletes a journey (when it still exists) and
// every version of it kept, on an explicit request. stored is the journey as stored (nil
// when deleted) and kept how many past versions there are; heldBy lists the baselines
// that hold a version of it. NOT_FOUND when there is neither; CONFLICT while a baseline
// holds a version, since a baseline must read back as it was taken; the precondition is
// checked against the stored version.
func PlanPurgeJourney(projectID, id string, stored *StoredJourney, kept int, heldBy []string, cond Precondition) (*JourneyWrite, error) {
	if stored == nil && kept == 0 {
		return nil, JourneyNotFound(projectID, id)
	}
	if stored != nil {
		if err := cond.CheckVersion(stored.Journey.Version); err != nil {
			return nil, err
		}
	}
	if len(heldBy) > 0 {
		return nil, Errorf(Conflict, "Baselines %q hold versions of journey %q; delete them first, or delete the journey without its history.", heldBy, id)
	}
	return &JourneyWrite{Action: "journey.purge"}, nil
}

// PurgeHistory is the value of DELETE .../journeys/{id}?history= that deletes every kept
// version with the journey; the default keeps them until retention ends.
const PurgeHistory = "delete"

// HistoryStore keeps what a journey was and what the project looked like at a baseline.
// Journey writes keep their replaced versions through JourneyWrite.Replaced, in the same
// transaction; these methods read and remove them.
type HistoryStore interface {
	// ListJourneyVersions returns the versions of journey id, oldest first: those kept,
	// then the current one unless the journey is deleted. NOT_FOUND when there are none.
	ListJourneyVersions(ctx context.Context, projectID, id string, page Page) (*List[JourneyVersion], error)
	// GetJourneyVersion returns version of journey id (current or kept), assembled with
	// the project's actors as they are now (PickVersion); NOT_FOUND when there is no such
	// version.
	GetJourneyVersion(ctx context.Context, projectID, id string, version int64) (*Journey, error)
	// PurgeJourney deletes journey id, when it exists, and every version of it kept, in
	// one transaction with its audit entry, as PlanPurgeJourney plans it.
	PurgeJourney(ctx context.Context, projectID, id string, cond Precondition) error
	// PruneHistory deletes the kept versions Expired says may go at before, in every
	// project, in transactions of at most PruneBatch versions, and returns how many it
	// deleted. Pruning is not audited.
	PruneHistory(ctx context.Context, before time.Time) (removed int, err error)

	// CreateBaseline freezes the project as it stands (PlanBaseline), with its audit
	// entry; CONFLICT when the id is taken or the project holds MaxBaselines.
	CreateBaseline(ctx context.Context, projectID string, in BaselineRequest) (*ProjectBaseline, error)
	// GetBaseline returns one baseline, whole.
	GetBaseline(ctx context.Context, projectID, id string) (*ProjectBaseline, error)
	// ListBaselines returns the project's baselines ordered by id, without their frozen
	// actors, settings and triage.
	ListBaselines(ctx context.Context, projectID string, page Page) (*List[BaselineSummary], error)
	// DeleteBaseline removes a baseline; the versions it held are kept until retention
	// ends.
	DeleteBaseline(ctx context.Context, projectID, id string) error
	// EachBaselineJourney calls fn with every journey the baseline holds, at the version
	// it holds, assembled with the baseline's actors, in id order. fn must not call the
	// store.
	EachBaselineJourney(ctx context.Context, projectID, id string, fn func(*Journey) error) error

	// EachPastVersion calls fn with every version the project keeps, by journey id and
	// then version, for copying a store ("glapp migrate"). fn must not call the store.
	EachPastVersion(ctx context.Context, projectID string, fn func(*PastVersion) error) error
	// RestoreVersion keeps v as another store kept it, replacing what is kept under its
	// journey and version, without an audit entry. Restored before the journey itself is
	// written, it makes the journey continue after it (Refs.LastKept), so that version
	// numbers, and the baselines that name them, carry over.
	RestoreVersion(ctx context.Context, projectID string, v *PastVersion) error
	// RestoreBaseline stores b as another store held it, its time kept, without an audit
	// entry; a baseline already stored under b's id is left as it is (created false), so
	// that copying again changes nothing.
	RestoreBaseline(ctx context.Context, projectID string, b *ProjectBaseline) (created bool, err error)
}
