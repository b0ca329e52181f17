package neo4j

import (
	"context"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// fakeDB stands in for Neo4j where no server can run: an in-memory model of Glapp's graph
// that answers each statement by its file name, as that file's header comment says it
// behaves. It is not Cypher. What it proves is that the store's Go side (the order of
// statements, the parameters and rows it sends, how it reads what comes back, versions,
// preconditions, created flags, rollbacks, retries) meets the Store contract; whether each
// statement really behaves as its comment says is for the contract suite against a real
// Neo4j (TestContract) and, before that, for the Cypher linter.
//
// Every statement run through it is also checked: it must be one of the embedded files,
// every $parameter it uses must be sent and every parameter sent must be used, every
// row.field an UNWIND reads must be in every row and every row key must be read, and no
// statement that writes may run in a read transaction.
type fakeDB struct {
	t     testing.TB
	mu    sync.Mutex
	state *fakeState
	// retries is how many times each unit of work first runs on a copy of the state that
	// is thrown away, as when the driver retries after a transient error: the work must
	// give the same result however often it runs.
	retries int
	// before, when set, is called before every statement with the transaction's state; it
	// may fail the statement, the way the driver reports a database error, or change the
	// state, the way another writer or a damaged database would.
	before func(st statement, s *fakeState) error
	// ran lists the statements of committed transactions, in order.
	ran []string
}

type fakeState struct {
	projects map[string]*fakeProject
	// audit holds the :AuditEntry nodes by projectId, then id: beside the projects, so
	// that deleting one keeps its log.
	audit map[string]map[string]map[string]any
	// tokens holds the :Token nodes by id.
	tokens map[string]map[string]any
	// idempotency holds the :IdempotencyKey nodes by key.
	idempotency map[string]map[string]any
	// schema holds the names of the constraints and indexes that exist, each as
	// "constraint <name>" or "index <name>" with the index's state. A new fake database
	// has all of cypher/schema.cypher, as one Glapp has opened does; a test removes some
	// to model a schema dropped by hand.
	schema map[string]string
}

// newFakeState returns an empty database.
func newFakeState() *fakeState {
	return &fakeState{
		projects:    map[string]*fakeProject{},
		audit:       map[string]map[string]map[string]any{},
		tokens:      map[string]map[string]any{},
		idempotency: map[string]map[string]any{},
		schema:      fullSchema(),
	}
}

// fullSchema returns the schema entries of a database with all of cypher/schema.cypher:
// every constraint, with its own index, and every index, all ONLINE.
func fullSchema() map[string]string {
	out := map[string]string{}
	constraints, indexes := schemaNames()
	for _, name := range constraints {
		out["constraint "+name] = "ONLINE"
	}
	for _, name := range append(constraints, indexes...) {
		out["index "+name] = "ONLINE"
	}
	return out
}

type fakeProject struct {
	node       map[string]any
	actors     map[string]map[string]any
	sources    map[string]map[string]any
	triage     map[string]map[string]any
	proposals  map[string]map[string]any
	goals      map[string]map[string]any
	measures   map[string]map[string]any
	needs      map[string]map[string]any
	journeys   map[string]*fakeJourney
	evidence   map[string]map[string]any
	webhooks   map[string]map[string]any
	deliveries map[string]map[string]any
	// versions holds the :JourneyVersion nodes by journey id, NUL, journeys.VersionKey.
	versions map[string]map[string]any
	// baselines holds the :Baseline nodes by id.
	baselines map[string]map[string]any
	// links holds the ABOUT and FROM_SOURCE relationships of each piece of evidence, by
	// its id, as the references of their targets: "step:<journey>/<step>",
	// "handover:<journey>/<handover>", "actor:<actor>", "journey:<journey>" and
	// "source:<source>".
	links map[string]map[string]bool
}

// newFakeProject returns a project node with nothing in it.
func newFakeProject(n map[string]any) *fakeProject {
	return &fakeProject{node: n, actors: map[string]map[string]any{}, sources: map[string]map[string]any{},
		triage: map[string]map[string]any{}, proposals: map[string]map[string]any{}, goals: map[string]map[string]any{}, measures: map[string]map[string]any{}, needs: map[string]map[string]any{},
		journeys: map[string]*fakeJourney{}, evidence: map[string]map[string]any{},
		webhooks: map[string]map[string]any{}, deliveries: map[string]map[string]any{}, links: map[string]map[string]bool{},
		versions: map[string]map[string]any{}, baselines: map[string]map[string]any{}}
}

type fakeJourney struct {
	node map[string]any
	// elements holds the rows each element statement wrote, by statement name.
	elements map[string][]map[string]any
}

// newFakeStore returns a Store whose transactions run against a new, empty fakeDB.
func newFakeStore(t testing.TB) (*Store, *fakeDB) {
	db := &fakeDB{t: t, state: newFakeState(), retries: 1}
	return &Store{tx: db, Now: func() time.Time { return time.Now().UTC() }}, db
}

func (db *fakeDB) execute(ctx context.Context, write bool, w work) (any, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	for range db.retries {
		w(ctx, &fakeTx{db: db, state: db.state.clone(), write: write})
	}
	tx := &fakeTx{db: db, state: db.state.clone(), write: write}
	out, err := w(ctx, tx)
	if err != nil {
		return nil, err // rolled back: tx.state is dropped
	}
	db.state = tx.state
	db.ran = append(db.ran, tx.ran...)
	return out, nil
}

// fakeTx is one transaction against a private copy of the state.
type fakeTx struct {
	db    *fakeDB
	state *fakeState
	write bool
	ran   []string
}

func (tx *fakeTx) run(_ context.Context, st statement, params map[string]any) ([]*neo4j.Record, error) {
	t := tx.db.t
	if err := checkStatement(st, params); err != nil {
		t.Errorf("%v", err)
		return nil, err
	}
	if writes(st) && !tx.write {
		err := fmt.Errorf("%s writes but ran in a read transaction", st.name)
		t.Errorf("%v", err)
		return nil, err
	}
	if tx.db.before != nil {
		if err := tx.db.before(st, tx.state); err != nil {
			return nil, err
		}
	}
	tx.ran = append(tx.ran, st.name)
	name := st.name
	if strings.HasPrefix(name, qSchema.name) {
		name = qSchema.name
	}
	h, ok := fakeHandlers[name]
	if !ok {
		err := fmt.Errorf("fakeDB has no model of %s", st.name)
		t.Errorf("%v", err)
		return nil, err
	}
	return h(tx.state, params)
}

var (
	paramPattern   = regexp.MustCompile(`\$([A-Za-z_][A-Za-z0-9_]*)`)
	rowPattern     = regexp.MustCompile(`\brow\.([A-Za-z_][A-Za-z0-9_]*)`)
	commentPattern = regexp.MustCompile(`(?m)//.*$`)
	writePattern   = regexp.MustCompile(`\b(CREATE|MERGE|SET|DELETE|REMOVE)\b`)
)

// code returns st's Cypher without comments.
func code(st statement) string { return commentPattern.ReplaceAllString(st.cypher, "") }

// writes reports whether st changes the graph.
func writes(st statement) bool { return writePattern.MatchString(code(st)) }

// checkStatement checks that st is an embedded statement and that params (and rows, for
// an UNWIND batch) hold exactly what it reads.
func checkStatement(st statement, params map[string]any) error {
	base := st.name
	if i := strings.Index(base, "#"); i >= 0 {
		base = base[:i]
	}
	if !loaded[base] {
		return fmt.Errorf("%s is not an embedded statement", st.name)
	}
	if used, sent := names(paramPattern, code(st)), slices.Sorted(maps.Keys(params)); !slices.Equal(used, sent) {
		return fmt.Errorf("%s uses parameters %q; the store sent %q", st.name, used, sent)
	}
	fields := names(rowPattern, code(st))
	if len(fields) == 0 {
		return nil
	}
	rows, ok := params["rows"].([]map[string]any)
	if !ok {
		return fmt.Errorf("%s: $rows is a %T; want []map[string]any", st.name, params["rows"])
	}
	for i, row := range rows {
		if keys := slices.Sorted(maps.Keys(row)); !slices.Equal(fields, keys) {
			return fmt.Errorf("%s reads row fields %q; row %d holds %q", st.name, fields, i, keys)
		}
	}
	return nil
}

// names returns the sorted, distinct first groups of p's matches in s.
func names(p *regexp.Regexp, s string) []string {
	set := map[string]bool{}
	for _, m := range p.FindAllStringSubmatch(s, -1) {
		set[m[1]] = true
	}
	return slices.Sorted(maps.Keys(set))
}

func (s *fakeState) clone() *fakeState {
	c := &fakeState{
		projects:    make(map[string]*fakeProject, len(s.projects)),
		audit:       make(map[string]map[string]map[string]any, len(s.audit)),
		tokens:      cloneNodes(s.tokens),
		idempotency: cloneNodes(s.idempotency),
		schema:      maps.Clone(s.schema),
	}
	for id, log := range s.audit {
		c.audit[id] = cloneNodes(log)
	}
	for id, p := range s.projects {
		cp := &fakeProject{
			node:       maps.Clone(p.node),
			actors:     cloneNodes(p.actors),
			sources:    cloneNodes(p.sources),
			triage:     cloneNodes(p.triage),
			proposals:  cloneNodes(p.proposals),
			goals:      cloneNodes(p.goals),
			measures:   cloneNodes(p.measures),
			needs:      cloneNodes(p.needs),
			journeys:   make(map[string]*fakeJourney, len(p.journeys)),
			evidence:   cloneNodes(p.evidence),
			webhooks:   cloneNodes(p.webhooks),
			deliveries: cloneNodes(p.deliveries),
			versions:   cloneNodes(p.versions),
			baselines:  cloneNodes(p.baselines),
			links:      make(map[string]map[string]bool, len(p.links)),
		}
		for id, targets := range p.links {
			cp.links[id] = maps.Clone(targets)
		}
		for jid, j := range p.journeys {
			cp.journeys[jid] = &fakeJourney{node: maps.Clone(j.node), elements: maps.Clone(j.elements)}
		}
		c.projects[id] = cp
	}
	return c
}

func cloneNodes(m map[string]map[string]any) map[string]map[string]any {
	c := make(map[string]map[string]any, len(m))
	for k, v := range m {
		c[k] = maps.Clone(v)
	}
	return c
}

// record builds a record the way the driver does: keys and values in column order, Go
// ints as int64, lists as []any, datetimes in a fixed offset zone.
func record(kv ...any) *neo4j.Record {
	rec := &neo4j.Record{}
	for i := 0; i < len(kv); i += 2 {
		rec.Keys = append(rec.Keys, kv[i].(string))
		rec.Values = append(rec.Values, driverValue(kv[i+1]))
	}
	return rec
}

func driverValue(v any) any {
	switch x := v.(type) {
	case int:
		return int64(x)
	case []string:
		out := make([]any, len(x))
		for i, s := range x {
			out[i] = s
		}
		return out
	case time.Time:
		return x.In(time.FixedZone("Offset", 3600))
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, v := range x {
			out[k] = driverValue(v)
		}
		return out
	default:
		return v
	}
}

// node returns props as a driver node with the given label.
func node(label string, props map[string]any) neo4j.Node {
	return neo4j.Node{ElementId: label + ":" + fmt.Sprint(props["id"]), Labels: []string{label}, Props: driverValue(props).(map[string]any)}
}

// set applies SET semantics: a null value removes the property.
func set(props map[string]any, key string, v any) {
	if v == nil {
		delete(props, key)
		return
	}
	props[key] = v
}

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }

