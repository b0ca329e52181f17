package formats

import (
	"fmt"
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/glapp/glapp/journeys"
)

// Markdown notes with YAML front matter, as Obsidian (and most note tools) write them:
//
//	---
//	id: p03-vc            # optional: the note's own id, which keys the record
//	tags: [väntan, step:s1] # a list, or a string "väntan, step:s1"; "#" is optional
//	date: 2026-03-14
//	participant: Deltagare 3
//	role: patient          # patient, relative, staff, other (or anhörig, personal, ...)
//	source: int-03         # the interview or workshop; defaults to the participant
//	source_kind: interview # interview, workshop, survey, observation, document
//	kind: quote            # the insight kind; quote by default
//	status: validated
//	sentiment: -2
//	---
//	Jag fick ett telefonnummer och sen var det upp till mig. #självnavigering
//
// One file, or a zip of many (.md or .markdown; folders, macOS "__MACOSX" and "._" files
// and Obsidian's settings folder are passed over). Each note is one record: its whole
// body, front matter removed, Markdown kept as written. We do not split a note at "---"
// lines or headings, because how a note is cut is the writer's choice, and a split would
// change every record's origin whenever a paragraph moved. Obsidian's inline tags in the
// body ("#väntan", "#vård/primärvård") are codes too; "tag" and "created" are read as
// "tags" and "date" when those are absent. Unknown front matter keys are ignored.
//
// Origin is "markdown:<id>" when the front matter has one, else
// "markdown:sha256:<hash of the note's path and its body>".
//
// Memory: one note at a time, at most 4 MiB of it; a larger note is skipped.

// noteMeta is the front matter we read; yaml.Node lets a field be a string, a number,
// a date or a list, as people write them.
type noteMeta struct {
	ID          yaml.Node `yaml:"id"`
	Tags        yaml.Node `yaml:"tags"`
	Tag         yaml.Node `yaml:"tag"`
	Date        yaml.Node `yaml:"date"`
	Created     yaml.Node `yaml:"created"`
	Participant yaml.Node `yaml:"participant"`
	Role        yaml.Node `yaml:"role"`
	Source      yaml.Node `yaml:"source"`
	SourceKind  yaml.Node `yaml:"source_kind"`
	Kind        yaml.Node `yaml:"kind"`
	Status      yaml.Node `yaml:"status"`
	Sentiment   yaml.Node `yaml:"sentiment"`
}

func readMarkdown(rd *reader, r io.ReaderAt, size int64) error {
	if !isZip(r, size) {
		if size > maxEntryBytes {
			rd.skip(SkipNoteTooLarge)
			return nil
		}
		data := make([]byte, size)
		if _, err := r.ReadAt(data, 0); err != nil && err != io.EOF {
			return rd.invalid(err, "", "It could not be read.")
		}
		return readNote(rd, rd.name, data, "")
	}
	z, err := rd.openZip(r, size)
	if err != nil {
		return err
	}
	notes := 0
	for _, f := range z.File {
		ext := strings.ToLower(path.Ext(f.Name))
		if junkEntry(f.Name) || (ext != ".md" && ext != ".markdown") {
			continue
		}
		notes++
		where := fmt.Sprintf("entry %q", f.Name)
		rc, err := f.Open()
		if err != nil {
			return rd.invalid(err, where, "It could not be read.")
		}
		data, err := io.ReadAll(io.LimitReader(rc, maxEntryBytes+1))
		rc.Close()
		if err != nil {
			return rd.invalid(err, where, "It could not be read.")
		}
		if len(data) > maxEntryBytes {
			rd.skip(SkipNoteTooLarge)
			continue
		}
		if err := readNote(rd, f.Name, data, where); err != nil {
			return err
		}
	}
	if notes == 0 {
		return rd.invalid(nil, "", "The zip archive holds no Markdown notes (.md).")
	}
	return nil
}

// readNote emits the record of one note found at notePath.
func readNote(rd *reader, notePath string, data []byte, where string) error {
	text := cleanText(fromLegacy(string(data)))
	front, body, ok := splitFrontMatter(text)
	var meta noteMeta
	if ok {
		if err := yaml.Unmarshal([]byte(front), &meta); err != nil {
			if where == "" {
				where = "front matter"
			} else {
				where += ", front matter"
			}
			return rd.invalid(err, where, "It is not a YAML mapping (%v).", err)
		}
	}
	tags := nodeList(&meta.Tags)
	if meta.Tags.Kind == 0 {
		tags = nodeList(&meta.Tag)
	}
	for _, m := range inlineTag.FindAllStringSubmatch(body, -1) {
		tags = append(tags, strings.TrimRight(m[1], ":/-"))
	}
	date := scalar(&meta.Date)
	if date == "" {
		date = scalar(&meta.Created)
	}
	participant := scalar(&meta.Participant)
	src := SourceRef{Alias: participant, Date: date, ParticipantRole: parseRole(scalar(&meta.Role)),
		Kind: parseSourceKind(scalar(&meta.SourceKind))}
	switch s := scalar(&meta.Source); {
	case s != "":
		src.Origin = "markdown:" + s
	case participant != "":
		src.Origin = "markdown:participant:" + participant
	}
	rec := Record{Origin: "markdown", Text: body, Codes: tags, Date: date, Source: src,
		Kind:   journeys.InsightKind(strings.ToLower(scalar(&meta.Kind))),
		Status: journeys.InsightStatus(strings.ToLower(scalar(&meta.Status)))}
	if n, err := strconv.Atoi(scalar(&meta.Sentiment)); err == nil {
		rec.Sentiment = &n
	}
	return rd.emit(rec, scalar(&meta.ID), notePath, body)
}

// splitFrontMatter splits text into its YAML front matter and body. Front matter starts
// on the first line with "---" and ends at the next line that is "---" or "..."; without
// a closing line there is none, as in Obsidian.
func splitFrontMatter(text string) (front, body string, ok bool) {
	first, rest, found := strings.Cut(text, "\n")
	if !found || strings.TrimRight(first, " \t") != "---" {
		return "", text, false
	}
	for off := 0; off <= len(rest); {
		line, after, more := strings.Cut(rest[off:], "\n")
		if l := strings.TrimRight(line, " \t"); l == "---" || l == "..." {
			return rest[:off], strings.TrimSpace(after), true
		}
		if !more {
			break
		}
		off += len(line) + 1
	}
	return "", text, false
}

// inlineTag matches an Obsidian tag in a note's body: "#" after a space or the start of
// a line, then letters, digits, "_", "-", "/" (nested tags) and ":" (so "#step:s1"
// works), with at least one character that is not a digit ("#1" is not a tag).
var inlineTag = regexp.MustCompile(`(?:^|[\s(])#([\p{L}\p{N}_/:-]*[\p{L}_/-][\p{L}\p{N}_/:-]*)`)

// scalar returns a front matter value as a string: empty unless it is a scalar.
func scalar(n *yaml.Node) string {
	if n.Kind != yaml.ScalarNode {
		return ""
	}
	return strings.TrimSpace(n.Value)
}

// nodeList returns tags written as a list or as one string of tags separated by commas or
// spaces, each without a leading "#".
func nodeList(n *yaml.Node) []string {
	var raw []string
	switch n.Kind {
	case yaml.SequenceNode:
		for _, c := range n.Content {
			raw = append(raw, scalar(c))
		}
	case yaml.ScalarNode:
		raw = strings.FieldsFunc(n.Value, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
	}
	var out []string
	for _, t := range raw {
		if t = strings.TrimLeft(strings.TrimSpace(t), "#"); t != "" {
			out = append(out, t)
		}
	}
	return out
}
