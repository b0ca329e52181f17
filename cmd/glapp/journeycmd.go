package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"

	"github.com/glapp/glapp/workbook"
)

// journeyCmd runs "glapp journey export|import": a journey from a running server to a
// file and back, as JSON or as an .xlsx workbook for a workshop.
func journeyCmd(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help" || args[0] == "help") {
		_, err := fmt.Fprint(stdout, "Usage: glapp journey export|import [flags]\n\nExport a journey of a running server to a file (.xlsx or JSON) and import it back.\nRun \"glapp journey export -h\" or \"glapp journey import -h\" for the flags.\n")
		return err
	}
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		return usagef("glapp journey", "journey needs a subcommand: export or import")
	}
	export := false
	switch args[0] {
	case "export":
		export = true
	case "import":
	default:
		return usagef("glapp journey", "unknown journey subcommand %q; use export or import", args[0])
	}
	verb := "journey " + args[0]
	purpose := "write a journey of a running glapp serve to --out FILE (- for standard output), as JSON or as an .xlsx workbook; the server is GLAPP_URL and the token GLAPP_TOKEN"
	if !export {
		purpose = "write the journey in --in FILE (JSON, or an .xlsx workbook from journey export or a template) to a running glapp serve, exactly as a JSON PUT; the version the file was exported at is sent as If-Match, so a journey changed since is refused"
	}
	fs := newFlagSet(verb, "", purpose)
	project := fs.String("project", "", "the project id (required)")
	journey := fs.String("journey", "", "the journey id (required)")
	format := fs.String("format", "xlsx", "xlsx or json")
	var file, lang *string
	force := new(bool)
	if export {
		file = fs.String("out", "", "file to write (required; - for standard output)")
		lang = fs.String("lang", "sv", "language of the workbook's sheets and headers: sv or en")
	} else {
		file = fs.String("in", "", "file to read (required; - for standard input)")
		lang = new(string)
		*lang = "sv"
		force = fs.Bool("force", false, "overwrite whatever version the server holds (If-Match: *)")
	}
	base := fs.String("url", envString(getenv, "GLAPP_URL", defaultURL), "the server's base URL (GLAPP_URL)")
	token := fs.String("token", "", "a token that may read (export) or write (import) the project; prefer GLAPP_TOKEN")
	if help, err := parseFlags(fs, args[1:], stdout); help || err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		return usagef(fs.Name(), "%s takes no arguments, got %q", verb, fs.Args())
	case *project == "" || *journey == "":
		return usagef(fs.Name(), "%s needs --project and --journey", verb)
	case *format != "xlsx" && *format != "json":
		return usagef(fs.Name(), "--format must be xlsx or json, not %q", *format)
	case *lang != "sv" && *lang != "en":
		return usagef(fs.Name(), "--lang must be sv or en, not %q", *lang)
	case *file == "" && export:
		return usagef(fs.Name(), "%s needs --out FILE (- for standard output)", verb)
	case *file == "":
		return usagef(fs.Name(), "%s needs --in FILE (- for standard input)", verb)
	}
	if *token == "" {
		*token = getenv("GLAPP_TOKEN")
	}
	if *token == "" {
		return usagef(fs.Name(), "%s needs a token: set GLAPP_TOKEN (or pass --token)", verb)
	}
	u, err := url.Parse(*base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return usagef(fs.Name(), "the server URL %q is not an http:// or https:// URL; set GLAPP_URL or --url, e.g. %s", *base, defaultURL)
	}
	endpoint := strings.TrimSuffix(u.String(), "/") + "/api/v1/projects/" + url.PathEscape(*project) + "/journeys/" + url.PathEscape(*journey)
	mediaType := "application/json"
	if *format == "xlsx" {
		mediaType = workbook.MediaType
	}
	if export {
		return exportJourney(ctx, endpoint, *token, mediaType, *lang, *file, stdout)
	}
	return importJourney(ctx, endpoint, *token, mediaType, *file, *force, stdout)
}

