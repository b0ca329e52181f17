package main

import (
	"encoding/json"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func specExample(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("../../journeys/testdata/spec-example.json")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// asValue decodes JSON into a generic value, dropping the server fields a GET adds.
func asValue(t *testing.T, data []byte) any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, data)
	}
	delete(v, "version")
	delete(v, "updatedAt")
	return v
}

func newProject(t *testing.T, ts *testServer, id string) {
	t.Helper()
	ts.must(t, http.StatusCreated, "POST", "/api/v1/projects", map[string]string{"id": id, "name": "Projekt " + id})
}

// problemPointers checks that r is a problem+json answer with the given status and code,
// and returns the JSON pointers (or parameter names) of its violations.
func problemPointers(t *testing.T, r response, status int, code string) []string {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status = %d; want %d\n%s", r.Status, status, r.Body)
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("Content-Type = %q; want application/problem+json", ct)
	}
	var p struct {
		Type, Title, Detail, Code string
		Status                    int
		Errors                    []struct{ Pointer, Parameter, Detail string }
	}
	if err := json.Unmarshal(r.Body, &p); err != nil {
		t.Fatal(err)
	}
	if p.Code != code || p.Status != status || p.Type == "" || p.Title == "" || p.Detail == "" {
		t.Fatalf("problem = %+v; want code %s, status %d, with type, title and detail", p, code, status)
	}
	var out []string
	for _, e := range p.Errors {
		if e.Detail == "" {
			t.Errorf("violation %+v has no detail", e)
		}
		out = append(out, e.Pointer+e.Parameter)
	}
	return out
}

func TestHealth(t *testing.T) {
	ts := startServer(t, "", nil)
	ts.must(t, http.StatusOK, "GET", "/healthz", nil)
	r := ts.must(t, http.StatusOK, "GET", "/readyz", nil)
	if got := r.JSON(t)["status"]; got != "ready" {
		t.Errorf("readyz status = %v; want ready", got)
	}
	if r.Header.Get("X-Request-Id") == "" {
		t.Error("no X-Request-Id header")
	}
}

