// Package formats reads the evidence that project leads already hold in research tools:
// coded excerpts from a REFI-QDA project (NVivo, ATLAS.ti, MAXQDA, QualCoder), rows of a
// spreadsheet or a tool's CSV export, Dovetail highlights, Markdown notes with YAML front
// matter, and Glapp's own JSON Lines. It turns each piece into a Record, with personal
// data already replaced by markers, and tells which journey elements its codes point at.
//
// It is pure: it reads what it is given and stores nothing, so the store can make an
// import all or nothing. It must never hold a whole export in memory (a 50 MB CSV or
// QDPX), so every format is streamed, and it must never let a personal identity number,
// e-mail address or phone number out: every text, alias, code and origin passes
// personal.Redact before a Record leaves the package.
package formats

import (
	"archive/zip"
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/personal"
)

// Record is one piece of evidence read from an export, before it is stored.
type Record struct {
	// Origin is "<system>:<the record's own id>", or "<system>:sha256:<hex of content>"
	// when it has none (or when its id holds personal data). It is stable across
	// re-imports of the same file, so the store can key the record by it.
	Origin string
	// Text is the evidence itself, already redacted, trimmed, with "\n" line ends.
	Text string
	// Kind is quote unless the format says otherwise.
	Kind journeys.InsightKind
	// Status is optional.
	Status journeys.InsightStatus
	// Sentiment is optional, -2..2.
	Sentiment *int
	// Codes are the code or tag names the record carried, nested codes as
	// "Parent/Child" paths, each once. Links turns them into element references.
	Codes []string
	// Date is YYYY-MM-DD when the format says when the evidence was gathered.
	Date string
	// Source is the interview or workshop the record came from; its Origin is empty
	// when the format does not say.
	Source SourceRef
	// About holds the element ids a Glapp JSON Lines insight names itself; other
	// formats link through Codes.
	About []string
}

// SourceRef is the interview or workshop a record came from. Participants are kept by
// alias and role only.
type SourceRef struct {
	// Origin keys the source as Record.Origin keys a record: "<system>:<id>".
	Origin          string
	Kind            journeys.SourceKind
	Date            string
	ParticipantRole journeys.ParticipantRole
	// Alias is the participant's pseudonym (a case, a column, a front matter field),
	// redacted like every text. It is taken as the export has it: an alias that is a
	// real name stays a name, so exports should use pseudonyms.
	Alias string
}

// readers holds the reader of every evidence format in journeys.ImportFormats (an event
// log is read by ReadEvents), which holds the formats' other properties; TestEveryFormatHasAReader keeps the two in step.
var readers = map[journeys.ImportFormat]func(rd *reader, r io.ReaderAt, size int64) error{
	"refi-qda": readREFIQDA,
	"csv":      readCSV,
	"dovetail": readDovetail,
	"markdown": readMarkdown,
	"jsonl":    readJSONL,
}

// Options tune a Read.
type Options struct {
	// CSV says which columns of a CSV file hold what; only the csv format uses it.
	CSV CSVMapping
	// Now is the current time; dates after it are dropped as misread. Nil means
	// time.Now.
	Now func() time.Time
}

// CSVMapping names the columns of a CSV file, because every tool's export names them
// differently and changes them between versions. Column names match case-insensitively.
type CSVMapping struct {
	// Text is required; the others are optional.
	Text, Participant, Role, Date, Tags, Source, ID string
	// TagSeparator splits the Tags column; default ";".
	TagSeparator string
}

// Stats is what a Read found: the records it handed on, those it skipped and why, and
// the personal data it replaced in the records it handed on, by kind ("PNR",
// "SAMORDNINGSNUMMER", "RESERVNUMMER", "E-POST", "TELEFON"); a number in a source's alias
// counts once for each record of that source. It carries counts only, never values, so it
// can be logged.
type Stats struct {
	Records, Skipped int
	SkippedReasons   map[string]int
	Redactions       map[string]int
}

// Reasons a record is skipped. They are stable strings: import results show them.
const (
	SkipEmptyText       = "empty text"
	SkipTextTooLong     = "text longer than 20000 characters"
	SkipUnknownKind     = "unknown insight kind"
	SkipUnknownStatus   = "unknown insight status"
	SkipSentimentRange  = "sentiment outside -2..2"
	SkipNoSourceText    = "source text not in the export"
	SkipOutsideText     = "selection outside its source text"
	SkipNotTextSelected = "not a text selection (picture, audio, video or PDF region)"
	SkipNoteTooLarge    = "note larger than 4 MiB"
)

// maxTextRunes is the longest text an insight may hold (journeys validates the same).
const maxTextRunes = 20000

