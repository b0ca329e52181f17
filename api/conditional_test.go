package api_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/glapp/glapp/api"
	"github.com/glapp/glapp/graph/embedded"
	"github.com/glapp/glapp/graph/storetest"
	"github.com/glapp/glapp/journeys"
)

// countingStore counts the reads an answer is made from: a journey read for a journey's
// document, report or diagram, a walk over the journeys for the project report. An answer
// that costs none of them was not analysed again.
type countingStore struct {
	journeys.Backend
	reads atomic.Int64
}

func (s *countingStore) GetJourney(ctx context.Context, projectID, id string) (*journeys.Journey, error) {
	s.reads.Add(1)
	return s.Backend.GetJourney(ctx, projectID, id)
}

func (s *countingStore) EachJourney(ctx context.Context, projectID string, fn func(*journeys.Journey) error) error {
	s.reads.Add(1)
	return s.Backend.EachJourney(ctx, projectID, fn)
}

func newCountingAPI(t *testing.T) (*testAPI, *countingStore) {
	t.Helper()
	s, err := embedded.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	c := &countingStore{Backend: s}
	logs := &bytes.Buffer{}
	return &testAPI{h: newHandler(t, c, api.Config{Logger: slog.New(slog.NewTextHandler(logs, nil)), RateLimit: 1e6, RateBurst: 1e6}), store: s, logs: logs}, c
}

const stampedJourney = "/api/v1/projects/p/journeys/adult-addiction-as-is"

// stampedReads are the reads that carry an ETag from the project's stamp.
var stampedReads = []string{
	stampedJourney,
	stampedJourney + "/gaps",
	stampedJourney + "/gaps?format=md",
	stampedJourney + "/diagram",
	"/api/v1/projects/p/gaps",
}

func TestConditionalReads_304WithoutAnalysis(t *testing.T) {
	a, store := newCountingAPI(t)
	withJourney(t, a)
	for _, path := range stampedReads {
		first := a.must(t, http.StatusOK, "GET", path, "")
		tag := first.Header().Get("ETag")
		if !strings.HasPrefix(tag, `"`) || strings.Count(tag, ".") < 1 {
			t.Fatalf("GET %s: ETag %q; want a quoted tag with the project's revision", path, tag)
		}
		if !strings.Contains(first.Header().Get("Vary"), "Accept-Encoding") {
			t.Errorf("GET %s: Vary %q; want Accept-Encoding named", path, first.Header().Get("Vary"))
		}
		before := store.reads.Load()
		again := a.must(t, http.StatusNotModified, "GET", path, "", "If-None-Match", tag)
		if again.Body.Len() != 0 || again.Header().Get("ETag") != tag {
			t.Errorf("GET %s with If-None-Match: body %d bytes, ETag %q; want none and %q", path, again.Body.Len(), again.Header().Get("ETag"), tag)
		}
		a.must(t, http.StatusNotModified, "GET", path, "", "If-None-Match", `"x", W/`+tag)
		cached := a.must(t, http.StatusOK, "GET", path, "")
		if cached.Body.String() != first.Body.String() || cached.Header().Get("ETag") != tag {
			t.Errorf("GET %s again: another body or ETag %q; want the first answer, %q", path, cached.Header().Get("ETag"), tag)
		}
		if n := store.reads.Load() - before; n != 0 {
			t.Errorf("GET %s: 304 and a repeated read made %d journey reads; want none (no new analysis)", path, n)
		}
	}
}

