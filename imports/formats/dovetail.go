package formats

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Dovetail highlights, as its API's "List highlights" (GET /v1/highlights) returns them:
// {"data": [{"id", "text", "created_at", "tags": [{"id", "title"}], ...}], "page":
// {"total_count", "has_more", "next_cursor"}} (developers.dovetail.com, "List highlights"
// and "Pagination"). Saved pages may be concatenated in one file, a bare array of
// highlights is accepted, and so is a single highlight or an event whose "data" is one
// highlight object, which is what a note tool posts to a webhook. Fields we do not use
// (timestamps of transcript ranges, project and data ids) are skipped.
//
// Origin is "dovetail:<id>"; codes are the tags' titles; the date is created_at's date.
// Dovetail does not say which participant a highlight came from, so records have no
// source.
//
// Memory: the JSON is read token by token; only one highlight is decoded at a time.

// dovetailHighlight is the part of a highlight we read.
type dovetailHighlight struct {
	ID        flexString
	Text      *string
	CreatedAt string
	Tags      []dovetailTag
}

// flexString decodes a JSON string or number, since ids come as either.
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*f = flexString(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("want a string or a number, got %s", truncate(string(b), 20))
	}
	*f = flexString(n.String())
	return nil
}

// dovetailTag is a tag object ({"id", "title"}) or, in hand-saved files, a bare title.
type dovetailTag struct{ Title string }

func (t *dovetailTag) UnmarshalJSON(b []byte) error {
	if err := json.Unmarshal(b, &t.Title); err == nil {
		return nil
	}
	var obj struct{ Title, Name string }
	if err := json.Unmarshal(b, &obj); err != nil {
		return fmt.Errorf("a tag must be an object with a title or a string")
	}
	t.Title = obj.Title
	if t.Title == "" {
		t.Title = obj.Name
	}
	return nil
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// dovetailReader walks one Dovetail file.
type dovetailReader struct {
	rd    *reader
	dec   *json.Decoder
	entry int
}

func readDovetail(rd *reader, r io.ReaderAt, size int64) error {
	dv := &dovetailReader{rd: rd, dec: json.NewDecoder(textReader(io.NewSectionReader(r, 0, size)))}
	values := 0
	for {
		tok, err := dv.dec.Token()
		if errors.Is(err, io.EOF) {
			if values == 0 {
				return rd.invalid(nil, "", "It is empty: a Dovetail export is a JSON object with a \"data\" list of highlights.")
			}
			return nil
		}
		if err != nil {
			return dv.fail(err)
		}
		values++
		switch tok {
		case json.Delim('{'):
			err = dv.object(true)
		case json.Delim('['):
			err = dv.list()
		default:
			return rd.invalid(nil, "", "It is not a Dovetail export: a JSON object with a \"data\" list of highlights.")
		}
		if err != nil {
			return err
		}
	}
}

// fail turns a JSON decoding error into INVALID at the current entry. Errors that are
// already final (INVALID, or fn's) are returned by the walk as they are, never through
// fail.
func (dv *dovetailReader) fail(err error) error {
	where := fmt.Sprintf("byte %d", dv.dec.InputOffset())
	if dv.entry > 0 {
		where = fmt.Sprintf("highlight %d (%s)", dv.entry, where)
	}
	return dv.rd.invalid(err, where, "It is not valid Dovetail JSON (%v).", err)
}

// list reads an array of highlights, after its "[".
func (dv *dovetailReader) list() error {
	for dv.dec.More() {
		dv.entry++
		tok, err := dv.dec.Token()
		if err != nil {
			return dv.fail(err)
		}
		if tok != json.Delim('{') {
			return dv.fail(fmt.Errorf("a highlight must be a JSON object"))
		}
		if err := dv.object(false); err != nil {
			return err
		}
	}
	if _, err := dv.dec.Token(); err != nil { // "]"
		return dv.fail(err)
	}
	return nil
}

// object reads an object after its "{": a highlight, or (at the top) a page whose "data"
// is a list of highlights or one highlight. Its own highlight fields are emitted when it
// has text and no "data".
func (dv *dovetailReader) object(top bool) error {
	var h dovetailHighlight
	sawData := false
	for dv.dec.More() {
		tok, err := dv.dec.Token()
		if err != nil {
			return dv.fail(err)
		}
		key, _ := tok.(string)
		switch {
		case top && key == "data":
			sawData = true
			if err := dv.data(); err != nil {
				return err
			}
			continue
		case key == "id":
			err = dv.dec.Decode(&h.ID)
		case key == "text":
			err = dv.dec.Decode(&h.Text)
		case key == "created_at":
			err = dv.dec.Decode(&h.CreatedAt)
		case key == "tags":
			err = dv.dec.Decode(&h.Tags)
		default:
			err = skipJSON(dv.dec)
		}
		if err != nil {
			return dv.fail(err)
		}
	}
	if _, err := dv.dec.Token(); err != nil { // "}"
		return dv.fail(err)
	}
	if sawData || (top && h.Text == nil) {
		return nil
	}
	return dv.emit(h)
}

// data reads the value of "data": a list of highlights or one highlight.
func (dv *dovetailReader) data() error {
	tok, err := dv.dec.Token()
	if err != nil {
		return dv.fail(err)
	}
	switch tok {
	case json.Delim('['):
		return dv.list()
	case json.Delim('{'):
		dv.entry++
		return dv.object(false)
	case nil:
		return nil
	}
	return dv.fail(fmt.Errorf("\"data\" must be a list of highlights"))
}

func (dv *dovetailReader) emit(h dovetailHighlight) error {
	text := ""
	if h.Text != nil {
		text = *h.Text
	}
	var codes []string
	for _, t := range h.Tags {
		codes = append(codes, t.Title)
	}
	rec := Record{Origin: "dovetail", Text: text, Codes: codes, Date: strings.TrimSpace(h.CreatedAt)}
	return dv.rd.emit(rec, string(h.ID), text, h.CreatedAt)
}

// skipJSON reads past one JSON value, token by token, so that a large value we do not
// use is never held.
func skipJSON(dec *json.Decoder) error {
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		if depth == 0 {
			return nil
		}
	}
}
