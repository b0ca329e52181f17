package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestJourneyExportImport exports a demo journey as a workbook with glapp journey export,
// imports it back unchanged (the same version), and shows the cell of a broken
// reference when the workbook is edited.
func TestJourneyExportImport(t *testing.T) {
	ts := startServer(t, "", nil, "--demo")
	env := map[string]string{"GLAPP_URL": ts.URL, "GLAPP_TOKEN": ts.Token}
	file := filepath.Join(t.TempDir(), "resa.xlsx")
	id := "barn-nulage"
	status, out, errOut := glappEnv(t, env, "journey", "export", "--project", "demo", "--journey", id, "--out", file)
	if status != 0 || !strings.Contains(out, "wrote "+file+" (version 1,") {
		t.Fatalf("export = %d %q %q", status, out, errOut)
	}
	status, out, errOut = glappEnv(t, env, "journey", "import", "--project", "demo", "--journey", id, "--in", file)
	if status != 0 || out != "journey written at version 1\n" {
		t.Fatalf("import = %d %q %q; want version 1, unchanged", status, out, errOut)
	}

	f, err := excelize.OpenFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellStr("Steg", "D3", "ingen"); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	status, _, errOut = glappEnv(t, env, "journey", "import", "--project", "demo", "--journey", id, "--in", file)
	if status != 1 || !strings.Contains(errOut, "Steg!D3 /steps/1/actor:") {
		t.Fatalf("import of a broken reference = %d %q; want exit 1 naming Steg!D3", status, errOut)
	}

	// JSON goes the same way.
	jsonFile := filepath.Join(t.TempDir(), "resa.json")
	if status, out, errOut = glappEnv(t, env, "journey", "export", "--project", "demo", "--journey", id, "--format", "json", "--out", jsonFile); status != 0 {
		t.Fatalf("export --format json = %d %q %q", status, out, errOut)
	}
	if status, out, errOut = glappEnv(t, env, "journey", "import", "--project", "demo", "--journey", id, "--format", "json", "--in", jsonFile); status != 0 || out != "journey written at version 1\n" {
		t.Fatalf("import --format json = %d %q %q; want version 1, unchanged", status, out, errOut)
	}

	if status, _, errOut = glappEnv(t, env, "journey", "export", "--project", "demo"); status != 2 {
		t.Errorf("export without --journey = %d %q; want 2", status, errOut)
	}
	if _, err := os.Stat(file); err != nil {
		t.Fatal(err)
	}
}