// exportJourney fetches the journey in mediaType and writes it to file.
func exportJourney(ctx context.Context, endpoint, token, mediaType, lang, file string, stdout io.Writer) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, endpoint, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Accept", mediaType)
	req.Header.Set("Accept-Language", lang)
	resp, err := backupClient.Do(req)
	if err != nil {
		return fmt.Errorf("cannot reach the Glapp server (check GLAPP_URL or --url, and that glapp serve runs there): %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return journeyRefusal("export", resp)
	}
	if file == "-" {
		_, err = io.Copy(stdout, resp.Body)
		return err
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("the journey was cut off: %w", err)
	}
	if err := os.WriteFile(file, body, 0o600); err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "wrote %s (version %s, %d bytes)\n", file, tagVersion(resp.Header.Get("ETag")), len(body))
	return err
}

// importJourney sends the journey in file with If-Match from the version it carries.
func importJourney(ctx context.Context, endpoint, token, mediaType, file string, force bool, stdout io.Writer) error {
	var body []byte
	var err error
	if file == "-" {
		body, err = io.ReadAll(io.LimitReader(os.Stdin, 1<<30))
	} else {
		body, err = os.ReadFile(file)
	}
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, endpoint, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", mediaType)
	req.Header.Set("Accept", "application/json")
	switch v := fileVersion(body, mediaType); {
	case force:
		req.Header.Set("If-Match", "*")
	case v > 0:
		req.Header.Set("If-Match", `"`+strconv.FormatInt(v, 10)+`"`)
	}
	resp, err := backupClient.Do(req)
	if err != nil {
		return fmt.Errorf("cannot reach the Glapp server (check GLAPP_URL or --url, and that glapp serve runs there): %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusCreated {
		return journeyRefusal("import", resp)
	}
	what := "written"
	if resp.StatusCode == http.StatusCreated {
		what = "created"
	}
	fmt.Fprintf(stdout, "journey %s at version %s\n", what, tagVersion(resp.Header.Get("ETag")))
	if r := resp.Header.Get("Glapp-Redacted"); r != "" {
		fmt.Fprintf(stdout, "personal data was replaced by markers: %s\n", r)
	}
	return nil
}

// tagVersion is the journey version at the head of an ETag: a read's tag also carries the
// project's stamp and the representation ("3.1796….abc"), a write's is the version alone.
func tagVersion(etag string) string {
	v, _, _ := strings.Cut(strings.Trim(etag, `"`), ".")
	return v
}

// fileVersion is the version a journey file was exported at, or 0.
func fileVersion(body []byte, mediaType string) int64 {
	if mediaType == workbook.MediaType {
		if j, _, err := workbook.Read(body, 256<<20); err == nil {
			return j.Version
		}
		return 0
	}
	var doc struct {
		Version int64 `json:"version"`
	}
	_ = json.Unmarshal(body, &doc)
	return doc.Version
}

// journeyRefusal says why the server refused, with every violation by cell and pointer.
func journeyRefusal(what string, resp *http.Response) error {
	var p struct {
		Detail string
		Errors []struct{ Pointer, Parameter, Cell, Detail string }
	}
	_ = json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&p)
	var b strings.Builder
	fmt.Fprintf(&b, "the server refused the %s: %s", what, resp.Status)
	if p.Detail != "" {
		b.WriteString(": " + p.Detail)
	}
	for _, v := range p.Errors {
		at := strings.TrimSpace(strings.Join([]string{v.Cell, v.Pointer, v.Parameter}, " "))
		fmt.Fprintf(&b, "\n  %s: %s", at, v.Detail)
	}
	switch resp.StatusCode {
	case http.StatusPreconditionFailed:
		b.WriteString("\n(the journey changed on the server since this file was exported: export it again, or pass --force to overwrite)")
	case http.StatusPreconditionRequired:
		b.WriteString("\n(the journey exists: import a file exported from it, or pass --force to overwrite)")
	}
	return fmt.Errorf("%s", b.String())
}
