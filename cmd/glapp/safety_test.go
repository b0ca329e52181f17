package main

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/glapp/glapp/demo"
)

func TestConcurrentUpdatesWithOneETag(t *testing.T) {
	ts := startServer(t, "", nil)
	newProject(t, ts, "p")
	const j = "/api/v1/projects/p/journeys/adult-addiction-as-is"
	etag := ts.must(t, http.StatusCreated, "PUT", j, specExample(t)).Header.Get("ETag")

	statuses := make(chan int, 20)
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			r := ts.do(t, "PATCH", j+"/steps/s1", `{"title":"Ringer, försök `+string(rune('a'+i))+`"}`, "If-Match", etag)
			statuses <- r.Status
		})
	}
	wg.Wait()
	close(statuses)
	count := map[int]int{}
	for s := range statuses {
		count[s]++
	}
	if count[http.StatusOK] != 1 || count[http.StatusPreconditionFailed] != 19 {
		t.Fatalf("20 updates with one ETag: %v; want exactly one 200 and 19 412", count)
	}
	// A read's ETag is "<version>.<revision>.<hash>".
	if got := ts.must(t, http.StatusOK, "GET", j, nil).Header.Get("ETag"); !strings.HasPrefix(got, `"2.`) {
		t.Errorf("ETag after the race = %s; want version 2 (one write)", got)
	}
}

func TestIdempotencyKey(t *testing.T) {
	ts := startServer(t, "", nil)
	body := `{"id":"p","name":"Samverkan"}`
	first := ts.must(t, http.StatusCreated, "POST", "/api/v1/projects", body, "Idempotency-Key", "k-1")
	again := ts.must(t, http.StatusCreated, "POST", "/api/v1/projects", body, "Idempotency-Key", "k-1")
	if string(first.Body) != string(again.Body) || again.Header.Get("Idempotent-Replayed") != "true" {
		t.Fatalf("retry answered %s (replayed %q); want the first answer %s", again.Body, again.Header.Get("Idempotent-Replayed"), first.Body)
	}
	problemPointers(t, ts.do(t, "POST", "/api/v1/projects", `{"id":"q","name":"Annan"}`, "Idempotency-Key", "k-1"), http.StatusConflict, "CONFLICT")
	ts.must(t, http.StatusNotFound, "GET", "/api/v1/projects/q", nil)
	// Without a key, the same create is a conflict: the key is what makes retries safe.
	problemPointers(t, ts.do(t, "POST", "/api/v1/projects", body), http.StatusConflict, "CONFLICT")

	// Concurrent retries of one element create: one runs, the rest replay or wait;
	// the step exists once and the journey moved one version.
	const j = "/api/v1/projects/p/journeys/adult-addiction-as-is"
	ts.must(t, http.StatusCreated, "PUT", j, specExample(t))
	statuses := make(chan int, 10)
	var wg sync.WaitGroup
	for range 10 {
		wg.Go(func() {
			r := ts.do(t, "POST", j+"/steps", `{"id":"s3","title":"Får en tid","actor":"soc"}`, "If-Match", `"1"`, "Idempotency-Key", "step-s3")
			statuses <- r.Status
		})
	}
	wg.Wait()
	close(statuses)
	for s := range statuses {
		if s != http.StatusCreated && s != http.StatusConflict {
			t.Errorf("concurrent retry answered %d; want 201 (run or replayed) or 409 (still running)", s)
		}
	}
	if got := ts.must(t, http.StatusOK, "GET", j, nil).Header.Get("ETag"); !strings.HasPrefix(got, `"2.`) {
		t.Errorf("journey after 10 retries of one create: ETag %s; want version 2", got)
	}
}

func TestRateLimit(t *testing.T) {
	ts := startServer(t, "", nil, "--rate-limit", "1", "--rate-burst", "3")
	limited := 0
	for i := range 10 {
		// A forged X-Forwarded-For changes nothing: no proxy is trusted, and the token is
		// limited wherever it comes from.
		r := ts.do(t, "GET", "/api/v1/projects", nil, "X-Forwarded-For", "10.0.0."+string(rune('1'+i)))
		if r.Status == http.StatusTooManyRequests {
			limited++
			if r.Header.Get("Retry-After") == "" {
				t.Error("429 without Retry-After")
			}
		}
	}
	if limited < 6 {
		t.Fatalf("%d of 10 rapid requests were limited; want at least 6 with a burst of 3", limited)
	}
}

func TestCORS(t *testing.T) {
	ts := startServer(t, "", nil, "--cors-origins", "https://karta.example.se")
	pre := ts.do(t, "OPTIONS", "/api/v1/projects", nil, "Origin", "https://karta.example.se", "Access-Control-Request-Method", "POST", "Authorization", "")
	if pre.Status != http.StatusNoContent || pre.Header.Get("Access-Control-Allow-Origin") != "https://karta.example.se" ||
		!strings.Contains(pre.Header.Get("Access-Control-Allow-Headers"), "Authorization") {
		t.Fatalf("preflight from an allowed origin: %d %v", pre.Status, pre.Header)
	}
	other := ts.do(t, "GET", "/api/v1/projects", nil, "Origin", "https://evil.example")
	if other.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Fatalf("an origin not on the list got CORS headers: %v", other.Header)
	}
}

func TestBodyLimitCountsTrailingBytes(t *testing.T) {
	ts := startServer(t, "", nil, "--max-body-bytes", "1024")
	body := `{"id":"p","name":"x"}` + strings.Repeat(" ", 2000)
	problemPointers(t, ts.do(t, "POST", "/api/v1/projects", body), http.StatusRequestEntityTooLarge, "TOO_LARGE")
	ts.must(t, http.StatusNotFound, "GET", "/api/v1/projects/p", nil)
}