// page returns the keys of m after after, in order, at most limit of them.
func page[V any](m map[string]V, after string, limit int64) []string {
	var out []string
	for _, k := range sortedKeys(m) {
		if k > after && int64(len(out)) < limit {
			out = append(out, k)
		}
	}
	return out
}

type handler func(s *fakeState, p map[string]any) ([]*neo4j.Record, error)

// entityHandlers models the get, list, upsert and delete statements of one entity kind.
func entityHandlers(prefix, label, column, keyParam, keyProp string, fields []string, pick func(*fakeProject) map[string]map[string]any) map[string]handler {
	return map[string]handler{
		prefix + "_get.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
			proj := s.projects[p["projectId"].(string)]
			if proj == nil {
				return nil, nil
			}
			if n, ok := pick(proj)[p[keyParam].(string)]; ok {
				return []*neo4j.Record{record(column, node(label, n))}, nil
			}
			return []*neo4j.Record{record(column, nil)}, nil
		},
		prefix + "_list.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
			proj := s.projects[p["projectId"].(string)]
			if proj == nil {
				return nil, nil
			}
			keys := page(pick(proj), p["after"].(string), int64(p["limit"].(int)))
			if len(keys) == 0 {
				return []*neo4j.Record{record(column, nil)}, nil
			}
			var recs []*neo4j.Record
			for _, k := range keys {
				recs = append(recs, record(column, node(label, pick(proj)[k])))
			}
			return recs, nil
		},
		prefix + "_upsert.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
			proj := s.projects[p["projectId"].(string)]
			if proj == nil {
				return nil, nil
			}
			var recs []*neo4j.Record
			for _, row := range p["rows"].([]map[string]any) {
				key := row[keyProp].(string)
				n, found := pick(proj)[key]
				if !found {
					n = map[string]any{"projectId": p["projectId"], keyProp: key}
					pick(proj)[key] = n
				}
				// The store sends the version and time journeys.PlanUpsert planned.
				for _, f := range slices.Concat(fields, []string{"version", "updatedAt"}) {
					set(n, f, row[f])
				}
				recs = append(recs, record(column, node(label, n), "created", !found))
			}
			return recs, nil
		},
		prefix + "_delete.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
			proj := s.projects[p["projectId"].(string)]
			key := p[keyParam].(string)
			if proj == nil || pick(proj)[key] == nil {
				return nil, nil
			}
			delete(pick(proj), key)
			return []*neo4j.Record{record(keyParam, key)}, nil
		},
	}
}

