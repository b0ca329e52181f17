package workbook

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/glapp/glapp/journeys"
	"github.com/xuri/excelize/v2"
)

// Contents is what a workbook shows: a journey (nil for a blank template) and the
// project's actors and sources, which fill the drop-downs.
type Contents struct {
	Journey *journeys.Journey
	Actors  []journeys.Actor
	Sources []journeys.Source
	// Lang is "sv" or "en": the language of sheet names, headers and yes/no.
	Lang string
}

// MaxRows bounds the rows of one sheet, on writing (the reach of the drop-downs) and on
// reading; it is above the largest journey the stores take (journeys.DefaultLimits).
const MaxRows = 20_000

// Write writes c as an .xlsx workbook to w. Unknown (null) values are empty cells; flags
// read ja or nothing, tri-state values ja, nej or nothing.
func Write(w io.Writer, c Contents) error {
	doc, err := toMap(c.Journey)
	if err != nil {
		return err
	}
	lang := c.Lang
	if lang != "en" {
		lang = "sv"
	}
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	// Text columns are formatted as text, so that a spreadsheet keeps an id such as
	// "1-2" as typed instead of turning it into a date.
	asText, err := f.NewStyle(&excelize.Style{NumFmt: 49})
	if err != nil {
		return err
	}
	actors := actorRows(doc, c.Actors)
	tables := map[string][]map[string]any{
		keyStages:    elements(doc[keyStages]),
		keySteps:     elements(doc[keySteps]),
		keyHandovers: elements(doc[keyHandovers]),
		keyInsights:  elements(doc[keyInsights]),
		keyActors:    actors,
		keyOffers:    nestedRows(actors, keyOffers),
		keySources:   toMaps(c.Sources),
	}
	for i := range sheets {
		name := sheets[i].name(lang)
		if i == 0 {
			err = f.SetSheetName(f.GetSheetName(0), name)
		} else {
			_, err = f.NewSheet(name)
		}
		if err != nil {
			return err
		}
	}
	// The value sets go last, on a hidden sheet.
	lists, err := writeLists(f, lang)
	if err != nil {
		return err
	}
	for i := range sheets {
		s := &sheets[i]
		name := s.name(lang)
		if s.key == keyJourney {
			err = writeFields(f, s, name, doc, lang, lists, bold)
		} else {
			err = writeTable(f, s, name, tables[s.key], lang, lists, bold, asText)
		}
		if err != nil {
			return err
		}
	}
	if err := f.SetSheetVisible(listsSheet.name(lang), false); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	_, err = f.WriteTo(w)
	return err
}

