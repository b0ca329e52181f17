package imports_test

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/glapp/glapp/imports"
)

// spoolFiles lists the spool files in the temporary directory.
func spoolFiles(t *testing.T) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(os.TempDir(), imports.SpoolPrefix+"*"))
	if err != nil {
		t.Fatal(err)
	}
	return names
}

func TestSpoolLeavesNoFileBehind(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	f, size, release, err := imports.Spool(strings.NewReader("Anna 19121212-1212 sa"))
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	if names := spoolFiles(t); len(names) != 0 {
		t.Errorf("while the import runs, the spool is on disk as %v; want it unlinked", names)
	}
	b, err := io.ReadAll(io.NewSectionReader(f, 0, size))
	if err != nil || string(b) != "Anna 19121212-1212 sa" {
		t.Fatalf("read back %q, %v; want the upload", b, err)
	}
}

func TestSweepSpool(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	for _, name := range []string{imports.SpoolPrefix + "123", imports.SpoolPrefix + "456", "other-file"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("left by a crash"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	n, err := imports.SweepSpool()
	if err != nil || n != 2 {
		t.Fatalf("SweepSpool() = %d, %v; want 2 removed", n, err)
	}
	if names := spoolFiles(t); len(names) != 0 {
		t.Errorf("after the sweep: %v; want no spool files", names)
	}
	if _, err := os.Stat(filepath.Join(dir, "other-file")); err != nil {
		t.Errorf("the sweep removed a file that is not a spool file: %v", err)
	}
}