func TestUnauthenticated(t *testing.T) {
	ts := startServer(t, "", nil)
	r := ts.do(t, "GET", "/api/v1/projects", nil, "Authorization", "")
	problemPointers(t, r, http.StatusUnauthorized, "UNAUTHORIZED")
	if !strings.HasPrefix(r.Header.Get("WWW-Authenticate"), "Bearer") {
		t.Errorf("WWW-Authenticate = %q", r.Header.Get("WWW-Authenticate"))
	}
	problemPointers(t, ts.do(t, "GET", "/api/v1/projects", nil, "Authorization", "Bearer glapp_wrong"), http.StatusUnauthorized, "UNAUTHORIZED")
	for _, open := range []string{"/healthz", "/readyz", "/openapi.json", "/docs/index.html"} {
		ts.must(t, http.StatusOK, "GET", open, nil, "Authorization", "")
	}
}

func TestFirstStartPrintsAnAdminTokenOnce(t *testing.T) {
	dir := t.TempDir()
	ts := startServer(t, dir, map[string]string{"GLAPP_ADMIN_TOKEN": ""})
	secret := regexp.MustCompile(`glapp_[A-Za-z0-9_-]{20,}`).FindString(ts.Logs.String())
	if secret == "" {
		t.Fatalf("no admin token printed at first start:\n%s", ts.Logs)
	}
	ts.Token = secret
	ts.must(t, http.StatusCreated, "POST", "/api/v1/projects", `{"id":"p","name":"p"}`)
	if err := ts.stop(); err != nil {
		t.Fatal(err)
	}
	again := startServer(t, dir, map[string]string{"GLAPP_ADMIN_TOKEN": ""})
	if strings.Contains(again.Logs.String(), "glapp_") {
		t.Fatalf("the second start printed a token again:\n%s", again.Logs)
	}
}

// pnr matches a Swedish personal identity or coordination number in any common form.
var pnr = regexp.MustCompile(`\b(19|20)?\d{6}[-+]?\d{4}\b`)

func TestAuditHoldsNoEvidenceOrPersonalData(t *testing.T) {
	ts := startServer(t, "", nil, "--demo")
	const p = "/api/v1/projects/demo"
	const j = p + "/journeys/barn-nulage"
	etag := ts.must(t, http.StatusOK, "GET", j, nil).Header.Get("ETag")
	r := ts.must(t, http.StatusCreated, "POST", j+"/insights", `{"id":"bn-ix","text":"Mamman sa: ring mig på 070-123 45 67, mitt personnummer är 19121212-1212.","kind":"quote","sentiment":-2,"about":["bn-s01"]}`, "If-Match", etag)
	etag = r.Header.Get("ETag")
	ts.must(t, http.StatusOK, "PATCH", j+"/insights/bn-ix", `{"status":"validated"}`, "If-Match", etag)
	ts.do(t, "POST", j+"/insights", `{"id":"bn-iy","text":"Hemligt citat 19121212-1212","kind":"quote"}`, "If-Match", `"1"`) // refused: stale

	var all []byte
	for path := p + "/audit?limit=500"; path != ""; {
		resp := ts.must(t, http.StatusOK, "GET", path, nil)
		all = append(all, resp.Body...)
		var page struct {
			Items []struct{ Action, Outcome string }
			Next  string
		}
		_ = json.Unmarshal(resp.Body, &page)
		path = ""
		if page.Next != "" {
			path = p + "/audit?limit=500&cursor=" + page.Next
		}
	}
	for _, want := range []string{`"insight.add"`, `"insight.update"`, `"PRECONDITION_FAILED"`} {
		if !strings.Contains(string(all), want) {
			t.Errorf("the audit log lacks %s:\n%.2000s", want, all)
		}
	}
	if m := pnr.FindString(string(all)); m != "" {
		t.Errorf("the audit log holds a personal identity number: %s", m)
	}
	js, err := demo.Journeys()
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{"Mamman sa", "Hemligt citat"}
	for _, jn := range js {
		for _, in := range jn.Insights {
			texts = append(texts, in.Text)
		}
	}
	for _, text := range texts {
		if strings.Contains(string(all), text) {
			t.Errorf("the audit log holds evidence text %q", text)
		}
	}
}

// TestIdempotencyKeyStoredHashed checks that the store keeps neither the client's key nor
// the URL of a request made with one, and that a refused request is not kept for replay:
// a retry with the same key and a corrected body runs.
func TestIdempotencyKeyStoredHashed(t *testing.T) {
	dir := t.TempDir()
	ts := startServer(t, dir, nil)
	const key = "nyckel-for-kalle-anka"
	problemPointers(t, ts.do(t, "POST", "/api/v1/projects", `{"id":"hemlig-vag"}`, "Idempotency-Key", key), http.StatusBadRequest, "INVALID")
	body := `{"id":"hemlig-vag","name":"Samverkan"}`
	ts.must(t, http.StatusCreated, "POST", "/api/v1/projects", body, "Idempotency-Key", key)
	if r := ts.must(t, http.StatusCreated, "POST", "/api/v1/projects", body, "Idempotency-Key", key); r.Header.Get("Idempotent-Replayed") != "true" {
		t.Errorf("retry of a create answered without Idempotent-Replayed; want the stored answer")
	}
	if err := ts.stop(); err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{key, "POST /api/v1/projects"} {
		if err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(path)
			if err == nil && bytes.Contains(data, []byte(secret)) {
				t.Errorf("%s holds %q; want the idempotency key stored only as a hash", path, secret)
			}
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
}
