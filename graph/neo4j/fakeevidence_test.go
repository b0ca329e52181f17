package neo4j

import (
	"maps"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// evidenceHandlers models the statements of imported evidence and recorded deliveries, as
// their header comments say they behave, on fakeProject's evidence, deliveries and links.
// (Webhooks are an entity like any other; fakeHandlers models them with entityHandlers.)
var evidenceHandlers = map[string]handler{
	"delivery_record.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
		proj := s.projects[p["projectId"].(string)]
		if proj == nil {
			return nil, nil
		}
		key := p["deliveryKey"].(string)
		_, found := proj.deliveries[key]
		if !found {
			proj.deliveries[key] = map[string]any{"projectId": p["projectId"], "key": key, "receivedAt": p["now"]}
		}
		return []*neo4j.Record{record("created", !found)}, nil
	},
	"source_by_ids.cypher": byIDs("source", "Source", func(p *fakeProject) map[string]map[string]any { return p.sources }),
	"evidence_by_ids.cypher": byIDs("evidence", "Evidence", func(p *fakeProject) map[string]map[string]any {
		return p.evidence
	}),
	"evidence_get.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
		proj := s.projects[p["projectId"].(string)]
		if proj == nil {
			return nil, nil
		}
		if n, ok := proj.evidence[p["evidenceId"].(string)]; ok {
			return []*neo4j.Record{record("evidence", node("Evidence", n))}, nil
		}
		return []*neo4j.Record{record("evidence", nil)}, nil
	},
	"evidence_list.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
		proj := s.projects[p["projectId"].(string)]
		if proj == nil {
			return nil, nil
		}
		var recs []*neo4j.Record
		for _, id := range sortedKeys(proj.evidence) {
			n := proj.evidence[id]
			switch {
			case id <= p["after"].(string):
			case p["unlinked"].(bool) && n["about"] != nil:
			case p["journey"] != nil && !fakeInJourney(n, p["journey"].(string)):
			case int64(len(recs)) < int64(p["limit"].(int)):
				recs = append(recs, record("evidence", node("Evidence", n)))
			}
		}
		if len(recs) == 0 {
			return []*neo4j.Record{record("evidence", nil)}, nil
		}
		return recs, nil
	},
	"evidence_upsert.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
		proj := s.projects[p["projectId"].(string)]
		if proj == nil {
			return []*neo4j.Record{record("written", 0)}, nil
		}
		rows := p["rows"].([]map[string]any)
		for _, row := range rows {
			id := row["id"].(string)
			n, found := proj.evidence[id]
			if !found {
				n = map[string]any{"projectId": p["projectId"], "id": id}
				proj.evidence[id] = n
			}
			for k, v := range row {
				if k != "id" {
					set(n, k, v)
				}
			}
			proj.links[id] = map[string]bool{}
			if src, ok := row["source"].(string); ok && proj.sources[src] != nil {
				proj.links[id]["source:"+src] = true
			}
		}
		return []*neo4j.Record{record("written", len(rows))}, nil
	},
	"evidence_about.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
		proj := s.projects[p["projectId"].(string)]
		linked := 0
		for _, row := range p["rows"].([]map[string]any) {
			id := row["id"].(string)
			if proj == nil || proj.evidence[id] == nil {
				continue
			}
			about := row["about"].(string)
			j := proj.journeys[fmtAny(row["journeyId"])]
			var ref string
			switch row["kind"] {
			case "step":
				if j != nil && hasElement(j, "journey_steps.cypher", about) {
					ref = "step:" + j.node["id"].(string) + "/" + about
				}
			case "handover":
				if j != nil && hasElement(j, "journey_handovers.cypher", about) {
					ref = "handover:" + j.node["id"].(string) + "/" + about
				}
			case "actor":
				if proj.actors[about] != nil {
					ref = "actor:" + about
				}
			case "journey":
				if j != nil {
					ref = "journey:" + about
				}
			}
			if ref != "" {
				proj.links[id][ref] = true
				linked++
			}
		}
		return []*neo4j.Record{record("linked", linked)}, nil
	},
	"evidence_in_journey.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
		proj := s.projects[p["projectId"].(string)]
		if proj == nil {
			return nil, nil
		}
		var recs []*neo4j.Record
		for _, id := range sortedKeys(proj.evidence) {
			if n := proj.evidence[id]; fakeInJourney(n, p["journeyId"].(string)) {
				recs = append(recs, record("evidenceId", id, "about", n["about"]))
			}
		}
		return recs, nil
	},
	"evidence_delete.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
		proj := s.projects[p["projectId"].(string)]
		id := p["evidenceId"].(string)
		if proj == nil || proj.evidence[id] == nil {
			return nil, nil
		}
		delete(proj.evidence, id)
		delete(proj.links, id)
		return []*neo4j.Record{record("evidenceId", id)}, nil
	},
}