func TestProjects(t *testing.T) {
	ts := startServer(t, "", nil)
	t.Run("OK", func(t *testing.T) {
		r := ts.must(t, http.StatusCreated, "POST", "/api/v1/projects", `{"id":"p1","name":"Samverkan Väst","description":"Första kartläggningen"}`)
		if loc := r.Header.Get("Location"); loc != "/api/v1/projects/p1" {
			t.Errorf("Location = %q", loc)
		}
		got := ts.must(t, http.StatusOK, "GET", "/api/v1/projects/p1", nil).JSON(t)
		if got["name"] != "Samverkan Väst" || got["description"] != "Första kartläggningen" {
			t.Errorf("GET project = %v", got)
		}
	})
	t.Run("ErrConflict", func(t *testing.T) {
		problemPointers(t, ts.do(t, "POST", "/api/v1/projects", `{"id":"p1","name":"igen"}`), http.StatusConflict, "CONFLICT")
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		got := problemPointers(t, ts.do(t, "POST", "/api/v1/projects", `{"id":"a b","name":""}`), http.StatusBadRequest, "INVALID")
		if want := []string{"/id", "/name"}; !cmp.Equal(got, want) {
			t.Errorf("pointers = %v; want %v", got, want)
		}
	})
	t.Run("ErrUnknownField", func(t *testing.T) {
		got := problemPointers(t, ts.do(t, "POST", "/api/v1/projects", `{"id":"p2","name":"x","createdAt":"2020-01-01T00:00:00Z"}`), http.StatusBadRequest, "INVALID")
		if want := []string{"/createdAt"}; !cmp.Equal(got, want) {
			t.Errorf("pointers = %v; want %v", got, want)
		}
		ts.must(t, http.StatusNotFound, "GET", "/api/v1/projects/p2", nil)
	})
	t.Run("PatchIsMergePatch", func(t *testing.T) {
		got := ts.must(t, http.StatusOK, "PATCH", "/api/v1/projects/p1", `{"description":null}`, "Content-Type", "application/merge-patch+json").JSON(t)
		if _, ok := got["description"]; ok || got["name"] != "Samverkan Väst" {
			t.Errorf("after PATCH description:null = %v; want name kept and description cleared", got)
		}
		problemPointers(t, ts.do(t, "PATCH", "/api/v1/projects/p1", `{"name":""}`), http.StatusBadRequest, "INVALID")
		problemPointers(t, ts.do(t, "PATCH", "/api/v1/projects/p1", `{"owner":"x"}`), http.StatusBadRequest, "INVALID")
	})
	t.Run("ListPages", func(t *testing.T) {
		for _, id := range []string{"p3", "p4", "p5"} {
			newProject(t, ts, id)
		}
		var ids []string
		path := "/api/v1/projects?limit=2"
		for pages := 0; path != ""; pages++ {
			if pages > 5 {
				t.Fatal("pagination does not end")
			}
			var page struct {
				Items []struct{ ID string }
				Next  string
			}
			if err := json.Unmarshal(ts.must(t, http.StatusOK, "GET", path, nil).Body, &page); err != nil {
				t.Fatal(err)
			}
			for _, p := range page.Items {
				ids = append(ids, p.ID)
			}
			path = ""
			if page.Next != "" {
				path = "/api/v1/projects?limit=2&cursor=" + page.Next
			}
		}
		if want := []string{"p1", "p3", "p4", "p5"}; !cmp.Equal(ids, want) {
			t.Errorf("paged ids = %v; want %v", ids, want)
		}
		got := problemPointers(t, ts.do(t, "GET", "/api/v1/projects?limit=0&cursor=zzz", nil), http.StatusBadRequest, "INVALID")
		if want := []string{"limit"}; !cmp.Equal(got, want) {
			t.Errorf("bad limit pointers = %v; want %v", got, want)
		}
		problemPointers(t, ts.do(t, "GET", "/api/v1/projects?cursor=zzz", nil), http.StatusBadRequest, "INVALID")
	})
	t.Run("Delete", func(t *testing.T) {
		ts.must(t, http.StatusNoContent, "DELETE", "/api/v1/projects/p5", nil)
		problemPointers(t, ts.do(t, "GET", "/api/v1/projects/p5", nil), http.StatusNotFound, "NOT_FOUND")
		problemPointers(t, ts.do(t, "DELETE", "/api/v1/projects/p5", nil), http.StatusNotFound, "NOT_FOUND")
	})
}

