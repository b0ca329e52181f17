package neo4j

import (
	"cmp"
	"slices"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// accessHandlers models the statements of the audit log, tokens and idempotency keys,
// as their header comments say they behave, on the parts of fakeState that belong to no
// project. The uniqueness constraints of schema.cypher are modelled where statements
// CREATE (a taken key fails as ConstraintValidationFailed) and MERGE (a taken key is
// matched). fakeDB runs one transaction at a time, which is what the locks the Cypher
// takes (MERGE on a constrained key, SET writeLock before reading) give each key.
var accessHandlers = map[string]handler{
	"audit_append.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
		written := 0
		for _, row := range p["rows"].([]map[string]any) {
			projectID, id := row["projectId"].(string), row["id"].(string)
			log := s.audit[projectID]
			if log == nil {
				log = map[string]map[string]any{}
				s.audit[projectID] = log
			}
			if log[id] != nil {
				return nil, constraintViolation("AuditEntry", "(projectId, id)")
			}
			n := map[string]any{}
			for k, v := range row {
				set(n, k, v)
			}
			log[id] = n
			written++
		}
		return []*neo4j.Record{record("written", written)}, nil
	},
	"audit_prune.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
		type ref struct {
			project, id string
			time        time.Time
		}
		var old []ref
		for projectID, log := range s.audit {
			for id, e := range log {
				if t := e["time"].(time.Time); t.Before(p["before"].(time.Time)) {
					old = append(old, ref{projectID, id, t})
				}
			}
		}
		slices.SortFunc(old, func(a, b ref) int {
			return cmp.Or(a.time.Compare(b.time), cmp.Compare(a.project, b.project), cmp.Compare(a.id, b.id))
		})
		old = old[:min(len(old), p["limit"].(int))]
		for _, e := range old {
			delete(s.audit[e.project], e.id)
		}
		return []*neo4j.Record{record("pruned", len(old))}, nil
	},
	"audit_list.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
		log := s.audit[p["projectId"].(string)]
		ids := sortedKeys(log)
		slices.Reverse(ids)
		var recs []*neo4j.Record
		for _, id := range ids {
			e := log[id]
			if id < p["fromId"].(string) || id >= p["beforeId"].(string) || !matchesOrNull(e, p, "token", "action", "outcome") {
				continue
			}
			if int64(len(recs)) == int64(p["limit"].(int)) {
				break
			}
			recs = append(recs, record("entry", node("AuditEntry", e)))
		}
		return recs, nil
	},

	"audit_each.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
		afterProject, afterID := p["afterProject"].(string), p["afterId"].(string)
		var recs []*neo4j.Record
		for _, projectID := range sortedKeys(s.audit) {
			if projectID < afterProject {
				continue
			}
			log := s.audit[projectID]
			for _, id := range sortedKeys(log) {
				if projectID == afterProject && id <= afterID {
					continue
				}
				if len(recs) == p["limit"].(int) {
					return recs, nil
				}
				recs = append(recs, record("entry", node("AuditEntry", log[id])))
			}
		}
		return recs, nil
	},
	"audit_restore.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
		added := 0
		for _, row := range p["rows"].([]map[string]any) {
			projectID, id := row["projectId"].(string), row["id"].(string)
			log := s.audit[projectID]
			if log == nil {
				log = map[string]map[string]any{}
				s.audit[projectID] = log
			}
			if log[id] != nil {
				continue
			}
			n := map[string]any{}
			for k, v := range row {
				set(n, k, v)
			}
			log[id] = n
			added++
		}
		return []*neo4j.Record{record("added", added)}, nil
	},

	"token_each.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
		var recs []*neo4j.Record
		for _, id := range page(s.tokens, p["after"].(string), int64(p["limit"].(int))) {
			recs = append(recs, record("token", node("Token", s.tokens[id])))
		}
		return recs, nil
	},
	"token_restore.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
		id := p["tokenId"].(string)
		if s.tokens[id] != nil {
			return nil, nil
		}
		if fakeTokenByHash(s, p["hash"]) != nil {
			return nil, constraintViolation("Token", "hash")
		}
		n := map[string]any{"id": id}
		for _, k := range []string{"hash", "name", "role", "projects", "expiresAt", "createdAt"} {
			set(n, k, p[k])
		}
		s.tokens[id] = n
		return []*neo4j.Record{record("token", node("Token", n))}, nil
	},
	"token_create.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
		id := p["tokenId"].(string)
		if s.tokens[id] != nil {
			return nil, constraintViolation("Token", "id")
		}
		if fakeTokenByHash(s, p["hash"]) != nil {
			return nil, constraintViolation("Token", "hash")
		}
		n := map[string]any{"id": id, "createdAt": p["now"]}
		for _, k := range []string{"hash", "name", "role", "projects", "expiresAt"} {
			set(n, k, p[k])
		}
		s.tokens[id] = n
		return []*neo4j.Record{record("token", node("Token", n))}, nil
	},
	"token_by_hash.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
		if n := fakeTokenByHash(s, p["hash"]); n != nil {
			return []*neo4j.Record{record("token", node("Token", n))}, nil
		}
		return nil, nil
	},
	"token_list.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
		var recs []*neo4j.Record
		for _, id := range page(s.tokens, p["after"].(string), int64(p["limit"].(int))) {
			n := s.tokens[id]
			m := map[string]any{}
			for _, k := range []string{"id", "name", "role", "projects", "expiresAt", "createdAt"} {
				m[k] = n[k]
			}
			recs = append(recs, record("token", m))
		}
		return recs, nil
	},
	"token_delete.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
		id := p["tokenId"].(string)
		if s.tokens[id] == nil {
			return nil, nil
		}
		delete(s.tokens, id)
		return []*neo4j.Record{record("tokenId", id)}, nil
	},

	"idempotency_claim.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
		key := p["key"].(string)
		n, found := s.idempotency[key]
		claimed := !found
		if found {
			at := n["claimedAt"].(time.Time)
			claimed = at.Before(p["expiredBefore"].(time.Time)) || (!n["done"].(bool) && at.Before(p["pendingBefore"].(time.Time)))
		}
		if claimed {
			n = map[string]any{"key": key, "requestHash": p["requestHash"], "claim": p["claim"], "done": false, "claimedAt": p["now"]}
			s.idempotency[key] = n
		}
		return []*neo4j.Record{record("claimed", claimed, "record", node("IdempotencyKey", n))}, nil
	},
	"idempotency_prune.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
		var expired []string
		for key, n := range s.idempotency {
			if n["claimedAt"].(time.Time).Before(p["expiredBefore"].(time.Time)) {
				expired = append(expired, key)
			}
		}
		slices.SortFunc(expired, func(a, b string) int {
			return cmp.Or(s.idempotency[a]["claimedAt"].(time.Time).Compare(s.idempotency[b]["claimedAt"].(time.Time)), cmp.Compare(a, b))
		})
		expired = expired[:min(len(expired), p["limit"].(int))]
		for _, key := range expired {
			delete(s.idempotency, key)
		}
		return []*neo4j.Record{record("pruned", len(expired))}, nil
	},
	"idempotency_complete.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
		key := p["key"].(string)
		n := s.idempotency[key]
		if n == nil {
			n = map[string]any{"key": key, "claim": p["claim"], "claimedAt": p["now"]}
			s.idempotency[key] = n
		}
		if n["claim"] != p["claim"] {
			return nil, nil // another claim took the key over
		}
		if p["requestHash"] != nil {
			n["requestHash"] = p["requestHash"]
		}
		n["done"] = true
		for _, k := range []string{"status", "header", "body"} {
			set(n, k, p[k])
		}
		n["completedAt"] = p["now"]
		return []*neo4j.Record{record("key", key)}, nil
	},
	"idempotency_release.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
		key := p["key"].(string)
		released := 0
		if n := s.idempotency[key]; n != nil && n["claim"] == p["claim"] {
			delete(s.idempotency, key)
			released = 1
		}
		return []*neo4j.Record{record("released", released)}, nil
	},
}

// constraintViolation is the error Neo4j reports when a write would break a uniqueness
// constraint on label's property (or properties).
func constraintViolation(label, property string) error {
	return &neo4j.Neo4jError{Code: codeConstraintViolation, Msg: "Node already exists with label `" + label + "` and property `" + property + "`"}
}

// matchesOrNull reports whether node n has the value of each parameter named in keys, as
// `($key IS NULL OR n.key = $key)` does.
func matchesOrNull(n, p map[string]any, keys ...string) bool {
	for _, k := range keys {
		if p[k] != nil && n[k] != p[k] {
			return false
		}
	}
	return true
}

// fakeTokenByHash returns the token whose hash is hash, or nil.
func fakeTokenByHash(s *fakeState, hash any) map[string]any {
	for _, n := range s.tokens {
		if n["hash"] == hash {
			return n
		}
	}
	return nil
}