// toMap turns v into its JSON form, numbers kept as written, so that columns find their
// values by JSON member path; nil gives an empty map.
func toMap(v any) (map[string]any, error) {
	m := map[string]any{}
	if v == nil || v == (*journeys.Journey)(nil) {
		return m, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	return m, dec.Decode(&m)
}

// toMaps turns each of vs into its JSON form.
func toMaps[T any](vs []T) []map[string]any {
	out := make([]map[string]any, 0, len(vs))
	for i := range vs {
		if m, err := toMap(&vs[i]); err == nil {
			out = append(out, m)
		}
	}
	return out
}

// elements returns the objects of a JSON array.
func elements(v any) []map[string]any {
	arr, _ := v.([]any)
	out := make([]map[string]any, 0, len(arr))
	for _, e := range arr {
		if m, ok := e.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

// actorRows lists the journey's actors first, marked as carried, then the project's
// other actors, so that reading the workbook back carries the same actors in the same
// order.
func actorRows(doc map[string]any, project []journeys.Actor) []map[string]any {
	rows := elements(doc[keyActors])
	seen := map[string]bool{}
	for _, r := range rows {
		r[carriedPath] = true
		id, _ := r["id"].(string)
		seen[id] = true
	}
	for _, a := range project {
		if !seen[a.ID] {
			m, err := toMap(a.WithoutServerFields())
			if err == nil {
				rows = append(rows, m)
			}
		}
	}
	return rows
}

// nestedRows lists the elements of member key of every row, in order, each naming its
// row's id under ownerPath (an offer names its actor).
func nestedRows(rows []map[string]any, key string) []map[string]any {
	var out []map[string]any
	for _, r := range rows {
		for _, e := range elements(r[key]) {
			e[ownerPath] = r["id"]
			out = append(out, e)
		}
	}
	return out
}

// lookup returns the value at a column's path in m, or nil.
func lookup(m map[string]any, path string) any {
	var v any = m
	for _, part := range strings.Split(path, "/") {
		obj, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = obj[part]
	}
	return v
}

// cellValue is what a cell shows for v under column c; nil leaves the cell empty.
func cellValue(c *column, v any, lang string) any {
	switch x := v.(type) {
	case nil:
		return nil
	case bool:
		if x {
			return yes[lang]
		}
		if c.kind == triState {
			return no[lang]
		}
		return nil
	case json.Number:
		if n, err := x.Int64(); err == nil {
			return n
		}
		return x.String()
	case []any:
		items := make([]string, len(x))
		sep := ", "
		for i, e := range x {
			items[i] = fmt.Sprint(e)
			if strings.ContainsAny(items[i], ",\n") || strings.TrimSpace(items[i]) != items[i] {
				sep = "\n"
			}
		}
		return strings.Join(items, sep)
	case string:
		if x == "" {
			return nil
		}
		return x
	}
	return fmt.Sprint(v)
}

// setCell writes v into a cell, strings always as text, never as formulas.
func setCell(f *excelize.File, sheet, cell string, v any) error {
	switch x := v.(type) {
	case nil:
		return nil
	case string:
		if len([]rune(x)) > excelize.TotalCellChars {
			return fmt.Errorf("%s!%s: text longer than a cell holds", sheet, cell)
		}
		return f.SetCellStr(sheet, cell, x)
	}
	return f.SetCellValue(sheet, cell, v)
}

// writeFields writes the journey's own fields as label and value rows.
func writeFields(f *excelize.File, s *sheet, name string, doc map[string]any, lang string, lists map[string]string, bold int) error {
	for i := range s.columns {
		c := &s.columns[i]
		row := i + 1
		if err := f.SetCellStr(name, cellName(1, row), c.header(lang)); err != nil {
			return err
		}
		if err := setCell(f, name, cellName(2, row), cellValue(c, lookup(doc, c.path), lang)); err != nil {
			return err
		}
		if err := addDropDown(f, name, cellName(2, row), c, lang, lists); err != nil {
			return err
		}
	}
	if err := f.SetColStyle(name, "A", bold); err != nil {
		return err
	}
	if err := f.SetColWidth(name, "A", "A", 28); err != nil {
		return err
	}
	return f.SetColWidth(name, "B", "B", 80)
}

// writeTable writes rows under a header row, with the drop-downs of its columns.
func writeTable(f *excelize.File, s *sheet, name string, rows []map[string]any, lang string, lists map[string]string, bold, asText int) error {
	for i := range s.columns {
		c := &s.columns[i]
		if err := f.SetCellStr(name, cellName(i+1, 1), c.header(lang)); err != nil {
			return err
		}
		for r, m := range rows {
			if err := setCell(f, name, cellName(i+1, r+2), cellValue(c, lookup(m, c.path), lang)); err != nil {
				return err
			}
		}
		col := colName(i + 1)
		if c.kind == text || c.kind == nullable || c.kind == list {
			if err := f.SetColStyle(name, col, asText); err != nil {
				return err
			}
		}
		if !s.readOnly {
			if err := addDropDown(f, name, fmt.Sprintf("%s2:%s%d", col, col, MaxRows+1), c, lang, lists); err != nil {
				return err
			}
		}
		width := 16.0
		if c.path == "text" || c.path == "title" || c.path == "name" {
			width = 40
		}
		if err := f.SetColWidth(name, col, col, width); err != nil {
			return err
		}
	}
	if err := f.SetRowStyle(name, 1, 1, bold); err != nil {
		return err
	}
	return f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

// writeLists writes every fixed value set and yes/no on the hidden lists sheet and
// returns the range of each, by its values joined with "|".
func writeLists(f *excelize.File, lang string) (map[string]string, error) {
	name := listsSheet.name(lang)
	if _, err := f.NewSheet(name); err != nil {
		return nil, err
	}
	ranges := map[string]string{}
	sets := [][]string{{yes[lang], no[lang]}}
	for _, s := range sheets {
		for _, c := range s.columns {
			if c.values != nil {
				sets = append(sets, c.values)
			}
		}
	}
	col := 0
	for _, set := range sets {
		key := strings.Join(set, "|")
		if _, ok := ranges[key]; ok {
			continue
		}
		col++
		for r, v := range set {
			if err := f.SetCellStr(name, cellName(col, r+1), v); err != nil {
				return nil, err
			}
		}
		ranges[key] = fmt.Sprintf("'%s'!$%s$1:$%s$%d", name, colName(col), colName(col), len(set))
	}
	return ranges, nil
}

// addDropDown gives the cells of sqref column c's drop-down: its value set, yes/no, or
// the ids of the sheet it refers to. Only fixed sets refuse other values: a reference may
// name what the sheet does not list yet, and the server says so when it matters.
func addDropDown(f *excelize.File, name, sqref string, c *column, lang string, lists map[string]string) error {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = sqref
	switch {
	case c.kind == list && c.values != nil:
		// A cell holds several values, which no drop-down picks: the prompt names them.
		dv.SetInput(c.header(lang), fmt.Sprintf(listMessage[lang], strings.Join(c.values, ", ")))
	case c.values != nil:
		dv.SetSqrefDropList(lists[strings.Join(c.values, "|")])
		dv.SetError(excelize.DataValidationErrorStyleStop, c.header(lang), pickMessage[lang])
	case c.kind == flag || c.kind == triState:
		dv.SetSqrefDropList(lists[yes[lang]+"|"+no[lang]])
		dv.SetError(excelize.DataValidationErrorStyleStop, c.header(lang), pickMessage[lang])
	case c.ref != "":
		target := sheetByKey(c.ref)
		dv.SetSqrefDropList(fmt.Sprintf("'%s'!$A$2:$A$%d", target.name(lang), MaxRows+1))
		dv.SetError(excelize.DataValidationErrorStyleInformation, c.header(lang), fmt.Sprintf(refMessage[lang], target.name(lang)))
	default:
		return nil
	}
	return f.AddDataValidation(name, dv)
}

// pickMessage and refMessage are what the spreadsheet says of a value not in the list:
// a fixed set refuses it, a reference only warns (the server checks it). listMessage is
// the prompt of a list cell drawn from a fixed set.
var (
	pickMessage = map[string]string{"sv": "Välj ett värde i listan.", "en": "Pick a value from the list."}
	refMessage  = map[string]string{"sv": "Finns inte på bladet %s ännu.", "en": "Not on the sheet %s yet."}
	listMessage = map[string]string{"sv": "Ett eller flera av, med komma emellan: %s", "en": "One or more of, separated by commas: %s"}
)

// cellName is the A1 name of a cell, by 1-based column and row.
func cellName(col, row int) string {
	return colName(col) + fmt.Sprint(row)
}

// colName is the letters of a 1-based column.
func colName(col int) string {
	s, _ := excelize.ColumnNumberToName(col)
	return s
}