// fakeHandlers models every embedded statement by file name.
var fakeHandlers = func() map[string]handler {
	h := map[string]handler{
		"schema.cypher": func(*fakeState, map[string]any) ([]*neo4j.Record, error) { return nil, nil },
		"ping.cypher": func(*fakeState, map[string]any) ([]*neo4j.Record, error) {
			return []*neo4j.Record{record("ok", 1)}, nil
		},
		"check_constraints.cypher": func(s *fakeState, _ map[string]any) ([]*neo4j.Record, error) {
			var recs []*neo4j.Record
			for _, key := range sortedKeys(s.schema) {
				if name, ok := strings.CutPrefix(key, "constraint "); ok {
					recs = append(recs, record("name", name))
				}
			}
			return recs, nil
		},
		"check_indexes.cypher": func(s *fakeState, _ map[string]any) ([]*neo4j.Record, error) {
			var recs []*neo4j.Record
			for _, key := range sortedKeys(s.schema) {
				if name, ok := strings.CutPrefix(key, "index "); ok {
					recs = append(recs, record("name", name, "state", s.schema[key]))
				}
			}
			return recs, nil
		},
		"check_counts.cypher": fakeCounts,
		"project_create.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
			id := p["projectId"].(string)
			if s.projects[id] != nil {
				return nil, constraintViolation("Project", "id")
			}
			n := map[string]any{"id": id, "name": p["name"], "version": 1, "createdAt": p["now"], "updatedAt": p["now"],
				"revision": p["stamp"], "inputs": p["stamp"]}
			set(n, "description", p["description"])
			s.projects[id] = newFakeProject(n)
			return []*neo4j.Record{record("project", node("Project", n))}, nil
		},
		"project_get.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
			if proj := s.projects[p["projectId"].(string)]; proj != nil {
				return []*neo4j.Record{record("project", node("Project", proj.node))}, nil
			}
			return nil, nil
		},
		"project_list.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
			var recs []*neo4j.Record
			for _, id := range page(s.projects, p["after"].(string), int64(p["limit"].(int))) {
				recs = append(recs, record("project", node("Project", s.projects[id].node)))
			}
			return recs, nil
		},
		"project_lock.cypher": projectOnly,
		"project_unlock.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
			proj := s.projects[p["projectId"].(string)]
			if proj == nil {
				return nil, nil
			}
			for _, k := range []string{"revision", "inputs"} {
				n, _ := proj.node[k].(int64)
				proj.node[k] = n + p[k].(int64)
			}
			return []*neo4j.Record{record("projectId", p["projectId"])}, nil
		},
		"project_stamp.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
			proj := s.projects[p["projectId"].(string)]
			if proj == nil {
				return nil, nil
			}
			rev, _ := proj.node["revision"].(int64)
			in, _ := proj.node["inputs"].(int64)
			return []*neo4j.Record{record("revision", rev, "inputs", in)}, nil
		},
		"project_update.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
			proj := s.projects[p["projectId"].(string)]
			if proj == nil {
				return nil, nil
			}
			proj.node["name"] = p["name"]
			set(proj.node, "description", p["description"])
			proj.node["version"] = p["version"]
			proj.node["updatedAt"] = p["now"]
			return []*neo4j.Record{record("project", node("Project", proj.node))}, nil
		},
		"project_delete.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
			id := p["projectId"].(string)
			if s.projects[id] == nil {
				return nil, nil
			}
			delete(s.projects, id)
			return []*neo4j.Record{record("projectId", id)}, nil
		},
		"settings_get.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
			if proj := s.projects[p["projectId"].(string)]; proj != nil {
				return []*neo4j.Record{record("settings", proj.node["settings"])}, nil
			}
			return nil, nil
		},
		"settings_put.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
			proj := s.projects[p["projectId"].(string)]
			if proj == nil {
				return nil, nil
			}
			proj.node["settings"] = p["settings"]
			return []*neo4j.Record{record("projectId", p["projectId"])}, nil
		},
		"project_secret_get.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
			if proj := s.projects[p["projectId"].(string)]; proj != nil {
				return []*neo4j.Record{record("secret", proj.node["pseudonymSecret"])}, nil
			}
			return nil, nil
		},
		"project_secret_set.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
			proj := s.projects[p["projectId"].(string)]
			if proj == nil {
				return nil, nil
			}
			if proj.node["pseudonymSecret"] == nil {
				proj.node["pseudonymSecret"] = p["secret"]
			}
			return []*neo4j.Record{record("secret", proj.node["pseudonymSecret"])}, nil
		},
		"actor_all.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
			proj := s.projects[p["projectId"].(string)]
			if proj == nil {
				return nil, nil
			}
			if len(proj.actors) == 0 {
				return []*neo4j.Record{record("actor", nil)}, nil
			}
			var recs []*neo4j.Record
			for _, id := range sortedKeys(proj.actors) {
				recs = append(recs, record("actor", node("Actor", proj.actors[id])))
			}
			return recs, nil
		},
		"actor_users.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
			proj := s.projects[p["projectId"].(string)]
			id := p["actorId"].(string)
			if proj == nil || proj.actors[id] == nil {
				return nil, nil
			}
			var recs []*neo4j.Record
			for _, jid := range sortedKeys(proj.journeys) {
				if fakeReferences(proj.journeys[jid], id) {
					recs = append(recs, record("journeyId", jid))
				}
			}
			return recs, nil
		},
		"journey_get.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
			proj := s.projects[p["projectId"].(string)]
			if proj == nil {
				return nil, nil
			}
			rec := journeyRecord(proj.journeys[p["journeyId"].(string)])
			actors := []any{}
			for _, id := range sortedKeys(proj.actors) {
				actors = append(actors, node("Actor", proj.actors[id]))
			}
			rec.Keys, rec.Values = append(rec.Keys, "actors"), append(rec.Values, actors)
			return []*neo4j.Record{rec}, nil
		},
		"journey_each.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
			proj := s.projects[p["projectId"].(string)]
			if proj == nil {
				return nil, nil
			}
			ids := page(proj.journeys, p["after"].(string), int64(p["limit"].(int)))
			if len(ids) == 0 {
				return []*neo4j.Record{journeyRecord(nil)}, nil
			}
			var recs []*neo4j.Record
			for _, id := range ids {
				recs = append(recs, journeyRecord(proj.journeys[id]))
			}
			return recs, nil
		},
		"journey_list.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
			proj := s.projects[p["projectId"].(string)]
			if proj == nil {
				return nil, nil
			}
			match := func(j *fakeJourney) bool {
				for _, k := range []string{"kind", "targetGroupKey", "ageGroup"} {
					if p[k] != nil && j.node[k] != p[k] {
						return false
					}
				}
				return true
			}
			var recs []*neo4j.Record
			for _, id := range sortedKeys(proj.journeys) {
				j := proj.journeys[id]
				if id > p["after"].(string) && match(j) && int64(len(recs)) < int64(p["limit"].(int)) {
					m := map[string]any{}
					for _, k := range []string{"id", "title", "kind", "targetGroup", "ageGroup", "stepCount", "handoverCount", "insightCount", "version", "updatedAt"} {
						m[k] = j.node[k]
					}
					recs = append(recs, record("journey", m))
				}
			}
			if len(recs) == 0 {
				return []*neo4j.Record{record("journey", nil)}, nil
			}
			return recs, nil
		},
		"journey_put.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
			proj := s.projects[p["projectId"].(string)]
			if proj == nil {
				return nil, nil
			}
			id := p["journeyId"].(string)
			j := proj.journeys[id]
			if j == nil {
				j = &fakeJourney{node: map[string]any{"projectId": p["projectId"], "id": id}, elements: map[string][]map[string]any{}}
				proj.journeys[id] = j
			}
			for k, v := range p {
				switch k {
				case "projectId", "journeyId":
				case "now":
					j.node["updatedAt"] = v
				default:
					set(j.node, k, v)
				}
			}
			return []*neo4j.Record{record("journeyId", id)}, nil
		},
		"journey_clear.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
			j := fakeJourneyOf(s, p)
			if j == nil {
				return nil, nil
			}
			n := 0
			for _, rows := range j.elements {
				n += len(rows)
			}
			j.elements = map[string][]map[string]any{}
			return []*neo4j.Record{record("deleted", n)}, nil
		},
		"journey_delete.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
			if fakeJourneyOf(s, p) == nil {
				return nil, nil
			}
			delete(s.projects[p["projectId"].(string)].journeys, p["journeyId"].(string))
			return []*neo4j.Record{record("journeyId", p["journeyId"])}, nil
		},
	}
	// The element statements write the rows whose references resolve, as their MATCHes
	// do, and count them.
	elements := map[string]func(proj *fakeProject, j *fakeJourney, row map[string]any) bool{
		"journey_stages.cypher": func(*fakeProject, *fakeJourney, map[string]any) bool { return true },
		"journey_steps.cypher": func(proj *fakeProject, _ *fakeJourney, row map[string]any) bool {
			return proj.actors[row["actor"].(string)] != nil
		},
		"journey_handovers.cypher": func(_ *fakeProject, j *fakeJourney, row map[string]any) bool {
			return hasElement(j, "journey_steps.cypher", row["from"]) && hasElement(j, "journey_steps.cypher", row["to"])
		},
		"journey_insights.cypher": func(*fakeProject, *fakeJourney, map[string]any) bool { return true },
		"journey_about.cypher": func(proj *fakeProject, j *fakeJourney, row map[string]any) bool {
			target := row["about"]
			return hasElement(j, "journey_insights.cypher", row["id"]) &&
				(hasElement(j, "journey_steps.cypher", target) || hasElement(j, "journey_handovers.cypher", target) ||
					proj.actors[target.(string)] != nil || target == j.node["id"] ||
					proj.needs[target.(string)] != nil || row["offerOf"] != nil && proj.actors[row["offerOf"].(string)] != nil)
		},
	}
	for name, resolves := range elements {
		h[name] = func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
			j := fakeJourneyOf(s, p)
			if j == nil {
				return []*neo4j.Record{record("written", 0)}, nil
			}
			proj := s.projects[p["projectId"].(string)]
			written := 0
			for _, row := range p["rows"].([]map[string]any) {
				if resolves(proj, j, row) {
					j.elements[name] = append(slices.Clone(j.elements[name]), row)
					written++
				}
			}
			return []*neo4j.Record{record("written", written)}, nil
		}
	}
	maps.Copy(h, accessHandlers)
	maps.Copy(h, evidenceHandlers)
	maps.Copy(h, entityHandlers("actor", "Actor", "actor", "actorId", "id", []string{"name", "sector", "kind", "ageGroup", "contact", "offers", "offerRows"},
		func(p *fakeProject) map[string]map[string]any { return p.actors }))
	maps.Copy(h, entityHandlers("source", "Source", "source", "sourceId", "id", []string{"kind", "date", "participantRole", "pseudonym"},
		func(p *fakeProject) map[string]map[string]any { return p.sources }))
	maps.Copy(h, entityHandlers("triage", "Triage", "triage", "fingerprint", "fingerprint", []string{"status", "reason", "proposal", "note"},
		func(p *fakeProject) map[string]map[string]any { return p.triage }))
	maps.Copy(h, entityHandlers("webhook", "Webhook", "webhook", "webhookId", "id", []string{"format", "mapping", "secrets"},
		func(p *fakeProject) map[string]map[string]any { return p.webhooks }))
	maps.Copy(h, proposalHandlers)
	maps.Copy(h, entityHandlers("goal", "Goal", "goal", "goalId", "id", []string{"title", "perspective", "description", "parent"},
		func(p *fakeProject) map[string]map[string]any { return p.goals }))
	maps.Copy(h, entityHandlers("measure", "Measure", "measure", "measureId", "id", []string{"goal", "document"},
		func(p *fakeProject) map[string]map[string]any { return p.measures }))
	maps.Copy(h, entityHandlers("need", "Need", "need", "needId", "id", []string{"title", "targetGroup", "ageGroup", "level"},
		func(p *fakeProject) map[string]map[string]any { return p.needs }))
	h["need_users.cypher"] = func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
		proj := s.projects[p["projectId"].(string)]
		if proj == nil {
			return nil, nil
		}
		var recs []*neo4j.Record
		for _, jid := range sortedKeys(proj.journeys) {
			for _, row := range proj.journeys[jid].elements["journey_insights.cypher"] {
				if about, _ := row["about"].([]string); slices.Contains(about, p["needId"].(string)) && len(recs) < 20 {
					recs = append(recs, record("journeyId", jid))
					break
				}
			}
		}
		return recs, nil
	}
	h["need_ids.cypher"] = func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
		proj := s.projects[p["projectId"].(string)]
		var recs []*neo4j.Record
		for _, id := range p["ids"].([]string) {
			if proj != nil && proj.needs[id] != nil {
				recs = append(recs, record("needId", id))
			}
		}
		return recs, nil
	}
	h["need_all.cypher"] = func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
		proj := s.projects[p["projectId"].(string)]
		if proj == nil {
			return nil, nil
		}
		var recs []*neo4j.Record
		for _, id := range sortedKeys(proj.needs) {
			recs = append(recs, record("needId", id))
		}
		return recs, nil
	}
	h["goal_users.cypher"] = func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
		proj := s.projects[p["projectId"].(string)]
		if proj == nil {
			return nil, nil
		}
		var recs []*neo4j.Record
		for _, id := range sortedKeys(proj.goals) {
			if proj.goals[id]["parent"] == p["goalId"] {
				recs = append(recs, record("kind", "goal", "id", id))
			}
		}
		for _, id := range sortedKeys(proj.measures) {
			if proj.measures[id]["goal"] == p["goalId"] {
				recs = append(recs, record("kind", "measure", "id", id))
			}
		}
		for _, id := range sortedKeys(proj.proposals) {
			if goals, _ := proj.proposals[id]["goals"].([]string); slices.Contains(goals, p["goalId"].(string)) {
				recs = append(recs, record("kind", "proposal", "id", id))
			}
		}
		return recs, nil
	}
	h["measure_users.cypher"] = func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
		proj := s.projects[p["projectId"].(string)]
		if proj == nil {
			return nil, nil
		}
		var recs []*neo4j.Record
		for _, id := range sortedKeys(proj.proposals) {
			if ms, _ := proj.proposals[id]["measures"].([]string); slices.Contains(ms, p["measureId"].(string)) && len(recs) < 20 {
				recs = append(recs, record("id", id))
			}
		}
		return recs, nil
	}
	maps.Copy(h, historyHandlers)
	linkEvidenceOnWrites(h)
	return h
}()

