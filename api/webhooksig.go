package api

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
	"time"
)

// webhookTolerance is how far a message's timestamp may be from now (Standard Webhooks
// 1.0 recommends five minutes): older messages are refused, so that a captured one cannot
// be replayed later.
const webhookTolerance = 5 * time.Minute

var errBadSignature = errors.New("webhook signature does not verify")

// verifyWebhook checks a Standard Webhooks 1.0 signature: webhook-signature holds one or
// more space-separated "v1,<base64 HMAC-SHA256>" of "<id>.<timestamp>.<body>", keyed
// with the base64 part of a "whsec_" secret. Any of the endpoint's secrets may match, so
// that a secret can be rotated without losing messages. Comparison is constant-time.
func verifyWebhook(secrets []string, id, timestamp string, body []byte, signatures string, now time.Time) error {
	if id == "" || timestamp == "" || signatures == "" {
		return errors.New("webhook-id, webhook-timestamp and webhook-signature are required")
	}
	ts, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil {
		return errors.New("webhook-timestamp is not a Unix time")
	}
	if d := now.Sub(time.Unix(ts, 0)); d > webhookTolerance || d < -webhookTolerance {
		return errors.New("webhook-timestamp is more than five minutes from now")
	}
	signed := []byte(id + "." + timestamp + "." + string(body))
	for _, secret := range secrets {
		key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
		if err != nil {
			continue
		}
		mac := hmac.New(sha256.New, key)
		mac.Write(signed)
		want := mac.Sum(nil)
		for _, sig := range strings.Fields(signatures) {
			version, value, ok := strings.Cut(sig, ",")
			if !ok || version != "v1" {
				continue
			}
			got, err := base64.StdEncoding.DecodeString(value)
			if err == nil && hmac.Equal(got, want) {
				return nil
			}
		}
	}
	return errBadSignature
}

// signWebhook returns the webhook-signature value for a message, as a sender computes it.
// Tests and the docs' example use it.
func signWebhook(secret, id, timestamp string, body []byte) string {
	key, _ := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(id + "." + timestamp + "." + string(body)))
	return "v1," + base64.StdEncoding.EncodeToString(mac.Sum(nil))
}