func TestJourneyDocument(t *testing.T) {
	ts := startServer(t, "", nil)
	newProject(t, ts, "p")
	doc := specExample(t)
	const path = "/api/v1/projects/p/journeys/adult-addiction-as-is"

	t.Run("RoundTrip", func(t *testing.T) {
		put := ts.must(t, http.StatusCreated, "PUT", path, doc)
		if put.Header.Get("ETag") != `"1"` {
			t.Errorf("ETag = %q; want \"1\"", put.Header.Get("ETag"))
		}
		get := ts.must(t, http.StatusOK, "GET", path, nil)
		if diff := cmp.Diff(asValue(t, doc), asValue(t, get.Body)); diff != "" {
			t.Errorf("GET differs from the PUT document (-put +get):\n%s", diff)
		}
		if get.JSON(t)["version"] != float64(1) || get.JSON(t)["updatedAt"] == nil {
			t.Errorf("GET lacks server fields: %s", get.Body)
		}
	})
	t.Run("PutIsIdempotent", func(t *testing.T) {
		r := ts.must(t, http.StatusOK, "PUT", path, doc)
		if r.Header.Get("ETag") != `"1"` {
			t.Errorf("second PUT ETag = %q; want unchanged \"1\"", r.Header.Get("ETag"))
		}
		// A GET document written back as it is also changes nothing.
		get := ts.must(t, http.StatusOK, "GET", path, nil)
		if r := ts.must(t, http.StatusOK, "PUT", path, get.Body); r.Header.Get("ETag") != `"1"` {
			t.Errorf("PUT of the GET document: ETag = %q; want \"1\"", r.Header.Get("ETag"))
		}
	})
	t.Run("ActorsWereUpserted", func(t *testing.T) {
		a := ts.must(t, http.StatusOK, "GET", "/api/v1/projects/p/actors/soc", nil).JSON(t)
		if a["sector"] != "municipality" {
			t.Errorf("actor soc = %v", a)
		}
	})
	t.Run("ErrInvalidStoresNothing", func(t *testing.T) {
		var bad map[string]any
		_ = json.Unmarshal(doc, &bad)
		bad["id"] = "broken"
		bad["kind"] = "wish"
		bad["actors"] = []any{map[string]any{"id": "new-actor", "name": "Ny", "sector": "region"}}
		steps := bad["steps"].([]any)
		steps[0].(map[string]any)["entry"] = false
		steps[1].(map[string]any)["channel"] = "pigeon"
		bad["handovers"].([]any)[0].(map[string]any)["to"] = "s9"
		got := problemPointers(t, ts.do(t, "PUT", "/api/v1/projects/p/journeys/broken", bad), http.StatusBadRequest, "INVALID")
		want := []string{"/handovers/0/to", "/kind", "/steps", "/steps/1/channel"}
		// vc and soc exist in the project from the first PUT, so the steps' actors are fine.
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("violations (-want +got):\n%s", diff)
		}
		problemPointers(t, ts.do(t, "GET", "/api/v1/projects/p/journeys/broken", nil), http.StatusNotFound, "NOT_FOUND")
		problemPointers(t, ts.do(t, "GET", "/api/v1/projects/p/actors/new-actor", nil), http.StatusNotFound, "NOT_FOUND")
	})
	t.Run("ErrIDMismatch", func(t *testing.T) {
		got := problemPointers(t, ts.do(t, "PUT", "/api/v1/projects/p/journeys/other", doc), http.StatusBadRequest, "INVALID")
		if !cmp.Equal(got, []string{"/id"}) {
			t.Errorf("pointers = %v; want [/id]", got)
		}
	})
	t.Run("ErrMissingProject", func(t *testing.T) {
		problemPointers(t, ts.do(t, "PUT", "/api/v1/projects/nope/journeys/adult-addiction-as-is", doc), http.StatusNotFound, "NOT_FOUND")
	})
	t.Run("ErrStaleIfMatch", func(t *testing.T) {
		changed := strings.Replace(string(doc), "Ringer vårdcentralen", "Ringer 1177", 1)
		problemPointers(t, ts.do(t, "PUT", path, changed, "If-Match", `"7"`), http.StatusPreconditionFailed, "PRECONDITION_FAILED")
		r := ts.must(t, http.StatusOK, "PUT", path, changed, "If-Match", `"1"`)
		if r.Header.Get("ETag") != `"2"` {
			t.Errorf("ETag after change = %q; want \"2\"", r.Header.Get("ETag"))
		}
	})
	t.Run("ErrActorInUse", func(t *testing.T) {
		problemPointers(t, ts.do(t, "DELETE", "/api/v1/projects/p/actors/vc", nil), http.StatusConflict, "CONFLICT")
	})
	t.Run("ErrUpdateWithoutIfMatch", func(t *testing.T) {
		changed := strings.Replace(string(doc), "Ringer vårdcentralen", "Ringer 1177 först", 1)
		problemPointers(t, ts.do(t, "PUT", path, changed), http.StatusPreconditionRequired, "PRECONDITION_REQUIRED")
		problemPointers(t, ts.do(t, "DELETE", path, nil), http.StatusPreconditionRequired, "PRECONDITION_REQUIRED")
	})
	t.Run("Delete", func(t *testing.T) {
		ts.must(t, http.StatusNoContent, "DELETE", path, nil, "If-Match", `"2"`)
		problemPointers(t, ts.do(t, "GET", path, nil), http.StatusNotFound, "NOT_FOUND")
		ts.must(t, http.StatusNoContent, "DELETE", "/api/v1/projects/p/actors/vc", nil)
	})
}

