package api_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/api"
	"github.com/glapp/glapp/internal/openapigen"
	"github.com/google/go-cmp/cmp"
)

// TestMain runs the tests, then checks that every error status the handler tests
// provoked (through newHandler) is declared by its operation in the served document: a
// status the server answers but the document lacks fails the run.
func TestMain(m *testing.M) {
	code := m.Run()
	if code == 0 {
		if missing := undeclaredStatuses(); len(missing) > 0 {
			fmt.Fprintln(os.Stderr, "FAIL: the OpenAPI document lacks statuses the server answered (add @Failure annotations and run scripts/openapi.sh):")
			for _, m := range missing {
				fmt.Fprintln(os.Stderr, "\t"+m)
			}
			code = 1
		}
	}
	os.Exit(code)
}

// undeclaredStatuses lists, as "METHOD /path: status", what the tests saw answered that
// the served document does not declare.
func undeclaredStatuses() []string {
	h, err := api.NewServer(api.Config{})
	if err != nil {
		return []string{err.Error()}
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/openapi.json", nil))
	doc, err := openapi3.NewLoader().LoadFromData(rec.Body.Bytes())
	if err != nil {
		return []string{err.Error()}
	}
	var missing []string
	for key, statuses := range answered.seen {
		method, path, _ := strings.Cut(key, " ")
		item := doc.Paths.Value(path)
		var op *openapi3.Operation
		if item != nil {
			op = item.GetOperation(method)
		}
		for status := range statuses {
			if op == nil || op.Responses.Value(strconv.Itoa(status)) == nil {
				missing = append(missing, fmt.Sprintf("%s: %d", key, status))
			}
		}
	}
	slices.Sort(missing)
	return missing
}

// TestOpenAPIIsFresh fails when docs/openapi no longer matches the annotations in api/
// and the route table: run scripts/openapi.sh and commit the result.
func TestOpenAPIIsFresh(t *testing.T) {
	if testing.Short() {
		t.Skip("generating the OpenAPI document parses the whole module")
	}
	out := t.TempDir()
	if err := openapigen.Generate("..", out); err != nil {
		t.Fatalf("Generate() = %v", err)
	}
	for _, name := range []string{openapigen.DocumentFile, openapigen.PackageFile} {
		want, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join("..", "docs", "openapi", name))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(string(want), string(got)); diff != "" {
			t.Errorf("docs/openapi/%s is stale; run scripts/openapi.sh (-generated +checked-in):\n%s", name, diff)
		}
	}
}

// servedDocument fetches /openapi.json from a running server and validates it as
// OpenAPI 3.
func servedDocument(t *testing.T) (*openapi3.T, http.Handler) {
	t.Helper()
	h, err := api.NewServer(api.Config{})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/openapi.json", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /openapi.json = %d", rec.Code)
	}
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(rec.Body.Bytes())
	if err != nil {
		t.Fatalf("loading the served document: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("the served document is not valid OpenAPI 3: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Fatalf("openapi = %q; want 3.x", doc.OpenAPI)
	}
	return doc, h
}

// TestOpenAPIServedMatchesRouter checks the served document against the router: every
// route is described and nothing else, each with the contract its access rule implies.
func TestOpenAPIServedMatchesRouter(t *testing.T) {
	doc, h := servedDocument(t)
	pages := map[string]bool{}
	rules := map[string]api.Route{}
	for _, rt := range api.Routes() {
		key := rt.Method + " " + openapigen.PathTemplate(rt.Path)
		pages[key] = rt.Page
		rules[key] = rt
	}
	inRouter := map[string]bool{}
	for _, ri := range h.(*gin.Engine).Routes() {
		key := ri.Method + " " + openapigen.PathTemplate(ri.Path)
		if pages[key] {
			continue // browser pages (Swagger UI, the web UI) are not the API
		}
		inRouter[key] = true
		if _, ok := rules[key]; !ok {
			t.Errorf("%s is in the router but not in api.Routes", key)
		}
	}
	inDoc := map[string]bool{}
	ids := map[string]string{}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			key := method + " " + path
			inDoc[key] = true
			if !inRouter[key] {
				t.Errorf("the document describes %s, which the router does not serve", key)
				continue
			}
			if op.OperationID == "" {
				t.Errorf("%s has no operationId", key)
			} else if other, dup := ids[op.OperationID]; dup {
				t.Errorf("%s and %s share the operationId %q", key, other, op.OperationID)
			}
			ids[op.OperationID] = key
			checkOperation(t, doc, key, op, rules[key])
		}
	}
	for key := range inRouter {
		if !inDoc[key] {
			t.Errorf("%s is served but not in the document", key)
		}
	}
}

