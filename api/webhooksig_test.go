package api

import (
	"testing"
	"time"
)

func TestVerifyWebhook(t *testing.T) {
	const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
	const rotated = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD"
	now := time.Unix(1_790_000_000, 0)
	ts := "1790000000"
	body := []byte(`{"data":[]}`)
	good := signWebhook(secret, "msg_1", ts, body)
	tests := []struct {
		name      string
		secrets   []string
		id, ts    string
		body      []byte
		sig       string
		now       time.Time
		wantValid bool
	}{
		{"OK", []string{secret}, "msg_1", ts, body, good, now, true},
		{"one of several signatures", []string{secret}, "msg_1", ts, body, "v1,AAAA " + good, now, true},
		{"rotated secret still accepted", []string{rotated, secret}, "msg_1", ts, body, good, now, true},
		{"wrong secret", []string{rotated}, "msg_1", ts, body, good, now, false},
		{"body changed", []string{secret}, "msg_1", ts, []byte(`{"data":[1]}`), good, now, false},
		{"id changed", []string{secret}, "msg_2", ts, body, good, now, false},
		{"expired", []string{secret}, "msg_1", ts, body, good, now.Add(6 * time.Minute), false},
		{"from the future", []string{secret}, "msg_1", ts, body, good, now.Add(-6 * time.Minute), false},
		{"within tolerance", []string{secret}, "msg_1", ts, body, good, now.Add(4 * time.Minute), true},
		{"unknown version", []string{secret}, "msg_1", ts, body, "v2," + good[3:], now, false},
		{"missing headers", []string{secret}, "", ts, body, good, now, false},
		{"bad timestamp", []string{secret}, "msg_1", "soon", body, good, now, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := verifyWebhook(tt.secrets, tt.id, tt.ts, tt.body, tt.sig, tt.now)
			if (err == nil) != tt.wantValid {
				t.Fatalf("verifyWebhook() = %v; want valid %v", err, tt.wantValid)
			}
		})
	}
}
