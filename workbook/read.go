package workbook

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/personal"
	"github.com/xuri/excelize/v2"
)

// TooLargeError says a workbook unpacks to more than the reader takes, or holds more
// rows than MaxRows: the HTTP layer answers 413, like a body over its limit.
type TooLargeError struct{ Message string }

func (e *TooLargeError) Error() string { return e.Message }

// maxParts bounds the files in the zip container; a workbook holds a few dozen.
const maxParts = 1_000

// maxCells bounds the cells read from all sheets, empty ones before a filled one
// included: a row with one cell far to the right reads as that many cells, so the bound
// keeps a small workbook from costing gigabytes. The largest journey the stores take at
// their default limits (journeys.DefaultLimits) reads as about 230,000.
const maxCells = 300_000

// Read reads an .xlsx workbook into the journey document a JSON PUT would send, with the
// version the workbook was exported at (JSON PUT ignores it; a client may send it as
// If-Match). maxUnzipped bounds the bytes the workbook unpacks to, checked before
// anything is unpacked. Sheets and headers are found in Swedish or English; other sheets
// and the sources sheet are not read. An actor row goes into the document's actors when
// its "I resan" cell says ja or when the journey refers to it.
//
// The Locator it returns places the document's JSON pointers in the workbook; a refusal
// to read carries violations with both already.
func Read(data []byte, maxUnzipped int64) (*journeys.Journey, *Locator, error) {
	if err := checkZip(data, maxUnzipped); err != nil {
		return nil, nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: maxUnzipped, RawCellValue: true})
	if err != nil {
		return nil, nil, notAWorkbook()
	}
	defer f.Close()
	r := &reader{f: f, loc: &Locator{names: map[string]string{}, rows: map[string][]int{}, cols: map[string]map[string]string{}, fieldRows: map[string]int{}, nested: map[string]int{}}}
	r.findSheets()
	doc := map[string]any{}
	var actors []map[string]any
	var carried []bool
	var actorRows []int
	nested := map[string][]map[string]any{}
	for i := range sheets {
		s := &sheets[i]
		if s.readOnly {
			continue
		}
		if s.key == keyJourney {
			if err := r.readFields(s, doc); err != nil {
				return nil, nil, err
			}
			continue
		}
		rows, marks, err := r.readTable(s)
		if err != nil {
			return nil, nil, err
		}
		if s.key == keyActors {
			actors, carried, actorRows = rows, marks, r.loc.rows[keyActors]
			continue
		}
		if s.within != "" {
			nested[s.key] = rows
			continue
		}
		doc[s.key] = rows
	}
	// Offers go onto the actors they name, so that they leave with their actor.
	owners := r.attach(sheetByKey(keyOffers), actors, nested[keyOffers])
	// The document carries the actors marked as in the journey and those it refers to,
	// in the order of the sheet.
	refs := referenced(doc, actors)
	docActors := []any{}
	var rowsOfCarried []int
	for i, a := range actors {
		id, _ := a["id"].(string)
		if carried[i] || refs[id] {
			for k, row := range owners[i] {
				r.loc.nested[fmt.Sprintf("/%s/%d/%s/%d", keyActors, len(docActors), keyOffers, k)] = row
			}
			docActors = append(docActors, a)
			rowsOfCarried = append(rowsOfCarried, actorRows[i])
		}
	}
	doc[keyActors] = docActors
	r.loc.rows[keyActors] = rowsOfCarried
	if len(r.violations) > 0 {
		return nil, nil, journeys.InvalidError("The workbook is not a valid journey; nothing was stored.", r.violations)
	}
	body, err := json.Marshal(doc)
	if err != nil {
		return nil, nil, err
	}
	var j journeys.Journey
	if err := journeys.DecodeStrict(body, &j); err != nil {
		return nil, nil, r.loc.Locate(err)
	}
	return &j, r.loc, nil
}

// checkZip refuses data that is not a zip container, or whose parts would unpack to more
// than maxUnzipped bytes in all (archive/zip refuses a part that unpacks to more than
// its header says, so the headers bound the work), before any of it is unpacked.
func checkZip(data []byte, maxUnzipped int64) error {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return notAWorkbook()
	}
	if len(z.File) > maxParts {
		return &TooLargeError{fmt.Sprintf("The workbook holds more than %d parts.", maxParts)}
	}
	var total uint64
	for _, zf := range z.File {
		total += zf.UncompressedSize64
		if total > uint64(maxUnzipped) {
			return &TooLargeError{fmt.Sprintf("The workbook unpacks to more than the limit of %d bytes.", maxUnzipped)}
		}
	}
	return nil
}