func TestJourneyList(t *testing.T) {
	ts := startServer(t, "", nil)
	newProject(t, ts, "p")
	var base map[string]any
	_ = json.Unmarshal(specExample(t), &base)
	for _, j := range []struct{ id, kind, age string }{{"a", "as_is", "adult"}, {"b", "to_be", "adult"}, {"c", "as_is", "child"}} {
		base["id"], base["kind"], base["ageGroup"] = j.id, j.kind, j.age
		ts.must(t, http.StatusCreated, "PUT", "/api/v1/projects/p/journeys/"+j.id, base)
	}
	ids := func(path string) []string {
		var page struct{ Items []struct{ ID string } }
		_ = json.Unmarshal(ts.must(t, http.StatusOK, "GET", path, nil).Body, &page)
		var out []string
		for _, it := range page.Items {
			out = append(out, it.ID)
		}
		return out
	}
	for _, tt := range []struct {
		query string
		want  []string
	}{
		{"", []string{"a", "b", "c"}},
		{"?kind=as_is", []string{"a", "c"}},
		{"?ageGroup=child", []string{"c"}},
		{"?targetGroup=PSYKISK+OHÄLSA+%2B+BEROENDE&kind=to_be", []string{"b"}},
		{"?targetGroup=barn", nil},
	} {
		if got := ids("/api/v1/projects/p/journeys" + tt.query); !cmp.Equal(got, tt.want) {
			t.Errorf("list%s = %v; want %v", tt.query, got, tt.want)
		}
	}
	got := problemPointers(t, ts.do(t, "GET", "/api/v1/projects/p/journeys?kind=wish&ageGroup=old", nil), http.StatusBadRequest, "INVALID")
	slices.Sort(got)
	if !cmp.Equal(got, []string{"ageGroup", "kind"}) {
		t.Errorf("bad filter parameters = %v; want [ageGroup kind]", got)
	}
}