func TestConditionalReads_RepresentationsHaveTheirOwnTags(t *testing.T) {
	a, _ := newCountingAPI(t)
	withJourney(t, a)
	seen := map[string]string{}
	for _, v := range []struct {
		path    string
		headers []string
	}{
		{stampedJourney + "/gaps", nil},
		{stampedJourney + "/gaps?lang=en", nil},
		{stampedJourney + "/gaps", []string{"Accept-Language", "en"}},
		{stampedJourney + "/gaps?format=csv", nil},
		{stampedJourney + "/gaps", []string{"Accept", "text/markdown"}},
		{stampedJourney + "/gaps?includeDismissed=true", nil},
		{stampedJourney + "/gaps", []string{"Accept-Encoding", "gzip"}},
		{stampedJourney + "/gaps", []string{"Accept-Encoding", "br, gzip"}},
		{stampedJourney + "/diagram?format=mermaid", nil},
		{stampedJourney + "/diagram", nil},
	} {
		rec := a.must(t, http.StatusOK, "GET", v.path, "", v.headers...)
		tag := rec.Header().Get("ETag")
		name := v.path + " " + strings.Join(v.headers, ": ")
		if other, ok := seen[tag]; ok {
			t.Errorf("%s has the ETag of %s (%s); want one of its own", name, other, tag)
		}
		seen[tag] = name
		// A tag of one representation never revalidates another.
		a.must(t, http.StatusOK, "GET", stampedJourney+"/gaps?lang=sv", "", "If-None-Match", tag)
	}
}

func TestConditionalReads_EveryInputMovesTheTag(t *testing.T) {
	a, _ := newCountingAPI(t)
	etag, ev := withJourney(t, a)
	var report struct {
		Findings []struct{ Fingerprint string } `json:"findings"`
	}
	if err := json.Unmarshal(a.must(t, http.StatusOK, "GET", stampedJourney+"/gaps", "").Body.Bytes(), &report); err != nil || len(report.Findings) == 0 {
		t.Fatalf("report: %v, %d findings; want some", err, len(report.Findings))
	}
	tags := func() map[string]string {
		out := map[string]string{}
		for _, path := range stampedReads {
			out[path] = a.must(t, http.StatusOK, "GET", path, "").Header().Get("ETag")
		}
		return out
	}
	p := "/api/v1/projects/p"
	for _, w := range []struct {
		name, method, path, body string
		headers                  []string
		moves                    bool
	}{
		{name: "actor", method: "PUT", path: p + "/actors/vc", body: `{"name":"Vårdcentralen Norr","sector":"region","kind":"primary_care","ageGroup":"any"}`, moves: true},
		{name: "settings", method: "PUT", path: p + "/settings", body: `{"longWait":{"handover":{"referral":30}},"evidenceHotspot":{}}`, moves: true},
		{name: "triage", method: "PUT", path: p + "/findings/" + report.Findings[0].Fingerprint, body: `{"status":"confirmed"}`, moves: true},
		{name: "evidence", method: "PATCH", path: p + "/evidence/" + ev, body: `{"status":"validated"}`, moves: true},
		{name: "source", method: "PUT", path: p + "/sources/int-9", body: `{"kind":"interview"}`, moves: true},
		{name: "goal", method: "PUT", path: p + "/goals/g", body: `{"title":"Ingen tappas bort","perspective":"person"}`, moves: true},
		{name: "journey", method: "PATCH", path: stampedJourney + "/steps/s1", body: `{"title":"Ringer vårdcentralen igen"}`, headers: []string{"If-Match", etag}, moves: true},
		{name: "proposal", method: "PUT", path: p + "/proposals/plan", body: `{"title":"Gemensam plan"}`, moves: false},
	} {
		before := tags()
		rec := a.do(w.method, w.path, strings.NewReader(w.body), w.headers...)
		if rec.Code >= 300 {
			t.Fatalf("%s %s = %d; want success\n%s", w.method, w.path, rec.Code, rec.Body)
		}
		after := tags()
		for _, path := range stampedReads {
			if moved := after[path] != before[path]; moved != w.moves {
				t.Errorf("after a %s write, GET %s ETag %s -> %s; want moved %v", w.name, path, before[path], after[path], w.moves)
			}
			if w.moves {
				a.must(t, http.StatusOK, "GET", path, "", "If-None-Match", before[path])
			}
		}
	}
}

