package gaps

import (
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"regexp"
	"slices"
	"strconv"
	"testing"

	"github.com/glapp/glapp/demo"
	"github.com/glapp/glapp/journeys"
)

// TestRuleRegistry fails when a gap rule is missing from a place that names rules and
// cannot be derived from the catalogue: the Rule constants, the finders, and the summary
// table of docs/gap-rules.md (its sections are checked by TestEveryRuleDocumented).
func TestRuleRegistry(t *testing.T) {
	var want []string
	for _, r := range Rules() {
		want = append(want, string(r.Rule))
	}
	check := func(place string, got []string) {
		t.Helper()
		slices.Sort(got)
		if w := slices.Sorted(slices.Values(want)); !slices.Equal(got, w) {
			t.Errorf("%s has rules %v; the catalogue has %v", place, got, w)
		}
	}
	var finderRules []string
	for r := range maps.Keys(finders) {
		finderRules = append(finderRules, string(r))
	}
	check("finders", finderRules)
	check("the Rule constants", ruleConstants(t))

	page, err := os.ReadFile("../../docs/gap-rules.md")
	if err != nil {
		t.Fatal(err)
	}
	var rows []string
	for _, m := range regexp.MustCompile("(?m)^\\| \\[`([a-z_]+)`\\]\\(#[a-z_]+\\) \\| ([a-z_]+) \\|").FindAllStringSubmatch(string(page), -1) {
		rows = append(rows, m[1])
		if info, ok := Rule(m[1]).Info(); ok && string(info.Category) != m[2] {
			t.Errorf("docs/gap-rules.md's table puts %s in %s; the catalogue in %s", m[1], m[2], info.Category)
		}
	}
	check("docs/gap-rules.md's table", rows)
}

// ruleConstants returns the values of the constants of type Rule in finding.go.
func ruleConstants(t *testing.T) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "finding.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	ast.Inspect(f, func(n ast.Node) bool {
		if v, ok := n.(*ast.ValueSpec); ok {
			if id, ok := v.Type.(*ast.Ident); ok && id.Name == "Rule" {
				for _, val := range v.Values {
					if lit, ok := val.(*ast.BasicLit); ok {
						s, _ := strconv.Unquote(lit.Value)
						out = append(out, s)
					}
				}
			}
		}
		return true
	})
	return out
}

// TestFindersFindTheirOwnRule runs each finder alone over the demo journeys and fails
// when one adds findings of another rule, so that the finders map cannot pair a rule
// with another rule's function.
func TestFindersFindTheirOwnRule(t *testing.T) {
	actors, err := demo.Actors()
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]journeys.Actor{}
	for _, a := range actors {
		byID[a.ID] = a
	}
	js, err := demo.Journeys()
	if err != nil {
		t.Fatal(err)
	}
	found := map[Rule]bool{}
	for i := range js {
		for rule, find := range finders {
			a := &analysis{graph: newGraph(&js[i], byID), settings: journeys.DefaultSettings()}
			find(a)
			for _, d := range a.drafts {
				if d.rule != rule {
					t.Errorf("the finder of %s added a %s finding in %s", rule, d.rule, js[i].ID)
				}
				found[rule] = true
			}
		}
	}
	if len(found) < len(finders)/2 {
		t.Errorf("only %d of %d finders found anything in the demo; the test proves little", len(found), len(finders))
	}
}