func notAWorkbook() error {
	return journeys.InvalidError("The body is not an .xlsx workbook.", nil)
}

// reader reads one workbook, collecting violations.
type reader struct {
	f          *excelize.File
	loc        *Locator
	lang       string
	cells      int // read so far, against maxCells
	violations []journeys.Violation
}

// findSheets finds each sheet of the table by its Swedish or English name, and the
// language of the workbook by the first one found.
func (r *reader) findSheets() {
	present := map[string]string{}
	for _, n := range r.f.GetSheetList() {
		present[strings.ToLower(strings.TrimSpace(n))] = n
	}
	for _, s := range sheets {
		for _, lang := range []string{"sv", "en"} {
			if n, ok := present[strings.ToLower(s.name(lang))]; ok {
				r.loc.names[s.key] = n
				if r.lang == "" {
					r.lang = lang
				}
				break
			}
		}
	}
	if r.lang == "" {
		r.lang = "sv"
	}
	for _, s := range sheets {
		if _, ok := r.loc.names[s.key]; !ok {
			r.loc.names[s.key] = s.name(r.lang)
		}
	}
}

// rows returns the cells of sheet key, row by row, refusing more than MaxRows+1.
func (r *reader) rows(key string) ([][]string, error) {
	it, err := r.f.Rows(r.loc.names[key])
	if err != nil {
		return nil, nil // no such sheet: nothing in it
	}
	defer it.Close()
	var out [][]string
	for it.Next() {
		if len(out) > MaxRows {
			return nil, &TooLargeError{fmt.Sprintf("The sheet %q has more than %d rows.", r.loc.names[key], MaxRows)}
		}
		cells, err := it.Columns()
		if err != nil {
			return nil, notAWorkbook()
		}
		if r.cells += len(cells) + 1; r.cells > maxCells {
			return nil, &TooLargeError{fmt.Sprintf("The workbook holds more than %d cells.", maxCells)}
		}
		out = append(out, cells)
	}
	if it.Error() != nil {
		return nil, notAWorkbook()
	}
	return out, nil
}

// match finds the column of s whose header (in either language) is h.
func match(s *sheet, h string) *column {
	h = strings.ToLower(strings.TrimSpace(h))
	for i := range s.columns {
		c := &s.columns[i]
		if strings.ToLower(c.sv) == h || strings.ToLower(c.en) == h {
			return c
		}
	}
	return nil
}

// readFields reads the journey's own fields from label and value rows.
func (r *reader) readFields(s *sheet, doc map[string]any) error {
	rows, err := r.rows(s.key)
	if err != nil {
		return err
	}
	name := r.loc.names[s.key]
	seen := map[string]bool{}
	for i, cells := range rows {
		row := i + 1
		label, value := cell(cells, 0), cell(cells, 1)
		if strings.TrimSpace(label) == "" {
			if !blank(cells) {
				r.add(name, cellName(1, row), "", "A value needs a field name in column A.")
			}
			continue
		}
		c := match(s, label)
		if c == nil {
			r.add(name, cellName(1, row), "", fmt.Sprintf("%q is no field of a journey.", echo(label)))
			continue
		}
		if seen[c.path] {
			r.add(name, cellName(1, row), "", fmt.Sprintf("%q is given twice.", echo(label)))
			continue
		}
		seen[c.path] = true
		r.loc.fieldRows[c.path] = row
		r.set(doc, c, value, name, cellName(2, row), "/"+c.path)
	}
	return nil
}

// readTable reads the rows of a table sheet under its header row, skipping empty rows,
// and returns them with the carried flag of each (actors only). It notes the row of each
// element and the column of each path in the Locator.
func (r *reader) readTable(s *sheet) ([]map[string]any, []bool, error) {
	rows, err := r.rows(s.key)
	if err != nil {
		return nil, nil, err
	}
	name := r.loc.names[s.key]
	out := []map[string]any{}
	var marks []bool
	if len(rows) == 0 {
		return out, marks, nil
	}
	byIndex := map[int]*column{}
	cols := map[string]string{}
	for i, h := range rows[0] {
		if strings.TrimSpace(h) == "" {
			continue
		}
		c := match(s, h)
		switch {
		case c == nil:
			r.add(name, cellName(i+1, 1), "", fmt.Sprintf("%q is no column of this sheet.", echo(h)))
			continue
		case cols[c.path] != "":
			r.add(name, cellName(i+1, 1), "", fmt.Sprintf("The column %q is given twice.", echo(h)))
			continue
		}
		byIndex[i] = c
		cols[c.path] = colName(i + 1)
	}
	r.loc.cols[s.key] = cols
	for ri, cells := range rows[1:] {
		row := ri + 2
		if blank(cells) {
			continue
		}
		idx := len(out)
		m := map[string]any{}
		carried := false
		for i, v := range cells {
			c := byIndex[i]
			if c == nil {
				if strings.TrimSpace(v) != "" {
					r.add(name, cellName(i+1, row), "", "This cell has no column header.")
				}
				continue
			}
			ref := cellName(i+1, row)
			if c.path == carriedPath {
				b, ok := r.parseBool(v, name, ref, "")
				carried = ok && b != nil && *b
				continue
			}
			// A nested row's place in the document is known only once its owner is
			// (see attach); its cells are text and lists, which always convert.
			pointer := ""
			if s.within == "" {
				pointer = fmt.Sprintf("/%s/%d/%s", s.key, idx, c.path)
			}
			r.set(m, c, v, name, ref, pointer)
		}
		out = append(out, m)
		marks = append(marks, carried)
		r.loc.rows[s.key] = append(r.loc.rows[s.key], row)
	}
	return out, marks, nil
}

