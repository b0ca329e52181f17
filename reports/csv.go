package reports

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/glapp/glapp/journeys/gaps"
)

// csvHeader names the CSV columns. They are stable identifiers for spreadsheets and
// scripts, so they stay in English whatever the language of the explanations.
var csvHeader = []string{
	"severity", "rule", "category", "journey", "stage", "from", "to", "actor",
	"subject", "path", "explanation", "evidence", "baseSeverity", "modifiers", "triage", "fingerprint",
	"severityReason", // last, so that the columns before it keep their places
}

// unknownsCSVHeader names the columns of the unknowns CSV: one row per unknown field.
var unknownsCSVHeader = []string{"journey", "stage", "element", "subject", "name", "field", "question"}

// WriteCSV writes findings as CSV, one row per finding under a header row, with the
// explanation in lang ("en" for English, Swedish otherwise). Lists of ids are separated by
// spaces, actors are given by name, and evidence by its count; a subject or
// path cut to its ends shows "…" where ids are left out.
//
// Spreadsheets run a cell that starts with =, +, -, @ or a control character as a
// formula, and names and titles come from users, so such cells are written with a leading
// apostrophe, which spreadsheets show as text.
//
// When ctx is done it stops and returns ctx's error, having written part of the rows.
func WriteCSV(ctx context.Context, w io.Writer, findings []gaps.Finding, lang string) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	for i := range findings {
		if err := stopped(ctx, i); err != nil {
			return err
		}
		if err := cw.Write(csvRow(&findings[i], lang)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteSinceCSV writes a report read against a baseline as WriteCSV does, with one more
// column, since (new, persisting or resolved), and the resolved findings after the
// others.
func WriteSinceCSV(ctx context.Context, w io.Writer, findings, resolved []gaps.Finding, lang string) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(append(slices.Clone(csvHeader), "since")); err != nil {
		return err
	}
	for i, f := range slices.Concat(findings, resolved) {
		if err := stopped(ctx, i); err != nil {
			return err
		}
		if err := cw.Write(append(csvRow(&f, lang), string(f.Since))); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteUnknownsCSV writes the unknowns of each journey as CSV, one row per unknown field
// of a step or hand-over with the question that would settle it, in lang, under a header
// row: a spreadsheet of the next interview's questions, to sort and share out. Cells are
// defused as in WriteCSV. When ctx is done it stops and returns ctx's error, having
// written part of the rows.
func WriteUnknownsCSV(ctx context.Context, w io.Writer, js []gaps.JourneyUnknowns, lang string) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(unknownsCSVHeader); err != nil {
		return err
	}
	seen := 0
	for _, j := range js {
		for _, u := range j.Unknowns {
			if err := stopped(ctx, seen); err != nil {
				return err
			}
			seen++
			for k, field := range u.Fields {
				row := []string{j.Journey.ID, u.Stage, string(u.Element), u.Subject, u.Name.In(lang), field, u.Questions[k].In(lang)}
				for i, cell := range row {
					row[i] = defuseFormula(cell)
				}
				if err := cw.Write(row); err != nil {
					return err
				}
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

func csvRow(f *gaps.Finding, lang string) []string {
	var from, to, actor, triage string
	if f.Actors != nil {
		from, to = f.Actors.From.Name, f.Actors.To.Name
	}
	if f.Actor != nil {
		actor = f.Actor.Name
	}
	if f.Triage != nil {
		triage = string(f.Triage.Status)
	}
	mods := make([]string, len(f.Modifiers))
	for i, m := range f.Modifiers {
		mods[i] = fmt.Sprintf("%s%+d", m.Kind, m.Change)
	}
	row := []string{
		string(f.Severity), string(f.Rule), string(f.Category), f.Journey, f.Stage, from, to, actor,
		idList(f.Subject, f.SubjectLength), idList(f.Path, f.PathLength), f.Explanation.In(lang),
		strconv.Itoa(f.EvidenceCount), string(f.BaseSeverity), strings.Join(mods, " "), triage, f.Fingerprint,
		f.SeverityReason.In(lang),
	}
	for i, cell := range row {
		row[i] = defuseFormula(cell)
	}
	return row
}

// idList joins ids with spaces; a list cut to its ends (length set) gets "…" between
// them, so that a reader sees ids are left out.
func idList(ids []string, length int) string {
	if length == 0 {
		return strings.Join(ids, " ")
	}
	k := len(ids) / 2
	return strings.Join(ids[:k], " ") + " … " + strings.Join(ids[k:], " ")
}

// defuseFormula makes a cell that a spreadsheet would run as a formula read as text.
func defuseFormula(cell string) string {
	if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
		return "'" + cell
	}
	return cell
}