// byIDs models a statement that returns, for each of $ids, the node stored under it.
func byIDs(column, label string, pick func(*fakeProject) map[string]map[string]any) handler {
	return func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
		proj := s.projects[p["projectId"].(string)]
		if proj == nil {
			return nil, nil
		}
		var recs []*neo4j.Record
		for _, id := range p["ids"].([]string) {
			if n, ok := pick(proj)[id]; ok {
				recs = append(recs, record(column, node(label, n)))
			}
		}
		return recs, nil
	}
}

// linkEvidenceOnWrites adds to the models of the statements that write or delete what
// evidence is linked to what they do to the links: journey_clear and journey_delete drop
// the links to what they delete, as DETACH DELETE does, and so do actor_delete and
// source_delete; actor_upsert links the evidence about each actor it creates, and
// source_upsert the evidence that names each source it writes.
func linkEvidenceOnWrites(h map[string]handler) {
	wrap := func(name string, after func(proj *fakeProject, p map[string]any, recs []*neo4j.Record)) {
		inner := h[name]
		h[name] = func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
			recs, err := inner(s, p)
			if proj := s.projects[p["projectId"].(string)]; err == nil && proj != nil {
				after(proj, p, recs)
			}
			return recs, err
		}
	}
	unlink := func(proj *fakeProject, gone func(ref string) bool) {
		for _, targets := range proj.links {
			maps.DeleteFunc(targets, func(ref string, _ bool) bool { return gone(ref) })
		}
	}
	wrap("journey_clear.cypher", func(proj *fakeProject, p map[string]any, _ []*neo4j.Record) {
		j := p["journeyId"].(string)
		unlink(proj, func(ref string) bool {
			return strings.HasPrefix(ref, "step:"+j+"/") || strings.HasPrefix(ref, "handover:"+j+"/")
		})
	})
	wrap("journey_delete.cypher", func(proj *fakeProject, p map[string]any, _ []*neo4j.Record) {
		j := p["journeyId"].(string)
		unlink(proj, func(ref string) bool {
			return ref == "journey:"+j || strings.HasPrefix(ref, "step:"+j+"/") || strings.HasPrefix(ref, "handover:"+j+"/")
		})
	})
	wrap("actor_delete.cypher", func(proj *fakeProject, p map[string]any, _ []*neo4j.Record) {
		unlink(proj, func(ref string) bool { return ref == "actor:"+p["actorId"].(string) })
	})
	wrap("source_delete.cypher", func(proj *fakeProject, p map[string]any, _ []*neo4j.Record) {
		unlink(proj, func(ref string) bool { return ref == "source:"+p["sourceId"].(string) })
	})
	wrap("actor_upsert.cypher", func(proj *fakeProject, p map[string]any, recs []*neo4j.Record) {
		for i, row := range p["rows"].([]map[string]any) {
			if created, _ := recs[i].Get("created"); created != true {
				continue
			}
			ref := "actor:" + row["id"].(string)
			for id, n := range proj.evidence {
				if about, _ := n["about"].([]string); slices.Contains(about, ref) {
					proj.links[id][ref] = true
				}
			}
		}
	})
	wrap("source_upsert.cypher", func(proj *fakeProject, p map[string]any, _ []*neo4j.Record) {
		for _, row := range p["rows"].([]map[string]any) {
			src := row["id"].(string)
			for id, n := range proj.evidence {
				if n["source"] == src {
					proj.links[id]["source:"+src] = true
				}
			}
		}
	})
}

// fakeInJourney reports whether evidence node n points into journey id, as
// `$journey IN e.journeys` finds it.
func fakeInJourney(n map[string]any, id string) bool {
	js, _ := n["journeys"].([]string)
	return slices.Contains(js, id)
}

// fmtAny returns v as a string, "" for nil.
func fmtAny(v any) string {
	s, _ := v.(string)
	return s
}