// attach puts each row of nested sheet s into the list member s.key of the parent row
// its owner column names, in the order of the sheet, and returns, by parent, the index of
// each of its rows on s. A row that names no parent on the parent sheet is a violation at
// its owner cell.
func (r *reader) attach(s *sheet, parents, rows []map[string]any) map[int][]int {
	byID := map[string]int{}
	for i, p := range parents {
		if id, ok := p["id"].(string); ok {
			if _, dup := byID[id]; !dup {
				byID[id] = i
			}
		}
	}
	parentName := r.loc.names[s.within]
	out := map[int][]int{}
	for k, row := range rows {
		owner, _ := row[ownerPath].(string)
		owner = strings.TrimSpace(owner)
		delete(row, ownerPath)
		i, ok := byID[owner]
		if !ok {
			cell := r.loc.Cell(fmt.Sprintf("/%s/%d/%s", s.key, k, ownerPath))
			detail := fmt.Sprintf("Must name an id on the sheet %s.", parentName)
			if owner != "" {
				detail = fmt.Sprintf("%q is not on the sheet %s.", echo(owner), parentName)
			}
			r.violations = append(r.violations, journeys.Violation{Cell: cell, Detail: detail})
			continue
		}
		list, _ := parents[i][s.key].([]any)
		parents[i][s.key] = append(list, row)
		out[i] = append(out[i], k)
	}
	return out
}

// set converts one cell by its column's kind and puts it at the column's path in m;
// a cell it cannot convert is a violation.
func (r *reader) set(m map[string]any, c *column, v, sheetName, ref, pointer string) {
	var val any
	switch c.kind {
	case text:
		if v == "" {
			return
		}
		val = v
	case nullable:
		if strings.TrimSpace(v) == "" {
			val = nil
		} else {
			val = v
		}
	case integer, number:
		if strings.TrimSpace(v) == "" {
			if c.kind == integer {
				return
			}
			val = 0
			break
		}
		n, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil || n != math.Trunc(n) || math.Abs(n) > 1e9 {
			r.add(sheetName, ref, pointer, "Must be a whole number.")
			return
		}
		val = int64(n)
	case flag, triState:
		b, ok := r.parseBool(v, sheetName, ref, pointer)
		if !ok {
			return
		}
		if b == nil {
			if c.kind == flag {
				return
			}
			val = nil
		} else {
			val = *b
		}
	case list:
		items := splitList(v)
		if len(items) == 0 {
			return
		}
		val = items
	}
	if c.path == versionPath {
		if n, ok := val.(int64); ok {
			m[versionPath] = n
		}
		return
	}
	put(m, c.path, val)
}

// parseBool reads ja/nej (yes/no, true/false); empty is nil.
func (r *reader) parseBool(v, sheetName, ref, pointer string) (*bool, bool) {
	t, f := true, false
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "":
		return nil, true
	case "ja", "yes", "true", "sant", "1", "x":
		return &t, true
	case "nej", "no", "false", "falskt", "0":
		return &f, true
	}
	r.add(sheetName, ref, pointer, fmt.Sprintf("Must be %s, %s or empty.", yes[r.lang], no[r.lang]))
	return nil, false
}

// add records a violation at a cell.
func (r *reader) add(sheetName, ref, pointer, detail string) {
	r.violations = append(r.violations, journeys.Violation{Pointer: pointer, Cell: cellRef(sheetName, ref), Detail: detail})
}

// echo is a header as a refusal may quote it: redacted, and cut to 60 characters.
func echo(s string) string {
	s, _ = personal.Redact(s)
	if r := []rune(s); len(r) > 60 {
		s = string(r[:60]) + "…"
	}
	return s
}

