package main

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// demoCSV is a research tool's CSV export: Swedish Excel, semicolons, personal data in
// the notes, one row coded with a code the mapping links, one coded with an element
// reference, one not linked at all.
const demoCSV = "Id;Anteckning;Deltagare;Roll;Datum;Koder\n" +
	"r1;Jag fick ett nummer att ringa, 070-123 45 67, och sen hände inget.;Anhörig 7;relative;2026-03-02;Väntan\n" +
	"r2;Ingen sa vem som hade ansvaret. Mejla mig på anna.k@example.se om ni vill veta mer.;Patient 9;patient;2026-03-04;handover:vb-h02\n" +
	"r3;Skolan visste inte vem de skulle ringa.;Kurator 4;staff;2026-03-05;Skola\n"

func importOptions(t *testing.T) string {
	t.Helper()
	b, _ := json.Marshal(map[string]any{
		"format":  "csv",
		"csv":     map[string]string{"text": "Anteckning", "participant": "Deltagare", "role": "Roll", "date": "Datum", "tags": "Koder", "id": "Id"},
		"mapping": map[string][]string{"Väntan": {"handover:vuxen-beroende-nulage/vb-h03"}},
	})
	return string(b)
}

// multipartImport builds a multipart body with the options part and the file part.
func multipartImport(t *testing.T, options, filename string, file []byte) (string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	_ = mw.WriteField("options", options)
	fw, _ := mw.CreateFormFile("file", filename)
	_, _ = fw.Write(file)
	_ = mw.Close()
	return mw.FormDataContentType(), buf.Bytes()
}

type importReport struct {
	Records, Created, Updated, Unchanged, Unlinked, Skipped, SourcesCreated, UnresolvedRefs int
	Redactions                                                                              map[string]int
}

func TestImportCSV(t *testing.T) {
	ts := startServer(t, "", nil, "--demo")
	const p = "/api/v1/projects/demo"
	ct, body := multipartImport(t, importOptions(t), "anteckningar.csv", []byte(demoCSV))
	r := ts.must(t, http.StatusOK, "POST", p+"/imports", body, "Content-Type", ct)
	var rep importReport
	_ = json.Unmarshal(r.Body, &rep)
	if rep.Records != 3 || rep.Created != 3 || rep.Unlinked != 1 || rep.SourcesCreated != 3 || rep.Redactions["TELEFON"] != 1 || rep.Redactions["E-POST"] != 1 {
		t.Fatalf("first import = %s; want 3 created, 1 unlinked, 3 sources, one phone and one e-mail redacted", r.Body)
	}
	if strings.Contains(string(r.Body), "070-123") || strings.Contains(string(r.Body), "example.se") {
		t.Fatal("the import result holds a redacted value")
	}
	again := ts.must(t, http.StatusOK, "POST", p+"/imports", body, "Content-Type", ct)
	_ = json.Unmarshal(again.Body, &rep)
	if rep.Unchanged != 3 || rep.Created+rep.Updated+rep.SourcesCreated != 0 {
		t.Fatalf("second import = %s; want 3 unchanged and nothing else", again.Body)
	}

	var list struct {
		Items []struct {
			ID, Text string
			About    []string
		}
	}
	_ = json.Unmarshal(ts.must(t, http.StatusOK, "GET", p+"/evidence", nil).Body, &list)
	for _, e := range list.Items {
		if strings.Contains(e.Text, "070") || strings.Contains(e.Text, "@") {
			t.Errorf("stored evidence holds personal data: %q", e.Text)
		}
	}
	_ = json.Unmarshal(ts.must(t, http.StatusOK, "GET", p+"/evidence?unlinked=true", nil).Body, &list)
	if len(list.Items) != 1 || !strings.Contains(list.Items[0].Text, "Skolan") {
		t.Fatalf("unlinked evidence = %+v; want the school note", list.Items)
	}
	// An analyst links it later.
	ts.must(t, http.StatusOK, "PATCH", p+"/evidence/"+list.Items[0].ID, `{"about":["step:barn-nulage/bn-s02"]}`)
	_ = json.Unmarshal(ts.must(t, http.StatusOK, "GET", p+"/evidence?unlinked=true", nil).Body, &list)
	if len(list.Items) != 0 {
		t.Fatalf("after linking, unlinked = %+v; want none", list.Items)
	}
	problemPointers(t, ts.do(t, "PATCH", p+"/evidence/ev_nope", `{"about":[]}`), http.StatusNotFound, "NOT_FOUND")

	// The linked evidence shows in the journey's gap report as evidence of its hand-over.
	rr := ts.must(t, http.StatusOK, "GET", p+"/journeys/vuxen-beroende-nulage/gaps", nil)
	if !strings.Contains(string(rr.Body), "Ingen sa vem som hade ansvaret") {
		t.Error("imported evidence about vb-h02 is not in the journey's gap report")
	}
}

