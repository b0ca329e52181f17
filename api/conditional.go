package api

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/andybalholm/brotli"
	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/internal/buildinfo"
)

// Conditional reads. A read registered with s.stamped (routes.go) is made only from what
// its project's stamp (journeys.Stamp) covers, so that one cheap look at the stamp tells
// whether an answer already given still holds:
//
//   - its ETag is "<revision>.<hash>", or "<version>.<revision>.<hash>" for a journey
//     document (the version is what If-Match on a journey write names), where hash covers
//     the representation: method, path, query, the language, the Accept header, the
//     content coding and the build of Glapp that made it;
//   - If-None-Match with a tag whose revision is the project's current one and whose
//     hash is this representation's answers 304 Not Modified without reading anything
//     else, on any Glapp server that shares the database;
//   - otherwise the answer is served from a cache of encoded bodies keyed by ETag
//     (responseCache), or made by the handler, compressed when the client accepts it and
//     the body is worth it, and kept.
//
// A new read (a comparison, a baseline report, a map) plugs in by registering with
// s.stamped, once every write that feeds it moves the stamp (journeys.StampChangeOf).

// minCompressBytes is the smallest body worth compressing: below it, compression headers
// and a second look at the bytes cost more than they save.
const minCompressBytes = 1024

// codings are the content codings the server offers, best first.
var codings = []string{"br", "gzip"}

// buildSalt ties tags to the build that made them, whose rules or writers may differ.
var buildSalt = buildinfo.Read().String()

// stamped is the middleware of conditional reads (see above). It runs after access
// control, so that no answer reaches a caller the route refuses.
func (s *server) stamped(c *gin.Context) {
	if c.Request.Method != http.MethodGet || s.store == nil {
		c.Next()
		return
	}
	st, err := s.store.Stamp(c.Request.Context(), c.Param("projectId"))
	if err != nil {
		c.Next() // the handler reads again and answers the error as it does
		return
	}
	coding := negotiateCoding(c.GetHeader("Accept-Encoding"))
	repr := representation(c, coding)
	rev := strconv.FormatInt(st.Revision, 10)
	c.Header("Vary", "Accept-Encoding, Accept, Accept-Language")
	if tag, ok := matchingTag(c.GetHeader("If-None-Match"), rev, repr); ok {
		c.Header("ETag", tag)
		c.AbortWithStatus(http.StatusNotModified)
		return
	}
	key := rev + "|" + repr
	if e, ok := s.cache.get(key); ok {
		writeEntry(c, e)
		c.Abort()
		return
	}
	w := &captureWriter{ResponseWriter: c.Writer, limit: s.cache.maxEntry(), coding: coding}
	w.tag = func() string {
		prefix := rev
		if v := strings.Trim(w.Header().Get("ETag"), `"`); v != "" {
			prefix = v + "." + rev // the journey document's version, for If-Match
		}
		return `"` + prefix + "." + tagHash(prefix, repr) + `"`
	}
	c.Writer = w
	c.Next()
	c.Writer = w.ResponseWriter
	if w.spilled != nil || w.status != http.StatusOK {
		// Kept only when whole: no failure mid-answer, no client that hung up.
		if e := w.finishPassThrough(); e != nil && len(c.Errors) == 0 && c.Request.Context().Err() == nil {
			s.cache.put(key, e)
		}
		return
	}
	body, enc := w.buf.Bytes(), ""
	if coding != "" && len(body) >= minCompressBytes && compressible(w.Header().Get("Content-Type")) {
		if z, err := compress(coding, body); err == nil {
			body, enc = z, coding
		}
	}
	e := &entry{tag: w.tag(), body: body, encoding: enc,
		contentType: w.Header().Get("Content-Type"), language: w.Header().Get("Content-Language")}
	s.cache.put(key, e)
	writeEntry(c, e)
}

// representation names what, besides the project's state, a stamped answer depends on.
func representation(c *gin.Context, coding string) string {
	return strings.Join([]string{c.Request.Method, c.Request.URL.Path, c.Request.URL.RawQuery, language(c),
		c.GetHeader("Accept"), coding, buildSalt}, "\x00")
}

// tagHash is the part of a tag that names the representation and the prefix it was made
// with, so that a tag cannot be taken for another read's.
func tagHash(prefix, repr string) string {
	sum := sha256.Sum256([]byte(prefix + "\x00" + repr))
	return base64.RawURLEncoding.EncodeToString(sum[:9])
}

// matchingTag returns the tag in an If-None-Match list that is this representation's at
// revision rev. A weak tag (W/) compares as its strong self, as RFC 9110 asks of
// If-None-Match.
func matchingTag(header, rev, repr string) (string, bool) {
	if header == "" {
		return "", false
	}
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		raw := strings.Trim(strings.TrimPrefix(t, "W/"), `"`)
		i := strings.LastIndexByte(raw, '.')
		if i < 0 {
			continue
		}
		prefix, hash := raw[:i], raw[i+1:]
		if prefix != rev && !strings.HasSuffix(prefix, "."+rev) {
			continue
		}
		if hash == tagHash(prefix, repr) {
			return `"` + raw + `"`, true
		}
	}
	return "", false
}

// negotiateCoding picks the best coding the client accepts, or "" for none.
func negotiateCoding(header string) string {
	if header == "" {
		return ""
	}
	accepted := map[string]bool{}
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := strings.TrimSpace(params)
		if v, ok := strings.CutPrefix(q, "q="); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil && f == 0 {
				continue
			}
		}
		accepted[strings.ToLower(strings.TrimSpace(name))] = true
	}
	for _, c := range codings {
		if accepted[c] {
			return c
		}
	}
	return ""
}