func TestJourneyElements(t *testing.T) {
	ts := startServer(t, "", nil)
	newProject(t, ts, "p")
	const j = "/api/v1/projects/p/journeys/adult-addiction-as-is"
	ts.must(t, http.StatusCreated, "PUT", j, specExample(t))

	// An editing client sends the ETag of the version it last saw and keeps the new one.
	etag := `"1"`
	edit := func(want int, method, path, body string) response {
		t.Helper()
		var b any
		if body != "" {
			b = body
		}
		r := ts.do(t, method, path, b, "If-Match", etag)
		if r.Status != want {
			t.Fatalf("%s %s = %d; want %d\n%s", method, path, r.Status, want, r.Body)
		}
		if e := r.Header.Get("ETag"); r.Status < 300 && e != "" {
			etag = e
		}
		return r
	}

	problemPointers(t, ts.do(t, "POST", j+"/steps", `{"id":"s3","title":"x","actor":"soc"}`), http.StatusPreconditionRequired, "PRECONDITION_REQUIRED")
	r := edit(http.StatusCreated, "POST", j+"/steps", `{"id":"s3","title":"Väntar på bedömning","stage":"seek","actor":"soc","terminal":true}`)
	if r.Header.Get("Location") != j+"/steps/s3" || r.Header.Get("ETag") != `"2"` {
		t.Errorf("add step: Location %q, ETag %q", r.Header.Get("Location"), r.Header.Get("ETag"))
	}
	problemPointers(t, edit(http.StatusConflict, "POST", j+"/steps", `{"id":"s3","title":"igen","actor":"soc"}`), http.StatusConflict, "CONFLICT")
	got := problemPointers(t, edit(http.StatusBadRequest, "POST", j+"/steps", `{"id":"s4","title":"x","actor":"ghost"}`), http.StatusBadRequest, "INVALID")
	if !cmp.Equal(got, []string{"/steps/3/actor"}) {
		t.Errorf("add step with unknown actor: pointers %v", got)
	}
	edit(http.StatusCreated, "POST", j+"/handovers", `{"id":"h2","from":"s2","to":"s3","type":"referral","responsible":"soc"}`)

	h := edit(http.StatusOK, "PATCH", j+"/handovers/h1", `{"responsible":"vc","acknowledged":null}`).JSON(t)
	if h["responsible"] != "vc" || h["acknowledged"] != nil || h["information"] != "none" {
		t.Errorf("patched handover = %v", h)
	}
	problemPointers(t, edit(http.StatusBadRequest, "PATCH", j+"/handovers/h1", `{"id":"h9"}`), http.StatusBadRequest, "INVALID")
	problemPointers(t, edit(http.StatusNotFound, "PATCH", j+"/handovers/h404", `{}`), http.StatusNotFound, "NOT_FOUND")

	// Deleting a step that hand-overs and insights point at is refused, and changes nothing.
	before := ts.must(t, http.StatusOK, "GET", j, nil)
	got = problemPointers(t, edit(http.StatusBadRequest, "DELETE", j+"/steps/s2", ""), http.StatusBadRequest, "INVALID")
	if !cmp.Equal(got, []string{"/handovers/0/to", "/handovers/1/from"}) {
		t.Errorf("delete step without cascade: pointers %v", got)
	}
	after := ts.must(t, http.StatusOK, "GET", j, nil)
	if !cmp.Equal(before.Body, after.Body) {
		t.Error("a refused delete changed the journey")
	}
	problemPointers(t, ts.do(t, "DELETE", j+"/steps/s2?cascade=true", nil, "If-Match", `"1"`), http.StatusPreconditionFailed, "PRECONDITION_FAILED")
	edit(http.StatusNoContent, "DELETE", j+"/steps/s2?cascade=true", "")
	doc := ts.must(t, http.StatusOK, "GET", j, nil).JSON(t)
	if n := len(doc["handovers"].([]any)); n != 0 {
		t.Errorf("handovers after cascade = %d; want 0", n)
	}
	if about := doc["insights"].([]any)[0].(map[string]any)["about"]; about != nil {
		t.Errorf("insight about after cascade = %v; want removed", about)
	}

	edit(http.StatusCreated, "POST", j+"/insights", `{"id":"i2","text":"Ingen ringde tillbaka.","kind":"quote","sentiment":-2,"about":["s1"]}`)
	edit(http.StatusOK, "PATCH", j+"/insights/i2", `{"status":"validated"}`)
	edit(http.StatusNoContent, "DELETE", j+"/insights/i2", "")
	edit(http.StatusCreated, "POST", j+"/stages", `{"id":"later","name":"Senare","order":2}`)
	edit(http.StatusNoContent, "DELETE", j+"/stages/later", "")
	problemPointers(t, edit(http.StatusBadRequest, "DELETE", j+"/stages/seek", ""), http.StatusBadRequest, "INVALID")
	problemPointers(t, ts.do(t, "POST", "/api/v1/projects/p/journeys/nope/steps", `{"id":"x","title":"x","actor":"vc"}`, "If-Match", "*"), http.StatusNotFound, "NOT_FOUND")
}

func TestSources(t *testing.T) {
	ts := startServer(t, "", nil)
	newProject(t, ts, "p")
	src := `{"kind":"interview","date":"2026-03-14","participantRole":"relative","pseudonym":"Anhörig 2"}`
	ts.must(t, http.StatusCreated, "PUT", "/api/v1/projects/p/sources/int-03", src)
	if r := ts.must(t, http.StatusOK, "PUT", "/api/v1/projects/p/sources/int-03", src).JSON(t); r["version"] != float64(1) {
		t.Errorf("idempotent PUT bumped the version: %v", r)
	}
	got := problemPointers(t, ts.do(t, "PUT", "/api/v1/projects/p/sources/int-04", `{"kind":"chat","date":"14/3"}`), http.StatusBadRequest, "INVALID")
	if !cmp.Equal(got, []string{"/date", "/kind"}) {
		t.Errorf("pointers = %v", got)
	}
	var list struct{ Items []map[string]any }
	_ = json.Unmarshal(ts.must(t, http.StatusOK, "GET", "/api/v1/projects/p/sources", nil).Body, &list)
	if len(list.Items) != 1 || list.Items[0]["pseudonym"] != "Anhörig 2" {
		t.Errorf("sources = %v", list.Items)
	}
	ts.must(t, http.StatusNoContent, "DELETE", "/api/v1/projects/p/sources/int-03", nil)
	problemPointers(t, ts.do(t, "GET", "/api/v1/projects/p/sources/int-03", nil), http.StatusNotFound, "NOT_FOUND")
}