// maxEntryBytes bounds what is read of one note, one CSV row or one JSON line, so that a
// broken file (an unclosed quote) cannot make Read hold all of it.
const maxEntryBytes = 4 << 20

// Read streams the records of one export file in the given format to fn, in bounded
// memory: it never holds the whole file. Zip-based inputs (.qdpx, a zip of Markdown
// notes) need random access, hence an io.ReaderAt and its size; name is the file's name,
// used in messages and in content hashes.
//
// Unreadable input returns a *journeys.Error with code INVALID whose message names the
// file and the line or entry; a record that cannot be used (empty text, say) is skipped
// and counted in Stats. An error from fn or from ctx stops the read and is returned as it
// is. The Stats returned with an error count what was read before it.
func Read(ctx context.Context, format journeys.ImportFormat, r io.ReaderAt, size int64, name string, opt Options, fn func(Record) error) (Stats, error) {
	rd := &reader{ctx: ctx, name: name, opt: opt, fn: fn, stats: Stats{SkippedReasons: map[string]int{}, Redactions: map[string]int{}}}
	rd.now = time.Now()
	if opt.Now != nil {
		rd.now = opt.Now()
	}
	if r == nil || size < 0 {
		return rd.stats, journeys.Errorf(journeys.Invalid, "File %q could not be read.", name)
	}
	read, ok := readers[format]
	if format.Lived() {
		return rd.stats, journeys.Errorf(journeys.Internal, "format %q holds lived journeys: read it with ReadEvents", format)
	}
	if !ok {
		return rd.stats, UnknownFormat(format)
	}
	return rd.stats, read(rd, r, size)
}

// UnknownFormat is the error for a format that is not one of journeys.ImportFormats.
func UnknownFormat(format journeys.ImportFormat) error {
	return journeys.Errorf(journeys.Invalid, "Unknown import format %q; one of: %s.", format, journeys.FormatList(journeys.ImportFormatNames()))
}

// reader carries one Read's state to the format parsers.
type reader struct {
	ctx   context.Context
	name  string
	opt   Options
	now   time.Time
	fn    func(Record) error
	stats Stats
	ticks int
}

// invalid returns an INVALID error about the file, at a place ("line 12", "entry
// \"a.md\"") when one is known, keeping cause for logs.
func (rd *reader) invalid(cause error, where, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if where != "" {
		msg = fmt.Sprintf("File %q, %s: %s", rd.name, where, msg)
	} else {
		msg = fmt.Sprintf("File %q: %s", rd.name, msg)
	}
	return journeys.Wrap(journeys.Invalid, cause, msg)
}

// tick checks for cancellation now and then, for loops that do not emit records.
func (rd *reader) tick() error {
	rd.ticks++
	if rd.ticks%256 == 0 {
		return rd.ctx.Err()
	}
	return nil
}

func (rd *reader) skip(reason string) {
	rd.stats.Skipped++
	rd.stats.SkippedReasons[reason]++
}

// emit finishes rec and hands it to fn, or counts it as skipped. rec.Origin holds the
// system name ("csv"); id is the record's own id in it, or empty; hashParts are what
// identifies the record when it has no usable id (they are redacted before hashing, so
// no digest is ever computed over personal data).
func (rd *reader) emit(rec Record, id string, hashParts ...string) error {
	if err := rd.ctx.Err(); err != nil {
		return err
	}
	red := map[string]int{}
	redact := func(s string) string {
		out, counts := personal.Redact(s)
		for k, n := range counts {
			red[k] += n
		}
		return out
	}
	rec.Text = redact(cleanText(rec.Text))
	switch {
	case rec.Text == "":
		rd.skip(SkipEmptyText)
		return nil
	case utf8.RuneCountInString(rec.Text) > maxTextRunes:
		rd.skip(SkipTextTooLong)
		return nil
	}
	if reason := checkEnums(&rec); reason != "" {
		rd.skip(reason)
		return nil
	}
	rec.Codes = cleanList(rec.Codes, redact)
	rec.About = cleanList(rec.About, redact)
	rec.Date = normDate(rec.Date, rd.now)
	rec.Source = rd.finishSource(rec.Source, redact)
	system := rec.Origin
	id = strings.TrimSpace(id)
	if safe, _ := personal.Redact(id); id == "" || safe != id || len(id) > 200 || strings.ContainsFunc(id, isControl) {
		for i, p := range hashParts {
			hashParts[i], _ = personal.Redact(cleanText(p))
		}
		rec.Origin = system + ":sha256:" + digest(hashParts...)
	} else {
		rec.Origin = system + ":" + id
	}
	if err := rd.fn(rec); err != nil {
		return err
	}
	rd.stats.Records++
	for k, n := range red {
		rd.stats.Redactions[k] += n
	}
	return nil
}

