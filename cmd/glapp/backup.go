package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/glapp/glapp/graph/embedded"
	"github.com/glapp/glapp/journeys"
)

// defaultURL is where "glapp backup" looks for the server when GLAPP_URL is not set: the
// address glapp serve listens on by default, from the same machine.
const defaultURL = "http://127.0.0.1:8080"

// beforeRestoreSuffix names the store "glapp restore --force" replaced, kept beside it.
const beforeRestoreSuffix = ".before-restore"

// backupCmd runs "glapp backup --to FILE": it asks a running server for a copy of its
// store (GET /api/v1/backup), writes it to a temporary file next to FILE, and puts it in
// FILE's place only once the whole copy has arrived and passes the store's check, so
// that a cut or broken backup never replaces a good one.
func backupCmd(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	fs := newFlagSet("backup", "", "copy the store of a running glapp serve into --to FILE, online, and check the copy; the server is GLAPP_URL and the admin token GLAPP_TOKEN")
	to := fs.String("to", "", "file to write the backup to (required); an existing directory gets the server's dated file name")
	base := fs.String("url", envString(getenv, "GLAPP_URL", defaultURL), "the server's base URL (GLAPP_URL)")
	token := fs.String("token", "", "an admin token; prefer GLAPP_TOKEN, since other users can read a flag in the process list")
	if help, err := parseFlags(fs, args, stdout); help || err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef(fs.Name(), "backup takes no arguments, got %q", fs.Args())
	}
	if *to == "" {
		return usagef(fs.Name(), "backup needs --to FILE, the file to write the backup to")
	}
	if *token == "" {
		*token = getenv("GLAPP_TOKEN")
	}
	if *token == "" {
		return usagef(fs.Name(), "backup needs an admin token: set GLAPP_TOKEN (or pass --token)")
	}
	u, err := url.Parse(*base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return usagef(fs.Name(), "the server URL %q is not an http:// or https:// URL; set GLAPP_URL or --url, e.g. %s", *base, defaultURL)
	}
	endpoint := strings.TrimSuffix(u.String(), "/") + "/api/v1/backup"

	target := *to
	intoDir := false
	if info, err := os.Stat(target); err == nil && info.IsDir() {
		intoDir = true
	}
	dir := target
	if !intoDir {
		dir = filepath.Dir(target)
	}
	tmp, err := os.MkdirTemp(dir, ".glapp-backup-")
	if err != nil {
		return fmt.Errorf("make a temporary directory next to %s: %w", target, err)
	}
	defer os.RemoveAll(tmp)

	name, n, err := fetchBackup(ctx, endpoint, *token, filepath.Join(tmp, embedded.FileName))
	if err != nil {
		return err
	}
	r, err := checkStoreFile(ctx, tmp)
	if err != nil {
		return fmt.Errorf("the backup from %s does not pass the store's check, so it was not written to %s: %w", u.Redacted(), target, err)
	}
	if intoDir {
		target = filepath.Join(target, name)
	}
	if err := os.Rename(filepath.Join(tmp, embedded.FileName), target); err != nil {
		return fmt.Errorf("put the backup in place: %w", err)
	}
	if err := syncDir(filepath.Dir(target)); err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "backed up %d bytes from %s to %s; checked: %s\n", n, u.Redacted(), target, counts(r))
	return err
}

// backupClient waits a bounded time for the server to connect and answer, and no limit
// for the copy itself, which grows with the store; the server cuts off a stalled one.
var backupClient = &http.Client{Transport: &http.Transport{
	Proxy:                 http.ProxyFromEnvironment,
	DialContext:           (&net.Dialer{Timeout: 10 * time.Second}).DialContext,
	TLSHandshakeTimeout:   10 * time.Second,
	ResponseHeaderTimeout: time.Minute,
}}

