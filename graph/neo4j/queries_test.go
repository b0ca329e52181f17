package neo4j

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestQueries checks the link between the Go code and cypher/*.cypher both ways: every
// embedded file is loaded by a package variable, every variable loads a file that exists,
// and every such variable is used by the code outside its declaration. A misspelt file
// name or a statement nobody runs fails here, not in production.
func TestQueries(t *testing.T) {
	files, err := fs.Glob(cypherFiles, "cypher/*.cypher")
	if err != nil {
		t.Fatal(err)
	}
	var embedded []string
	for _, f := range files {
		embedded = append(embedded, strings.TrimPrefix(f, "cypher/"))
	}

	decls, uses := loadCalls(t)
	declared := slices.Sorted(maps.Keys(decls))
	if !slices.Equal(declared, embedded) {
		t.Errorf("load() calls name %q; cypher/ holds %q", declared, embedded)
	}
	if got := slices.Sorted(maps.Keys(loaded)); !slices.Equal(got, embedded) {
		t.Errorf("files loaded at start-up = %q; want every embedded file, %q", got, embedded)
	}
	for file, variable := range decls {
		if uses[variable] == 0 {
			t.Errorf("%s (%s) is loaded but no code runs it", variable, file)
		}
	}
}

// loadCalls parses the package's non-test files and returns the variable each load("x")
// call initialises, by file name, and how often each identifier is used outside its own
// declaration.
func loadCalls(t *testing.T) (decls map[string]string, uses map[string]int) {
	t.Helper()
	fset := token.NewFileSet()
	paths, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	decls, uses = map[string]string{}, map[string]int{}
	declIdents := map[*ast.Ident]bool{}
	var parsed []*ast.File
	for _, path := range paths {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, path, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		parsed = append(parsed, f)
		ast.Inspect(f, func(n ast.Node) bool {
			spec, ok := n.(*ast.ValueSpec)
			if !ok || len(spec.Names) != 1 || len(spec.Values) != 1 {
				return true
			}
			call, ok := spec.Values[0].(*ast.CallExpr)
			if !ok {
				return true
			}
			if fn, ok := call.Fun.(*ast.Ident); !ok || fn.Name != "load" || len(call.Args) != 1 {
				return true
			}
			lit, ok := call.Args[0].(*ast.BasicLit)
			if !ok {
				t.Errorf("%s: load() takes a string literal, so that this test can read it", fset.Position(call.Pos()))
				return true
			}
			name, err := strconv.Unquote(lit.Value)
			if err != nil {
				t.Fatal(err)
			}
			if prev, dup := decls[name]; dup {
				t.Errorf("%s is loaded twice, as %s and %s", name, prev, spec.Names[0].Name)
			}
			decls[name] = spec.Names[0].Name
			declIdents[spec.Names[0]] = true
			return true
		})
	}
	for _, f := range parsed {
		ast.Inspect(f, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && !declIdents[id] {
				uses[id.Name]++
			}
			return true
		})
	}
	return decls, uses
}

// TestSchemaStatements checks that the schema file splits into one statement per
// constraint or index, each idempotent.
func TestSchemaStatements(t *testing.T) {
	got := schemaStatements()
	want := strings.Count(code(qSchema), "IF NOT EXISTS")
	if len(got) != want || want == 0 {
		t.Fatalf("schemaStatements() = %d statements; want %d, one per IF NOT EXISTS", len(got), want)
	}
	for _, st := range got {
		if strings.Contains(st.cypher, ";") || !strings.Contains(st.cypher, "IF NOT EXISTS") || !strings.HasPrefix(st.cypher, "CREATE ") {
			t.Errorf("schema statement %s = %q; want one CREATE ... IF NOT EXISTS without a semicolon", st.name, st.cypher)
		}
	}
}
