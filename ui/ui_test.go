package ui_test

import (
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/glapp/glapp/ui"
)

func TestHandler_ServesPageWithCSP(t *testing.T) {
	for _, path := range []string{"/ui/", "/ui/app.js", "/ui/app.css", "/ui/diagram.css"} {
		rec := httptest.NewRecorder()
		ui.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != http.StatusOK {
			t.Errorf("GET %s = %d; want 200", path, rec.Code)
		}
		csp := rec.Header().Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self'") || !strings.Contains(csp, "style-src 'self'") {
			t.Errorf("GET %s: Content-Security-Policy = %q; want scripts and styles from 'self' only", path, csp)
		}
	}
}

// The content security policy refuses inline scripts and styles; this catches them before
// a browser does, and catches references to files that do not exist.
func TestStatic_NoInlineCodeAndNoMissingFiles(t *testing.T) {
	inline := []*regexp.Regexp{
		regexp.MustCompile(`<script(\s[^>]*)?>[^<\s]`), // a script with a body
		regexp.MustCompile(`<style`),
		regexp.MustCompile(`\sstyle=`),
		regexp.MustCompile(`\son[a-z]+=`), // onclick= and friends
		regexp.MustCompile(`javascript:`),
	}
	refs := regexp.MustCompile(`(?:src|href)="([^"#:]+)"|from "\./([^"]+)"`)
	err := filepath.WalkDir("static", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		ext := filepath.Ext(path)
		if ext != ".html" && ext != ".js" {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		text := string(data)
		if ext == ".html" {
			for _, re := range inline {
				if loc := re.FindStringIndex(text); loc != nil {
					t.Errorf("%s has inline code or style the CSP refuses: %q", path, text[loc[0]:min(loc[1]+30, len(text))])
				}
			}
		}
		for _, m := range refs.FindAllStringSubmatch(text, -1) {
			ref := m[1] + m[2]
			if _, err := os.Stat(filepath.Join("static", ref)); err != nil {
				t.Errorf("%s refers to %q, which is not in static/", path, ref)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
