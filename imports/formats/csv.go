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

// csvTable reads a CSV-shaped file one row at a time, as the csv format and the event
// log both do: separator, encodings, ragged rows and stray quotes as described above,
// and no row longer than maxEntryBytes.
type csvTable struct {
	guard *rowGuard
	cr    *csv.Reader
	// line is the line a read error after the current row is reported one past; the
	// caller sets it from cr.FieldPos as each format counts its rows.
	line int
}

// openCSV starts reading a CSV-shaped file and returns its header row; empty is what
// INVALID says of a file without one.
func openCSV(rd *reader, r io.ReaderAt, size int64, empty string) (*csvTable, []string, error) {
	guard := &rowGuard{r: io.NewSectionReader(r, 0, size)}
	br := bufio.NewReaderSize(textReader(guard), 64<<10)
	comma, err := csvSeparator(br)
	if err != nil {
		return nil, nil, rd.invalid(err, "line 1", "It could not be read.")
	}
	cr := csv.NewReader(br)
	cr.Comma, cr.FieldsPerRecord, cr.ReuseRecord, cr.LazyQuotes = comma, -1, true, true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, nil, rd.invalid(nil, "", "%s", empty)
	}
	if err != nil {
		return nil, nil, csvError(rd, 1, err)
	}
	return &csvTable{guard: guard, cr: cr, line: 1}, header, nil
}

// next reads the next row (reused by the following call): io.EOF after the last, and
// INVALID naming the line for a row that cannot be read.
func (t *csvTable) next(rd *reader) ([]string, error) {
	t.guard.n = 0
	row, err := t.cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, io.EOF
	}
	if err != nil {
		return nil, csvError(rd, t.line+1, err)
	}
	return row, nil
}

// cell is the trimmed value of the column cols maps role to, read as Windows-1252 where
// it is not UTF-8; empty when the file has no such column or the row is short.
func cell(row []string, cols map[string]int, role string) string {
	if i := cols[role]; i >= 0 && i < len(row) {
		return strings.TrimSpace(fromLegacy(row[i]))
	}
	return ""
}

func readCSV(rd *reader, r io.ReaderAt, size int64) error {
	m := rd.opt.CSV
	if strings.TrimSpace(m.Text) == "" {
		return rd.invalid(nil, "", "The CSV mapping must name the column that holds the text.")
	}
	t, header, err := openCSV(rd, r, size, "It is empty: a CSV file needs a header row.")
	if err != nil {
		return err
	}
	cols, err := csvColumns(rd, header, m)
	if err != nil {
		return err
	}
	sep := m.TagSeparator
	if sep == "" {
		sep = ";"
	}
	for {
		row, err := t.next(rd)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		t.line, _ = t.cr.FieldPos(len(row) - 1)
		field := func(name string) string { return cell(row, cols, name) }
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
// headerIndex maps each lower-cased header name to its first column, and lists the
// names as the file writes them, quoted, for the message about a missing column.
func headerIndex(header []string) (map[string]int, []string) {
	index := map[string]int{}
	var names []string
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(fromLegacy(h), "\uFEFF")))
		if _, dup := index[h]; !dup {
			index[h] = i
		}
		names = append(names, fmt.Sprintf("%q", strings.TrimSpace(fromLegacy(header[i]))))
	}
	return index, names
}

func csvColumns(rd *reader, header []string, m CSVMapping) (map[string]int, error) {
	index, names := headerIndex(header)
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
