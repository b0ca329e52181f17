package api_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/glapp/glapp/internal/openapigen"
	"github.com/google/go-cmp/cmp"
)

// TestOpenAPIIsFresh fails when docs/openapi no longer matches the annotations in api/:
// run scripts/openapi.sh and commit the result.
func TestOpenAPIIsFresh(t *testing.T) {
	if testing.Short() {
		t.Skip("generating the OpenAPI document parses the whole module")
	}
	out := t.TempDir()
	if err := openapigen.Generate("..", out); err != nil {
		t.Fatalf("Generate() = %v", err)
	}
	for _, name := range []string{"swagger.json", "docs.go"} {
		want, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join("..", "docs", "openapi", name))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(string(want), string(got)); diff != "" {
			t.Errorf("docs/openapi/%s is stale; run scripts/openapi.sh (-generated +checked-in):\n%s", name, diff)
		}
	}
}
