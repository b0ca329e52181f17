package doclinks

import (
	"bufio"
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// root is the repository's top folder, relative to this package.
const root = "../.."

// skipDirs are folders whose Markdown is data, not docs: fixtures and installed packages.
var skipDirs = map[string]bool{"node_modules": true, "testdata": true, ".git": true}

var (
	// inlineLink matches [text](target) and ![alt](target); the target ends at the first
	// space (a title may follow) or closing parenthesis.
	inlineLink = regexp.MustCompile(`!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)`)
	// refDef matches a reference definition: [label]: target.
	refDef = regexp.MustCompile(`^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)`)
	// autoLink matches <scheme:...>.
	autoLink = regexp.MustCompile(`<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]+)>`)
	// htmlLink matches href="..." and src="..." in inline HTML.
	htmlLink = regexp.MustCompile(`(?:href|src)="([^"]+)"`)
	// codeSpan matches inline code, whose text is never a link.
	codeSpan = regexp.MustCompile("`+[^`]*`+")
	heading  = regexp.MustCompile(`^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$`)
)

// localHosts are the addresses the docs may link to for the running service.
var localHosts = map[string]bool{"127.0.0.1": true, "localhost": true}

// TestLinks checks every link in every *.md file of the repository: links with a scheme go
// only to the local service, relative links resolve to a file or folder inside the
// repository, and a #fragment of a link to a Markdown file names one of its headings.
func TestLinks(t *testing.T) {
	files := markdownFiles(t)
	if len(files) == 0 {
		t.Fatal("found no Markdown files; is root right?")
	}
	absRoot, err := filepath.Abs(root)
	if err != nil {
		t.Fatal(err)
	}
	anchors := map[string]map[string]bool{}
	anchorsOf := func(path string) map[string]bool {
		if a, ok := anchors[path]; ok {
			return a
		}
		a := headingAnchors(t, path)
		anchors[path] = a
		return a
	}
	for _, file := range files {
		rel, _ := filepath.Rel(absRoot, file)
		for _, l := range links(t, file) {
			where := rel + ":" + l.line
			target := l.target
			u, err := url.Parse(target)
			if err != nil {
				t.Errorf("%s: link %q does not parse: %v", where, target, err)
				continue
			}
			if u.Scheme != "" {
				if (u.Scheme == "http" || u.Scheme == "https") && localHosts[u.Hostname()] {
					continue
				}
				t.Errorf("%s: link %q leaves the repository; describe it in words or bring the page into docs/", where, target)
				continue
			}
			path := file
			if u.Path != "" {
				if strings.HasPrefix(u.Path, "/") {
					t.Errorf("%s: link %q is absolute; write it relative to the file", where, target)
					continue
				}
				path = filepath.Join(filepath.Dir(file), filepath.FromSlash(u.Path))
				if r, err := filepath.Rel(absRoot, path); err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
					t.Errorf("%s: link %q points outside the repository", where, target)
					continue
				}
				if _, err := os.Stat(path); err != nil {
					t.Errorf("%s: link %q points at nothing: %v", where, target, err)
					continue
				}
			}
			if u.Fragment != "" && strings.HasSuffix(path, ".md") && !anchorsOf(path)[u.Fragment] {
				t.Errorf("%s: link %q names no heading of %s", where, target, filepath.Base(path))
			}
		}
	}
}

// TestSlug pins the heading-to-anchor rule the link check relies on.
func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Access: tokens, roles, projects":  "access-tokens-roles-projects",
		"`unowned_handover`":               "unowned_handover",
		"Versions and `If-Match`":          "versions-and-if-match",
		"Åldersövergång – barn till vuxen": "åldersövergång--barn-till-vuxen",
		"[Links](x.md) and **bold**":       "links-and-bold",
	} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q; want %q", in, got, want)
		}
	}
}

// markdownFiles returns every *.md file under root outside skipDirs.
func markdownFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && skipDirs[d.Name()] {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(d.Name(), ".md") {
			abs, err := filepath.Abs(path)
			if err != nil {
				return err
			}
			files = append(files, abs)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// link is one link target and the line it is on.
type link struct{ target, line string }

// links returns the link targets in file, outside fenced code blocks and code spans.
func links(t *testing.T, file string) []link {
	t.Helper()
	var out []link
	eachLine(t, file, func(n int, line string) {
		line = codeSpan.ReplaceAllString(line, "")
		for _, re := range []*regexp.Regexp{inlineLink, refDef, autoLink, htmlLink} {
			for _, m := range re.FindAllStringSubmatch(line, -1) {
				out = append(out, link{m[1], strconv.Itoa(n)})
			}
		}
	})
	return out
}

// headingAnchors returns the anchors of file's headings as a Markdown renderer makes
// them, with -1, -2, ... for repeated headings.
func headingAnchors(t *testing.T, file string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	count := map[string]int{}
	eachLine(t, file, func(_ int, line string) {
		m := heading.FindStringSubmatch(line)
		if m == nil {
			return
		}
		s := slug(m[1])
		if n := count[s]; n > 0 {
			out[s+"-"+strconv.Itoa(n)] = true
		} else {
			out[s] = true
		}
		count[s]++
	})
	return out
}

// mdLink matches a link in a heading, whose text alone makes the anchor.
var mdLink = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)

// slug makes a heading's anchor: its text without links and markup, in lower case, with
// every character but letters, digits, '-', '_' and spaces dropped and spaces as '-'.
func slug(text string) string {
	text = mdLink.ReplaceAllString(text, "$1")
	var b strings.Builder
	for _, r := range strings.ToLower(text) {
		switch {
		case unicode.IsLetter(r), unicode.IsDigit(r), r == '-', r == '_':
			b.WriteRune(r)
		case r == ' ':
			b.WriteRune('-')
		}
	}
	return b.String()
}

// eachLine calls fn with every line of file outside fenced code blocks.
func eachLine(t *testing.T, file string, fn func(n int, line string)) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 4<<20)
	fence := ""
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		trimmed := strings.TrimLeft(line, " ")
		switch {
		case fence == "" && (strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~")):
			fence = trimmed[:3]
			continue
		case fence != "" && strings.HasPrefix(trimmed, fence):
			fence = ""
			continue
		case fence != "":
			continue
		}
		fn(n, line)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}