func TestRequestHygiene(t *testing.T) {
	ts := startServer(t, "", nil, "--max-body-bytes", "4096")
	newProject(t, ts, "p")
	t.Run("UnsupportedMediaType", func(t *testing.T) {
		r := ts.do(t, "POST", "/api/v1/projects", `{"id":"q","name":"q"}`, "Content-Type", "application/x-www-form-urlencoded")
		problemPointers(t, r, http.StatusUnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE")
	})
	t.Run("TooLarge", func(t *testing.T) {
		big := `{"id":"q","name":"` + strings.Repeat("x", 5000) + `"}`
		problemPointers(t, ts.do(t, "POST", "/api/v1/projects", big), http.StatusRequestEntityTooLarge, "TOO_LARGE")
	})
	t.Run("TrailingData", func(t *testing.T) {
		problemPointers(t, ts.do(t, "POST", "/api/v1/projects", `{"id":"q","name":"q"} {"id":"r","name":"r"}`), http.StatusBadRequest, "INVALID")
		ts.must(t, http.StatusNotFound, "GET", "/api/v1/projects/q", nil)
	})
	t.Run("WrongType", func(t *testing.T) {
		got := problemPointers(t, ts.do(t, "PUT", "/api/v1/projects/p/actors/a", `{"name":"A","sector":"region","kind":7}`), http.StatusBadRequest, "INVALID")
		if !cmp.Equal(got, []string{"/kind"}) {
			t.Errorf("pointers = %v; want [/kind]", got)
		}
	})
	t.Run("NotJSON", func(t *testing.T) {
		problemPointers(t, ts.do(t, "POST", "/api/v1/projects", `{"id":`), http.StatusBadRequest, "INVALID")
	})
	t.Run("UnknownRoute", func(t *testing.T) {
		problemPointers(t, ts.do(t, "GET", "/api/v1/nothing", nil), http.StatusNotFound, "NOT_FOUND")
	})
	t.Run("MethodNotAllowed", func(t *testing.T) {
		problemPointers(t, ts.do(t, "PUT", "/api/v1/projects", `{}`), http.StatusMethodNotAllowed, "METHOD_NOT_ALLOWED")
	})
	t.Run("OneLogLinePerRequest", func(t *testing.T) {
		r := ts.must(t, http.StatusOK, "GET", "/api/v1/projects/p", nil)
		id := r.Header.Get("X-Request-Id")
		if n := strings.Count(ts.Logs.String(), "requestId="+id); n != 1 {
			t.Errorf("log lines with request id %s = %d; want 1\n%s", id, n, ts.Logs)
		}
	})
}

func TestOpenAPI(t *testing.T) {
	ts := startServer(t, "", nil)
	var spec struct {
		Swagger string
		Paths   map[string]any
	}
	if err := json.Unmarshal(ts.must(t, http.StatusOK, "GET", "/openapi.json", nil).Body, &spec); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/api/v1/projects", "/api/v1/projects/{projectId}/journeys/{journeyId}", "/api/v1/projects/{projectId}/journeys/{journeyId}/handovers/{elementId}"} {
		if _, ok := spec.Paths[p]; !ok {
			t.Errorf("openapi.json lacks path %s", p)
		}
	}
	r := ts.must(t, http.StatusOK, "GET", "/docs/index.html", nil)
	if !strings.Contains(string(r.Body), "swagger") {
		t.Error("/docs/index.html is not Swagger UI")
	}
}
