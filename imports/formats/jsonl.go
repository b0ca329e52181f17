package formats

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/glapp/glapp/journeys"
)

// Glapp's own evidence as JSON Lines: one JSON object per line, either a source or an
// insight, with the fields the journey model gives them (docs: journeys.Source,
// journeys.Insight) and a "type":
//
//	{"type":"source","id":"int-03","kind":"interview","date":"2026-03-14","participantRole":"patient","pseudonym":"Deltagare 3"}
//	{"type":"insight","id":"i1","text":"Jag fick ett telefonnummer ...","kind":"quote","status":"validated","sentiment":-2,"source":"int-03","tags":["väntan"],"about":["h1"],"codes":["handover:h1"]}
//
// An insight's "codes" (an addition to the model's fields) are code names to link, as
// in the other formats; its "tags" are codes too, and its "about" ids are passed on in
// Record.About. A source's "version" and "updatedAt" (server fields of an export) are
// accepted and ignored. Lines are decoded strictly: an unknown field, a wrong type or an
// unknown "type" makes the file INVALID, naming the line, because a file of our own
// format that does not fit it was not written by us. Blank lines are passed over.
//
// Origin is "jsonl:<id>". An insight's source is the source line with its id, wherever in
// the file that line is; an insight may name a source the file does not describe. An
// insight has no date of its own: the record takes its source's.
//
// Memory: the file is read twice, a line at a time (at most 4 MiB each): once for the
// sources, which are small and few, once for the insights.

type jsonlSource struct {
	Type string `json:"type"`
	journeys.Source
}

type jsonlInsight struct {
	Type string `json:"type"`
	journeys.Insight
	Codes []string `json:"codes"`
}

func readJSONL(rd *reader, r io.ReaderAt, size int64) error {
	sources := map[string]SourceRef{}
	err := eachJSONLine(rd, r, size, func(line int, kind string, data []byte) error {
		if kind != "source" {
			return nil
		}
		var s jsonlSource
		if err := strictJSON(data, &s); err != nil {
			return rd.invalid(err, fmt.Sprintf("line %d", line), "It is not a Glapp source (%v).", err)
		}
		sources[s.ID] = SourceRef{Origin: "jsonl:" + s.ID, Kind: s.Kind, Date: s.Date, ParticipantRole: s.ParticipantRole, Alias: s.Pseudonym}
		return nil
	})
	if err != nil {
		return err
	}
	return eachJSONLine(rd, r, size, func(line int, kind string, data []byte) error {
		if kind != "insight" {
			return nil
		}
		var in jsonlInsight
		if err := strictJSON(data, &in); err != nil {
			return rd.invalid(err, fmt.Sprintf("line %d", line), "It is not a Glapp insight (%v).", err)
		}
		src, ok := sources[in.Source]
		if !ok && in.Source != "" {
			src = SourceRef{Origin: "jsonl:" + in.Source}
		}
		rec := Record{Origin: "jsonl", Text: in.Text, Kind: in.Kind, Status: in.Status, Sentiment: in.Sentiment,
			Codes: append(in.Codes, in.Tags...), About: in.About, Date: src.Date, Source: src}
		return rd.emit(rec, in.ID, in.Text)
	})
}

// eachJSONLine calls fn with every non-blank line, its number and its "type".
func eachJSONLine(rd *reader, r io.ReaderAt, size int64, fn func(line int, kind string, data []byte) error) error {
	br := bufio.NewReaderSize(textReader(io.NewSectionReader(r, 0, size)), 64<<10)
	for line := 1; ; line++ {
		data, err := readLine(br)
		if errors.Is(err, io.EOF) && len(data) == 0 {
			return nil
		}
		where := fmt.Sprintf("line %d", line)
		if errors.Is(err, errLineTooLong) {
			return rd.invalid(err, where, "The line is longer than 4 MiB.")
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return rd.invalid(err, where, "It could not be read.")
		}
		if data = bytes.TrimSpace(data); len(data) == 0 {
			continue
		}
		var probe struct {
			Type string `json:"type"`
		}
		if err := json.Unmarshal(data, &probe); err != nil {
			return rd.invalid(err, where, "It is not a JSON object (%v).", err)
		}
		if probe.Type != "source" && probe.Type != "insight" {
			return rd.invalid(nil, where, "Its \"type\" is %q; it must be \"source\" or \"insight\".", truncate(probe.Type, 40))
		}
		if err := fn(line, probe.Type, data); err != nil {
			return err
		}
		if err := rd.tick(); err != nil {
			return err
		}
	}
}

var errLineTooLong = errors.New("line longer than 4 MiB")

// readLine reads one line (without its "\n"), refusing lines over maxEntryBytes.
func readLine(br *bufio.Reader) ([]byte, error) {
	var line []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if len(line)+len(chunk) > maxEntryBytes {
			return nil, errLineTooLong
		}
		line = append(line, chunk...)
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return bytes.TrimSuffix(line, []byte("\n")), err
	}
}

// strictJSON decodes one JSON value into v, refusing unknown fields and trailing data.
func strictJSON(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errors.New("more than one JSON value on the line")
	}
	return nil
}