// proposalHandlers model the proposal statements: a :Proposal node per proposal, its
// record in the document property.
var proposalHandlers = map[string]handler{
	"proposal_get.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
		proj := s.projects[p["projectId"].(string)]
		if proj == nil {
			return nil, nil
		}
		if n, ok := proj.proposals[p["proposalId"].(string)]; ok {
			return []*neo4j.Record{record("document", n["document"])}, nil
		}
		return []*neo4j.Record{record("document", nil)}, nil
	},
	"proposal_list.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
		proj := s.projects[p["projectId"].(string)]
		if proj == nil {
			return nil, nil
		}
		var recs []*neo4j.Record
		for _, id := range sortedKeys(proj.proposals) {
			n := proj.proposals[id]
			if id > p["after"].(string) && (p["stage"] == nil || n["stage"] == p["stage"]) && len(recs) < p["limit"].(int) {
				recs = append(recs, record("document", n["document"]))
			}
		}
		if len(recs) == 0 {
			return []*neo4j.Record{record("document", nil)}, nil
		}
		return recs, nil
	},
	"proposal_put.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
		proj := s.projects[p["projectId"].(string)]
		if proj == nil {
			return nil, nil
		}
		id := p["proposalId"].(string)
		n := map[string]any{"projectId": p["projectId"], "id": id}
		for _, k := range []string{"title", "stage", "addresses", "goals", "measures", "owners", "toBe", "document"} {
			set(n, k, p[k])
		}
		proj.proposals[id] = n
		return []*neo4j.Record{record("proposalId", id)}, nil
	},
	"proposal_delete.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
		proj := s.projects[p["projectId"].(string)]
		id := p["proposalId"].(string)
		if proj == nil || proj.proposals[id] == nil {
			return nil, nil
		}
		delete(proj.proposals, id)
		return []*neo4j.Record{record("proposalId", id)}, nil
	},
	"proposal_triage.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
		proj := s.projects[p["projectId"].(string)]
		if proj == nil {
			return nil, nil
		}
		var recs []*neo4j.Record
		for _, f := range sortedKeys(proj.triage) {
			if proj.triage[f]["proposal"] == p["proposalId"] && len(recs) < 20 {
				recs = append(recs, record("fingerprint", f))
			}
		}
		return recs, nil
	},
}

