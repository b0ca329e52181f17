package api_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/glapp/glapp/api"
	"github.com/glapp/glapp/graph/embedded"
	"github.com/glapp/glapp/journeys"
)

// refusingImports is the embedded store with every import refused with err.
type refusingImports struct {
	*embedded.Store
	err error
}

func (r refusingImports) ImportEvidence(context.Context, string, string, journeys.EvidenceProducer) (*journeys.ImportCounts, error) {
	return nil, r.err
}

// TestWebhookDuplicateOnlyForDeliveredMessages checks that only the store's "delivered
// before" conflict is answered 200 duplicate; another CONFLICT (an abandoned import, an
// import running) reaches the sender as 409, so that it retries.
func TestWebhookDuplicateOnlyForDeliveredMessages(t *testing.T) {
	for _, tc := range []struct {
		name       string
		err        error
		wantStatus int
		duplicate  bool
	}{
		{"Delivered", journeys.Delivered("webhook:dt:x"), http.StatusOK, true},
		{"Abandoned", journeys.Errorf(journeys.Conflict, "The import into project %q was abandoned.", "p"), http.StatusConflict, false},
		{"Running", journeys.ImportRunning("p"), http.StatusConflict, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := embedded.Open(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			a := &testAPI{h: newHandler(t, refusingImports{s, tc.err}, api.Config{}), store: s}
			a.must(t, http.StatusCreated, "POST", "/api/v1/projects", `{"id":"p","name":"P"}`)
			var ep struct{ Secret string }
			if err := json.Unmarshal(a.must(t, http.StatusCreated, "PUT", "/api/v1/projects/p/webhook-endpoints/dt", `{"format":"jsonl"}`).Body.Bytes(), &ep); err != nil {
				t.Fatal(err)
			}
			body := `{"type":"insight","id":"x1","text":"Vi fick vänta.","kind":"quote"}` + "\n"
			ts := strconv.FormatInt(time.Now().Unix(), 10)
			key, _ := base64.StdEncoding.DecodeString(strings.TrimPrefix(ep.Secret, "whsec_"))
			mac := hmac.New(sha256.New, key)
			mac.Write([]byte("msg_1." + ts + "." + body))
			req := httptest.NewRequest(http.MethodPost, "/api/v1/projects/p/webhooks/dt", strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("webhook-id", "msg_1")
			req.Header.Set("webhook-timestamp", ts)
			req.Header.Set("webhook-signature", "v1,"+base64.StdEncoding.EncodeToString(mac.Sum(nil)))
			rec := httptest.NewRecorder()
			a.h.ServeHTTP(rec, req)
			if rec.Code != tc.wantStatus || strings.Contains(rec.Body.String(), `"duplicate":true`) != tc.duplicate {
				t.Errorf("webhook refused with %v = %d %s; want %d, duplicate %v", tc.err, rec.Code, rec.Body, tc.wantStatus, tc.duplicate)
			}
		})
	}
}