func TestImportRefusedWhole(t *testing.T) {
	ts := startServer(t, "", nil, "--demo")
	const p = "/api/v1/projects/demo"
	jsonl := `{"type":"insight","id":"x1","text":"Första raden.","kind":"quote"}` + "\n" + `{"type":"insight","id":"x2","text":"Andra","kind":"quote","owner":"x"}` + "\n"
	r := ts.do(t, "POST", p+"/imports?format=jsonl", jsonl, "Content-Type", "application/x-ndjson")
	problemPointers(t, r, http.StatusBadRequest, "INVALID")
	var list struct{ Items []any }
	_ = json.Unmarshal(ts.must(t, http.StatusOK, "GET", p+"/evidence", nil).Body, &list)
	if len(list.Items) != 0 {
		t.Fatalf("a refused import stored %d records", len(list.Items))
	}
	problemPointers(t, ts.do(t, "POST", p+"/imports", "x", "Content-Type", "text/plain"), http.StatusBadRequest, "INVALID")
	ok := ts.must(t, http.StatusOK, "POST", p+"/imports?format=jsonl", `{"type":"insight","id":"x1","text":"Vi fick vänta.","kind":"quote","about":["vb-h02"]}`+"\n", "Content-Type", "application/x-ndjson")
	var rep importReport
	_ = json.Unmarshal(ok.Body, &rep)
	if rep.Created != 1 || rep.Unlinked != 0 {
		t.Fatalf("jsonl import naming a hand-over by id = %s; want 1 created and linked", ok.Body)
	}
}

// signed posts body to a webhook with Standard Webhooks headers made with secret.
func signed(t *testing.T, ts *testServer, path, secret, id string, at time.Time, body string) response {
	t.Helper()
	key, _ := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
	stamp := strconv.FormatInt(at.Unix(), 10)
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(id + "." + stamp + "." + body))
	sig := "v1," + base64.StdEncoding.EncodeToString(mac.Sum(nil))
	return ts.do(t, "POST", path, body, "Authorization", "", "webhook-id", id, "webhook-timestamp", stamp, "webhook-signature", sig)
}

