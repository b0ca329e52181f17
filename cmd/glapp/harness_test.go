package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a goroutine-safe log sink that tests can read while the server writes.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

var listeningURL = regexp.MustCompile(`msg=listening url=(http://\S+)`)

// testAdminToken is the GLAPP_ADMIN_TOKEN test servers start with.
const testAdminToken = "glapp_test-admin-secret"

// testServer is a running "glapp serve" started through run(), as the binary would be.
// Requests carry Token as a bearer token unless they set Authorization themselves.
type testServer struct {
	URL   string
	Logs  *syncBuffer
	Token string
	stop  func() error
}

// startServer runs "glapp serve" on port 0 with a fresh data directory and the given
// extra arguments and environment, and stops it when the test ends. Unless env says
// otherwise, GLAPP_ADMIN_TOKEN is testAdminToken and requests send it.
func startServer(t *testing.T, dataDir string, env map[string]string, args ...string) *testServer {
	t.Helper()
	if dataDir == "" {
		dataDir = t.TempDir()
	}
	if _, ok := env["GLAPP_ADMIN_TOKEN"]; !ok {
		env = maps.Clone(env)
		if env == nil {
			env = map[string]string{}
		}
		env["GLAPP_ADMIN_TOKEN"] = testAdminToken
	}
	getenv := func(k string) string { return env[k] }
	logs := &syncBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0", "--data-dir", dataDir}, args...), getenv, logs)
	}()
	ts := &testServer{Logs: logs, Token: env["GLAPP_ADMIN_TOKEN"]}
	var once sync.Once
	var stopErr error
	ts.stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case stopErr = <-done:
			case <-time.After(30 * time.Second):
				t.Errorf("server did not stop within 30s")
			}
		})
		return stopErr
	}
	t.Cleanup(func() {
		if err := ts.stop(); err != nil {
			t.Errorf("run() = %v; want clean shutdown", err)
		}
	})
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if m := listeningURL.FindStringSubmatch(logs.String()); m != nil {
			ts.URL = m[1]
			return ts
		}
		select {
		case err := <-done:
			t.Fatalf("run() returned before listening: %v\nlogs:\n%s", err, logs)
		case <-time.After(10 * time.Millisecond):
		}
	}
	t.Fatalf("server did not listen within 30s; logs:\n%s", logs)
	return nil
}

// response is a decoded HTTP answer.
type response struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON decodes the body into a generic value.
func (r response) JSON(t *testing.T) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(r.Body, &v); err != nil {
		t.Fatalf("body is not a JSON object: %v\n%s", err, r.Body)
	}
	return v
}

// do sends a request with an optional JSON body (a string or a value to marshal).
func (ts *testServer) do(t *testing.T, method, path string, body any, headers ...string) response {
	t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, ts.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if ts.Token != "" {
		req.Header.Set("Authorization", "Bearer "+ts.Token)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		if headers[i+1] == "" {
			req.Header.Del(headers[i]) // "" removes a default, e.g. the token
			continue
		}
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{Status: resp.StatusCode, Header: resp.Header, Body: data}
}

// must sends a request and fails the test unless the status is want.
func (ts *testServer) must(t *testing.T, want int, method, path string, body any, headers ...string) response {
	t.Helper()
	r := ts.do(t, method, path, body, headers...)
	if r.Status != want {
		t.Fatalf("%s %s = %d; want %d\n%s", method, path, r.Status, want, r.Body)
	}
	return r
}