// splitList splits a list cell: by lines when it has more than one, else by commas.
func splitList(v string) []string {
	sep := ","
	if strings.Contains(strings.TrimRight(v, "\n"), "\n") {
		sep = "\n"
	}
	var out []string
	for _, p := range strings.Split(v, sep) {
		if sep == "," {
			p = strings.TrimSpace(p)
		}
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// put sets the value at a "/"-separated path in m, making the objects on the way.
func put(m map[string]any, path string, v any) {
	parts := strings.Split(path, "/")
	for _, p := range parts[:len(parts)-1] {
		next, ok := m[p].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[p] = next
		}
		m = next
	}
	m[parts[len(parts)-1]] = v
}

// referenced returns the ids of the actors the document's steps, hand-overs and insights
// refer to.
func referenced(doc map[string]any, actors []map[string]any) map[string]bool {
	isActor := map[string]bool{}
	for _, a := range actors {
		if id, ok := a["id"].(string); ok {
			isActor[id] = true
		}
	}
	refs := map[string]bool{}
	str := func(v any) {
		if s, ok := v.(string); ok && isActor[s] {
			refs[s] = true
		}
	}
	for _, s := range asMaps(doc[keySteps]) {
		str(s["actor"])
		str(s["contactPerson"])
	}
	for _, h := range asMaps(doc[keyHandovers]) {
		str(h["responsible"])
	}
	for _, in := range asMaps(doc[keyInsights]) {
		if about, ok := in["about"].([]string); ok {
			for _, id := range about {
				str(id)
			}
		}
	}
	return refs
}

func asMaps(v any) []map[string]any {
	m, _ := v.([]map[string]any)
	return m
}

// cell is cells[i], or "" past the end.
func cell(cells []string, i int) string {
	if i < len(cells) {
		return cells[i]
	}
	return ""
}

// blank reports whether every cell is empty.
func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// cellRef is "Sheet!C7".
func cellRef(sheetName, ref string) string {
	if ref == "" {
		return sheetName
	}
	return sheetName + "!" + ref
}

// Locator places the JSON pointers of a document read from a workbook in the workbook.
type Locator struct {
	names     map[string]string            // sheet key -> the sheet's name in the workbook
	rows      map[string][]int             // sheet key -> the row of each element
	cols      map[string]map[string]string // sheet key -> column path -> column letters
	fieldRows map[string]int               // journey field path -> row
	nested    map[string]int               // "/actors/2/offers/1" -> the element's index on its own sheet
}

// Cell returns where pointer lies in the workbook ("Överlämningar!C7"), the row's first
// cell when the column is not in the workbook, the sheet alone for a whole list, or "".
func (l *Locator) Cell(pointer string) string {
	if l == nil || !strings.HasPrefix(pointer, "/") {
		return ""
	}
	parts := strings.Split(pointer[1:], "/")
	key := parts[0]
	s := sheetByKey(key)
	if s == nil {
		// A journey field, on the label and value sheet.
		name := l.names[keyJourney]
		if row, ok := l.fieldRows[key]; ok {
			return cellRef(name, cellName(2, row))
		}
		return name
	}
	if len(parts) >= 4 {
		// An element of a nested sheet (an actor's offer) lies on that sheet.
		if idx, ok := l.nested["/"+strings.Join(parts[:4], "/")]; ok {
			return l.Cell(fmt.Sprintf("/%s/%d/%s", parts[2], idx, strings.Join(parts[4:], "/")))
		}
	}
	name := l.names[key]
	if len(parts) < 2 {
		return name
	}
	idx, err := strconv.Atoi(parts[1])
	rows := l.rows[key]
	if err != nil || idx < 0 || idx >= len(rows) {
		return name
	}
	row := rows[idx]
	rest := strings.Join(parts[2:], "/")
	best := ""
	for path := range l.cols[key] {
		if (rest == path || strings.HasPrefix(rest, path+"/")) && len(path) > len(best) {
			best = path
		}
	}
	if best == "" {
		return cellRef(name, "A"+strconv.Itoa(row))
	}
	return cellRef(name, l.cols[key][best]+strconv.Itoa(row))
}

// Locate returns err with the cell of each violation that has a pointer and no cell
// yet; other errors come back as they are.
func (l *Locator) Locate(err error) error {
	var e *journeys.Error
	if l == nil || !errors.As(err, &e) || len(e.Violations) == 0 {
		return err
	}
	out := *e
	out.Violations = make([]journeys.Violation, len(e.Violations))
	for i, v := range e.Violations {
		if v.Cell == "" && v.Pointer != "" {
			v.Cell = l.Cell(v.Pointer)
		}
		out.Violations[i] = v
	}
	return &out
}