// fetchBackup downloads the backup at endpoint into path, synced to disk, and returns
// the file name the server suggests and the bytes written. It fails unless every byte
// the server announced arrived.
func fetchBackup(ctx context.Context, endpoint, token, path string) (name string, n int64, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, endpoint, nil)
	if err != nil {
		return "", 0, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Accept", "application/octet-stream, application/problem+json")
	resp, err := backupClient.Do(req)
	if err != nil {
		return "", 0, fmt.Errorf("cannot reach the Glapp server (check GLAPP_URL or --url, and that glapp serve runs there): %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", 0, refusal(resp)
	}
	name = "glapp-backup.db"
	if _, params, err := mime.ParseMediaType(resp.Header.Get("Content-Disposition")); err == nil && params["filename"] != "" && filepath.Base(params["filename"]) == params["filename"] {
		name = params["filename"]
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600) // it holds everything the store holds
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	n, err = io.Copy(f, resp.Body)
	switch {
	case err != nil:
		return "", n, fmt.Errorf("the backup was cut off after %d bytes: %w", n, err)
	case resp.ContentLength >= 0 && n != resp.ContentLength:
		return "", n, fmt.Errorf("the backup was cut off after %d of %d bytes", n, resp.ContentLength)
	}
	if err := f.Sync(); err != nil {
		return "", n, fmt.Errorf("write the backup: %w", err)
	}
	if err := f.Close(); err != nil {
		return "", n, fmt.Errorf("write the backup: %w", err)
	}
	return name, n, nil
}

// refusal says why the server answered a backup request with resp, from its problem
// body, with what to do about a token it did not take.
func refusal(resp *http.Response) error {
	var p struct{ Detail, Code string }
	_ = json.NewDecoder(io.LimitReader(resp.Body, 64<<10)).Decode(&p)
	msg := fmt.Sprintf("the server refused the backup: %s", resp.Status)
	if p.Detail != "" {
		msg += ": " + p.Detail
	}
	switch resp.StatusCode {
	case http.StatusUnauthorized, http.StatusForbidden:
		msg += " (GLAPP_TOKEN must be an admin token of this server)"
	case http.StatusNotFound:
		msg += " (is GLAPP_URL the base URL of a Glapp server recent enough to take backups?)"
	}
	return errors.New(msg)
}

// restoreCmd runs "glapp restore --from FILE": it puts a backup in place as the store of
// a data directory whose server is stopped. It checks the copy it made before putting it
// in place, refuses to replace a store without --force, and keeps the one it replaces.
func restoreCmd(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	fs := newFlagSet("restore", "", "put a backup (glapp backup) in place as the embedded store in --data-dir, after checking it; the server must be stopped")
	from := fs.String("from", "", "the backup file to restore (required)")
	dataDir := fs.String("data-dir", envString(getenv, "GLAPP_DATA_DIR", "./data"), "directory of the embedded store to restore into (GLAPP_DATA_DIR)")
	force := fs.Bool("force", false, "replace the store the directory holds, keeping it as "+embedded.FileName+beforeRestoreSuffix)
	if help, err := parseFlags(fs, args, stdout); help || err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef(fs.Name(), "restore takes no arguments, got %q", fs.Args())
	}
	if *from == "" {
		return usagef(fs.Name(), "restore needs --from FILE, the backup to restore")
	}
	src, err := os.Open(*from)
	if err != nil {
		return fmt.Errorf("open the backup: %w", err)
	}
	defer src.Close()
	if info, err := src.Stat(); err != nil || !info.Mode().IsRegular() {
		return fmt.Errorf("the backup %s is not a regular file", *from)
	}

	target := filepath.Join(*dataDir, embedded.FileName)
	_, err = os.Lstat(target)
	exists := err == nil
	switch {
	case err != nil && !errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("look at %s: %w", target, err)
	case exists && !*force:
		return fmt.Errorf("%s already holds a store (%s); restore replaces it only with --force, which keeps it as %s%s", *dataDir, embedded.FileName, embedded.FileName, beforeRestoreSuffix)
	case exists:
		// A damaged store may not open, which is why it is being replaced; only a
		// running server must stop the restore.
		s, err := embedded.OpenReadOnly(*dataDir)
		if errors.Is(err, embedded.ErrInUse) {
			return fmt.Errorf("stop glapp serve before restoring: %w", err)
		}
		if err == nil {
			s.Close()
		}
	}
	if err := os.MkdirAll(*dataDir, 0o700); err != nil {
		return fmt.Errorf("create data directory: %w", err)
	}
	tmp, err := os.MkdirTemp(*dataDir, ".glapp-restore-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if err := copyFile(src, filepath.Join(tmp, embedded.FileName)); err != nil {
		return fmt.Errorf("copy the backup into %s: %w", *dataDir, err)
	}
	if err := raiseStamps(ctx, tmp); err != nil {
		return fmt.Errorf("%s cannot be opened as a store, so nothing was restored: %w", *from, err)
	}
	// Check the copy, not the original: it is what the server will open.
	r, err := checkStoreFile(ctx, tmp)
	if err != nil {
		return fmt.Errorf("%s does not pass the store's check, so nothing was restored: %w", *from, err)
	}
	kept := ""
	if exists {
		kept = target + beforeRestoreSuffix
		if err := os.Rename(target, kept); err != nil {
			return fmt.Errorf("move the store aside: %w", err)
		}
	}
	if err := os.Rename(filepath.Join(tmp, embedded.FileName), target); err != nil {
		if kept != "" {
			_ = os.Rename(kept, target)
		}
		return fmt.Errorf("put the backup in place: %w", err)
	}
	if err := syncDir(*dataDir); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "restored %s into %s; checked: %s\n", *from, target, counts(r))
	if kept != "" {
		fmt.Fprintf(stdout, "the store it replaced is kept as %s\n", kept)
	}
	if getenv("NEO4J_URI") != "" {
		fmt.Fprintln(stdout, "note: NEO4J_URI is set, so glapp serve uses Neo4j, not this embedded store")
	}
	return nil
}

// raiseStamps lifts the stamps of the store in dir to the clock, so that the tags the
// restored store issues are newer than any the replaced one gave out (see
// embedded.Store.RaiseStamps).
func raiseStamps(ctx context.Context, dir string) error {
	s, err := embedded.Open(dir)
	if err != nil {
		return err
	}
	if err := s.RaiseStamps(ctx, time.Now().UnixNano()); err != nil {
		s.Close()
		return err
	}
	return s.Close()
}

// checkStoreFile opens the store in dir read-only and runs its Check, and fails unless
// it is a sound Glapp store.
func checkStoreFile(ctx context.Context, dir string) (*journeys.CheckResult, error) {
	s, err := embedded.OpenReadOnly(dir)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	r, err := s.Check(ctx)
	if err != nil {
		return nil, err
	}
	if !r.Sound() {
		return nil, fmt.Errorf("%d problems, the first: %s", len(r.Problems)+r.Omitted, r.Problems[0])
	}
	return r, nil
}

// counts says a check's tallies on one line.
func counts(r *journeys.CheckResult) string {
	parts := make([]string, 0, len(r.Counts))
	for _, c := range r.Counts {
		parts = append(parts, fmt.Sprintf("%d %s", c.N, c.Name))
	}
	return strings.Join(parts, ", ")
}

// copyFile copies src into a new file at path, readable by the owner only, synced to
// disk.
func copyFile(src io.Reader, path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := io.Copy(f, src); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	return f.Close()
}

// syncDir makes a rename in dir durable: the directory entry is on disk once it returns.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}
