package embedded

import (
	"encoding/json"
	"errors"

	"github.com/glapp/glapp/journeys"
	bolt "go.etcd.io/bbolt"
)

// The database layout:
//
//	glapp/schema            the marker: the layout version (open.go)
//	projects/               root bucket, one nested bucket per project id
//	  <project id>/
//	    meta                the Project record
//	    actors/<id>         Actor
//	    journeys/<id>       journeys.StoredJourney
//	    sources/<id>        Source
//	    triage/<fingerprint> Triage
//	    proposals/<id>      journeys.ProposalRecord: a proposal with its tests and decisions
//	    goals/<id>          Goal
//	    measures/<id>       Measure, with its observations
//	    needs/<id>          Need
//	    evidence/<id>       Evidence (imported; id from origin); after the first
//	                        import the live bucket is the one evidence-current names
//	    evidence-current    name of the live evidence bucket
//	    evidence-importing  name of the evidence bucket an import is building
//	    webhooks/<id>       Webhook
//	    deliveries/<key>    time a webhook message id was first imported
//	    settings            Settings (absent until a project sets its own)
//	    versions/<journey id>\x00<version> journeys.PastVersion: a version a write
//	                        replaced, or the last one of a deleted journey
//	    baselines/<id>      journeys.ProjectBaseline
//	audit/                  root bucket, one nested bucket per project id
//	  <project id>/<time|seq> AuditEntry, keyed so that keys sort by time; PruneAudit
//	                        deletes a log it empties
//	tokens/<id>             tokenRecord
//	token-hashes/<hash>     the id of the token whose secret has that hash
//	idempotency/<key>       IdempotentResponse
//	idempotency-age/<time|key> nothing: the claims by age, for purging expired ones
//
// Projects sit under a root bucket rather than at the top level so that the top level
// stays free for store-wide data that no project id can shadow. The audit log sits
// outside the project buckets so that deleting a project, one bucket delete, keeps it.
var (
	projectsKey       = []byte("projects")
	metaKey           = []byte("meta")
	actorsKey         = []byte("actors")
	journeysKey       = []byte("journeys")
	sourcesKey        = []byte("sources")
	triageKey         = []byte("triage")
	proposalsKey      = []byte("proposals")
	goalsKey          = []byte("goals")
	measuresKey       = []byte("measures")
	needsKey          = []byte("needs")
	versionsKey       = []byte("versions")
	baselinesKey      = []byte("baselines")
	evidenceKey       = []byte("evidence")
	webhooksKey       = []byte("webhooks")
	deliveriesKey     = []byte("deliveries")
	settingsKey       = []byte("settings")
	secretKey         = []byte("pseudonym-secret")
	auditKey          = []byte("audit")
	tokensKey         = []byte("tokens")
	tokenHashesKey    = []byte("token-hashes")
	idempotencyKey    = []byte("idempotency")
	idempotencyAgeKey = []byte("idempotency-age")
)

// rootBuckets are the store-wide buckets. Open creates any that a file made by an older
// version lacks, so that no method has to allow for their absence.
var rootBuckets = [][]byte{projectsKey, auditKey, tokensKey, tokenHashesKey, idempotencyKey, idempotencyAgeKey}

// projectBuckets are the nested buckets every project has. Open creates any that a
// project made by an older version lacks.
var projectBuckets = [][]byte{actorsKey, journeysKey, sourcesKey, triageKey, evidenceKey, webhooksKey, deliveriesKey, proposalsKey, goalsKey, measuresKey, needsKey, versionsKey, baselinesKey}

// project is one project's buckets within a transaction. Every read and write of a
// project's contents goes through it, which is what keeps projects apart.
type project struct {
	id       string
	bucket   *bolt.Bucket
	actors   *bolt.Bucket
	journeys *bolt.Bucket
	sources  *bolt.Bucket
	triage   *bolt.Bucket
	// proposals holds each proposal's record, with its tests and decisions.
	proposals *bolt.Bucket
	goals     *bolt.Bucket
	measures  *bolt.Bucket
	needs     *bolt.Bucket
	// versions holds the journeys' kept versions, by journey id and version.
	versions  *bolt.Bucket
	baselines *bolt.Bucket
	evidence  *bolt.Bucket
	webhooks  *bolt.Bucket
	// deliveries holds the webhook message ids already imported, for deduplication.
	deliveries *bolt.Bucket
}