// fakeCounts counts the nodes of each label, in check_counts.cypher's order.
func fakeCounts(s *fakeState, _ map[string]any) ([]*neo4j.Record, error) {
	n := map[string]int{"Project": len(s.projects), "Token": len(s.tokens), "IdempotencyKey": len(s.idempotency)}
	for _, log := range s.audit {
		n["AuditEntry"] += len(log)
	}
	elements := map[string]string{"journey_stages.cypher": "Stage", "journey_steps.cypher": "Step",
		"journey_handovers.cypher": "Handover", "journey_insights.cypher": "Insight"}
	for _, p := range s.projects {
		n["Actor"] += len(p.actors)
		n["Source"] += len(p.sources)
		n["Triage"] += len(p.triage)
		n["Proposal"] += len(p.proposals)
		n["Goal"] += len(p.goals)
		n["Measure"] += len(p.measures)
		n["Need"] += len(p.needs)
		n["Journey"] += len(p.journeys)
		n["Evidence"] += len(p.evidence)
		n["Webhook"] += len(p.webhooks)
		n["Delivery"] += len(p.deliveries)
		n["JourneyVersion"] += len(p.versions)
		n["Baseline"] += len(p.baselines)
		for _, j := range p.journeys {
			for st, label := range elements {
				n[label] += len(j.elements[st])
			}
		}
	}
	var recs []*neo4j.Record
	for _, label := range []string{"Project", "Actor", "Source", "Triage", "Proposal", "Goal", "Measure", "Need", "Journey", "Stage", "Step", "Handover",
		"Insight", "JourneyVersion", "Baseline", "Evidence", "Webhook", "Delivery", "AuditEntry", "Token", "IdempotencyKey"} {
		recs = append(recs, record("label", label, "nodes", n[label]))
	}
	return recs, nil
}

