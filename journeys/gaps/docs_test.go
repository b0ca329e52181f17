package gaps

import (
	"os"
	"regexp"
	"testing"
)

// ruleHeading matches a section heading that names a rule by its id: ## `unowned_handover`.
var ruleHeading = regexp.MustCompile("(?m)^##\\s+`([a-z_]+)`\\s*$")

// TestEveryRuleDocumented fails when a rule of the catalogue (the list Rules returns and
// /api/v1/rules serves) has no section in docs/gap-rules.md, or when that page has a
// section for a rule the engine does not know, so that the docs and the engine cannot
// drift apart.
func TestEveryRuleDocumented(t *testing.T) {
	page, err := os.ReadFile("../../docs/gap-rules.md")
	if err != nil {
		t.Fatalf("read the rules page: %v", err)
	}
	documented := map[Rule]bool{}
	for _, m := range ruleHeading.FindAllStringSubmatch(string(page), -1) {
		r := Rule(m[1])
		if _, ok := r.Info(); !ok {
			t.Errorf("docs/gap-rules.md has a section for %q, which is not a rule of the engine", r)
		}
		if documented[r] {
			t.Errorf("docs/gap-rules.md has two sections for %q", r)
		}
		documented[r] = true
	}
	for _, info := range Rules() {
		if !documented[info.Rule] {
			t.Errorf("rule %q has no section in docs/gap-rules.md (a heading \"## `%s`\")", info.Rule, info.Rule)
		}
	}
}