func TestWebhook(t *testing.T) {
	ts := startServer(t, "", nil, "--demo")
	const p = "/api/v1/projects/demo"
	r := ts.must(t, http.StatusCreated, "PUT", p+"/webhook-endpoints/dovetail", `{"format":"dovetail","mapping":{"Väntan":["handover:vuxen-beroende-nulage/vb-h03"]}}`)
	var ep struct{ Secret, URL string }
	_ = json.Unmarshal(r.Body, &ep)
	if !strings.HasPrefix(ep.Secret, "whsec_") || ep.URL != p+"/webhooks/dovetail" {
		t.Fatalf("created endpoint = %s", r.Body)
	}
	list := ts.must(t, http.StatusOK, "GET", p+"/webhook-endpoints", nil)
	if strings.Contains(string(list.Body), ep.Secret) {
		t.Fatal("the endpoint list shows the secret")
	}
	body := `{"data":[{"id":"hl_1","text":"Tre veckor utan svar.","created_at":"2026-03-10T09:00:00Z","tags":[{"id":"t1","title":"Väntan"}]}],"page":{"has_more":false}}`
	now := time.Now()
	count := func() int {
		var l struct{ Items []any }
		_ = json.Unmarshal(ts.must(t, http.StatusOK, "GET", p+"/evidence", nil).Body, &l)
		return len(l.Items)
	}

	problemPointers(t, signed(t, ts, p+"/webhooks/dovetail", "whsec_"+base64.StdEncoding.EncodeToString([]byte("not the secret at all!!")), "msg_1", now, body), http.StatusUnauthorized, "UNAUTHORIZED")
	problemPointers(t, signed(t, ts, p+"/webhooks/dovetail", ep.Secret, "msg_1", now.Add(-10*time.Minute), body), http.StatusUnauthorized, "UNAUTHORIZED")
	problemPointers(t, signed(t, ts, p+"/webhooks/nope", ep.Secret, "msg_1", now, body), http.StatusUnauthorized, "UNAUTHORIZED")
	if n := count(); n != 0 {
		t.Fatalf("refused deliveries stored %d records", n)
	}
	ok := signed(t, ts, p+"/webhooks/dovetail", ep.Secret, "msg_1", now, body)
	if ok.Status != http.StatusOK || !strings.Contains(string(ok.Body), `"created":1`) {
		t.Fatalf("signed delivery = %d %s", ok.Status, ok.Body)
	}
	replay := signed(t, ts, p+"/webhooks/dovetail", ep.Secret, "msg_1", now, body)
	if replay.Status != http.StatusOK || !strings.Contains(string(replay.Body), `"duplicate":true`) || count() != 1 {
		t.Fatalf("replayed delivery = %d %s, %d records; want 200 duplicate and still 1", replay.Status, replay.Body, count())
	}

	// Rotation: the new secret works, and so does the old one until the next rotation.
	var rotated struct{ Secret string }
	_ = json.Unmarshal(ts.must(t, http.StatusOK, "POST", p+"/webhook-endpoints/dovetail/rotate", nil).Body, &rotated)
	for i, secret := range []string{rotated.Secret, ep.Secret} {
		b := strings.Replace(body, "hl_1", "hl_"+strconv.Itoa(i+2), 1)
		if r := signed(t, ts, p+"/webhooks/dovetail", secret, "msg_r"+strconv.Itoa(i), now, b); r.Status != http.StatusOK {
			t.Fatalf("delivery with secret %d after rotation = %d %s", i, r.Status, r.Body)
		}
	}
}

func TestIntegrationTokenOnlyImports(t *testing.T) {
	ts := startServer(t, "", nil, "--demo")
	r := ts.must(t, http.StatusCreated, "POST", "/api/v1/tokens", `{"name":"Anteckningsverktyg","role":"integration","projects":["demo"]}`)
	var tok struct{ Secret string }
	_ = json.Unmarshal(r.Body, &tok)
	ct, body := multipartImport(t, importOptions(t), "a.csv", []byte(demoCSV))
	ts.must(t, http.StatusOK, "POST", "/api/v1/projects/demo/imports", body, "Content-Type", ct, "Authorization", "Bearer "+tok.Secret)
	problemPointers(t, ts.do(t, "GET", "/api/v1/projects/demo/journeys", nil, "Authorization", "Bearer "+tok.Secret), http.StatusForbidden, "FORBIDDEN")
}

func TestImportCommand(t *testing.T) {
	dir := demoDataDir(t)
	file := filepath.Join(t.TempDir(), "anteckningar.csv")
	if err := os.WriteFile(file, []byte(demoCSV), 0o600); err != nil {
		t.Fatal(err)
	}
	mapping := filepath.Join(t.TempDir(), "mapping.json")
	_ = os.WriteFile(mapping, []byte(`{"Väntan":["handover:vuxen-beroende-nulage/vb-h03"]}`), 0o600)
	var out, progress bytes.Buffer
	args := []string{"import", "--data-dir", dir, "--project", "demo", "--format", "csv", "--csv-text", "Anteckning", "--csv-participant", "Deltagare",
		"--csv-tags", "Koder", "--csv-id", "Id", "--mapping", mapping, file}
	if err := runStreams(context.Background(), args, func(string) string { return "" }, &out, &progress); err != nil {
		t.Fatalf("glapp import = %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "3 records: 3 created") || !strings.Contains(out.String(), "TELEFON 1") {
		t.Fatalf("glapp import printed:\n%s", out.String())
	}
	// The progress bar goes to standard error, as plain lines: a buffer is no terminal.
	if strings.Contains(out.String(), "] ") || !strings.Contains(progress.String(), "] ") || strings.Contains(progress.String(), "\r") {
		t.Errorf("glapp import wrote the progress bar wrongly; stdout:\n%s\nstderr:\n%q", out.String(), progress.String())
	}
	out.Reset()
	if err := run(context.Background(), args, func(string) string { return "" }, &out); err != nil || !strings.Contains(out.String(), "3 unchanged") {
		t.Fatalf("second glapp import = %v\n%s", err, out.String())
	}
}
