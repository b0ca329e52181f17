package formats

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// CSV: a header row, then one record per row; Options.CSV names the columns, because
// every tool names them differently. Real files differ from RFC 4180 in ways we accept:
//
//   - Swedish Excel separates with ";" (the comma is the decimal sign) and, in its "CSV
//     (semikolonavgränsad)", writes Windows-1252, not UTF-8; its "CSV UTF-8" starts with
//     a byte order mark and its "Unicode text" is UTF-16 with tabs. We detect the
//     separator from the header line (";", "," or tab, whichever occurs most outside
//     quotes), honour Excel's "sep=;" first line, drop a UTF-8 byte order mark, transcode
//     UTF-16, and read a field that is not valid UTF-8 as Windows-1252.
//   - Rows may have fewer or more fields than the header; missing fields are empty.
//   - Stray quotes inside unquoted fields are taken literally.
//
// Origin is "csv:<ID column>" when the mapping names an ID column, else
// "csv:sha256:<hash of the row's text, participant and date>" (redacted first). The
// source is the Source column's value, or, without one, the participant.
//
// Memory: rows are read one at a time (csv.Reader with ReuseRecord); a row longer than
// 4 MiB (an unclosed quote swallowing the file) stops the read with INVALID.

// errRowTooLong stops a CSV row that would not end.
var errRowTooLong = errors.New("row longer than 4 MiB")

// rowGuard counts the bytes read for the current row and refuses to read past
// maxEntryBytes of it.
type rowGuard struct {
	r io.Reader
	n int
}

func (g *rowGuard) Read(p []byte) (int, error) {
	if g.n > maxEntryBytes {
		return 0, errRowTooLong
	}
	n, err := g.r.Read(p)
	g.n += n
	return n, err
}

func readCSV(rd *reader, r io.ReaderAt, size int64) error {
	m := rd.opt.CSV
	if strings.TrimSpace(m.Text) == "" {
		return rd.invalid(nil, "", "The CSV mapping must name the column that holds the text.")
	}
	guard := &rowGuard{r: io.NewSectionReader(r, 0, size)}
	br := bufio.NewReaderSize(textReader(guard), 64<<10)
	comma, err := csvSeparator(br)
	if err != nil {
		return rd.invalid(err, "line 1", "It could not be read.")
	}
	cr := csv.NewReader(br)
	cr.Comma, cr.FieldsPerRecord, cr.ReuseRecord, cr.LazyQuotes = comma, -1, true, true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return rd.invalid(nil, "", "It is empty: a CSV file needs a header row.")
	}
	if err != nil {
		return csvError(rd, 1, err)
	}
	cols, err := csvColumns(rd, header, m)
	if err != nil {
		return err
	}
	sep := m.TagSeparator
	if sep == "" {
		sep = ";"
	}
	line := 1
	for {
		guard.n = 0
		row, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return csvError(rd, line+1, err)
		}
		line, _ = cr.FieldPos(len(row) - 1)
		field := func(name string) string {
			if i := cols[name]; i >= 0 && i < len(row) {
				return strings.TrimSpace(fromLegacy(row[i]))
			}
			return ""
		}
		text, participant, date := field("text"), field("participant"), field("date")
		var tags []string
		if t := field("tags"); t != "" {
			tags = strings.Split(t, sep)
		}
		src := SourceRef{Alias: participant, Date: date, ParticipantRole: parseRole(field("role"))}
		switch s := field("source"); {
		case s != "":
			src.Origin = "csv:" + s
		case participant != "":
			src.Origin = "csv:participant:" + participant
		}
		rec := Record{Origin: "csv", Text: text, Codes: tags, Date: date, Source: src}
		if err := rd.emit(rec, field("id"), text, participant, date); err != nil {
			return err
		}
	}
}

// csvSeparator picks the separator from the header line: Excel's "sep=X" line if there
// is one (it is consumed), else whichever of ";", "," and tab occurs most outside quotes
// (a comma on a tie, and for a one-column file).
func csvSeparator(br *bufio.Reader) (rune, error) {
	head, err := br.Peek(64 << 10)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return 0, err
	}
	line := string(head)
	if i := strings.IndexAny(line, "\r\n"); i >= 0 {
		line = line[:i]
	}
	if len(line) == 5 && strings.HasPrefix(strings.ToLower(line), "sep=") {
		br.ReadString('\n')
		return rune(line[4]), nil
	}
	counts := map[rune]int{}
	quoted := false
	for _, c := range string(head) {
		if c == '"' {
			quoted = !quoted
		}
		if !quoted && (c == '\n' || c == '\r') {
			break
		}
		if !quoted {
			counts[c]++
		}
	}
	best := ','
	for _, c := range []rune{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best, nil
}

// csvColumns maps the mapping's roles ("text", "participant", ...) to header positions
// (-1 for roles the mapping leaves out), and refuses a mapping that names a column the
// header does not have.
func csvColumns(rd *reader, header []string, m CSVMapping) (map[string]int, error) {
	index := map[string]int{}
	var names []string
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(fromLegacy(h), "\uFEFF")))
		if _, dup := index[h]; !dup {
			index[h] = i
		}
		names = append(names, fmt.Sprintf("%q", strings.TrimSpace(fromLegacy(header[i]))))
	}
	cols := map[string]int{}
	var missing []string
	for role, name := range map[string]string{"text": m.Text, "participant": m.Participant, "role": m.Role,
		"date": m.Date, "tags": m.Tags, "source": m.Source, "id": m.ID} {
		cols[role] = -1
		if name = strings.TrimSpace(name); name == "" {
			continue
		}
		i, ok := index[strings.ToLower(name)]
		if !ok {
			missing = append(missing, fmt.Sprintf("%q", name))
			continue
		}
		cols[role] = i
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		return nil, rd.invalid(nil, "line 1", "The header has no column %s; it has %s.", strings.Join(missing, ", "), strings.Join(names, ", "))
	}
	return cols, nil
}

// csvError turns a CSV reading error into INVALID at the row's line; line is where the
// row that failed starts, as far as is known.
func csvError(rd *reader, line int, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		line = pe.StartLine
	}
	where := fmt.Sprintf("line %d", line)
	if errors.Is(err, errRowTooLong) {
		return rd.invalid(err, where, "The row is longer than 4 MiB; is a quote left open?")
	}
	return rd.invalid(err, where, "The row could not be read (%v).", err)
}