func TestConditionalReads_Compression(t *testing.T) {
	a, _ := newCountingAPI(t)
	withJourney(t, a)
	for _, path := range stampedReads {
		plain := a.must(t, http.StatusOK, "GET", path, "")
		if plain.Header().Get("Content-Encoding") != "" {
			t.Errorf("GET %s without Accept-Encoding: Content-Encoding %q; want none", path, plain.Header().Get("Content-Encoding"))
		}
		for _, coding := range []string{"gzip", "br"} {
			rec := a.must(t, http.StatusOK, "GET", path, "", "Accept-Encoding", coding)
			if got := rec.Header().Get("Content-Encoding"); got != coding {
				t.Fatalf("GET %s with Accept-Encoding %s: Content-Encoding %q; want %s", path, coding, got, coding)
			}
			var r io.Reader = brotli.NewReader(rec.Body)
			if coding == "gzip" {
				z, err := gzip.NewReader(rec.Body)
				if err != nil {
					t.Fatal(err)
				}
				r = z
			}
			body, err := io.ReadAll(r)
			if err != nil || !bytes.Equal(body, plain.Body.Bytes()) {
				t.Errorf("GET %s as %s decodes to %d bytes (%v); want the %d of the plain answer", path, coding, len(body), err, plain.Body.Len())
			}
			if rec.Header().Get("ETag") == plain.Header().Get("ETag") {
				t.Errorf("GET %s as %s has the plain answer's ETag; want one of its own", path, coding)
			}
			nm := a.must(t, http.StatusNotModified, "GET", path, "", "Accept-Encoding", coding, "If-None-Match", rec.Header().Get("ETag"))
			if nm.Header().Get("Content-Encoding") != "" || nm.Body.Len() != 0 {
				t.Errorf("304 of %s: Content-Encoding %q, %d bytes; want neither", path, nm.Header().Get("Content-Encoding"), nm.Body.Len())
			}
		}
	}
	// Small answers are not worth compressing; errors pass as they are.
	small := a.must(t, http.StatusNotFound, "GET", "/api/v1/projects/p/journeys/none/gaps", "", "Accept-Encoding", "gzip")
	if small.Header().Get("Content-Encoding") != "" || !strings.Contains(small.Body.String(), "NOT_FOUND") {
		t.Errorf("404 with Accept-Encoding gzip: Content-Encoding %q, body %s; want a plain problem", small.Header().Get("Content-Encoding"), small.Body)
	}
}

func TestConditionalReads_LargeAnswersStreamAndAreKeptCompressed(t *testing.T) {
	s, err := embedded.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	store := &countingStore{Backend: s}
	// A cache of 512 KiB keeps answers of at most 64 KiB: the plain report is larger.
	a := &testAPI{h: newHandler(t, store, api.Config{RateLimit: 1e6, RateBurst: 1e6, CacheBytes: 512 << 10}), store: s}
	a.must(t, http.StatusCreated, "POST", "/api/v1/projects", `{"id":"p","name":"Projekt"}`)
	for _, id := range []string{"a", "b", "c"} {
		if _, _, err := s.PutJourney(t.Context(), "p", storetest.GenerateJourney(id, 50, "A"), journeys.Precondition{}); err != nil {
			t.Fatal(err)
		}
	}
	path := "/api/v1/projects/p/gaps"
	plain := a.must(t, http.StatusOK, "GET", path, "")
	if plain.Body.Len() <= 64<<10 {
		t.Fatalf("plain report of %d bytes; want more than 64 KiB for this test", plain.Body.Len())
	}
	first := a.must(t, http.StatusOK, "GET", path, "", "Accept-Encoding", "gzip")
	z, err := gzip.NewReader(bytes.NewReader(first.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(z)
	if err != nil || !bytes.Equal(body, plain.Body.Bytes()) || first.Header().Get("ETag") == "" {
		t.Fatalf("streamed gzip report decodes to %d bytes (%v), ETag %q; want the %d plain bytes and a tag", len(body), err, first.Header().Get("ETag"), plain.Body.Len())
	}
	before := store.reads.Load()
	again := a.must(t, http.StatusOK, "GET", path, "", "Accept-Encoding", "gzip")
	if !bytes.Equal(again.Body.Bytes(), first.Body.Bytes()) || again.Header().Get("ETag") != first.Header().Get("ETag") {
		t.Errorf("second gzip report differs from the first; want the kept bytes")
	}
	a.must(t, http.StatusNotModified, "GET", path, "", "Accept-Encoding", "gzip", "If-None-Match", first.Header().Get("ETag"))
	if n := store.reads.Load() - before; n != 0 {
		t.Errorf("the second report and its 304 walked the journeys %d times; want none", n)
	}
}