// openProject returns the buckets of project id, or NOT_FOUND.
func openProject(tx *bolt.Tx, id string) (*project, error) {
	b := tx.Bucket(projectsKey).Bucket([]byte(id))
	if b == nil {
		return nil, projectNotFound(id)
	}
	return &project{
		id:         id,
		bucket:     b,
		actors:     b.Bucket(actorsKey),
		journeys:   b.Bucket(journeysKey),
		sources:    b.Bucket(sourcesKey),
		triage:     b.Bucket(triageKey),
		proposals:  b.Bucket(proposalsKey),
		goals:      b.Bucket(goalsKey),
		measures:   b.Bucket(measuresKey),
		needs:      b.Bucket(needsKey),
		versions:   b.Bucket(versionsKey),
		baselines:  b.Bucket(baselinesKey),
		evidence:   b.Bucket(currentEvidence(b)),
		webhooks:   b.Bucket(webhooksKey),
		deliveries: b.Bucket(deliveriesKey),
	}, nil
}

// createProjectBuckets creates the buckets of a new project, or returns CONFLICT when
// the id is taken. bbolt has a single writer, so of two concurrent creations exactly
// one sees the id free.
func createProjectBuckets(tx *bolt.Tx, id string) (*project, error) {
	root := tx.Bucket(projectsKey)
	if root.Bucket([]byte(id)) != nil {
		return nil, journeys.Errorf(journeys.Conflict, "A project with id %q already exists.", id)
	}
	b, err := root.CreateBucket([]byte(id))
	if err != nil {
		return nil, err
	}
	if err := ensureProjectBuckets(b); err != nil {
		return nil, err
	}
	return openProject(tx, id)
}

// ensureProjectBuckets creates the nested buckets a project lacks.
func ensureProjectBuckets(b *bolt.Bucket) error {
	for _, key := range projectBuckets {
		if _, err := b.CreateBucketIfNotExists(key); err != nil {
			return err
		}
	}
	return nil
}

func projectNotFound(id string) error {
	return journeys.ProjectNotFound(id)
}

// getJSON decodes the value stored under key into v and reports whether there was one.
func getJSON(b *bolt.Bucket, key string, v any) (bool, error) {
	data := b.Get([]byte(key))
	if data == nil {
		return false, nil
	}
	return true, decodeJSON(data, v)
}

// decodeJSON decodes a stored value. A failure means the file was damaged or written by
// an incompatible version, never a client mistake.
func decodeJSON(data []byte, v any) error {
	if err := json.Unmarshal(data, v); err != nil {
		return journeys.Wrap(journeys.Internal, err, "A stored record could not be read.")
	}
	return nil
}

// putJSON stores v under key as JSON.
func putJSON(b *bolt.Bucket, key string, v any) error {
	data, err := encodeJSON(v)
	if err != nil {
		return err
	}
	return b.Put([]byte(key), data)
}

// encodeJSON returns v as stored. The same value always encodes to the same bytes (maps
// are written in key order), so callers may compare encodings to tell a real change.
func encodeJSON(v any) ([]byte, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, journeys.Wrap(journeys.Internal, err, "A record could not be encoded for storage.")
	}
	return data, nil
}

// order is the direction in which a list reads a bucket.
type order bool

const (
	ascending  order = false
	descending order = true
)

// errEndOfList is what a list's item function returns to say that no later entry can
// belong in the list, so that a scan of a long, ordered bucket can stop early.
var errEndOfList = errors.New("end of list")

// list reads one page of b in key order. item turns an entry into a list item and says
// whether the item belongs in the list at all, so that filters apply while scanning and
// pages stay full. The next cursor is set only when another item that belongs follows.
func list[T any](b *bolt.Bucket, page journeys.Page, item func(k, v []byte) (T, bool, error)) (*journeys.List[T], error) {
	return listIn(b, ascending, page, item)
}

// listIn is list in either order. The cursor holds the key of the page's last item, so
// that a page starts where the previous one ended even when entries came or went since.
func listIn[T any](b *bolt.Bucket, dir order, page journeys.Page, item func(k, v []byte) (T, bool, error)) (*journeys.List[T], error) {
	after, err := page.After()
	if err != nil {
		return nil, err
	}
	size := page.Size()
	out := &journeys.List[T]{Items: []T{}}
	c := b.Cursor()
	next := c.Next
	if dir == descending {
		next = c.Prev
	}
	var last string
	for k, v := start(c, dir, after); k != nil; k, v = next() {
		x, ok, err := item(k, v)
		if errors.Is(err, errEndOfList) {
			break
		}
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		if len(out.Items) == size {
			out.Next = journeys.CursorAfter(last)
			break
		}
		out.Items = append(out.Items, x)
		last = string(k)
	}
	return out, nil
}

// start places c on the first entry in dir that comes after the key after, or on the
// first entry of all when after is empty.
func start(c *bolt.Cursor, dir order, after string) ([]byte, []byte) {
	switch {
	case after == "" && dir == ascending:
		return c.First()
	case after == "":
		return c.Last()
	}
	// Seek finds the first key at or past after, in ascending order.
	k, v := c.Seek([]byte(after))
	switch {
	case dir == ascending && k != nil && string(k) == after:
		return c.Next()
	case dir == ascending:
		return k, v
	case k == nil:
		return c.Last()
	}
	return c.Prev()
}
