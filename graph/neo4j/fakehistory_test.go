package neo4j

import (
	"slices"
	"time"

	"github.com/glapp/glapp/journeys"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// fakeVersionKey is the key of a :JourneyVersion node in fakeProject.versions.
func fakeVersionKey(journeyID string, version int64) string {
	return journeyID + "\x00" + journeys.VersionKey(version)
}

// historyHandlers model the statements of kept versions and baselines, as their header
// comments say they behave.
var historyHandlers = map[string]handler{
	"version_put.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
		proj := s.projects[p["projectId"].(string)]
		if proj == nil {
			return nil, nil
		}
		n := map[string]any{}
		for k, v := range p {
			n[k] = v
		}
		proj.versions[fakeVersionKey(p["journeyId"].(string), p["version"].(int64))] = n
		return []*neo4j.Record{record("version", p["version"])}, nil
	},
	"version_get.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
		proj := s.projects[p["projectId"].(string)]
		if proj == nil {
			return nil, nil
		}
		if n, ok := proj.versions[fakeVersionKey(p["journeyId"].(string), p["version"].(int64))]; ok {
			return []*neo4j.Record{record("document", n["document"])}, nil
		}
		return []*neo4j.Record{record("document", nil)}, nil
	},
	"version_list.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
		proj := s.projects[p["projectId"].(string)]
		if proj == nil {
			return nil, nil
		}
		var recs []*neo4j.Record
		for _, k := range sortedKeys(proj.versions) {
			n := proj.versions[k]
			if n["journeyId"] == p["journeyId"] && n["version"].(int64) > p["afterVersion"].(int64) && len(recs) < p["limit"].(int) {
				recs = append(recs, record("document", n["document"]))
			}
		}
		if len(recs) == 0 {
			recs = append(recs, record("document", nil))
		}
		return recs, nil
	},
	"version_latest.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
		proj := s.projects[p["projectId"].(string)]
		if proj == nil {
			return nil, nil
		}
		var latest any
		for _, n := range proj.versions {
			if n["journeyId"] == p["journeyId"] && (latest == nil || n["version"].(int64) > latest.(int64)) {
				latest = n["version"]
			}
		}
		return []*neo4j.Record{record("latest", latest)}, nil
	},
	"version_each.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
		proj := s.projects[p["projectId"].(string)]
		if proj == nil {
			return nil, nil
		}
		var recs []*neo4j.Record
		aj, av := p["afterId"].(string), p["afterVersion"].(int64)
		for _, k := range sortedKeys(proj.versions) {
			n := proj.versions[k]
			j, v := n["journeyId"].(string), n["version"].(int64)
			if (j > aj || j == aj && v > av) && len(recs) < p["limit"].(int) {
				recs = append(recs, record("document", n["document"]))
			}
		}
		if len(recs) == 0 {
			recs = append(recs, record("document", nil))
		}
		return recs, nil
	},
	"version_purge.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
		proj := s.projects[p["projectId"].(string)]
		if proj == nil {
			return nil, nil
		}
		n := 0
		for k, v := range proj.versions {
			if v["journeyId"] == p["journeyId"] {
				delete(proj.versions, k)
				n++
			}
		}
		return []*neo4j.Record{record("deleted", n)}, nil
	},
	"version_expired.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
		type cand struct {
			project string
			n       map[string]any
		}
		var all []cand
		for _, pid := range sortedKeys(s.projects) {
			for _, k := range sortedKeys(s.projects[pid].versions) {
				all = append(all, cand{pid, s.projects[pid].versions[k]})
			}
		}
		after := func(c cand) bool {
			ap, aj, av := p["afterProject"].(string), p["afterId"].(string), p["afterVersion"].(int64)
			j, v := c.n["journeyId"].(string), c.n["version"].(int64)
			return c.project > ap || c.project == ap && (j > aj || j == aj && v > av)
		}
		var recs []*neo4j.Record
		for _, c := range all {
			if len(recs) == p["limit"].(int) {
				break
			}
			if c.n["replacedAt"].(time.Time).Before(p["before"].(time.Time)) && after(c) {
				recs = append(recs, record("projectId", c.project, "journeyId", c.n["journeyId"], "version", c.n["version"], "replacedAt", c.n["replacedAt"]))
			}
		}
		return recs, nil
	},
	"version_delete.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
		n := 0
		for _, row := range p["rows"].([]map[string]any) {
			proj := s.projects[row["projectId"].(string)]
			k := fakeVersionKey(row["journeyId"].(string), row["version"].(int64))
			if proj != nil && proj.versions[k] != nil {
				delete(proj.versions, k)
				n++
			}
		}
		return []*neo4j.Record{record("deleted", n)}, nil
	},
	"baseline_put.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
		proj := s.projects[p["projectId"].(string)]
		if proj == nil {
			return nil, nil
		}
		id := p["baselineId"].(string)
		if proj.baselines[id] != nil {
			return nil, constraintViolation("Baseline", "id")
		}
		proj.baselines[id] = map[string]any{"id": id, "projectId": p["projectId"], "title": p["title"], "createdAt": p["now"],
			"journeyIds": p["journeyIds"], "pins": p["pins"], "document": p["document"]}
		return []*neo4j.Record{record("baselineId", id)}, nil
	},
	"baseline_get.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
		proj := s.projects[p["projectId"].(string)]
		if proj == nil {
			return nil, nil
		}
		if n, ok := proj.baselines[p["baselineId"].(string)]; ok {
			return []*neo4j.Record{record("document", n["document"])}, nil
		}
		return []*neo4j.Record{record("document", nil)}, nil
	},
	"baseline_list.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
		proj := s.projects[p["projectId"].(string)]
		if proj == nil {
			return nil, nil
		}
		var recs []*neo4j.Record
		for _, id := range page(proj.baselines, p["after"].(string), int64(p["limit"].(int))) {
			n := proj.baselines[id]
			recs = append(recs, record("baselineId", id, "title", n["title"], "createdAt", n["createdAt"], "journeys", len(n["journeyIds"].([]string))))
		}
		if len(recs) == 0 {
			recs = append(recs, record("baselineId", nil, "title", nil, "createdAt", nil, "journeys", nil))
		}
		return recs, nil
	},
	"baseline_delete.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
		proj := s.projects[p["projectId"].(string)]
		id := p["baselineId"].(string)
		if proj == nil || proj.baselines[id] == nil {
			return nil, nil
		}
		delete(proj.baselines, id)
		return []*neo4j.Record{record("baselineId", id)}, nil
	},
	"baseline_pins.cypher": func(s *fakeState, p map[string]any) ([]*neo4j.Record, error) {
		var recs []*neo4j.Record
		for _, pid := range sortedKeys(s.projects) {
			if !slices.Contains(p["projectIds"].([]string), pid) {
				continue
			}
			for _, id := range sortedKeys(s.projects[pid].baselines) {
				n := s.projects[pid].baselines[id]
				recs = append(recs, record("projectId", pid, "baselineId", id, "journeyIds", n["journeyIds"], "pins", n["pins"]))
			}
		}
		return recs, nil
	},
}