// checkEnums defaults and checks rec's kind, status and sentiment, and returns why the
// record cannot be used, or "".
func checkEnums(rec *Record) string {
	if rec.Kind == "" {
		rec.Kind = journeys.InsightQuote
	}
	switch {
	case !slices.Contains(journeys.InsightKinds, rec.Kind):
		return SkipUnknownKind
	case rec.Status != "" && !slices.Contains(journeys.InsightStatuses, rec.Status):
		return SkipUnknownStatus
	case rec.Sentiment != nil && (*rec.Sentiment < -2 || *rec.Sentiment > 2):
		return SkipSentimentRange
	}
	return ""
}

// finishSource redacts and normalises a record's source. Its origin is "<system>:<id>"
// with the id redacted: two sources whose names differ only in a personal number share
// an origin, a price paid so that no digest of personal data is ever made.
func (rd *reader) finishSource(src SourceRef, redact func(string) string) SourceRef {
	src.Alias = redact(strings.Join(strings.Fields(cleanText(src.Alias)), " "))
	src.Date = normDate(src.Date, rd.now)
	if !slices.Contains(journeys.ParticipantRoles, src.ParticipantRole) {
		src.ParticipantRole = ""
	}
	if src.Origin == "" {
		return SourceRef{}
	}
	system, id, _ := strings.Cut(src.Origin, ":")
	if id, _ = personal.Redact(cleanText(id)); len(id) > 200 {
		id = "sha256:" + digest(id)
	}
	src.Origin = system + ":" + id
	if src.Kind == "" || !slices.Contains(journeys.SourceKinds, src.Kind) {
		src.Kind = journeys.SourceInterview
	}
	return src
}

// cleanList trims, redacts and de-duplicates a list, keeping its order; nil when nothing
// is left.
func cleanList(in []string, redact func(string) string) []string {
	var out []string
	for _, s := range in {
		s = redact(strings.Join(strings.Fields(cleanText(s)), " "))
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// cleanText makes s valid UTF-8 with "\n" line ends, without byte order marks or NULs,
// and trims it.
func cleanText(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if strings.ContainsAny(s, "\r\x00\uFEFF") {
		s = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\x00", "", "\uFEFF", "").Replace(s)
	}
	return strings.TrimSpace(s)
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f }

// digest is the hex SHA-256 of parts joined by a unit separator.
func digest(parts ...string) string {
	h := sha256.New()
	for i, p := range parts {
		if i > 0 {
			h.Write([]byte{0x1f})
		}
		h.Write([]byte(p))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// dateLayouts are the ways exports write a date, tried in order. Layouts where the day
// and the month could be swapped ("3/4/2026") are left out: a wrong date is worse than
// none.
var dateLayouts = []string{
	time.DateOnly, time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05",
	"2006-01-02 15:04", "2006-01-02T15:04:05.999999-07:00", "2006/01/02", "2.1.2006", "02.01.2006",
}

// normDate returns s as YYYY-MM-DD, or "" when s is not a date in a known layout or lies
// after now (a misread).
func normDate(s string, now time.Time) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
			if day.After(now.AddDate(0, 0, 1)) || t.Year() < 1900 {
				return ""
			}
			return day.Format(time.DateOnly)
		}
	}
	return ""
}

// roleWords maps how exports name a participant's role, in English and Swedish, to a
// ParticipantRole.
var roleWords = map[string]journeys.ParticipantRole{
	"patient": journeys.RolePatient, "client": journeys.RolePatient, "klient": journeys.RolePatient,
	"brukare": journeys.RolePatient, "user": journeys.RolePatient, "person": journeys.RolePatient,
	"relative": journeys.RoleRelative, "anhörig": journeys.RoleRelative, "närstående": journeys.RoleRelative,
	"förälder": journeys.RoleRelative, "parent": journeys.RoleRelative, "family": journeys.RoleRelative,
	"staff": journeys.RoleStaff, "personal": journeys.RoleStaff, "medarbetare": journeys.RoleStaff,
	"professional": journeys.RoleStaff, "vårdpersonal": journeys.RoleStaff, "handläggare": journeys.RoleStaff,
	"other": journeys.RoleOther, "annan": journeys.RoleOther, "övrig": journeys.RoleOther,
}

// parseRole reads a role; any other non-empty value is "other", since a role was given.
func parseRole(s string) journeys.ParticipantRole {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return ""
	}
	if r, ok := roleWords[s]; ok {
		return r
	}
	return journeys.RoleOther
}