// compressible says whether a content type is text that compresses well.
func compressible(contentType string) bool {
	mt, _, _ := strings.Cut(contentType, ";")
	mt = strings.TrimSpace(mt)
	return strings.HasPrefix(mt, "text/") || strings.HasSuffix(mt, "json") || strings.HasSuffix(mt, "+xml")
}

// compress encodes body in coding, once per cached entry, so a slower, denser level pays.
func compress(coding string, body []byte) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(len(body) / 4)
	w := encoder(coding, &buf)
	if _, err := w.Write(body); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// encoder returns a writer that encodes in coding ("br" or "gzip") into w.
func encoder(coding string, w io.Writer) io.WriteCloser {
	if coding == "br" {
		return brotli.NewWriterLevel(w, 5)
	}
	z, _ := gzip.NewWriterLevel(w, gzip.DefaultCompression)
	return z
}

// writeEntry answers with a cached entry.
func writeEntry(c *gin.Context, e *entry) {
	h := c.Writer.Header()
	h.Set("ETag", e.tag)
	h.Set("Content-Type", e.contentType)
	if e.language != "" {
		h.Set("Content-Language", e.language)
	}
	if e.encoding != "" {
		h.Set("Content-Encoding", e.encoding)
	} else {
		h.Del("Content-Encoding")
	}
	h.Set("Content-Length", strconv.Itoa(len(e.body)))
	c.Writer.WriteHeader(http.StatusOK)
	_, _ = c.Writer.Write(e.body)
}

// captureWriter keeps a handler's 200 answer in memory, up to limit bytes, so that it
// can be tagged, compressed and cached before it is sent. Any other status goes on to
// the client as the handler writes it. A 200 past the limit (a large project report) is
// streamed, compressed on the fly when the client accepts it, and its compressed bytes
// are still kept for the cache while they stay within the limit.
type captureWriter struct {
	gin.ResponseWriter
	status int
	buf    bytes.Buffer
	limit  int
	// coding is the negotiated content coding, "" for none; tag makes the answer's ETag.
	coding string
	tag    func() string
	// spilled is where the body goes once it is no longer held; closer ends its
	// encoder. kept collects the encoded bytes of a streamed 200 for the cache, until
	// they pass limit (overflow).
	spilled  io.Writer
	closer   io.Closer
	kept     *bytes.Buffer
	overflow bool
	encoding string
}

// WriteHeader records the status; nothing is sent before the body is known.
func (w *captureWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
}

// WriteHeaderNow is a no-op for the same reason.
func (w *captureWriter) WriteHeaderNow() {}

// Status is the status the handler set.
func (w *captureWriter) Status() int {
	if w.status == 0 {
		return http.StatusOK
	}
	return w.status
}

// Written says whether the handler has set a status or written.
func (w *captureWriter) Written() bool { return w.status != 0 || w.buf.Len() > 0 || w.spilled != nil }

// Size is what the handler has written so far.
func (w *captureWriter) Size() int { return w.buf.Len() }

func (w *captureWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	if w.spilled == nil && (w.status != http.StatusOK || w.buf.Len()+len(p) > w.limit) {
		w.spill()
	}
	if w.spilled != nil {
		return w.spilled.Write(p)
	}
	return w.buf.Write(p)
}

// WriteString writes s.
func (w *captureWriter) WriteString(s string) (int, error) { return w.Write([]byte(s)) }

// Flush is a no-op while the body is held.
func (w *captureWriter) Flush() {
	if w.spilled != nil {
		w.ResponseWriter.Flush()
	}
}

// spill sends the status, the headers and what is held, and passes the rest straight
// on: for a 200, tagged, and compressed when the client accepts it.
func (w *captureWriter) spill() {
	out := w.ResponseWriter
	h := out.Header()
	h.Del("Content-Length")
	w.spilled = out
	if w.status == http.StatusOK {
		h.Set("ETag", w.tag())
		if w.coding != "" && compressible(h.Get("Content-Type")) {
			h.Set("Content-Encoding", w.coding)
			w.encoding, w.kept = w.coding, &bytes.Buffer{}
			enc := encoder(w.coding, io.MultiWriter(out, (*keeper)(w)))
			w.spilled, w.closer = enc, enc
		}
	}
	out.WriteHeader(w.status)
	if w.buf.Len() > 0 {
		_, _ = w.spilled.Write(w.buf.Bytes())
		w.buf = bytes.Buffer{}
	}
}

// keeper is the captureWriter as the tee of a streamed answer's encoded bytes.
type keeper captureWriter

func (k *keeper) Write(p []byte) (int, error) {
	if !k.overflow {
		if k.kept.Len()+len(p) > k.limit {
			k.overflow, k.kept = true, nil
		} else {
			k.kept.Write(p)
		}
	}
	return len(p), nil
}

// finishPassThrough completes an answer that was not held, and returns the cache entry
// of a streamed 200 whose encoded bytes stayed within the limit, else nil.
func (w *captureWriter) finishPassThrough() *entry {
	if w.spilled == nil {
		// A status other than 200 with no body (or none written yet).
		w.ResponseWriter.WriteHeader(w.Status())
		w.ResponseWriter.WriteHeaderNow()
		return nil
	}
	if w.closer == nil {
		return nil
	}
	if err := w.closer.Close(); err != nil || w.overflow || w.kept == nil {
		return nil
	}
	h := w.Header()
	return &entry{tag: h.Get("ETag"), body: w.kept.Bytes(), encoding: w.encoding,
		contentType: h.Get("Content-Type"), language: h.Get("Content-Language")}
}
