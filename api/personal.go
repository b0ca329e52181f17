package api

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/personal"
)

// redactedHeader tells the client what the redactor replaced in its request:
// "PNR=1, E-POST=2", kinds in order; absent when nothing was.
const redactedHeader = "Glapp-Redacted"

// redactBody redacts every string in a decoded request body, in place, and reports it in
// the response header. Every JSON body passes here (readJSON, applyMergePatch, element
// edits), so personal data is never stored, whatever field it was sent in.
func redactBody(c *gin.Context, v any) {
	reportRedacted(c, personal.RedactAll(v))
}

// reportRedacted sets the Glapp-Redacted header from counts, or removes it when there are
// none. It replaces rather than adds, so a write a store retries reports once.
func reportRedacted(c *gin.Context, counts map[string]int) {
	if len(counts) == 0 {
		c.Writer.Header().Del(redactedHeader)
		return
	}
	parts := make([]string, 0, len(counts))
	for k, n := range counts {
		parts = append(parts, fmt.Sprintf("%s=%d", k, n))
	}
	slices.Sort(parts)
	c.Header(redactedHeader, strings.Join(parts, ", "))
}

// fingerprintParam is the path parameter that names a finding by its digest.
const fingerprintParam = "fingerprint"

// namesID reports whether a path parameter names something: an id ("projectId",
// "elementId", ...) or a finding's fingerprint. The others are the file paths of the
// catch-all routes that serve the UI and the API docs.
func namesID(key string) bool { return key == fingerprintParam || strings.HasSuffix(key, "Id") }

// pathParamProblem says what is wrong with a path parameter's value, or "" when it is
// valid: ids must pass journeys.IDProblem, fingerprints their own form.
func pathParamProblem(key, value string) string {
	switch {
	case key == fingerprintParam:
		if journeys.ValidFingerprint(value) {
			return ""
		}
		return fmt.Sprintf("Must be a finding's fingerprint: %d lowercase hexadecimal characters.", journeys.FingerprintLen)
	case namesID(key):
		return journeys.IDProblem(value)
	}
	return ""
}

// checkPathIDs refuses, with 400, a request whose path parameters are not valid ids: an id
// that holds personal data never reaches a handler, a store, a log or the audit log. It is
// the one place path ids are checked.
func checkPathIDs() gin.HandlerFunc {
	return func(c *gin.Context) {
		var v []journeys.Violation
		for _, p := range c.Params {
			if d := pathParamProblem(p.Key, p.Value); d != "" {
				v = append(v, journeys.Violation{Parameter: p.Key, Detail: d})
			}
		}
		if len(v) > 0 {
			writeProblem(c, journeys.InvalidError("The URL names an id that is not valid; nothing was changed.", v))
			return
		}
		c.Next()
	}
}

// safeParam is a path parameter's value as logs and the audit log may hold it: an id when
// it is valid, else a short hash that tells equal values apart without keeping them; a
// file path redacted and cut to a bounded length.
func safeParam(key, value string) string {
	switch {
	case !namesID(key):
		return redactedText(value)
	case pathParamProblem(key, value) == "":
		return value
	}
	return shortHash(value)
}

// redactedText is s redacted and cut to at most 200 bytes, for a log line.
func redactedText(s string) string {
	s, _ = personal.Redact(s)
	if len(s) > 200 {
		s = strings.ToValidUTF8(s[:200], "") + "..."
	}
	return s
}

// shortHash is "#" and the first 12 hex digits of value's SHA-256.
func shortHash(value string) string { return "#" + digest(value)[:12] }

// digest is the hex SHA-256 of value.
func digest(value string) string {
	sum := sha256.Sum256([]byte(value))
	return hex.EncodeToString(sum[:])
}

// safePath is the request's path as the log may print it: the route with each parameter
// made safe by safeParam, or, when no route matched, the path with personal data redacted
// and cut to a bounded length.
func safePath(c *gin.Context) string {
	route := c.FullPath()
	if route == "" {
		return redactedText(c.Request.URL.Path)
	}
	segs := strings.Split(route, "/")
	for i, seg := range segs {
		if len(seg) > 1 && (seg[0] == ':' || seg[0] == '*') {
			key := seg[1:]
			segs[i] = safeParam(key, strings.TrimPrefix(c.Param(key), "/"))
		}
	}
	return strings.Join(segs, "/")
}