func projectOnly(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
	if s.projects[p["projectId"].(string)] == nil {
		return nil, nil
	}
	return []*neo4j.Record{record("projectId", p["projectId"])}, nil
}

func fakeJourneyOf(s *fakeState, p map[string]any) *fakeJourney {
	proj := s.projects[p["projectId"].(string)]
	if proj == nil {
		return nil
	}
	return proj.journeys[p["journeyId"].(string)]
}

func hasElement(j *fakeJourney, st string, id any) bool {
	return slices.ContainsFunc(j.elements[st], func(row map[string]any) bool { return row["id"] == id })
}

// fakeReferences reports whether journey j holds actor id the way actor_users.cypher
// finds it: PERFORMED_BY, CONTACT_PERSON, RESPONSIBLE or ABOUT (of an insight about the
// actor or one of its offers).
func fakeReferences(j *fakeJourney, id string) bool {
	for _, row := range j.elements["journey_steps.cypher"] {
		if row["actor"] == id || row["contactPerson"] == id {
			return true
		}
	}
	for _, row := range j.elements["journey_handovers.cypher"] {
		if row["responsible"] == id {
			return true
		}
	}
	for _, row := range j.elements["journey_about.cypher"] {
		if row["about"] == id && !hasElement(j, "journey_steps.cypher", id) && !hasElement(j, "journey_handovers.cypher", id) {
			return true
		}
		if row["offerOf"] == id { // an insight about one of the actor's offers is ABOUT the actor
			return true
		}
	}
	return false
}

// journeyRecord is the record journey_get returns for j, all null when j is nil.
func journeyRecord(j *fakeJourney) *neo4j.Record {
	if j == nil {
		return record("journeyId", nil, "document", nil, "carried", nil, "version", nil, "updatedAt", nil)
	}
	return record("journeyId", j.node["id"], "document", j.node["document"], "carried", j.node["carried"],
		"version", j.node["version"], "updatedAt", j.node["updatedAt"])
}

// statementsRun returns the names of the statements committed transactions ran, for tests
// that check the store's traffic.
func (db *fakeDB) statementsRun() []string {
	db.mu.Lock()
	defer db.mu.Unlock()
	return slices.Clone(db.ran)
}

// resetLog forgets which statements ran.
func (db *fakeDB) resetLog() {
	db.mu.Lock()
	defer db.mu.Unlock()
	db.ran = nil
}
