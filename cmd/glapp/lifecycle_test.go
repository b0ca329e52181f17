package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/glapp/glapp/journeys"
)

// chainJourney is a valid journey of n steps in a chain; variant changes every title, so
// two variants differ in every step.
func chainJourney(id string, n int, variant string) *journeys.Journey {
	j := &journeys.Journey{ID: id, Title: "Kedja " + variant, Kind: journeys.KindAsIs,
		Actors: []journeys.Actor{{ID: "vc", Name: "Vårdcentral", Sector: journeys.SectorRegion}}}
	for i := range n {
		j.Steps = append(j.Steps, journeys.Step{ID: fmt.Sprintf("s%d", i), Title: fmt.Sprintf("Steg %d %s", i, variant), Actor: "vc", Entry: i == 0, Terminal: i == n-1})
		if i > 0 {
			j.Handovers = append(j.Handovers, journeys.Handover{ID: fmt.Sprintf("h%d", i), From: fmt.Sprintf("s%d", i-1), To: fmt.Sprintf("s%d", i), Type: journeys.HandoverInternal})
		}
	}
	return j
}

// startBinary starts the built glapp binary as its own process and returns its URL.
func startBinary(t *testing.T, bin, dataDir string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--data-dir", dataDir)
	cmd.Env = append(os.Environ(), "GLAPP_ADMIN_TOKEN="+testAdminToken)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if m := listeningURL.FindStringSubmatch(sc.Text()); m != nil {
			go func() { _, _ = io.Copy(io.Discard, out) }()
			return cmd, m[1]
		}
	}
	t.Fatalf("glapp serve exited before listening: %v", sc.Err())
	return nil, ""
}

// TestKillDuringJourneyWrites kills the server process (SIGKILL, not a cancelled context)
// while clients replace journeys, restarts it on the same data, and checks that every
// journey is whole: exactly its old or its new version.
func TestKillDuringJourneyWrites(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the real binary")
	}
	bin := filepath.Join(t.TempDir(), "glapp")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	dataDir := t.TempDir()
	ids := []string{"j1", "j2", "j3", "j4"}
	variants := map[string][2]*journeys.Journey{}
	for _, id := range ids {
		variants[id] = [2]*journeys.Journey{chainJourney(id, 400, "A"), chainJourney(id, 400, "B")}
	}
	put := func(url string, j *journeys.Journey) error {
		body, _ := json.Marshal(j)
		req, _ := http.NewRequest("PUT", url+"/api/v1/projects/p/journeys/"+j.ID, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+testAdminToken)
		req.Header.Set("If-Match", "*") // these writers overwrite on purpose
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		_, _ = io.Copy(io.Discard, resp.Body)
		if resp.StatusCode >= 300 {
			return fmt.Errorf("PUT %s = %d", j.ID, resp.StatusCode)
		}
		return nil
	}

	cmd, url := startBinary(t, bin, dataDir)
	req, _ := http.NewRequest("POST", url+"/api/v1/projects", strings.NewReader(`{"id":"p","name":"Krasch"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+testAdminToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != http.StatusCreated {
		t.Fatalf("create project: %v %v", resp, err)
	}
	for _, id := range ids {
		if err := put(url, variants[id][0]); err != nil {
			t.Fatal(err)
		}
	}
	for round := range 3 {
		var wg sync.WaitGroup
		var mu sync.Mutex
		written := 0
		first := make(chan struct{})
		for _, id := range ids {
			wg.Go(func() {
				for i := 1; ; i++ {
					if put(url, variants[id][i%2]) != nil {
						return // the server is gone
					}
					mu.Lock()
					if written++; written == 1 {
						close(first)
					}
					mu.Unlock()
				}
			})
		}
		// Kill only once writes are landing, so that a slow, loaded machine still kills
		// in the middle of them; then let them run a little, differently each round.
		select {
		case <-first:
		case <-time.After(time.Minute):
			t.Fatalf("round %d: no write finished within a minute", round)
		}
		time.Sleep(time.Duration(50+round*70) * time.Millisecond)
		if err := cmd.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		_ = cmd.Wait()
		wg.Wait()
		if written == 0 {
			t.Fatalf("round %d: no write finished before the kill; the test proves nothing", round)
		}
		cmd, url = startBinary(t, bin, dataDir)
		for _, id := range ids {
			req, _ := http.NewRequest("GET", url+"/api/v1/projects/p/journeys/"+id, nil)
			req.Header.Set("Authorization", "Bearer "+testAdminToken)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			var got journeys.Journey
			err = json.NewDecoder(resp.Body).Decode(&got)
			resp.Body.Close()
			if err != nil || resp.StatusCode != http.StatusOK {
				t.Fatalf("round %d: GET %s = %d, %v", round, id, resp.StatusCode, err)
			}
			if !(&got).SameContent(variants[id][0]) && !(&got).SameContent(variants[id][1]) {
				t.Fatalf("round %d: journey %s after kill -9 is neither its old nor its new version (title %q)", round, id, got.Title)
			}
		}
		t.Logf("round %d: %d writes completed before the kill; all journeys whole", round, written)
	}
}

// TestGracefulShutdown starts a request, signals shutdown while its body is still being
// sent, and checks that the request completes and run() returns cleanly.
func TestGracefulShutdown(t *testing.T) {
	logs := &syncBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		getenv := func(k string) string { return map[string]string{"GLAPP_ADMIN_TOKEN": testAdminToken}[k] }
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--data-dir", t.TempDir()}, getenv, logs)
	}()
	var url string
	for deadline := time.Now().Add(30 * time.Second); url == "" && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if m := listeningURL.FindStringSubmatch(logs.String()); m != nil {
			url = m[1]
		}
	}
	if url == "" {
		t.Fatal("server did not start")
	}
	conn, err := net.Dial("tcp", strings.TrimPrefix(url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	body := `{"id":"p","name":"Pågående"}`
	fmt.Fprintf(conn, "POST /api/v1/projects HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", testAdminToken, len(body), body[:10])
	time.Sleep(100 * time.Millisecond) // the server is now reading the body
	cancel()
	time.Sleep(100 * time.Millisecond) // shutdown has begun
	fmt.Fprint(conn, body[10:])
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("in-flight request got no response: %v", err)
	}
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("in-flight request = %d; want 201", resp.StatusCode)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run() = %v; want nil after graceful shutdown", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("run() did not return after shutdown")
	}
	if !strings.Contains(logs.String(), "msg=stopped") {
		t.Errorf("no stopped log line:\n%s", logs)
	}
}