// sourceKindWords maps how exports name a source's kind, in English and Swedish.
var sourceKindWords = map[string]journeys.SourceKind{
	"interview": journeys.SourceInterview, "intervju": journeys.SourceInterview,
	"workshop": journeys.SourceWorkshop, "focus group": journeys.SourceWorkshop, "fokusgrupp": journeys.SourceWorkshop,
	"survey": journeys.SourceSurvey, "enkät": journeys.SourceSurvey,
	"observation": journeys.SourceObservation,
	"document":    journeys.SourceDocument, "dokument": journeys.SourceDocument,
}

// parseSourceKind reads a source kind; "" (interview, the default) when it is unknown.
func parseSourceKind(s string) journeys.SourceKind {
	return sourceKindWords[strings.ToLower(strings.TrimSpace(s))]
}

// isZip reports whether r starts like a zip archive.
func isZip(r io.ReaderAt, size int64) bool {
	var magic [4]byte
	if size < 4 {
		return false
	}
	if _, err := r.ReadAt(magic[:], 0); err != nil {
		return false
	}
	return string(magic[:]) == "PK\x03\x04" || string(magic[:]) == "PK\x05\x06"
}

// openZip opens a zip archive; only its central directory is read into memory.
func (rd *reader) openZip(r io.ReaderAt, size int64) (*zip.Reader, error) {
	z, err := zip.NewReader(r, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, rd.invalid(err, "", "It is not a readable zip archive.")
	}
	return z, nil
}

// junkEntry reports whether a zip entry is an operating system's by-product rather than
// content: macOS's "__MACOSX/" resource forks and "._" files, Finder's ".DS_Store",
// Obsidian's settings folder.
func junkEntry(name string) bool {
	base := path.Base(name)
	return strings.HasPrefix(name, "__MACOSX/") || strings.HasPrefix(base, "._") || base == ".DS_Store" ||
		strings.HasPrefix(name, ".obsidian/") || strings.Contains(name, "/.obsidian/") || strings.HasSuffix(name, "/")
}

// textReader decodes a text stream to UTF-8: it drops a UTF-8 byte order mark and
// transcodes UTF-16 (which Excel's "Unicode text" and some Windows tools write) when a
// byte order mark says so. Anything else passes as it is; fields that are not valid
// UTF-8 are then read as Windows-1252 (see fromLegacy).
func textReader(r io.Reader) io.Reader {
	br := bufio.NewReaderSize(r, 64<<10)
	bom, _ := br.Peek(3)
	switch {
	case len(bom) >= 3 && bom[0] == 0xEF && bom[1] == 0xBB && bom[2] == 0xBF:
		br.Discard(3)
	case len(bom) >= 2 && (bom[0] == 0xFF && bom[1] == 0xFE || bom[0] == 0xFE && bom[1] == 0xFF):
		br.Discard(2)
		return &utf16Reader{r: br, big: bom[0] == 0xFE}
	}
	return br
}

// utf16Reader transcodes UTF-16 to UTF-8 as it is read.
type utf16Reader struct {
	r       *bufio.Reader
	big     bool
	pending []byte
	err     error
}

func (u *utf16Reader) unit() (uint16, bool) {
	var b [2]byte
	if _, err := io.ReadFull(u.r, b[:]); err != nil {
		u.err = err
		if errors.Is(err, io.ErrUnexpectedEOF) {
			u.err = io.EOF
		}
		return 0, false
	}
	if u.big {
		return uint16(b[0])<<8 | uint16(b[1]), true
	}
	return uint16(b[1])<<8 | uint16(b[0]), true
}

func (u *utf16Reader) Read(p []byte) (int, error) {
	for len(u.pending) < len(p) && u.err == nil {
		c, ok := u.unit()
		if !ok {
			break
		}
		r := rune(c)
		if utf16.IsSurrogate(r) {
			if c2, ok := u.unit(); ok {
				r = utf16.DecodeRune(r, rune(c2))
			} else {
				r = utf8.RuneError
			}
		}
		u.pending = utf8.AppendRune(u.pending, r)
	}
	n := copy(p, u.pending)
	u.pending = u.pending[n:]
	if n == 0 && u.err != nil {
		return 0, u.err
	}
	return n, nil
}

// cp1252 holds the Windows-1252 characters of bytes 0x80-0x9F; the other bytes above 0x7F
// are Latin-1.
var cp1252 = [32]rune{
	'€', '\uFFFD', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\uFFFD', 'Ž', '\uFFFD',
	'\uFFFD', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\uFFFD', 'ž', 'Ÿ',
}

// fromLegacy reads s as Windows-1252 when it is not valid UTF-8: Swedish Excel's "CSV
// (semikolonavgränsad)" writes that, so "å" arrives as the single byte 0xE5.
func fromLegacy(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x80:
			b.WriteByte(c)
		case c < 0xA0:
			b.WriteRune(cp1252[c-0x80])
		default:
			b.WriteRune(rune(c))
		}
	}
	return b.String()
}