func checkOperation(t *testing.T, doc *openapi3.T, key string, op *openapi3.Operation, rt api.Route) {
	t.Helper()
	var schemes []string
	if op.Security != nil {
		for _, req := range *op.Security {
			for name := range req {
				schemes = append(schemes, name)
			}
		}
	}
	want := []string{"BearerToken"}
	switch {
	case rt.Signed:
		want = []string{"WebhookSignature"}
	case rt.Open:
		want = nil
	}
	if !slices.Equal(schemes, want) {
		t.Errorf("%s security = %v; want %v", key, schemes, want)
	}
	for _, s := range wantErrors(rt, op) {
		r := op.Responses.Value(s)
		if r == nil || r.Value == nil {
			t.Errorf("%s does not declare %s", key, s)
			continue
		}
		mt := r.Value.Content.Get("application/problem+json")
		if mt == nil || mt.Schema == nil || mt.Schema.Ref != "#/components/schemas/api.Problem" {
			t.Errorf("%s %s is not application/problem+json with the Problem schema", key, s)
		}
	}
	for code, r := range op.Responses.Map() {
		if code >= "400" && r.Value.Content.Get("application/json") != nil {
			t.Errorf("%s %s answers application/json; errors are application/problem+json", key, code)
		}
	}
	ifMatch := op.Parameters.GetByInAndName("header", "If-Match")
	if rt.IfMatch && (ifMatch == nil || !ifMatch.Required) {
		t.Errorf("%s answers 428 without If-Match but does not mark If-Match required", key)
	}
	if strings.HasPrefix(key, "PATCH ") {
		body := op.RequestBody.Value
		for _, ct := range []string{"application/merge-patch+json", "application/json"} {
			mt := body.Content.Get(ct)
			if mt == nil {
				t.Errorf("%s does not accept %s", key, ct)
				continue
			}
			if s := mt.Schema.Value; s == nil || len(s.Required) > 0 || len(s.Properties) == 0 {
				t.Errorf("%s %s body is not a merge patch with every field optional", key, ct)
			}
		}
	}
}

// wantErrors is the errors every route with this rule can answer.
func wantErrors(rt api.Route, op *openapi3.Operation) []string {
	out := []string{"429", "500"}
	if !rt.Open || rt.Signed {
		out = append(out, "401", "503")
	}
	if rt.Permission != "" {
		out = append(out, "403")
	}
	if rt.Project {
		out = append(out, "404")
	}
	if op.RequestBody != nil {
		out = append(out, "400", "413", "415")
	}
	if rt.IfMatch {
		out = append(out, "412", "428")
	}
	if rt.Idempotent {
		out = append(out, "409")
	}
	return out
}

// TestOpenAPIImportDeclaresFile checks that the multipart import names its file field as
// binary, so generated clients can upload it.
func TestOpenAPIImportDeclaresFile(t *testing.T) {
	doc, _ := servedDocument(t)
	op := doc.Paths.Value("/api/v1/projects/{projectId}/imports").Post
	mt := op.RequestBody.Value.Content.Get("multipart/form-data")
	if mt == nil {
		t.Fatal("the import does not accept multipart/form-data")
	}
	file := mt.Schema.Value.Properties["file"]
	if file == nil || file.Value.Format != "binary" || !file.Value.Type.Is("string") {
		t.Fatalf("the import's file field is %+v; want a string with format binary", file)
	}
}

// TestClientIsFresh fails when internal/apiclient was not generated from the checked-in
// document: run scripts/openapi.sh and commit the result.
func TestClientIsFresh(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "docs", "openapi", openapigen.DocumentFile))
	if err != nil {
		t.Fatal(err)
	}
	want, err := openapigen.Client(doc)
	if err != nil {
		t.Fatalf("generating the client: %v", err)
	}
	got, err := os.ReadFile(filepath.Join("..", "internal", "apiclient", openapigen.ClientFile))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("internal/apiclient/%s is stale; run scripts/openapi.sh (-generated +checked-in):\n%s", openapigen.ClientFile, diff)
	}
}
