package api_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/glapp/glapp/api"
	"github.com/glapp/glapp/demo"
	"github.com/glapp/glapp/journeys"
	"github.com/xuri/excelize/v2"
)

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// withDemo loads the demo project into a's store.
func withDemo(t *testing.T, a *testAPI) {
	t.Helper()
	if _, err := demo.Load(context.Background(), a.store); err != nil {
		t.Fatal(err)
	}
}

// openXLSX opens an answer's workbook.
func openXLSX(t *testing.T, rec *httptest.ResponseRecorder) *excelize.File {
	t.Helper()
	if ct := rec.Header().Get("Content-Type"); ct != xlsxType {
		t.Fatalf("Content-Type = %q; want the workbook's\n%s", ct, rec.Body)
	}
	f, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func xlsxBytes(t *testing.T, f *excelize.File) string {
	t.Helper()
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestWorkbookRoundTripsEveryDemoJourney exports every demo journey as a workbook and
// writes it back unchanged: 200, the same version. Then it breaks a reference in a cell
// and the refusal names the sheet and the cell as well as the JSON pointer.
func TestWorkbookRoundTripsEveryDemoJourney(t *testing.T) {
	a := newTestAPI(t, api.Config{})
	withDemo(t, a)
	js, err := demo.Journeys()
	if err != nil {
		t.Fatal(err)
	}
	for _, j := range js {
		path := "/api/v1/projects/demo/journeys/" + j.ID
		rec := a.must(t, http.StatusOK, "GET", path, "", "Accept", xlsxType)
		etag := rec.Header().Get("ETag")
		if cd := rec.Header().Get("Content-Disposition"); !strings.Contains(cd, j.ID+".xlsx") {
			t.Errorf("Content-Disposition = %q", cd)
		}
		put := a.must(t, http.StatusOK, "PUT", path, rec.Body.String(), "Content-Type", xlsxType, "If-Match", etag)
		// The write answers the version's tag; the read's tag also carries the project's
		// stamp, which an unchanged write must not move either.
		if got, want := put.Header().Get("ETag"), `"`+strings.SplitN(strings.Trim(etag, `"`), ".", 2)[0]+`"`; got != want {
			t.Errorf("%s: ETag after the round trip = %s; want %s (version unchanged)", j.ID, got, want)
		}
		if again := a.must(t, http.StatusOK, "GET", path, "", "Accept", xlsxType).Header().Get("ETag"); again != etag {
			t.Errorf("%s: read ETag after the round trip = %s; want %s (nothing changed)", j.ID, again, etag)
		}
	}

	path := "/api/v1/projects/demo/journeys/" + js[0].ID
	rec := a.must(t, http.StatusOK, "GET", path+"?format=xlsx", "")
	f := openXLSX(t, rec)
	if err := f.SetCellStr("Steg", "D3", "ingen-sadan-aktor"); err != nil {
		t.Fatal(err)
	}
	bad := a.do("PUT", path, strings.NewReader(xlsxBytes(t, f)), "Content-Type", xlsxType, "If-Match", rec.Header().Get("ETag"))
	wantProblem(t, bad, http.StatusBadRequest, journeys.Invalid)
	p := decodeProblem(t, bad)
	found := false
	for _, v := range p.Errors {
		if v.Cell == "Steg!D3" && v.Pointer == "/steps/1/actor" {
			found = true
		}
	}
	if !found {
		t.Errorf("no violation at Steg!D3 (/steps/1/actor): %+v", p.Errors)
	}
}

// TestWorkbookTemplateCreatesAJourney fills the blank template in code and creates a
// journey from it.
func TestWorkbookTemplateCreatesAJourney(t *testing.T) {
	a := newTestAPI(t, api.Config{})
	a.must(t, http.StatusCreated, "POST", "/api/v1/projects", `{"id":"p","name":"Projekt"}`)
	a.must(t, http.StatusCreated, "PUT", "/api/v1/projects/p/actors/vc", `{"name":"Vårdcentral","sector":"region"}`)
	rec := a.must(t, http.StatusOK, "GET", "/api/v1/projects/p/journey-template", "", "Accept-Language", "en-GB, sv;q=0.5")
	f := openXLSX(t, rec)
	if v, _ := f.GetCellValue("Actors", "A2"); v != "vc" {
		t.Fatalf("Actors!A2 = %q; want the project's actor vc", v)
	}
	dvs, err := f.GetDataValidations("Steps")
	if err != nil || len(dvs) == 0 {
		t.Fatalf("Steps has no drop-downs: %v", err)
	}
	set := func(sheet, cell, v string) {
		if err := f.SetCellStr(sheet, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	set("Journey", "B2", "Workshopresa")
	set("Journey", "B3", "as_is")
	set("Stages", "A2", "seek")
	set("Stages", "B2", "Söka")
	for i, row := range [][]string{{"s1", "Ringer", "seek", "vc", "phone", "yes"}, {"s2", "Besök", "seek", "vc", "visit", "", "yes"}} {
		for c, v := range row {
			name, _ := excelize.CoordinatesToCellName(c+1, i+2)
			set("Steps", name, v)
		}
	}
	for c, v := range []string{"h1", "s1", "s2", "referral", "vc", "", "no"} {
		name, _ := excelize.CoordinatesToCellName(c+1, 2)
		set("Handovers", name, v)
	}
	put := a.must(t, http.StatusCreated, "PUT", "/api/v1/projects/p/journeys/ws", xlsxBytes(t, f), "Content-Type", xlsxType)
	var j journeys.Journey
	if err := json.Unmarshal(put.Body.Bytes(), &j); err != nil {
		t.Fatal(err)
	}
	if j.ID != "ws" || len(j.Steps) != 2 || !j.Steps[0].Entry || !j.Steps[1].Terminal || j.Handovers[0].Acknowledged == nil || *j.Handovers[0].Acknowledged || j.Handovers[0].FollowUp != nil {
		t.Errorf("created journey = %+v", j)
	}
}

// TestWorkbookNegotiationAndLimits covers the refusals around the workbook.
func TestWorkbookNegotiationAndLimits(t *testing.T) {
	a := newTestAPI(t, api.Config{MaxBodyBytes: 64 << 10})
	a.must(t, http.StatusCreated, "POST", "/api/v1/projects", `{"id":"p","name":"Projekt"}`)
	a.must(t, http.StatusCreated, "PUT", "/api/v1/projects/p/actors/vc", `{"name":"Vårdcentral","sector":"region"}`)
	path := "/api/v1/projects/p/journeys/j"
	a.must(t, http.StatusCreated, "PUT", path, `{"title":"Resa","kind":"as_is","steps":[{"id":"s1","title":"Ringer 19121212-1212","actor":"vc","entry":true,"terminal":true}]}`)

	wantProblem(t, a.do("GET", path, nil, "Accept", "text/html"), http.StatusNotAcceptable, "NOT_ACCEPTABLE")
	for accept, want := range map[string]string{
		"*/*":                                         "application/json",
		"application/problem+json":                    "application/json",
		"application/json;q=0, */*":                   xlsxType,
		xlsxType + ", application/json":               xlsxType,
		"application/json, " + xlsxType + ";q=0.5":    "application/json",
		"text/html, application/*;q=0.5, " + xlsxType: xlsxType,
	} {
		if got := a.must(t, http.StatusOK, "GET", path, "", "Accept", accept).Header().Get("Content-Type"); !strings.HasPrefix(got, want) {
			t.Errorf("Accept: %s answered %s; want %s", accept, got, want)
		}
	}
	wantProblem(t, a.do("GET", path+"?format=pdf", nil), http.StatusBadRequest, journeys.Invalid)
	if rec := a.must(t, http.StatusOK, "GET", path, "", "Accept", "text/html, */*;q=0.8"); !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
		t.Errorf("Accept */* answered %q; want JSON", rec.Header().Get("Content-Type"))
	}
	rec := a.must(t, http.StatusOK, "GET", path, "", "Accept", xlsxType+", application/json;q=0.5", "Accept-Language", "en")
	if f := openXLSX(t, rec); f.GetSheetName(0) != "Journey" {
		t.Errorf("first sheet = %q; want the English name", f.GetSheetName(0))
	}
	etag := rec.Header().Get("ETag")

	wantProblem(t, a.do("PUT", path, strings.NewReader("x"), "Content-Type", "text/csv", "If-Match", etag), http.StatusUnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE")
	wantProblem(t, a.do("PUT", path, strings.NewReader("not a zip"), "Content-Type", xlsxType, "If-Match", etag), http.StatusBadRequest, journeys.Invalid)
	wantProblem(t, a.do("PUT", path, strings.NewReader(strings.Repeat("x", 65<<10)), "Content-Type", xlsxType, "If-Match", etag), http.StatusRequestEntityTooLarge, "TOO_LARGE")

	// A zip bomb: a small body that unpacks to far more than the limit.
	var bomb bytes.Buffer
	zw := zip.NewWriter(&bomb)
	w, _ := zw.Create("xl/worksheets/sheet1.xml")
	_, _ = w.Write(make([]byte, 8<<20))
	_ = zw.Close()
	if bomb.Len() > 64<<10 {
		t.Fatalf("the bomb is %d bytes, over the body limit", bomb.Len())
	}
	wantProblem(t, a.do("PUT", path, &bomb, "Content-Type", xlsxType, "If-Match", etag), http.StatusRequestEntityTooLarge, "TOO_LARGE")

	// If-Match as for JSON: a change needs the version it replaces.
	f := openXLSX(t, rec)
	if err := f.SetCellStr("Steps", "B2", "Ringer igen, 19121212-1212"); err != nil {
		t.Fatal(err)
	}
	changed := xlsxBytes(t, f)
	wantProblem(t, a.do("PUT", path, strings.NewReader(changed), "Content-Type", xlsxType), http.StatusPreconditionRequired, journeys.PreconditionRequired)
	wantProblem(t, a.do("PUT", path, strings.NewReader(changed), "Content-Type", xlsxType, "If-Match", `"9"`), http.StatusPreconditionFailed, journeys.PreconditionFailed)
	ok := a.must(t, http.StatusOK, "PUT", path, changed, "Content-Type", xlsxType, "If-Match", etag)
	if ok.Header().Get("Glapp-Redacted") != "PNR=1" || strings.Contains(ok.Body.String(), "19121212") || ok.Header().Get("ETag") == etag {
		t.Errorf("PUT = %s %q %s; want a new version with the personal number redacted", ok.Header().Get("ETag"), ok.Header().Get("Glapp-Redacted"), ok.Body)
	}

	// The same audit as JSON: the create and the workbook's change as done, the refused
	// writes with their codes.
	audit := a.must(t, http.StatusOK, "GET", "/api/v1/projects/p/audit", "").Body.String()
	if n := strings.Count(audit, `"action":"journey.put","objects":["j"],"outcome":"ok"`); n != 2 {
		t.Errorf("audit holds %d journey.put done; want 2 (the JSON create and the workbook's change)\n%s", n, audit)
	}
	for _, code := range []string{"TOO_LARGE", "PRECONDITION_FAILED", "PRECONDITION_REQUIRED", "UNSUPPORTED_MEDIA_TYPE"} {
		if !strings.Contains(audit, `"outcome":"`+code+`"`) {
			t.Errorf("audit lacks the refused write %s", code)
		}
	}

	wantProblem(t, a.do("GET", "/api/v1/projects/nope/journey-template", nil), http.StatusNotFound, journeys.NotFound)
}
